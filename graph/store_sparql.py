"""A remote SPARQL 1.1 store: `sparql+http://host:port/path` (or `sparql+https://…`).

The path is the SPARQL query endpoint (SPARQL 1.1 Protocol). Named graphs are written through
the SPARQL 1.1 Graph Store HTTP Protocol (one PUT per graph, so loading twice gives the same
content) and swapped in with one SPARQL 1.1 Update request. Options go in the spec's query
string, credentials in the spec or in the environment:

    sparql+http://127.0.0.1:8890/sparql                      Virtuoso, anonymous (GSP at /sparql-graph-crud)
    sparql+http://dba:dba@127.0.0.1:8890/sparql              Virtuoso, digest auth (GSP at /sparql-graph-crud-auth)
    sparql+http://localhost:3030/samsyn/query                Fuseki (GSP at /samsyn/data, update at /samsyn/update)
    sparql+http://localhost:7200/repositories/samsyn         GraphDB (GSP at …/rdf-graphs/service, update at …/statements)
    sparql+http://host/sparql?gsp=/store&update=/update      anything else: say where GSP and update live

Options: `gsp=` (Graph Store endpoint, a path or a URL), `update=` (SPARQL Update endpoint; `none`
to write with GSP only, which is not atomic across graphs), `timeout=` (seconds each request may
take, default SAMSYN_SPARQL_TIMEOUT or 600; the longest is the swap, about 1.5 minutes for 3 M
triples on Virtuoso), `chunk=` (megabytes of N-Triples per Graph Store request, default 8).
Credentials: user:password in the spec, or SAMSYN_SPARQL_USER and SAMSYN_SPARQL_PASSWORD; sent
with HTTP digest or basic authentication, whichever the server asks for.

Every query names its dataset in the request (default-graph-uri and named-graph-uri, one per
samsyn graph), so the default graph is the union of samsyn's named graphs on any SPARQL 1.1
store, with no store configuration. Only the graphs under samsyn's graph namespace
(https://w3id.org/samsyn/graph/) are samsyn's: `replace` writes and drops those, never others.

How replace stays all or nothing: every source is parsed and serialised before the first
write; the new graphs are uploaded under staging names (urn:samsyn:staging:…), and one update
request then moves each onto its real name and drops samsyn graphs that are no longer there.
A failure before that request drops the staging graphs and leaves the store as it was. (While
a load runs, the staging copies are part of the endpoint's union default graph.)

Parameters are bound with a VALUES block built from the terms' `.n3()`, never by formatting
raw input into the query: at the start of the WHERE group for SELECT, ASK and CONSTRUCT
(Virtuoso 7 ignores a trailing VALUES clause in a query with MINUS and refuses one after a
CONSTRUCT), trailing for DESCRIBE. Queries run on samsyn's graphs only: the request names them
as the protocol's default-graph-uri and named-graph-uri."""

from __future__ import annotations

import codecs
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node, Variable

from .namespaces import GRAPH
from .sources import Source
from .store import STORE_TYPES, QueryDataset, Store, StoreError, new_dataset

_XSD_STRING = str(XSD.string)
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_KEYWORD = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)

#: how many bytes of N-Triples go in one Graph Store request, at most (one line may be more):
#: about 45,000 triples; Virtuoso takes each in about 0.6 s
CHUNK_MB = 8
#: seconds a request may take, unless the spec or SAMSYN_SPARQL_TIMEOUT says otherwise
TIMEOUT = 600

Status = Callable[[str], None]


def with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with a trailing VALUES clause binding the given variables, each term written
    by rdflib's `.n3()` after checking it cannot break out of the clause."""
    if not bindings:
        return sparql
    names, values = [], []
    for name, term in bindings.items():
        name = str(name)
        if not _VARNAME.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
        if isinstance(term, URIRef):
            if _IRI_BAD.search(str(term)):
                raise ValueError(f"not an IRI: {str(term)!r}")
        elif not isinstance(term, Literal):
            raise ValueError(f"only IRIs and literals can be bound, not {term!r}")
        names.append(f"?{name}")
        values.append(term.n3())
    return f"{sparql.rstrip()}\nVALUES ({' '.join(names)}) {{ ({' '.join(values)}) }}\n"


_IRI_AT = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z]+")


