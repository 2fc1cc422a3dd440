"""Export the knowledge graph with its DCAT description: Turtle, TriG (named graphs kept),
JSON-LD and N-Triples (graph.formats.EXPORT_FORMATS).

Exports stream: the quads go from the store to the file a line at a time, and Oxigraph's
serialisers write Turtle and TriG as the quads come, as samsyn's own writer does JSON-LD (compacted
with samsyn's prefixes, one node at a time), so an export needs little memory beyond the store's,
whatever its size (never an rdflib copy of the graph).

The same input gives byte-identical output, whatever the process or the store: the quads are
written in sorted order (N-Triples lines, graph by graph for TriG and JSON-LD), sorted on disk in
runs of SORT_RUN_LINES lines that are then merged (an external merge sort), and blank nodes get
canonical labels first (RDFC-1.0, over the few quads that hold one). N-Triples and Turtle give
the union of the named graphs, each triple once.

A file is written to a scratch folder beside it (`.samsyn-export-*`, locked while in use) and
renamed over the target when complete: the target is never half written, it gets the mode a
plain open() would give it (the umask's, or the mode of the file it replaces), and what a killed
export leaves behind is removed by the next export into that folder."""

from __future__ import annotations

import fcntl
import heapq
import io
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .catalog import CATALOG_GRAPH, DCATAP, LICENSE, dcat_description
from .formats import EXPORT_FORMATS, Format
from .named_queries import lookup
from .namespaces import PREFIXES, bind_prefixes
from .rdf_terms import to_ox
from .results import JSONLD_CONTEXT, write_graph
from .store import Store
from .vocabulary import compact

#: format name -> format, for `samsyn export --format`
FORMATS: dict[str, Format] = {fmt.name: fmt for fmt in EXPORT_FORMATS}

__all__ = ["CATALOG_GRAPH", "LICENSE", "FORMATS", "dcat_description", "description", "latest_modified",
           "strategy_period", "write_export", "export", "export_file", "dcat", "write_atomic"]

#: lines sorted in memory at once (about 100 MB of N-Triples); more are sorted in runs on disk
SORT_RUN_LINES = 500_000
#: how the scratch folders of exports are named (beside the file, or in the temporary folder)
SCRATCH_PREFIX = ".samsyn-export-"
#: Oxigraph's format for each export format; N-Triples and JSON-LD are written by samsyn itself (_write_json_ld)
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}
#: the formats that keep the named graphs
QUAD_FORMATS = ("trig", "json-ld")


def latest_modified(store: Store) -> str | None:
    """The latest dcterms:modified date in samsyn's named graphs, if any."""
    latest = next(iter(lookup(store, "latest-modified")), None)
    return str(latest[0]) if latest and latest[0] is not None else None


def strategy_period(store: Store) -> tuple[str, str] | None:
    """The first and last year the strategies are valid (sam:validFrom, sam:validUntil), if known."""
    row = next(iter(lookup(store, "strategy-period")), None)
    return (str(row[0]), str(row[1])) if row and row[0] is not None and row[1] is not None else None


def description(store: Store) -> Graph:
    """The DCAT description of the store's content: the graph a build added (catalog.CATALOG_GRAPH),
    or, for a store built without it, the same description made now."""
    held = bind_prefixes(Graph(identifier=CATALOG_GRAPH))
    held.bind("dcatap", DCATAP)
    if CATALOG_GRAPH in store.graph_names():
        for triple in lookup(store, "graph-triples", graph=CATALOG_GRAPH).graph:
            held.add(triple)
        return held
    for triple in dcat_description(latest_modified(store), strategy_period(store)):
        held.add(triple)
    return held


# --- the quads, in a stable order ---------------------------------------------------------------

def _oxigraph(store: Store) -> ox.Store:
    """The store's content in Oxigraph: the store itself, or a copy of another backend's."""
    native = store.oxigraph()  # the capability, so exporting imports no backend (store.BACKENDS is lazy)
    if native is not None:
        return native
    copy = ox.Store()
    copy.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(name)) for s, p, o, name in
                store.dataset().quads((None, None, None, None)) if isinstance(name, URIRef))
    return copy


