"""An embedded Oxigraph store (pyoxigraph): `oxigraph` keeps the graph in memory,
`oxigraph:/path/to/dir` keeps it on disk.

Source files are parsed by Oxigraph's own parser (`load_files`), which is 10-20x faster than
rdflib's; rdflib graphs handed to `replace` are converted quad by quad. Queries run over the
union of the named graphs, parameters are bound as Oxigraph substitutions, and results come
back as rdflib `Result` objects, so callers do not see which store answered.

Replacing is all or nothing: the new content is loaded into a fresh store (in memory, or in a
new folder beside the current one on disk) and swapped in only when every source has loaded.
On disk, DIR/samsyn-current is a symbolic link to the folder in use, replaced atomically by rename."""

from __future__ import annotations

import re

import os
import shutil
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.query import Result
from rdflib.term import Node, Variable

from .sources import Source, SourceError, oxigraph_syntax_error, parse_source, read_text
from .store import STORE_TYPES, Store, StoreError, new_dataset


#: file suffix -> Oxigraph format
OX_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE,
              ".nt": ox.RdfFormat.N_TRIPLES, ".n3": ox.RdfFormat.N3,
              ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}

#: the symbolic link, inside the store's folder, to the database folder in use
LINK = "samsyn-current"

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


# --- terms, both ways -------------------------------------------------------------------------

def to_ox(term: Node):
    """An rdflib term as an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(_bnode_id(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r} in Oxigraph")


def _bnode_id(node: BNode) -> str:
    # Oxigraph wants blank node ids that are valid N-Triples labels.
    text = str(node)
    return text if text.replace("_", "").replace("-", "").isalnum() and text[0].isalnum() else \
        "b" + uuid.uuid5(uuid.NAMESPACE_OID, text).hex


class TermConverter:
    """Oxigraph terms to rdflib terms, memoised (results repeat the same IRIs and labels)."""

    def __init__(self) -> None:
        self._cache: dict = {}

    def __call__(self, term):
        if term is None:
            return None
        try:
            return self._cache[term]
        except KeyError:
            pass
        except TypeError:  # unhashable (RDF-star triple terms): convert, do not cache
            return self._convert(term)
        converted = self._cache[term] = self._convert(term)
        return converted

    def _convert(self, term):
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                return Literal(term.value)
            return Literal(term.value, datatype=URIRef(datatype))
        if isinstance(term, ox.DefaultGraph):
            return None
        raise TypeError(f"cannot convert {term!r} to rdflib")


def ox_result(answer, converter: TermConverter | None = None) -> Result:
    """An Oxigraph query answer as an rdflib Result (SELECT, ASK or CONSTRUCT/DESCRIBE)."""
    convert = converter or TermConverter()
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        graph = Graph()
        graph.addN((convert(t.subject), convert(t.predicate), convert(t.object), graph) for t in answer)
        result = Result("CONSTRUCT")
        result.graph = graph
        return result
    variables = [Variable(v.value) for v in answer.variables]
    # a solution iterates its values in the variables' order (None where unbound): 40 % faster
    # than looking each value up by name
    cache = convert._cache  # looked up inline: results repeat their terms, and a call costs more

    def rows():
        for solution in answer:
            row = {}
            for variable, value in zip(variables, solution):
                if value is not None:
                    term = cache.get(value) if not isinstance(value, ox.Triple) else None
                    row[variable] = term if term is not None else convert(value)
            yield row

    result = Result("SELECT")
    result.vars = variables
    # lazy, as rdflib's own results are: Oxigraph evaluates as the rows are read, so a reader that
    # stops at a cap stops the work (a cross join is never built whole)
    result.bindings = rows()
    return result


_LEXICAL_NOISE = re.compile(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')


def has_dataset_clause(sparql: str) -> bool:
    """True if the query has FROM or FROM NAMED (outside strings, IRIs and comments)."""
    return re.search(r"\bFROM\b", _LEXICAL_NOISE.sub(" ", sparql), re.IGNORECASE) is not None


# --- parsing source files with Oxigraph --------------------------------------------------------

def load_source(store: ox.Store, source: Source) -> None:
    """Parse one source file into its named graph of an Oxigraph store, or raise SourceError."""
    if source.path.suffix.lower() not in OX_FORMATS:
        store.extend(graph_quads(parse_source(source)))
        return
    text = read_text(source)
    fmt = OX_FORMATS[source.path.suffix.lower()]
    graph = ox.NamedNode(str(source.graph_iri))
    try:
        store.load(text, format=fmt, base_iri=str(source.graph_iri), to_graph=graph)
    except SyntaxError as error:
        raise oxigraph_syntax_error(source, error) from None
    except (OSError, ValueError, RuntimeError) as error:
        raise SourceError(source.path, str(error).splitlines()[0] if str(error) else type(error).__name__) from None


def graph_quads(graph: Graph):
    """An rdflib graph's triples as Oxigraph quads in the named graph it identifies."""
    name = ox.NamedNode(str(graph.identifier)) if isinstance(graph.identifier, URIRef) else ox.DefaultGraph()
    cache: dict = {}

    def conv(term):
        try:
            return cache[term]
        except KeyError:
            value = cache[term] = to_ox(term)
            return value

    for s, p, o in graph:
        yield ox.Quad(conv(s), conv(p), conv(o), name)