def _where_start(sparql: str) -> int | None:
    """Index just after the `{` that opens a SELECT, ASK or CONSTRUCT query's WHERE group (for
    CONSTRUCT: the group after the template, or the one after CONSTRUCT WHERE), or None."""
    i, n, depth, braces, form, template_done = 0, len(sparql), 0, 0, None, False
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c == "<":
            match = _IRI_AT.match(sparql, i)
            if match:
                i = match.end()
                continue
        if c in "'\"":
            quote = sparql[i:i + 3] if sparql[i:i + 3] in ("'''", '"""') else c
            i += len(quote)
            while i < n and not sparql.startswith(quote, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c.isalpha() and (form is None or (form == "CONSTRUCT" and braces == 0)):
            word = _WORD.match(sparql, i).group(0)
            if form is None and word.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word.upper()
                if form == "DESCRIBE":
                    return None
            elif form == "CONSTRUCT" and word.upper() == "WHERE":
                template_done = True  # CONSTRUCT WHERE { … } has no template of its own
            i += len(word)
            continue
        elif c == "{" and depth == 0 and form:
            if form != "CONSTRUCT" or (template_done and braces == 0):
                return i + 1
            braces += 1
        elif c == "}" and form == "CONSTRUCT" and braces:
            braces -= 1
            template_done = template_done or braces == 0
        i += 1
    return None


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with the bindings as a VALUES block at the start of its WHERE group (SELECT,
    ASK and CONSTRUCT, which is what rdflib's initBindings does), else as a trailing VALUES
    clause. Virtuoso 7 ignores a trailing VALUES clause in a query with MINUS and refuses one
    after a CONSTRUCT, hence the leading block."""
    if not bindings:
        return sparql
    block = with_values("", bindings).strip()  # checks every name and term
    start = _where_start(sparql)
    if start is None:
        return with_values(sparql, bindings)
    return f"{sparql[:start]}\n  {block}\n{sparql[start:]}"


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside comments, IRIs and strings."""
    text = re.sub(r"#[^\n]*", "", re.sub(r"<[^>\s]*>", "<>", sparql))
    text = re.sub(r'"(?:[^"\\\n]|\\.)*"' + r"|'(?:[^'\\\n]|\\.)*'", '""', text)
    match = _KEYWORD.search(text)
    return match.group(1).upper() if match else "SELECT"


def json_term(value: dict) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    lang = value.get("xml:lang")
    if lang:
        return Literal(value["value"], lang=lang)
    datatype = value.get("datatype")
    if datatype and datatype != _XSD_STRING:
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


def json_result(payload: dict) -> Result:
    """SPARQL 1.1 Query Results JSON as an rdflib Result."""
    if "boolean" in payload:
        result = Result("ASK")
        result.askAnswer = bool(payload["boolean"])
        return result
    variables = [Variable(v) for v in payload["head"].get("vars", [])]
    cache: dict = {}
    rows = []
    for binding in payload["results"]["bindings"]:
        row = {}
        for name, value in binding.items():
            key = (value.get("type"), value.get("value"), value.get("xml:lang"), value.get("datatype"))
            term = cache.get(key)
            if term is None:
                term = cache[key] = json_term(value)
            row[Variable(name)] = term
        rows.append(row)
    result = Result("SELECT")
    result.vars = variables
    result.bindings = rows
    return result


def parse_ntriples(data: bytes, graph: Graph) -> None:
    """N-Triples (or Turtle) into an rdflib graph, through Oxigraph's parser when present."""
    try:
        import pyoxigraph as ox

        from .store_oxigraph import TermConverter
    except ImportError:  # pragma: no cover - pyoxigraph is a dependency
        graph.parse(data=data, format="turtle")
        return
    convert = TermConverter()
    graph.addN((convert(t.subject), convert(t.predicate), convert(t.object), graph)
               for t in ox.parse(data, format=ox.RdfFormat.TURTLE))


def _ntriples(graph: Graph) -> bytes:
    """An rdflib graph as N-Triples (ASCII: non-ASCII escaped)."""
    return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in graph).encode("ascii")


def _nt(term: Node) -> str:
    if isinstance(term, BNode):
        return "_:b" + re.sub(r"[^A-Za-z0-9]", "", str(term))
    return _escape_non_ascii(term.n3())


def _ntriples_escape(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a character outside ASCII as an N-Triples \\u or \\U escape."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(f"\\u{ord(c):04X}" if ord(c) < 0x10000 else f"\\U{ord(c):08X}"
                   for c in error.object[error.start:error.end]), error.end


codecs.register_error("samsyn-ntriples", _ntriples_escape)


def _escape_non_ascii(text: str) -> str:
    if text.isascii():
        return text
    return text.encode("ascii", "samsyn-ntriples").decode("ascii")


def _ascii_chunks(data: bytes, size: int) -> Iterator[tuple[bytes, int]]:
    """UTF-8 N-Triples as ASCII (non-ASCII escaped, which Virtuoso reads whatever the charset),
    in pieces of about `size` bytes of the input, each cut after a line, with how many input
    bytes each stands for. Empty data is one empty piece."""
    start, n = 0, len(data)
    if not n:
        yield b"", 0
        return
    while start < n:
        end = data.find(b"\n", min(start + size, n) - 1)
        end = n if end < 0 else end + 1
        piece = data[start:end]
        if not piece.isascii():
            piece = piece.decode("utf-8").encode("ascii", "samsyn-ntriples")
        yield piece, end - start
        start = end


class SparqlHttpStore(Store):
    """A remote SPARQL 1.1 endpoint behind samsyn's Store interface."""

    def __init__(self, spec: str):
        self.spec = spec
        if not spec.startswith(("sparql+http://", "sparql+https://")):
            raise StoreError(f"bad store {spec!r}: use sparql+http://host:port/path")
        url = urllib.parse.urlsplit(spec[len("sparql+"):])
        options = dict(urllib.parse.parse_qsl(url.query))
        user = urllib.parse.unquote(url.username) if url.username else os.environ.get("SAMSYN_SPARQL_USER")
        password = urllib.parse.unquote(url.password) if url.password else os.environ.get("SAMSYN_SPARQL_PASSWORD")
        netloc = url.hostname or ""
        if ":" in netloc:
            netloc = f"[{netloc}]"
        if url.port:
            netloc += f":{url.port}"
        self.endpoint = urllib.parse.urlunsplit((url.scheme, netloc, url.path or "/", "", ""))
        self.auth = (user, password or "") if user else None
        self.timeout = _positive(options.get("timeout") or os.environ.get("SAMSYN_SPARQL_TIMEOUT") or TIMEOUT,
                                 "timeout", spec)
        self.chunk_bytes = int(_positive(options.get("chunk", CHUNK_MB), "chunk", spec) * (1 << 20))
        self.gsp = self._endpoint(options.get("gsp")) or self._derive_gsp(url.path)
        update = options.get("update")
        self.update = None if update == "none" else (self._endpoint(update) or self._derive_update(url.path))
        self._opener = self._make_opener()
        self._names: list[URIRef] | None = None
        self._dataset: Dataset | None = None
        self.display = urllib.parse.urlunsplit((url.scheme, netloc, url.path, "", ""))

    # --- endpoints ---
    def _endpoint(self, value: str | None) -> str | None:
        if not value:
            return None
        return urllib.parse.urljoin(self.endpoint, value)

    def _derive_gsp(self, path: str) -> str:
        if path.endswith("/sparql"):  # Virtuoso
            return urllib.parse.urljoin(self.endpoint, "sparql-graph-crud-auth" if self.auth else "sparql-graph-crud")
        if path.endswith(("/query", "/sparql/")):  # Fuseki: /dataset/query -> /dataset/data
            return self.endpoint.rsplit("/", 1)[0] + "/data"
        if re.search(r"/repositories/[^/]+/?$", path):  # GraphDB, RDF4J
            return self.endpoint.rstrip("/") + "/rdf-graphs/service"
        return self.endpoint

    def _derive_update(self, path: str) -> str:
        if path.endswith("/query"):
            return self.endpoint.rsplit("/", 1)[0] + "/update"
        if re.search(r"/repositories/[^/]+/?$", path):
            return self.endpoint.rstrip("/") + "/statements"
        return self.endpoint

    def _make_opener(self) -> urllib.request.OpenerDirector:
        handlers: list = []
        if self.auth:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.endpoint, self.gsp, self.update or self.endpoint}:
                manager.add_password(None, url, *self.auth)
            handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
        return urllib.request.build_opener(*handlers)

    def _request(self, method: str, url: str, data: bytes | None = None,
                 headers: dict[str, str] | None = None) -> tuple[bytes, str]:
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                if response.headers.get("X-SQL-State") == "S1TAT":
                    # Virtuoso's "anytime" answer: the query hit the server's time limit
                    # (MaxQueryExecutionTime) and the 200 carries whatever it had so far
                    raise StoreError(f"{self.display}: the store stopped the query at its own time limit "
                                     "and answered with incomplete results (Virtuoso: raise "
                                     "[SPARQL] MaxQueryExecutionTime in virtuoso.ini)")
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace").strip()
            detail = " ".join(body.split())[:400]
            raise StoreError(f"{self.display}: {method} {url.split('?')[0]} answered {error.code} "
                             f"{error.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise StoreError(f"{self.display}: {method} {url.split('?')[0]} had no answer within "
                                 f"{self.timeout:g} s; allow more with ?timeout=SECONDS in the store spec "
                                 "or SAMSYN_SPARQL_TIMEOUT") from None
            raise StoreError(f"{self.display}: cannot reach {url.split('?')[0]} ({reason})") from None

    # --- SPARQL protocol ---
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              dataset: QueryDataset | None = None) -> Result:
        """Run a query on samsyn's graphs: unless the query names its own dataset (FROM), the
        request names it with the protocol's default-graph-uri and named-graph-uri, one per
        samsyn graph, so the default graph is their union (as on Oxigraph) on any store, and a
        shared store's other graphs (Virtuoso's own system graphs, say) stay out. A `dataset`
        is passed on as those parameters."""
        return self._query(sparql, bindings, scoped=True, dataset=dataset)

    def _query(self, sparql: str, bindings: Mapping[str, Node] | None, scoped: bool,
               dataset: QueryDataset | None = None) -> Result:
        from .store_oxigraph import has_dataset_clause
        text = bind_values(sparql, bindings or {})
        form = query_form(text)
        accept = "application/sparql-results+json" if form in ("SELECT", "ASK") else \
            "application/n-triples, text/turtle;q=0.9"
        fields = [("query", text)]
        if dataset is not None:
            fields += [("default-graph-uri", name) for name in dataset.default_graphs]
            fields += [("named-graph-uri", name) for name in dataset.named_graphs]
        elif scoped and not has_dataset_clause(text):
            names = [str(name) for name in self.graph_names()] or ["urn:samsyn:no-graphs"]
            fields += [("default-graph-uri", name) for name in names] + [("named-graph-uri", name) for name in names]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        data, content_type = self._request("POST", self.endpoint, body, {
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        if form in ("SELECT", "ASK"):
            try:
                return json_result(json.loads(data))
            except (ValueError, KeyError) as error:
                raise StoreError(f"{self.display}: not SPARQL JSON results ({content_type}): {error}") from None
        graph = Graph()
        parse_ntriples(data, graph)
        result = Result(form if form == "CONSTRUCT" else "CONSTRUCT")
        result.graph = graph
        return result

    def _update(self, text: str) -> None:
        if not self.update:
            raise StoreError(f"{self.display}: no update endpoint configured")
        body = urllib.parse.urlencode({"update": text}).encode("utf-8")
        self._request("POST", self.update, body, {"Content-Type": "application/x-www-form-urlencoded"})

    # --- Graph Store Protocol ---
    def _gsp_url(self, graph: str) -> str:
        separator = "&" if "?" in self.gsp else "?"
        # Virtuoso reads graph-uri; the standard (and Fuseki, GraphDB) reads graph
        key = "graph-uri" if "sparql-graph-crud" in self.gsp else "graph"
        return f"{self.gsp}{separator}{key}={urllib.parse.quote(graph, safe='')}"

    def _put_graph(self, name: str, chunks: Iterable[bytes]) -> None:
        method = "PUT"
        for chunk in chunks:
            self._request(method, self._gsp_url(name), chunk, {"Content-Type": "text/turtle; charset=utf-8"})
            method = "POST"  # the rest of a big graph is appended

    def _get_graph(self, name: URIRef, graph: Graph) -> None:
        data, _ = self._request("GET", self._gsp_url(str(name)), None,
                                {"Accept": "application/n-triples, text/turtle;q=0.9"})
        parse_ntriples(data, graph)

    # --- Store interface ---
    # Both look-ups below read every graph and keep samsyn's here: Virtuoso answers them from its
    # graph index (0.7 s and 0.06 s for 2.9 M triples), but scans every triple with a
    # FILTER(STRSTARTS(STR(?g), …)) in the query (6-9 s).
    def graph_names(self) -> list[URIRef]:
        if self._names is None:
            # counted per graph, not SELECT DISTINCT ?g: Virtuoso answers the count from its
            # index (10 ms at 311 organisations) and scans for the DISTINCT (11 s)
            result = self._query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", None,
                                 scoped=False)
            self._names = sorted(row[0] for row in result
                                 if isinstance(row[0], URIRef) and row[0].startswith(str(GRAPH)))
        return list(self._names)

    def replace(self, graphs: Iterable[Graph], status: Status | None = None) -> None:
        self._swap_in([(URIRef(str(g.identifier)), _ntriples(g)) for g in graphs], status)

    def load_files(self, sources: list[Source], progress: Callable[[Source], None] | None = None,
                   status: Status | None = None) -> None:
        """Replace the content with the given source files and what samsyn infers from them
        (graph.inference): parsed and inferred by Oxigraph (SourceError with the line on bad
        input, before anything is written), then uploaded and swapped in. `status` hears what
        happens after parsing (inferring, uploading: megabytes so far, swapping in: seconds)."""
        import pyoxigraph as ox

        from .inference import DERIVED_GRAPHS, infer
        from .store_oxigraph import load_source
        scratch = ox.Store()
        for source in sources:
            if progress:
                progress(source)
            load_source(scratch, source)
        if status:
            status("inferring")
        infer(scratch)
        staged = [(URIRef(str(name)), scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name))))
                  for name in [source.graph_iri for source in sources] + list(DERIVED_GRAPHS)]
        del scratch
        self._swap_in(staged, status)

    def _swap_in(self, staged: list[tuple[URIRef, bytes]], status: Status | None = None) -> None:
        """Upload each (name, UTF-8 N-Triples) under a staging name, then swap them all in
        with one update request; on any failure before that, drop the staging graphs."""
        token = uuid.uuid4().hex
        temporary = [(name, URIRef(f"urn:samsyn:staging:{token}:{i}"), data)
                     for i, (name, data) in enumerate(staged)]
        total, done = sum(len(data) for _, data in staged), 0

        def upload(target: URIRef, data: bytes) -> None:
            def pieces() -> Iterator[bytes]:
                nonlocal done
                for piece, size in _ascii_chunks(data, self.chunk_bytes):
                    yield piece
                    done += size
                    if status:
                        status(f"uploading {done / 1e6:.1f} of {total / 1e6:.1f} MB")
            self._put_graph(str(target), pieces())

        if self.update is None:  # GSP only: each graph replaced on its own
            for name, _, data in temporary:
                upload(name, data)
            for old in set(self.graph_names()) - {name for name, _ in staged}:
                self._request("DELETE", self._gsp_url(str(old)))
            self._names, self._dataset = None, None
            return
        old_names = self.graph_names()
        try:
            for _, stage, data in temporary:
                upload(stage, data)
            new_names = {name for name, _ in staged}
            operations = [f"MOVE SILENT {stage.n3()} TO {name.n3()}" for name, stage, _ in temporary]
            operations += [f"DROP SILENT GRAPH {old.n3()}" for old in old_names if old not in new_names]
            with _ticking(status, f"swapping in {len(staged)} graphs (one transaction)"):
                self._update(" ;\n".join(operations))
        except BaseException:
            try:
                self._update(" ;\n".join(f"DROP SILENT GRAPH {stage.n3()}" for _, stage, _ in temporary))
            except StoreError:
                pass
            raise
        finally:
            self._names, self._dataset = None, None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            dataset = new_dataset()
            for name in self.graph_names():
                self._get_graph(name, dataset.graph(name))
            self._dataset = dataset
        return self._dataset

    def __len__(self) -> int:
        result = self._query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", None,
                             scoped=False)
        return sum(int(row[1]) for row in result if isinstance(row[0], URIRef) and row[0].startswith(str(GRAPH)))


def _positive(value: str | float, option: str, spec: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0:
        raise StoreError(f"bad store {spec!r}: {option}={value!r} is not a positive number")
    return number


class _ticking:
    """While the block runs, tell `status` the message and the seconds so far, every `every` s."""

    def __init__(self, status: Status | None, message: str, every: float = 5.0):
        self.status, self.message, self.every = status, message, every
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> None:
        if not self.status:
            return
        started = time.monotonic()
        self.status(f"{self.message} ...")

        def tick() -> None:
            while not self.stop.wait(self.every):
                self.status(f"{self.message}: {time.monotonic() - started:.0f} s")
        self.thread = threading.Thread(target=tick, name="samsyn-progress", daemon=True)
        self.thread.start()

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.thread:
            self.thread.join()


STORE_TYPES["sparql"] = SparqlHttpStore
