"""An organisation's own rules and governance, shown on its page (/id/ORG, included by
entity.html from _organisation.html) and in its JSON twin: each rule with its quote, page,
strength, whether it is checkable (or why not) and how many findings it has, linked to them on
/validate; the governance drawn as a layered SVG computed here (no script: the CSP forbids inline
script, and a server-drawn picture needs none)."""

from __future__ import annotations

from urllib.parse import urlencode

import networkx as nx

from samsyn.graph.analysis.governance import governance, organisation_rules

from .. import i18n
from ..comparison import periods_link
from ..knowledge import entity_path
from ..web import knowledge

#: the drawing's geometry, in SVG user units
NODE_W, NODE_H, COL_GAP, ROW_GAP, MARGIN = 210, 46, 90, 18, 12
LABEL_MAX = 30


def validate_link(organisation: str, rule: str | None = None) -> str:
    query = {"organisation": organisation} | ({"rule": rule} if rule else {})
    return "/validate?" + urlencode(query)


def rules_of(k, organisation: str, lang: str) -> list[dict]:
    """The rules binding the organisation, each with its number of findings and their link."""
    counts: dict[str, int] = {}
    for finding in k.validation().findings:
        if finding.rule:
            counts[finding.rule["iri"]] = counts.get(finding.rule["iri"], 0) + 1
    return [{"iri": r["iri"], "page": entity_path(r["iri"]), "label": i18n.pick(r["label"], lang), "quote": r["quote"],
             "sourcePage": r["page"], "strength": r["strength"], "checkable": r["checkable"],
             "why": i18n.pick(r["why"], lang) or None, "shapes": [s.rsplit("#", 1)[-1] for s in r["shapes"]],
             "findings": counts.get(r["iri"], 0) if r["checkable"] else None,
             "findingsLink": validate_link(organisation, r["iri"]) if r["checkable"] else None}
            for r in organisation_rules(k.store, organisation)]


def layers(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each node's column: the longest path reaching it, cycles (a body reporting to a group it
    sits on) taken as one step; a node nothing reaches sits just left of its nearest successor,
    so its edges do not cross the columns between."""
    condensed = nx.condensation(nx.DiGraph(graph))
    depth: dict[int, int] = {}
    for c in nx.topological_sort(condensed):
        depth[c] = max((depth[p] + 1 for p in condensed.predecessors(c)), default=0)
    for c in condensed:
        if condensed.in_degree(c) == 0 and condensed.out_degree(c):
            depth[c] = min(depth[s] for s in condensed.successors(c)) - 1
    return {n: depth[condensed.graph["mapping"][n]] for n in graph}


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"


def drawing(k, organisation: str, lang: str) -> dict:
    """The governance as nodes (boxes in columns, left to right along the edges) and edges
    (curves between box sides), every position computed here."""
    graph = governance(k.store, organisation)
    if not graph:
        return {"nodes": [], "edges": [], "width": 0, "height": 0}
    column = layers(graph)

    def text(n: str) -> tuple[str, str]:
        data = graph.nodes[n]
        if data["kind"] == "matter":
            return i18n.pick(data["matter"], lang) or k.label(n, lang), i18n.word("gov.decided", lang)
        if data["kind"] == "line":
            return k.label(n, lang), i18n.pick(data["timing"], lang)
        return k.label(n, lang), ""

    rows: dict[int, list[str]] = {}
    order: dict[str, int] = {}
    for col in sorted(set(column.values())):
        members = [n for n in graph if column[n] == col]

        def barycentre(n: str) -> tuple[float, str]:
            before = [order[p] for p in graph.predecessors(n) if p in order]
            return (sum(before) / len(before) if before else len(members), text(n)[0].casefold())
        rows[col] = sorted(members, key=barycentre)
        order.update({n: i for i, n in enumerate(rows[col])})
    tallest = max(len(r) for r in rows.values())
    height = MARGIN * 2 + tallest * (NODE_H + ROW_GAP) - ROW_GAP
    position = {}
    for col, members in rows.items():
        offset = (tallest - len(members)) * (NODE_H + ROW_GAP) / 2  # centred in its column
        for i, n in enumerate(members):
            position[n] = (MARGIN + col * (NODE_W + COL_GAP), MARGIN + offset + i * (NODE_H + ROW_GAP))
    nodes = []
    for n, (x, y) in position.items():
        title, detail = text(n)
        nodes.append({"iri": n, "kind": graph.nodes[n]["kind"], "label": _short(title), "detail": _short(detail),
                      "title": title + (f" ({detail})" if detail else ""), "page": entity_path(n),
                      "x": x, "y": y, "w": NODE_W, "h": NODE_H})
    edges = []
    for source, target, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = position[source], position[target]
        x1, y1, y2 = x1 + NODE_W, y1 + NODE_H / 2, y2 + NODE_H / 2
        bend = max(COL_GAP / 2, (x2 - x1) / 2)
        label = ""
        if data["kind"] == "member":
            label = i18n.word("gov.seats", lang, n=data["seats"]) if data.get("seats") else ""
        elif data["kind"] == "delegates":
            label = i18n.word("gov.delegates", lang)
        edges.append({"kind": data["kind"], "from": source, "to": target, "item": data.get("item"), "label": label,
                      "d": f"M{x1:.0f},{y1:.0f} C{x1 + bend:.0f},{y1:.0f} {x2 - bend:.0f},{y2:.0f} {x2:.0f},{y2:.0f}",
                      "lx": round(x1 + 6), "ly": round(y1 - 5)})  # by its source, where the curve is unambiguous
    width = MARGIN * 2 + (max(column.values()) + 1) * (NODE_W + COL_GAP) - COL_GAP
    return {"nodes": nodes, "edges": edges, "width": width, "height": height}


def organisation_parts(iri: str, lang: str) -> dict:
    """What an organisation's page adds: its rules, its governance, and the link to its strategy
    periods compared where it has two strategies (empty for other entities)."""
    k = knowledge()
    rules = rules_of(k, iri, lang)
    drawn = drawing(k, iri, lang)
    compared = periods_link(k, iri)
    if not rules and not drawn["nodes"] and not compared:
        return {}
    return {"rules": rules, "governance": drawn, "findingsLink": validate_link(iri), "periods": compared}