def _quads(store: Store) -> Iterator[ox.Quad]:
    """The store's named graphs, the DCAT description among them (catalog.CATALOG_GRAPH, added
    by every build; made here for a store built without it), blank nodes relabelled canonically
    (their quads come last)."""
    holder = _oxigraph(store)
    catalog = ox.NamedNode(str(CATALOG_GRAPH))
    held = any(graph == catalog for graph in holder.named_graphs())
    catalog_quads = () if held else (ox.Quad(to_ox(s), to_ox(p), to_ox(o), catalog) for s, p, o in
                                     dcat_description(latest_modified(store), strategy_period(store)))
    with_blanks = []
    for graph in holder.named_graphs():
        if not isinstance(graph, ox.NamedNode):
            continue
        for quad in holder.quads_for_pattern(None, None, None, graph):
            if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                with_blanks.append(quad)
            else:
                yield quad
    for quad in catalog_quads:
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            with_blanks.append(quad)
        else:
            yield quad
    if with_blanks:
        canonical = ox.Dataset(with_blanks)
        canonical.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        yield from canonical


def _lines(quads: Iterable[ox.Quad], keep_graphs: bool) -> Iterator[bytes]:
    """Sortable lines: the N-Triples line, after its graph's IRI where graphs are kept."""
    for quad in quads:
        triple = f"{quad.triple} .\n"
        yield (f"{quad.graph_name} {triple}" if keep_graphs else triple).encode("utf-8")


def _sorted_unique(lines: Iterable[bytes], scratch: Path) -> Iterator[bytes]:
    """The lines sorted, each once: in memory up to SORT_RUN_LINES, else merged from sorted runs
    written to `scratch`."""
    runs: list[Path] = []
    batch: set[bytes] = set()
    for line in lines:
        batch.add(line)
        if len(batch) >= SORT_RUN_LINES:
            runs.append(_write_run(sorted(batch), scratch, len(runs)))
            batch = set()
    if not runs:
        yield from sorted(batch)
        return
    if batch:
        runs.append(_write_run(sorted(batch), scratch, len(runs)))
    files = [open(run, "rb") for run in runs]  # noqa: SIM115 - closed below
    try:
        previous = None
        for line in heapq.merge(*files):
            if line != previous:
                yield line
                previous = line
    finally:
        for handle in files:
            handle.close()
        for run in runs:
            run.unlink(missing_ok=True)


def _write_run(lines: list[bytes], scratch: Path, number: int) -> Path:
    run = scratch / f"run-{number}"
    with open(run, "wb") as out:
        out.writelines(lines)
    return run


class _LineReader(io.RawIOBase):
    """Lines from an iterator, read as a binary file (for Oxigraph's parser)."""

    def __init__(self, lines: Iterator[bytes]):
        self._lines = lines
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            line = next(self._lines, None)
            if line is None:
                return 0
            self._pending = line
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _as_nquads(lines: Iterator[bytes]) -> Iterator[bytes]:
    """'<graph> s p o .' back to the N-Quads line 's p o <graph> .'."""
    for line in lines:
        graph, _, triple = line.partition(b" ")
        yield triple[:-3] + b" " + graph + b" .\n"


# --- writing -----------------------------------------------------------------------------------

