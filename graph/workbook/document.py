"""A strategy's source text, to check a workbook's quotes and pages against: the document proper
and its pages as graph.documents reads them, compared with whitespace normalised."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..documents import document_at, normalise, pages


@dataclass
class QuotedText:
    text: str  # the document proper, whitespace-normalised
    pages: dict[int, str] = field(default_factory=dict)  # page number -> normalised text

    @classmethod
    def load(cls, source: str | Path) -> "QuotedText":
        """From a .txt file (its folder's sources.toml entry, if any, gives the last line and
        whether it has pages) or from the text itself (pages found by the page rule)."""
        if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                        and source.endswith(".txt") and Path(source).is_file()):
            document = document_at(Path(source))
            lines = document.lines()
            found = pages(lines) if document.meta.get("has_pages") is not False else {}
            return cls(normalise("\n".join(lines)), found)
        lines = str(source).splitlines()
        return cls(normalise("\n".join(lines)), pages(lines))

    def contains(self, quote: str) -> bool:
        return normalise(quote) in self.text

    def pages_of(self, quote: str) -> list[int]:
        wanted = normalise(quote)
        return [n for n, page in self.pages.items() if wanted in page]
