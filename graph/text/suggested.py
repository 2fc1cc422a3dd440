"""What is made of the suggestions (graph.text.suggest), always kept apart from what the
documents assert: the named graph a build adds (graph/suggested/<method>, `add_suggestions`) and
the suggestions read back from it (`read_suggestions`, what the viewer shows), their table (CSV
and JSON records, the same for the CLI and the viewer), and what they would add to reach if
they were stated (a layer beside the coverage matrix, never mixed into its counts)."""

from __future__ import annotations

import csv
import io
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from ..analysis.reach import counts
from ..inference import DERIVED_GRAPHS, SUGGESTED_GRAPH
from ..named_queries import lookup
from ..namespaces import GRAPH
from ..traceability import is_concept
from ..store import Store, StoreSpec, new_store
from ..vocabulary import STRATEGY_KINDS
from .suggest import AMONG_KEYS, REFERRED, Match, Suggestion, suggest, suggestion_quads

#: the table's columns: the four the issue names first, then the labels (in one language) and the method
COLUMNS = ["entity", "concept", "score", "evidence", "framework", "entity_label", "concept_label", "method", "version",
           "among"]


#: where suggestions live: never a source's graph, never read by coverage, gaps or the rules
SUGGESTED = str(GRAPH["suggested/"])


def is_suggested(graph: URIRef | str) -> bool:
    return str(graph).startswith(SUGGESTED)


def read_graphs(store: Store) -> list[str]:
    """The named graphs the suggester reads from (prov:used): the sources', not what a build derives."""
    return [str(name) for name in store.graph_names()
            if str(name).startswith(str(GRAPH)) and not is_suggested(name) and name not in DERIVED_GRAPHS]


def generation_time() -> datetime:
    """When a build generates its suggestions: now, or SOURCE_DATE_EPOCH where it is set (the
    reproducible-builds.org convention), so that two builds of the same data give the same graph."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def add_suggestions(dataset: ox.Store, generated: datetime | None = None) -> int:
    """Compute the suggestions of a prepared dataset (sources and inferred graphs, in memory,
    graph.building.prepare) and put them into their named graph of it, replacing what was
    there; the number of suggestions. They are computed after the rules ran: no rule, and no
    coverage or gap, can read them. `generated` defaults to generation_time()."""
    store = new_store(StoreSpec("oxigraph"))
    store.adopt(dataset)  # in memory: the same ox.Store, queried through the Store interface
    suggestions = suggest(store)
    target = ox.NamedNode(str(SUGGESTED_GRAPH))
    if dataset.contains_named_graph(target):
        dataset.remove_graph(target)
    dataset.add_graph(target)
    dataset.extend(suggestion_quads(suggestions, generated or generation_time(), used=read_graphs(store)))
    return len(suggestions)


def read_suggestions(store: Store) -> list[Suggestion]:
    """The suggestions a build put into the store (graph/suggested/...), by entity and best
    first, as `suggest` gives them; none if the store was built without. The evidence comes
    back in a fixed order (Swedish first, then by word): RDF keeps no order among its pairs."""
    found: dict[str, dict] = {}
    for row in lookup(store, "suggestions"):
        item = found.setdefault(str(row.suggestion), {
            "entity": str(row.entity), "concept": str(row.concept), "score": float(row.score),
            "framework": str(row.framework) if row.framework is not None else "",
            "method": str(row.method), "version": str(row.version), "evidence": set(),
            "among": _AMONG.get(str(row.among), REFERRED)})
        if row.entityWord is not None:
            item["evidence"].add(Match(str(row.entityWord), str(row.conceptWord), str(row.matchKind),
                                       row.entityWord.language or "sv"))
    out = [Suggestion(i["entity"], i["concept"], i["framework"], i["score"],
                      tuple(sorted(i["evidence"], key=lambda m: (m.lang != "sv", m.lang, m.concept_word.casefold(),
                                                                 m.entity_word.casefold()))),
                      i["method"], i["version"], among=i["among"]) for i in found.values()]
    return sorted(out, key=lambda s: (s.entity, -s.score, s.concept, s.method))


_AMONG = {key: value for value, key in AMONG_KEYS.items()}


def record(suggestion: Suggestion, label: Callable[[str], str]) -> dict:
    """One suggestion as a row of COLUMNS (score with four decimals, evidence in one line)."""
    return {"entity": suggestion.entity, "concept": suggestion.concept, "score": f"{suggestion.score:.4f}",
            "evidence": suggestion.evidence_text, "framework": suggestion.framework,
            "entity_label": label(suggestion.entity), "concept_label": label(suggestion.concept),
            "method": suggestion.method, "version": suggestion.version, "among": AMONG_KEYS[suggestion.among]}


def json_record(suggestion: Suggestion, label: Callable[[str], str]) -> dict:
    """One suggestion for JSON: COLUMNS in camelCase, the score a number and the evidence word by word."""
    row = record(suggestion, label)
    return {**{_camel(key): value for key, value in row.items()}, "score": suggestion.score,
            "evidence": [{"entityWord": m.entity_word, "conceptWord": m.concept_word, "relation": m.relation,
                          "lang": m.lang} for m in suggestion.evidence]}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def suggestions_csv(suggestions: Iterable[Suggestion], label: Callable[[str], str]) -> str:
    """The suggestions as CSV (RFC 4180: CRLF line ends), a header of COLUMNS first."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(record(s, label) for s in suggestions)
    return buffer.getvalue()


