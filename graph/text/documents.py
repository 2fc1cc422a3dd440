"""The source documents' texts (graph/data/sources/<stem>.txt) and their structure from
sources.toml: the strategy each document is, where the document proper ends (`end_line`),
and whether each page of the original starts a line with its page number (`has_pages`)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from ..sources import SourceError


def bundled_sources_dir() -> Path:
    with as_file(files("samsyn.graph").joinpath("data", "sources")) as folder:
        return Path(folder)


@dataclass(frozen=True)
class Passage:
    """One non-empty line of a document proper: its line number (1-based) and page, if any."""

    line: int
    page: int | None
    text: str


@dataclass(frozen=True)
class SourceDocument:
    stem: str
    path: Path
    title: str
    strategy: str  # the strategy's IRI
    end_line: int | None
    has_pages: bool

    def passages(self) -> Iterator[Passage]:
        """The lines of the document proper. With pages, page N runs from the line that starts
        with "N " to the line before the one starting with "N+1 "; what comes before page 1 is
        the hosting site's, not the document's."""
        lines = self.path.read_text(encoding="utf-8").split("\n")
        if self.end_line:
            lines = lines[: self.end_line]
        page = 0 if self.has_pages else None
        for number, line in enumerate(lines, start=1):
            if page is not None and line.startswith(f"{page + 1} "):
                page += 1
            if line.strip() and page != 0:
                yield Passage(number, page, line)


def source_folders(sources: Iterable[Path]) -> list[Path]:
    """Where the source texts of strategy files or folders are looked for: the folder itself (or
    the file's), a `sources` folder in it, and a `sources` folder beside it."""
    folders: list[Path] = []
    for path in sources:
        folder = path if path.is_dir() else path.parent
        folders += [folder, folder / "sources", folder.parent / "sources"]
    return folders


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def source_documents(folder: Path | None = None) -> list[SourceDocument]:
    """The documents listed in the folder's sources.toml (the bundled ones by default) whose
    text file exists; a sources.toml that does not parse is an error naming its line."""
    folder = folder or bundled_sources_dir()
    toml = folder / "sources.toml"
    if not toml.is_file():
        return []
    try:
        entries = tomllib.loads(toml.read_text(encoding="utf-8")).get("document", [])
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise SourceError(toml, f"not valid TOML: {error}", line=int(line.group(1)) if line else None) from None
    out = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not entry.get("stem") or not entry.get("strategy_iri"):
            continue
        path = folder / f"{entry['stem']}.txt"
        if path.is_file():
            out.append(SourceDocument(str(entry["stem"]), path, str(entry.get("title") or entry["stem"]),
                                      str(entry["strategy_iri"]), _int(entry.get("end_line")),
                                      entry.get("has_pages") is True))
    return out
