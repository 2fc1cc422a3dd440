"""What is made of the suggestions (graph.text.suggest), always kept apart from what the
documents assert: the named graph a build adds (graph/suggested/<method>), their table (CSV and
JSON records, the same for the CLI and the viewer), and what they would add to reach if they
were stated (a layer beside the coverage matrix, never mixed into its counts)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime

import networkx as nx
from rdflib import Graph

from ..analysis.reach import counts, reach
from ..store import Store
from .suggest import Suggestion, suggest, suggestions_graph

#: the relation of a suggested edge in a copy of the alignment graph (never in the graph itself)
SUGGESTED = "suggested"

#: the table's columns: the four the issue names first, then the labels (in one language) and the method
COLUMNS = ["entity", "concept", "score", "evidence", "framework", "entity_label", "concept_label", "method", "version"]


def suggested_graph(store: Store, all_frameworks: bool = False, generated: datetime | None = None) -> Graph:
    """The named graph graph/suggested/lexical of the store's suggestions, with their provenance:
    what `samsyn build` adds beside the sources' graphs (suggest, then suggestions_graph)."""
    return suggestions_graph(suggest(store, all_frameworks=all_frameworks), generated)


def record(suggestion: Suggestion, label: Callable[[str], str]) -> dict:
    """One suggestion as a row of COLUMNS (score with four decimals, evidence in one line)."""
    return {"entity": suggestion.entity, "concept": suggestion.concept, "score": f"{suggestion.score:.4f}",
            "evidence": suggestion.evidence_text, "framework": suggestion.framework,
            "entity_label": label(suggestion.entity), "concept_label": label(suggestion.concept),
            "method": suggestion.method, "version": suggestion.version}


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
    alignment chain and broader concepts, as the coverage cube counts. `graph` is the alignment
    graph with the entities nothing links (analysis.alignment_graph); it is not changed.
    Suggestions for entities not in `graph` are passed over (nothing says whose they are)."""
    widened = graph.copy()
    for suggestion in suggestions:
        if suggestion.entity in graph:
            widened.add_edge(suggestion.entity, suggestion.concept, relation=SUGGESTED)
    before, _ = reach(graph)
    after, _ = reach(widened)
    out: dict[str, dict[str, dict[str, int]]] = {}
    for organisation, concepts in after.items():
        for concept, counter in concepts.items():
            added = counter - before.get(organisation, {}).get(concept, Counter())
            if added:
                out.setdefault(organisation, {})[concept] = counts(added)
    return out