def store_folder_file(folder: Path, suffix: str) -> Path:
    """A fresh scratch file name in a store's folder (same file system as the data)."""
    return folder / f".scratch-{uuid.uuid4().hex}-{suffix}"


# --- the store ----

class _Handle:
    """What every OxigraphStore on the same folder shares: the open database, the rdflib copy."""

    def __init__(self) -> None:
        self.store: ox.Store | None = None
        self.dataset: Dataset | None = None
        self.lock = threading.Lock()  # swapping the store in
        self.writing = threading.Lock()  # one load at a time
        self.foreign = False


_OPEN: weakref.WeakValueDictionary[Path, _Handle] = weakref.WeakValueDictionary()
_OPEN_LOCK = threading.Lock()


class OxigraphStore(Store):
    """pyoxigraph's Store behind samsyn's Store interface."""

    def __init__(self, spec: str = "oxigraph"):
        self.spec = spec
        path = spec.split(":", 1)[1] if ":" in spec else ""
        self.path: Path | None = Path(path).expanduser().resolve() if path else None
        if self.path is None:
            self._h = _Handle()
            self._h.store = ox.Store()
            return
        with _OPEN_LOCK:  # one RocksDB handle per folder and process, shared by every OxigraphStore on it
            handle = _OPEN.get(self.path)
            if handle is None:
                handle = _Handle()
                self._h = handle
                handle.store = self._open_disk()
                _OPEN[self.path] = handle
            self._h = handle

    # on disk: DIR/samsyn-current -> DIR/data-<id>
    def _open_disk(self) -> ox.Store:
        assert self.path is not None
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            current = self.path / LINK
            if not current.exists() and (self.path / "CURRENT").is_file() and not current.is_symlink():
                # an Oxigraph (RocksDB) database made by another tool: open it as it is
                self._h.foreign = True
                return ox.Store(str(self.path))
            if not current.exists():
                if current.is_symlink():  # dangling: its folder went away
                    current.unlink()
                first = self.path / f"data-{uuid.uuid4().hex}"
                first.mkdir()
                self._swap_link(first)
            self._remove_stale()
            return ox.Store(str(current.resolve()))
        except OSError as error:
            raise StoreError(f"cannot open the Oxigraph store at {self.path}: {error}") from None

    def _swap_link(self, target: Path) -> None:
        assert self.path is not None
        tmp = self.path / f".current-{uuid.uuid4().hex}"
        os.symlink(target.name, tmp)
        os.replace(tmp, self.path / LINK)

    def _remove_stale(self) -> None:
        assert self.path is not None
        live = (self.path / LINK).resolve().name
        for child in self.path.iterdir():
            if child.name.startswith("data-") and child.name != live:
                shutil.rmtree(child, ignore_errors=True)

    def _fresh(self) -> tuple[ox.Store, Path | None]:
        if self._h.foreign:
            raise StoreError(f"{self.path} is an Oxigraph database samsyn did not make: samsyn only "
                             "queries it; to build into a store, give a new or empty folder")
        if self.path is None:
            return ox.Store(), None
        folder = self.path / f"data-{uuid.uuid4().hex}"
        return ox.Store(str(folder)), folder

    def _commit(self, fresh: ox.Store, folder: Path | None) -> None:
        if folder is not None:
            fresh.flush()  # (optimize() would add 30 % to the load and speed no query up)
        with self._h.lock:
            if folder is not None:
                self._swap_link(folder)
            old, self._h.store, self._h.dataset = self._h.store, fresh, None
        del old
        if folder is not None:
            self._remove_stale()

    def _abandon(self, fresh: ox.Store, folder: Path | None) -> None:
        del fresh
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def _load_into_fresh(self, fill: Callable[[ox.Store], None]) -> None:
        with self._h.writing:
            fresh, folder = self._fresh()
            try:
                fill(fresh)
            except BaseException:
                self._abandon(fresh, folder)
                raise
            self._commit(fresh, folder)

    # --- Store interface ---
    def replace(self, graphs: Iterable[Graph]) -> None:
        def fill(store: ox.Store) -> None:
            for graph in graphs:
                store.extend(graph_quads(graph))
        self._load_into_fresh(fill)

    def load_files(self, sources: list[Source], progress: Callable[[Source], None] | None = None,
                   status: Callable[[str], None] | None = None) -> None:
        """Replace the content with the given source files, parsed by Oxigraph, and what samsyn
        infers from them (graph.inference); all or nothing. A file that does not parse raises
        SourceError with its line, and the store is unchanged. `status` hears "inferring"."""
        from .inference import infer

        def fill(store: ox.Store) -> None:
            for source in sources:
                if progress:
                    progress(source)
                load_source(store, source)
            if status:
                status("inferring")
            infer(store)

        if self.path is None:
            self._load_into_fresh(fill)
            return

        # On disk the rules would run on RocksDB (several times slower): parse and infer in
        # memory, then hand Oxigraph's bulk loader one N-Quads file.
        def fill_disk(store: ox.Store) -> None:
            scratch = ox.Store()
            fill(scratch)
            dump = store_folder_file(self.path, "load.nq")
            try:
                scratch.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
                del scratch
                store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
            finally:
                dump.unlink(missing_ok=True)
        self._load_into_fresh(fill_disk)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        store = self._h.store
        substitutions = {ox.Variable(str(k)): to_ox(v) for k, v in (bindings or {}).items()}
        # the default graph is the union of the named graphs, unless the query names its own
        # with FROM (Oxigraph would otherwise ignore the FROM)
        union = not has_dataset_clause(sparql)
        try:
            answer = store.query(sparql, use_default_graph_as_union=union,
                                 substitutions=substitutions or None)
        except RuntimeError as error:
            # Oxigraph substitutes only projected variables; bind others with VALUES instead.
            if substitutions and "projection" in str(error):
                from .store_sparql import with_values
                answer = store.query(with_values(sparql, bindings or {}), use_default_graph_as_union=union)
            else:
                raise
        return ox_result(answer)

    def dataset(self) -> Dataset:
        with self._h.lock:
            if self._h.dataset is not None:
                return self._h.dataset
            store = self._h.store
        dataset = new_dataset()
        convert = TermConverter()
        graphs: dict = {}

        def quads():
            for quad in store:
                name = quad.graph_name
                graph = graphs.get(name)
                if graph is None:
                    graph = graphs[name] = dataset.graph(convert(name)) if not isinstance(name, ox.DefaultGraph) \
                        else dataset.default_graph
                yield convert(quad.subject), convert(quad.predicate), convert(quad.object), graph

        dataset.addN(quads())
        with self._h.lock:
            if self._h.store is store:
                self._h.dataset = dataset
        return dataset

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._h.store.named_graphs() if isinstance(g, ox.NamedNode))

    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store in use, for what streams straight from it (graph.exporting)."""
        return self._h.store

    def __len__(self) -> int:
        return len(self._h.store)


STORE_TYPES["oxigraph"] = OxigraphStore
