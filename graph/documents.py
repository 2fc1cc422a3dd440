"""The source documents the quotes come from: `<stem>.txt` transcripts, the bundled ones
(graph/data/sources/) and those in folders beside a user's sources, each with what its folder's
sources.toml says of it (title, issuer, strategy_iri, end_line, has_pages). A strategy's named
graph (graph/strategies/<stem>) names its document by the same stem.

The document proper ends at `end_line` (what follows is the hosting site's). With `has_pages`,
page N runs from the line that starts with "N " to the line before the one starting "N+1 ", and
what comes before page 1 is not the document's (docs/data.md)."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path

from .namespaces import GRAPH
from .sources import SourceError

#: the named graphs of the strategies, one per document: this prefix, then the document's stem
STRATEGY_GRAPHS = str(GRAPH["strategies/"])

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Whitespace folded: the only difference allowed between a quote and its source."""
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True)
class Passage:
    """One non-empty line of a document proper: its line number (1-based) and page, if any."""

    line: int
    page: int | None
    text: str


def passages(lines: Sequence[str], has_pages: bool) -> Iterator[Passage]:
    """The non-empty lines, each with its page by the page rule (lines before page 1 left out)."""
    page = 0 if has_pages else None
    for number, line in enumerate(lines, start=1):
        if page is not None and line.startswith(f"{page + 1} "):
            page += 1
        if line.strip() and page != 0:
            yield Passage(number, page, line)


def pages(lines: Sequence[str]) -> dict[int, str]:
    """Page number -> its text, whitespace-normalised, by the page rule."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for passage in passages(lines, has_pages=True):
        grouped[passage.page].append(passage.text)  # type: ignore[index]
    return {number: normalise("\n".join(texts)) for number, texts in grouped.items()}


@dataclass(frozen=True, eq=False)
class SourceDocument:
    """One document's text file and what its folder's sources.toml says of it."""

    stem: str
    path: Path
    meta: Mapping[str, object] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.stem)

    @property
    def strategy(self) -> str | None:
        """The IRI of the strategy the document is, if sources.toml says."""
        iri = self.meta.get("strategy_iri")
        return str(iri) if iri else None

    @property
    def end_line(self) -> int | None:
        value = self.meta.get("end_line")
        return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None

    @property
    def has_pages(self) -> bool:
        return self.meta.get("has_pages") is True

    def text(self) -> str:
        """The whole file, the hosting site's lines after the document proper included."""
        return self.path.read_text(encoding="utf-8")

    def lines(self) -> list[str]:
        """The lines of the document proper."""
        lines = self.text().split("\n")
        return lines[: self.end_line] if self.end_line else lines

    def passages(self) -> Iterator[Passage]:
        return passages(self.lines(), self.has_pages)

    def pages(self) -> dict[int, str]:
        return pages(self.lines()) if self.has_pages else {}


def bundled_sources_dir() -> Path:
    with as_file(files("samsyn.graph").joinpath("data", "sources")) as folder:
        return Path(folder)


def source_documents(folders: Iterable[Path] = ()) -> dict[str, SourceDocument]:
    """Stem -> document, the bundled ones first, then those in `folders` (where a stem comes twice
    the first wins). Every `.txt` file is a document, with or without an entry in sources.toml;
    a missing folder is passed over, a sources.toml that does not parse is a SourceError naming
    its line."""
    found: dict[str, SourceDocument] = {}
    for folder in (bundled_sources_dir(), *(Path(folder) for folder in folders)):
        if not folder.is_dir():
            continue
        meta = _catalogue(folder / "sources.toml")
        for path in sorted(folder.glob("*.txt")):
            if path.stem not in found:
                found[path.stem] = SourceDocument(path.stem, path, meta.get(path.stem, {}))
    return found


def document_at(path: Path) -> SourceDocument:
    """The document of one `.txt` file, with what its folder's sources.toml says of it."""
    return SourceDocument(path.stem, path, _catalogue(path.parent / "sources.toml").get(path.stem, {}))


def _catalogue(toml: Path) -> dict[str, dict]:
    """Stem -> metadata, from [[document]] tables with a stem or from [stem] tables."""
    if not toml.is_file():
        return {}
    try:
        parsed = tomllib.loads(toml.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise SourceError(toml, f"not valid TOML: {error}", line=int(line.group(1)) if line else None) from None
    meta: dict[str, dict] = {}
    documents = parsed.get("document")
    for entry in documents if isinstance(documents, list) else []:
        if isinstance(entry, dict) and entry.get("stem"):
            meta[str(entry["stem"])] = entry
    for key, entry in parsed.items():
        if isinstance(entry, dict) and key not in meta:
            meta[key] = entry
    return meta


def source_of(graphs: Iterable[str], documents: Mapping[str, SourceDocument]) -> SourceDocument | None:
    """The document of the first strategy graph among `graphs` that has one (an entity's named
    graphs, or the one graph a finding comes from)."""
    for graph in graphs:
        if graph.startswith(STRATEGY_GRAPHS) and graph[len(STRATEGY_GRAPHS):] in documents:
            return documents[graph[len(STRATEGY_GRAPHS):]]
    return None


def source_folders(sources: Iterable[Path]) -> list[Path]:
    """Where the source texts of strategy files or folders are looked for: the folder itself (or
    the file's), a `sources` folder in it, and a `sources` folder beside it."""
    folders: list[Path] = []
    for path in sources:
        folder = path if path.is_dir() else path.parent
        folders += [folder, folder / "sources", folder.parent / "sources"]
    return folders
