"""A remote SPARQL 1.1 store: `sparql+http://host:port/path` (or `sparql+https://…`), on the
connector graph.sparql_http (endpoints, options and credentials are described there).

Every query names its dataset in the request (default-graph-uri and named-graph-uri, one per
samsyn graph), so the default graph is the union of samsyn's named graphs on any SPARQL 1.1
store, with no store configuration. Only the graphs under samsyn's graph namespace
(https://w3id.org/samsyn/graph/) are samsyn's: adopting writes and drops those, never others.

How adopting stays all or nothing: the prepared dataset is serialised graph by graph; the graphs
are uploaded under staging names (urn:samsyn:staging:…), and one update request then moves each
onto its real name and drops samsyn graphs that are no longer there. A failure before that
request drops the staging graphs and leaves the store as it was. (While a load runs, the staging
copies are part of the endpoint's union default graph.) There is no lock across builds: two
concurrent builds upload under their own staging names and the last swap wins.

Parameters are bound with a VALUES block (graph.sparql_text.bind_values): at the start of the
WHERE group for SELECT, ASK and CONSTRUCT (Virtuoso 7 ignores a trailing VALUES clause in a query
with MINUS and refuses one after a CONSTRUCT), trailing for DESCRIBE."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from .named_queries import load_lookup
from .namespaces import GRAPH
from .rdf_terms import add_parsed
from .sparql_http import GRAPH_ACCEPT, RESULTS_ACCEPT, SparqlConnection, json_result, ticking, upload_pieces
from .sparql_text import bind_values, has_dataset_clause, query_form
from .store import QueryDataset, Status, Store, StoreError, StoreSpec, new_dataset

#: every named graph's size, answered from the store's graph index (Virtuoso: a scan for
#: SELECT DISTINCT ?g or a FILTER on the graph name)
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


class SparqlHttpStore(Store):
    """A remote SPARQL 1.1 endpoint behind samsyn's Store interface."""

    persistent = True

    def __init__(self, spec: StoreSpec):
        super().__init__(spec)
        if spec.location is None:
            raise StoreError(f"store {spec}: a SPARQL store needs an endpoint URL")
        self.connection = SparqlConnection(spec.location)
        self._names: list[URIRef] | None = None
        self._dataset: Dataset | None = None

    # --- queries ---
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
        text = bind_values(sparql, bindings or {})
        form = query_form(text)
        accept = RESULTS_ACCEPT if form in ("SELECT", "ASK") else GRAPH_ACCEPT
        if dataset is not None:
            data, content_type = self.connection.query(text, accept, dataset.default_graphs, dataset.named_graphs)
        else:
            names: list[str] = []
            if scoped and not has_dataset_clause(text):
                names = [str(name) for name in self.graph_names()] or ["urn:samsyn:no-graphs"]
            data, content_type = self.connection.query(text, accept, names, names)
        if form in ("SELECT", "ASK"):
            try:
                return json_result(json.loads(data))
            except (ValueError, KeyError) as error:
                raise StoreError(f"{self.connection.display}: not SPARQL JSON results ({content_type}): {error}") from None
        result = Result("CONSTRUCT")
        result.graph = add_parsed(Graph(), data)
        return result

    # Both look-ups below read every graph and keep samsyn's here: Virtuoso answers them from its
    # graph index, but scans every triple with a FILTER(STRSTARTS(STR(?g), …)) in the query.
    def graph_names(self) -> list[URIRef]:
        if self._names is None:
            self._names = sorted(row[0] for row in self._query(_GRAPH_SIZES, None, scoped=False)
                                 if isinstance(row[0], URIRef) and row[0].startswith(str(GRAPH)))
        return list(self._names)

    def __len__(self) -> int:
        return sum(int(row[1]) for row in self._query(_GRAPH_SIZES, None, scoped=False)
                   if isinstance(row[0], URIRef) and row[0].startswith(str(GRAPH)))

    def dataset(self) -> Dataset:
        if self._dataset is None:
            dataset = new_dataset()
            for name in self.graph_names():
                add_parsed(dataset.graph(name), self.connection.get_graph(str(name)))
            self._dataset = dataset
        return self._dataset

    # --- adopting ---
    def adopt(self, dataset: ox.Store, status: Status | None = None) -> None:
        """Upload each named graph of the prepared dataset under a staging name, then swap them
        all in with one update request (`status` hears the megabytes uploaded and the seconds
        of the swap); on any failure before that, drop the staging graphs."""
        staged = [(URIRef(name.value), upload_texts(dataset, name))
                  for name in sorted(dataset.named_graphs(), key=lambda n: n.value) if isinstance(name, ox.NamedNode)]
        connection = self.connection
        token = uuid.uuid4().hex
        temporary = [(name, URIRef(f"urn:samsyn:staging:{token}:{i}"), data) for i, (name, data) in enumerate(staged)]
        total, done = sum(texts.size for _, texts in staged), 0

        def upload(target: URIRef, texts: UploadTexts) -> None:
            def pieces() -> Iterator[bytes]:
                nonlocal done
                for piece, size in upload_pieces(texts.plain, connection.chunk_bytes, texts.linked):
                    yield piece
                    done += size
                    if status:
                        status(f"uploading {done / 1e6:.1f} of {total / 1e6:.1f} MB")
            connection.put_graph(str(target), pieces())

        old_names = self.graph_names()
        new_names = {name for name, _ in staged}
        try:
            if connection.update is None:  # GSP only: each graph replaced on its own
                for name, _, data in temporary:
                    upload(name, data)
                for old in set(old_names) - new_names:
                    connection.delete_graph(str(old))
                return
            try:
                for _, stage, data in temporary:
                    upload(stage, data)
                operations = [f"MOVE SILENT {stage.n3()} TO {name.n3()}" for name, stage, _ in temporary]
                operations += [f"DROP SILENT GRAPH {old.n3()}" for old in old_names if old not in new_names]
                with ticking(status, f"swapping in {len(staged)} graphs (one transaction)"):
                    connection.run_update(" ;\n".join(operations))
            except BaseException:
                try:
                    connection.run_update(" ;\n".join(f"DROP SILENT GRAPH {stage.n3()}" for _, stage, _ in temporary))
                except StoreError:
                    pass
                raise
        finally:
            self._names, self._dataset = None, None


