"""The connector to a SPARQL 1.1 server over HTTP: the SPARQL Protocol (query, update), the
Graph Store HTTP Protocol (GET, PUT, POST and DELETE of one named graph), authentication,
time limits and errors a person can act on. graph.store_sparql builds samsyn's store on it.

The endpoint URL carries options in its query string and credentials in its user part:

    http://127.0.0.1:8890/sparql                      Virtuoso, anonymous (GSP at /sparql-graph-crud)
    http://dba:dba@127.0.0.1:8890/sparql              Virtuoso, digest auth (GSP at /sparql-graph-crud-auth)
    http://localhost:3030/samsyn/query                Fuseki (GSP at /samsyn/data, update at /samsyn/update)
    http://localhost:7200/repositories/samsyn         GraphDB (GSP at …/rdf-graphs/service, update at …/statements)
    http://host/sparql?gsp=/store&update=/update      anything else: say where GSP and update live

Options: `gsp=` (Graph Store endpoint, a path or a URL), `update=` (SPARQL Update endpoint; `none`
to write with GSP only, which is not atomic across graphs), `timeout=` (seconds each request may
take, default SAMSYN_SPARQL_TIMEOUT or 600; the longest is the swap of a big load), `chunk=`
(megabytes of N-Triples per Graph Store request, default 8). Credentials: user:password in the
URL, or SAMSYN_SPARQL_USER and SAMSYN_SPARQL_PASSWORD; sent with HTTP digest or basic
authentication, whichever the server asks for."""

from __future__ import annotations

import codecs
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node, Variable

from .formats import N_TRIPLES, RESULTS_JSON, TURTLE
from .store import Status, StoreError

#: what a graph is asked for in (a CONSTRUCT, a GSP GET), and a SELECT or ASK
GRAPH_ACCEPT = f"{N_TRIPLES.media_type}, {TURTLE.media_type};q=0.9"
RESULTS_ACCEPT = RESULTS_JSON.media_type

#: how many bytes of N-Triples go in one Graph Store request, at most (one line may be more)
CHUNK_MB = 8
#: seconds a request may take, unless the URL or SAMSYN_SPARQL_TIMEOUT says otherwise
TIMEOUT = 600
OPTIONS = ("gsp", "update", "timeout", "chunk")

_XSD_STRING = str(XSD.string)


