"""A strategy's source text, to check a workbook's quotes and pages against: the document proper
(the lines up to its last one) and its pages (page N runs from the line starting "N " to the line
starting "N+1 "), compared with whitespace normalised, as docs/data.md reads the documents."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class SourceDocument:
    text: str  # the document proper, whitespace-normalised
    pages: dict[int, str] = field(default_factory=dict)  # page number -> normalised text

    @classmethod
    def load(cls, source: str | Path) -> "SourceDocument":
        """From a .txt file (its sources.toml entry, if any, gives the last line and whether it has
        pages) or from the text itself (pages found by the page rule)."""
        end_line, has_pages = None, None
        if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                        and source.endswith(".txt") and Path(source).is_file()):
            path = Path(source)
            end_line, has_pages = _described(path)
            text = path.read_text(encoding="utf-8")
        else:
            text = str(source)
        lines = text.splitlines()[:end_line] if end_line else text.splitlines()
        pages = split_pages(lines) if has_pages is not False else {}
        return cls(normalise("\n".join(lines)), pages)

    def contains(self, quote: str) -> bool:
        return normalise(quote) in self.text

    def pages_of(self, quote: str) -> list[int]:
        wanted = normalise(quote)
        return [n for n, page in self.pages.items() if wanted in page]


def split_pages(lines: list[str]) -> dict[int, str]:
    """Page N runs from the line starting with "N " to before the line starting with "N+1 "."""
    starts: list[int] = []
    for number, line in enumerate(lines):
        if line.startswith(f"{len(starts) + 1} "):
            starts.append(number)
    pages = {}
    for n, start in enumerate(starts, start=1):
        end = starts[n] if n < len(starts) else len(lines)
        pages[n] = normalise("\n".join(lines[start:end]))
    return pages


def _described(path: Path) -> tuple[int | None, bool | None]:
    """The last line of the document proper and whether it has pages, from sources.toml beside it."""
    catalogue = path.with_name("sources.toml")
    if not catalogue.is_file():
        return None, None
    for entry in tomllib.loads(catalogue.read_text(encoding="utf-8")).get("document", []):
        if entry.get("stem") == path.stem:
            return entry.get("end_line"), entry.get("has_pages")
    return None, None