@dataclass(frozen=True)
class UploadTexts:
    """One graph as N-Triples for an upload: the triples without a blank node, which may be cut
    anywhere, and one text per set of blank nodes that triples link, each to be sent whole."""

    plain: bytes
    linked: tuple[bytes, ...] = ()

    @property
    def size(self) -> int:
        return len(self.plain) + sum(map(len, self.linked))


def upload_texts(dataset: ox.Store, graph: ox.NamedNode) -> UploadTexts:
    """The named graph `graph` of `dataset` as UploadTexts (most graphs hold no blank node: then
    the whole dump is `plain`)."""
    data = dataset.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    answer = dataset.query(load_lookup("blank-node-triples").text, substitutions={ox.Variable("graph"): graph})
    triples = [ox.Triple(row["subject"], row["property"], row["value"]) for row in answer]
    if not triples:
        return UploadTexts(data)
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for triple in triples:
        blanks = [term for term in (triple.subject, triple.object) if isinstance(term, ox.BlankNode)]
        parent[root(blanks[-1])] = root(blanks[0])
    groups: dict[ox.BlankNode, list[ox.Triple]] = {}
    for triple in triples:
        blank = triple.subject if isinstance(triple.subject, ox.BlankNode) else triple.object
        groups.setdefault(root(blank), []).append(triple)
    linked = tuple(ox.serialize(group, format=ox.RdfFormat.N_TRIPLES) for group in groups.values())
    # the linked triples' lines as the dump writes them (the same serialiser), to leave out of `plain`
    lines = {line for text in linked for line in text.splitlines(keepends=True)}
    plain = b"".join(line for line in data.splitlines(keepends=True) if line not in lines)
    return UploadTexts(plain, linked)
