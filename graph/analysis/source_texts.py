"""The source texts the quotes come from: `<stem>.txt` files, the bundled ones
(graph/data/sources/) and any in extra folders, each with what its folder's sources.toml says
about it (title, issuer, end_line, has_pages, ...). A strategy's named graph
(graph/strategies/<stem>) names its document by the same stem."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path

from ..namespaces import GRAPH

#: the named graphs of the strategies, one per document: this prefix, then the document's stem
STRATEGY_GRAPHS = str(GRAPH["strategies/"])


@dataclass
class SourceText:
    """One document's text file and its metadata from sources.toml."""

    stem: str
    path: Path
    meta: dict = field(default_factory=dict)

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def source_texts(folders: Iterable[Path] = ()) -> dict[str, SourceText]:
    """Stem -> source text, the bundled texts first, then those in `folders` (where a stem comes
    twice the first wins). A folder that is missing, or a sources.toml that does not parse, is
    passed over: a text without metadata is still a text."""
    with as_file(files("samsyn.graph").joinpath("data", "sources")) as bundled:
        searched = [Path(bundled), *(Path(folder) for folder in folders)]
    found: dict[str, SourceText] = {}
    for folder in searched:
        if not folder.is_dir():
            continue
        meta = _metadata(folder / "sources.toml")
        for path in sorted(folder.glob("*.txt")):
            if path.stem not in found:
                found[path.stem] = SourceText(path.stem, path, meta.get(path.stem, {}))
    return found


def _metadata(toml: Path) -> dict[str, dict]:
    """Stem -> metadata, from [[document]] tables with a stem or from [stem] tables."""
    if not toml.is_file():
        return {}
    try:
        parsed = tomllib.loads(toml.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError):
        return {}
    meta: dict[str, dict] = {}
    documents = parsed.get("document")
    for entry in documents if isinstance(documents, list) else []:
        if isinstance(entry, dict) and entry.get("stem"):
            meta[str(entry["stem"])] = entry
    for key, entry in parsed.items():
        if isinstance(entry, dict) and key not in meta:
            meta[key] = entry
    return meta


def source_of(graphs: Iterable[str], sources: Mapping[str, SourceText]) -> SourceText | None:
    """The source text of the first strategy graph among `graphs` that has one (an entity's
    named graphs, or the one graph a finding comes from)."""
    for graph in graphs:
        if graph.startswith(STRATEGY_GRAPHS) and graph[len(STRATEGY_GRAPHS):] in sources:
            return sources[graph[len(STRATEGY_GRAPHS):]]
    return None
