"""An organisation's rules and governance as its documents state them (issue 11): the rules that
bind it (quote, page, strength, checked by which shape or why not) and its governance as a
directed graph: who reports to whom and how often, who sits on which body, who decides what."""

from __future__ import annotations

import networkx as nx
from rdflib import URIRef

from samsyn.graph.named_queries import lookup
from samsyn.graph.results import term_value
from samsyn.graph.store import Store


def _langs(store_rows: dict, key: str, term) -> None:
    if term is not None:
        store_rows.setdefault(key, {})[term.language or ""] = str(term)


def organisation_rules(store: Store, organisation: str) -> list[dict]:
    """The rules binding the organisation, by page and IRI: iri, label and why (lang -> text),
    quote, page, strength (Binding or Advisory), checkable, shapes (the ones that check it)."""
    rules: dict[str, dict] = {}
    for row in lookup(store, "organisation-rules", organisation=URIRef(organisation)):
        rule = rules.setdefault(str(row.rule), {"iri": str(row.rule), "label": {}, "why": {}, "quote": None,
                                                "page": None, "strength": None, "checkable": False, "shapes": []})
        _langs(rule, "label", row.label)
        _langs(rule, "why", row.why)
        rule["quote"] = rule["quote"] or term_value(row.quote)
        rule["page"] = rule["page"] or term_value(row.page)
        if row.strength is not None:
            rule["strength"] = str(row.strength).rsplit("#", 1)[-1]
        rule["checkable"] = rule["checkable"] or term_value(row.checkable) is True
        if row.checkedBy is not None and str(row.checkedBy) not in rule["shapes"]:
            rule["shapes"].append(str(row.checkedBy))
    return sorted(rules.values(), key=lambda r: (r["page"] or 0, r["iri"]))


def governance(store: Store, organisation: str) -> nx.MultiDiGraph:
    """The organisation's governance: nodes are its bodies (kind "body"), its reporting lines
    ("line", between reporter and recipient, either of which a document may leave unnamed) and the
    matters its mandates decide ("matter"); edges have kind reportsTo, reports, member (seats),
    decides or delegates, and the IRI of the statement they come from (item)."""
    graph = nx.MultiDiGraph()

    def node(iri: str, kind: str, **attrs) -> str:
        if iri not in graph:
            graph.add_node(iri, kind=kind, **attrs)
        return iri

    for row in lookup(store, "governance", organisation=URIRef(organisation)):
        kind, item = str(row.kind), str(row.item) if row.item is not None else None
        page = term_value(row.page)
        source, target = (str(row.actor) if row.actor is not None else None,
                          str(row.counterpart) if row.counterpart is not None else None)
        if kind == "reportsTo":
            graph.add_edge(node(source, "body"), node(target, "body"), key=kind, kind=kind, item=None)
        elif kind == "reportingLine":
            line = node(item, "line", timing={}, periodicity=None, page=page)
            _langs(graph.nodes[line], "timing", row.timing)
            graph.nodes[line]["periodicity"] = str(row.periodicity) if row.periodicity is not None else None
            if source:
                graph.add_edge(node(source, "body"), line, key="reports", kind="reports", item=item)
            if target:
                graph.add_edge(line, node(target, "body"), key="reports", kind="reports", item=item)
        elif kind == "membership":
            graph.add_edge(node(source, "body"), node(target, "body"), key=item, kind="member", item=item,
                           seats=term_value(row.seats), page=page)
        elif kind == "mandate":
            matter = node(item, "matter", matter={}, page=page)
            _langs(graph.nodes[matter], "matter", row.matter)
            graph.add_edge(node(source, "body"), matter, key="decides", kind="decides", item=item)
            if target:
                graph.add_edge(source, node(target, "body"), key=item, kind="delegates", item=item)
    return graph