def added_reach(graph: nx.DiGraph, suggestions: Iterable[Suggestion]) -> dict[str, dict[str, dict[str, int]]]:
    """Organisation -> concept -> how many of its goals, priority areas and activities (reach.counts)
    would reach the concept if the suggestions were stated, and do not reach it now: through the
    alignment chain and broader concepts, as the coverage cube counts (analysis.reach on the graph
    with the suggested edges added). `graph` is the alignment graph with the entities nothing
    links (analysis.alignment_graph); it is not changed. Suggestions for entities not in `graph`
    are passed over (nothing says whose they are).

    Only what can change is walked: the entities with suggestions and what reaches them."""
    suggested: dict[str, set[str]] = defaultdict(set)
    for suggestion in suggestions:
        if suggestion.entity in graph:
            suggested[suggestion.entity].add(suggestion.concept)
    affected = set(suggested).union(*(nx.ancestors(graph, entity) for entity in suggested))
    try:
        return _count(graph, affected, _walk(graph, suggested, acyclic=True))
    except _Cycle:  # the data holds a cycle: walk everything below each node instead
        return _count(graph, affected, _walk(graph, suggested, acyclic=False))


def _count(graph: nx.DiGraph, nodes: set[str], reached) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for node in nodes:
        data = graph.nodes[node]
        if data.get("kind") in STRATEGY_KINDS:
            now, would = reached(node)
            for concept in would - now:
                out[data.get("organisation") or ""][concept][data["kind"]] += 1
    return {organisation: {concept: counts(counter) for concept, counter in concepts.items()}
            for organisation, concepts in out.items()}


class _Cycle(Exception):
    """The walk met a node it is inside of."""


def _walk(graph: nx.DiGraph, suggested: dict[str, set[str]], acyclic: bool):
    """node -> (the concepts it reaches now, those it would with the suggestions), a suggested
    concept's broader concepts included. Without cycles each node's answer comes from its
    successors' (raising _Cycle where one is found); otherwise from all its descendants."""
    below: dict[str, tuple[frozenset, frozenset]] = {}
    inside: set[str] = set()

    def reached(node: str) -> tuple[frozenset, frozenset]:
        if node in below:
            return below[node]
        if acyclic:
            if node in inside:
                raise _Cycle(node)
            inside.add(node)
            now, would = set(), set()
            for successor in graph.successors(node):
                their_now, their_would = reached(successor)
                now |= their_now
                would |= their_would
                if is_concept(graph, successor):
                    now.add(successor)
            inside.discard(node)
            for concept in suggested.get(node, ()):
                would |= {concept} | (reached(concept)[0] if concept in graph else set())
        else:
            descendants = nx.descendants(graph, node)
            now = concepts_below(descendants)
            would = set().union(*({c} | (concepts_below(nx.descendants(graph, c)) if c in graph else set())
                                  for n in descendants | {node} for c in suggested.get(n, ())))
        below[node] = frozenset(now), frozenset(would | now)
        return below[node]

    def concepts_below(nodes: set[str]) -> set[str]:
        return {n for n in nodes if is_concept(graph, n)}

    return reached