def write_export(store: Store, fmt: str, output: BinaryIO, scratch: Path | None = None) -> None:
    """Stream the store's content and its DCAT description in one export format (FORMATS) to a
    binary file. `scratch` is a folder for the sort's runs (default: a temporary one)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    with _scratch_folder(Path(tempfile.gettempdir())) if scratch is None else _given(scratch) as folder:
        keep_graphs = fmt in QUAD_FORMATS
        lines = _sorted_unique(_lines(_quads(store), keep_graphs), folder)
        if fmt == "nt":
            for line in lines:
                output.write(line)
            return
        source = io.BufferedReader(_LineReader(_as_nquads(lines) if keep_graphs else lines), 1 << 16)
        parsed = ox.parse(source, ox.RdfFormat.N_QUADS if keep_graphs else ox.RdfFormat.N_TRIPLES)
        if fmt == "json-ld":
            _write_json_ld(parsed, output)
            return
        ox.serialize(parsed, output, OX_FORMATS[fmt], prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()})


def _write_json_ld(quads: Iterable[ox.Quad], output: BinaryIO) -> None:
    """JSON-LD compacted with the @context every graph samsyn writes carries (results.JSONLD_CONTEXT,
    as on the entity pages and CONSTRUCT answers), written as the quads come: they come sorted,
    graph by graph and subject by subject, so one node is held at a time, never the graph.
    (Oxigraph's serialiser writes the expanded form, without a context; rdflib's compacts only a
    graph held whole.) {"@context": …, "@graph": [{"@id": graph, "@graph": [node, …]}, …]}, a node a line."""
    output.write(b'{"@context": ' + _json(JSONLD_CONTEXT) + b',\n "@graph": [')
    graph, subject, node = None, None, None
    for quad in quads:
        if quad.graph_name != graph:
            if node is not None:
                output.write(b"\n  " + _json(node) + b"\n ]}")
            output.write(b"," if graph is not None else b"")
            graph, subject, node = quad.graph_name, None, None
            output.write(b'\n {"@id": ' + _json(_compact_id(graph)) + b', "@graph": [')
        if quad.subject != subject:
            if node is not None:
                output.write(b"\n  " + _json(node) + b",")
            subject, node = quad.subject, {"@id": _compact_id(quad.subject)}
        _add_value(node, quad.predicate, quad.object)
    if node is not None:
        output.write(b"\n  " + _json(node) + b"\n ]}")
    output.write(b"\n]}\n")


_RDF_TYPE = ox.NamedNode(str(PREFIXES["rdf"]["type"]))
_XSD_STRING = ox.NamedNode(str(PREFIXES["xsd"]["string"]))


def _add_value(node: dict, predicate: ox.NamedNode, value) -> None:
    """One property value into a node in compact form: rdf:type as @type, a single value bare, more as a list."""
    if predicate == _RDF_TYPE and isinstance(value, ox.NamedNode):
        key, item = "@type", _compact_id(value)
    else:
        key, item = _compact_id(predicate), _json_ld_value(value)
    held = node.get(key)
    if held is None:
        node[key] = item
    elif isinstance(held, list):
        held.append(item)
    else:
        node[key] = [held, item]


def _json_ld_value(term) -> object:
    if isinstance(term, ox.Literal):
        if term.language:
            value = {"@value": term.value, "@language": term.language}
            return {**value, "@direction": term.direction} if term.direction else value
        if term.datatype == _XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": _compact_id(term.datatype)}
    return {"@id": _compact_id(term)}


def _compact_id(term) -> str:
    """A prefixed name where a prefix of the context fits (never one a reader would take for an
    absolute IRI, 'p://…'), else the IRI; a blank node as _:label."""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return _compact_iri(term.value)


@lru_cache(maxsize=1 << 16)  # properties, classes and objects repeat on every node; bounded, as all caches are
def _compact_iri(iri: str) -> str:
    short = compact(iri)
    return iri if short.partition(":")[2].startswith("//") else short


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8")


def export(store: Store, fmt: str) -> bytes:
    """The store's content and its DCAT description in one export format (FORMATS), in memory
    (write_export and export_file stream instead)."""
    buffer = io.BytesIO()
    write_export(store, fmt, buffer)
    return buffer.getvalue()


def export_file(store: Store, fmt: str, path: str | Path) -> int:
    """Write the export to `path` atomically (see the module's docstring); returns its size."""
    return _write_atomically(Path(path), lambda out, folder: write_export(store, fmt, out, folder))


def _write_atomically(target: Path, write: Callable[[BinaryIO, Path], object]) -> int:
    """Write through `write(out, scratch_folder)` into a scratch folder beside the target, then
    rename over it: never half written, the umask's mode (or the replaced file's), nothing left
    by a killed run after the next. Returns the size written."""
    with _scratch_folder(target.parent) as folder:
        part = folder / "export.part"
        with os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb") as out:
            write(out, folder)
            out.flush()
            os.fsync(out.fileno())
        try:  # a file replaced keeps its mode, as when it is written over in place
            os.chmod(part, stat.S_IMODE(target.stat().st_mode))
        except FileNotFoundError:
            pass
        size = part.stat().st_size
        os.replace(part, target)
    return size


def dcat(store: Store, fmt: str) -> bytes:
    """The DCAT description alone (`description(store)`) in one export format (FORMATS)."""
    return write_graph(description(store), FORMATS[fmt].rdflib)


# --- scratch folders ------------------------------------------------------------------------------

@contextmanager
def _scratch_folder(parent: Path) -> Iterator[Path]:
    """A fresh folder in `parent`, locked (flock) while in use and removed after; scratch folders
    there that no process holds (left by a killed export) are removed first."""
    _remove_abandoned(parent)
    while True:
        folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))
        held = os.open(folder, os.O_RDONLY)
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            if os.path.samestat(os.fstat(held), os.stat(folder)):
                break  # still ours: another export's clean-up did not take it before the lock
        except FileNotFoundError:
            pass
        os.close(held)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(held)


@contextmanager
def _given(folder: Path) -> Iterator[Path]:
    yield folder


def _remove_abandoned(parent: Path) -> None:
    try:
        found = [child for child in parent.iterdir() if child.name.startswith(SCRATCH_PREFIX)]
    except OSError:
        return
    for folder in found:
        try:
            held = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # an export running now
            os.close(held)
            continue
        shutil.rmtree(folder, ignore_errors=True)
        os.close(held)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write bytes to `path` as an export is written (_write_atomically): never half written,
    in the umask's mode."""
    _write_atomically(Path(path), lambda out, _folder: out.write(data))