class SparqlConnection:
    """One SPARQL 1.1 server: where its query, update and Graph Store endpoints are, and the
    requests samsyn sends them."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        options = dict(urllib.parse.parse_qsl(parts.query))
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise StoreError(f"bad store option {unknown[0]!r} in {_redacted(url)}: use {', '.join(OPTIONS)}")
        user = urllib.parse.unquote(parts.username) if parts.username else os.environ.get("SAMSYN_SPARQL_USER")
        password = urllib.parse.unquote(parts.password) if parts.password else os.environ.get("SAMSYN_SPARQL_PASSWORD")
        netloc = parts.hostname or ""
        if ":" in netloc:
            netloc = f"[{netloc}]"
        if parts.port:
            netloc += f":{parts.port}"
        self.endpoint = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))
        #: the endpoint without credentials or options, for messages
        self.display = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        self.auth = (user, password or "") if user else None
        self.timeout = _positive(options.get("timeout") or os.environ.get("SAMSYN_SPARQL_TIMEOUT") or TIMEOUT,
                                 "timeout", self.display)
        self.chunk_bytes = int(_positive(options.get("chunk", CHUNK_MB), "chunk", self.display) * (1 << 20))
        self.gsp = self._endpoint(options.get("gsp")) or self._derive_gsp(parts.path)
        update = options.get("update")
        self.update = None if update == "none" else (self._endpoint(update) or self._derive_update(parts.path))
        self._opener = self._make_opener()

    # --- endpoints ---
    def _endpoint(self, value: str | None) -> str | None:
        return urllib.parse.urljoin(self.endpoint, value) if value else None

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

    def request(self, method: str, url: str, data: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[bytes, str]:
        """One HTTP request: the answer's body and content type, or StoreError in one line."""
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

    # --- SPARQL Protocol ---
    def query(self, text: str, accept: str, default_graphs: Sequence[str] = (),
              named_graphs: Sequence[str] = ()) -> tuple[bytes, str]:
        """POST a query; the dataset, if given, as the protocol's default-graph-uri and named-graph-uri."""
        fields = [("query", text)] + [("default-graph-uri", g) for g in default_graphs] + \
            [("named-graph-uri", g) for g in named_graphs]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        return self.request("POST", self.endpoint, body, {
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})

    def run_update(self, text: str) -> None:
        if not self.update:
            raise StoreError(f"{self.display}: no update endpoint configured")
        body = urllib.parse.urlencode({"update": text}).encode("utf-8")
        self.request("POST", self.update, body, {"Content-Type": "application/x-www-form-urlencoded"})

    # --- Graph Store Protocol ---
    def _gsp_url(self, graph: str) -> str:
        separator = "&" if "?" in self.gsp else "?"
        # Virtuoso reads graph-uri; the standard (and Fuseki, GraphDB) reads graph
        key = "graph-uri" if "sparql-graph-crud" in self.gsp else "graph"
        return f"{self.gsp}{separator}{key}={urllib.parse.quote(graph, safe='')}"

    def put_graph(self, name: str, chunks: Iterable[bytes]) -> None:
        """Replace a graph with N-Triples sent in pieces: PUT the first, POST (append) the rest."""
        method = "PUT"
        for chunk in chunks:
            self.request(method, self._gsp_url(name), chunk, {"Content-Type": f"{TURTLE.media_type}; charset=utf-8"})
            method = "POST"

    def get_graph(self, name: str) -> bytes:
        data, _ = self.request("GET", self._gsp_url(name), None, {"Accept": GRAPH_ACCEPT})
        return data

    def delete_graph(self, name: str) -> None:
        self.request("DELETE", self._gsp_url(name))


def _redacted(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.hostname or "", parts.path, "", ""))


def _positive(value: str | float, option: str, where: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0:
        raise StoreError(f"bad store option for {where}: {option}={value!r} is not a positive number")
    return number


# --- SPARQL 1.1 Query Results JSON ---

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


# --- N-Triples in ASCII pieces ---

def _ntriples_escape(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a character outside ASCII as an N-Triples \\u or \\U escape."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(f"\\u{ord(c):04X}" if ord(c) < 0x10000 else f"\\U{ord(c):08X}"
                   for c in error.object[error.start:error.end]), error.end


codecs.register_error("samsyn-ntriples", _ntriples_escape)


def upload_pieces(data: bytes, size: int, whole: Sequence[bytes] = ()) -> Iterator[tuple[bytes, int]]:
    """The pieces of one graph's upload, each with how many input bytes it stands for: `data`
    (UTF-8 N-Triples) cut as ascii_chunks cuts it, then the N-Triples texts of `whole`, each
    kept in one piece (packed several to a piece up to about `size`): the triples of one blank
    node, whose label names one node within one request only."""
    if data or not whole:
        yield from ascii_chunks(data, size)
    packed: list[bytes] = []
    packed_bytes = 0
    for text in whole:
        packed.append(text)
        packed_bytes += len(text)
        if packed_bytes >= size:
            yield _ascii(b"".join(packed)), packed_bytes
            packed, packed_bytes = [], 0
    if packed:
        yield _ascii(b"".join(packed)), packed_bytes


def _ascii(piece: bytes) -> bytes:
    return piece if piece.isascii() else piece.decode("utf-8").encode("ascii", "samsyn-ntriples")


def ascii_chunks(data: bytes, size: int) -> Iterator[tuple[bytes, int]]:
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
        yield _ascii(data[start:end]), end - start
        start = end


class ticking:
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
