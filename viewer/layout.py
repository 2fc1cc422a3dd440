"""The alignment graph as drawn: which nodes a filter keeps, a layered layout computed here
(activities -> priority areas -> goals -> framework concepts -> broader concepts, left to right),
and pyvis's node/edge/option model, handed to the page as JSON.

The layout is a small Sugiyama-style one on the networkx graph: each node's column is its layer
(graph.traceability.layer_of, concepts lifted by the height of their skos:broader chain, so a
sub-objective sits left of its objective); the order within a column groups by organisation
(strategy side) or framework (concepts) and then follows the barycentre of the node's neighbours,
a few sweeps each way; then each node is moved towards its neighbours' mean height, keeping the
order and a minimum gap. Physics is off: what the server computes is what is drawn, at once,
and it holds still."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

STRATEGY_KINDS = ("Activity", "PriorityArea", "Goal")

#: kind -> (pyvis/vis-network shape, background colour, border colour)
STYLE = {
    "Activity": ("dot", "#7fc8a9", "#2f8f6b"),
    "PriorityArea": ("diamond", "#f4c26b", "#b9831f"),
    "Goal": ("triangle", "#8fb3e8", "#3465a4"),
    "Flagship": ("box", "#e6d3f5", "#7b4fa3"),
    "GrowthPriority": ("ellipse", "#d9c2ee", "#5d3a80"),
    "HeadlineTarget": ("box", "#f2dfe9", "#a34f7c"),
    "BalticObjective": ("box", "#cde9f2", "#2b7f9b"),
    "RegionalFocusArea": ("box", "#f7dccd", "#b55d2a"),
    "Framework": ("ellipse", "#eeeeee", "#555555"),
    "Concept": ("box", "#eeeeee", "#777777"),
}
LEGEND_ORDER = ("Activity", "PriorityArea", "Goal", "Flagship", "GrowthPriority", "BalticObjective",
                "HeadlineTarget", "RegionalFocusArea")

COLUMN_GAP = 330
ROW_GAP = 70
LABEL_MAX = 60


def _short(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def select(graph: nx.DiGraph, organisations: set[str] | None, frameworks: set[str] | None,
           all_frameworks: set[str]) -> nx.DiGraph:
    """The part of the traceability graph to draw.

    Strategy-side nodes of the chosen organisations; framework concepts of the chosen frameworks.
    With every framework chosen, strategy nodes that reach none are kept (they show what is not
    aligned); with a narrower choice, only those that reach a chosen framework."""
    frameworks = frameworks if frameworks else set(all_frameworks)
    narrowed = frameworks != set(all_frameworks)
    concepts = {n for n, d in graph.nodes(data=True)
                if d.get("kind") not in STRATEGY_KINDS and (d.get("framework") in frameworks
                                                            or (d.get("kind") == "Framework" and n in frameworks))}
    strategy = {n for n, d in graph.nodes(data=True)
                if d.get("kind") in STRATEGY_KINDS and (not organisations or d.get("organisation") in organisations)}
    if narrowed:
        strategy = {n for n in strategy if nx.descendants(graph, n) & concepts}
    keep = strategy | concepts
    sub = nx.DiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in graph.nodes if n in keep)
    sub.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if u in keep and v in keep)
    return sub


def layers(graph: nx.DiGraph, layer_of) -> dict[str, int]:
    """Column of each node: its kind's layer; concepts lifted above the concepts narrower than them."""
    column = {n: layer_of(d.get("kind", "")) for n, d in graph.nodes(data=True)}
    concepts = [n for n, d in graph.nodes(data=True) if d.get("kind") not in STRATEGY_KINDS]
    broader = nx.DiGraph()
    broader.add_nodes_from(concepts)
    broader.add_edges_from((u, v) for u, v, d in graph.edges(data=True)
                           if d.get("relation") == "broader" and u in broader and v in broader)
    if nx.is_directed_acyclic_graph(broader):
        height: dict[str, int] = {}
        for node in nx.topological_sort(broader):
            preds = list(broader.predecessors(node))
            height[node] = max((height[p] + 1 for p in preds), default=0)
        for node in concepts:
            column[node] = max(column[node], 3 + height[node])
    return column


def order_and_place(graph: nx.DiGraph, column: dict[str, int], group_key, sweeps: int = 4) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in pixels: ordered columns, barycentre sweeps, then compaction."""
    by_column: dict[int, list[str]] = defaultdict(list)
    for node, col in column.items():
        by_column[col].append(node)
    cols = sorted(by_column)
    for col in cols:
        by_column[col].sort(key=lambda n: (group_key(n), graph.nodes[n].get("sortlabel", "")))
    undirected = graph.to_undirected(as_view=True)

    def index_map():
        return {n: i for col in cols for i, n in enumerate(by_column[col])}

    for sweep in range(sweeps):
        sequence = cols[1:] if sweep % 2 == 0 else list(reversed(cols[:-1]))
        for col in sequence:
            position = index_map()
            neighbour_col = (lambda c: c < col) if sweep % 2 == 0 else (lambda c: c > col)

            def barycentre(n, position=position, neighbour_col=neighbour_col):
                around = [position[m] for m in undirected.neighbors(n) if neighbour_col(column[m])]
                return sum(around) / len(around) if around else float(position[n])

            by_column[col].sort(key=lambda n: (group_key(n), barycentre(n)))

    # y: the tallest column evenly spaced; the others pulled towards their neighbours' mean
    positions: dict[str, tuple[float, float]] = {}
    tallest = max(cols, key=lambda c: len(by_column[c])) if cols else 0
    ys: dict[str, float] = {}
    for i, n in enumerate(by_column.get(tallest, [])):
        ys[n] = i * ROW_GAP
    order = sorted((c for c in cols if c != tallest), key=lambda c: abs(c - tallest))
    for col in order:
        nodes = by_column[col]
        desired = []
        for n in nodes:
            placed = [ys[m] for m in undirected.neighbors(n) if m in ys]
            desired.append(sum(placed) / len(placed) if placed else None)
        # nodes with no placed neighbour: keep them after the previous one
        filled, last = [], None
        for d in desired:
            value = d if d is not None else (last + ROW_GAP if last is not None else 0.0)
            filled.append(value)
            last = value
        placed_y, prev = [], None
        group_prev = None
        for n, want in zip(nodes, filled):
            gap = ROW_GAP if group_prev is None or group_key(n) == group_prev else ROW_GAP * 1.6
            y = want if prev is None else max(want, prev + gap)
            placed_y.append(y)
            prev, group_prev = y, group_key(n)
        shift = sum(p - w for p, w in zip(placed_y, filled)) / len(placed_y) if placed_y else 0.0
        for n, y in zip(nodes, placed_y):
            ys[n] = y - shift
    for col in cols:
        for n in by_column[col]:
            positions[n] = (col * COLUMN_GAP, round(ys[n], 1))
    return positions


def network(graph: nx.DiGraph, lang: str, label, kind_name, organisation_label, detail, layer_of,
            focus: str | None = None) -> dict:
    """pyvis model of the selected graph with server-side positions; returns JSON-ready data."""
    column = layers(graph, layer_of)
    for n, d in graph.nodes(data=True):
        d["sortlabel"] = label(n).casefold()
    org_rank = {o: i for i, o in enumerate(sorted({d.get("organisation") or "" for _, d in graph.nodes(data=True)},
                                                  key=lambda o: organisation_label(o).casefold() if o else ""))}
    fw_rank = {f: i for i, f in enumerate(sorted({d.get("framework") or "" for _, d in graph.nodes(data=True)}))}

    def group_key(n):
        d = graph.nodes[n]
        if d.get("kind") in STRATEGY_KINDS:
            return (0, org_rank.get(d.get("organisation") or "", 0))
        return (1, fw_rank.get(d.get("framework") or "", 0))

    positions = order_and_place(graph, column, group_key)

    net = Network(directed=True, cdn_resources="in_line")
    net.options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False,
                        "navigationButtons": False, "keyboard": False, "hideEdgesOnDrag": False},
        "nodes": {"font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 14, "color": "#1d2330"},
                  "widthConstraint": {"maximum": 210}, "borderWidth": 1.5, "size": 14,
                  "shapeProperties": {"borderRadius": 6}, "margin": 8},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1.2,
                  "color": {"color": "#9aa5b5", "highlight": "#1d4ed8", "hover": "#52607a", "inherit": False},
                  "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45}},
    }
    seen: set[str] = set()
    reached_concepts = {v for u, v in graph.edges if graph.nodes[u].get("kind") in STRATEGY_KINDS}
    reached_concepts |= {b for c in list(reached_concepts) for b in nx.descendants(graph, c)}
    for n, d in graph.nodes(data=True):
        kind = d.get("kind") or "Concept"
        shape, background, border = STYLE.get(kind, STYLE["Concept"])
        full = label(n)
        is_concept = kind not in STRATEGY_KINDS
        unreached = is_concept and n not in reached_concepts
        x, y = positions[n]
        node = Node(n, shape, label=_short(full), x=x, y=y,
                    title=f"{kind_name(kind)}: {full}",
                    color={"background": "#f7f7f9" if unreached else background,
                           "border": "#c3c7cf" if unreached else border,
                           "highlight": {"background": background, "border": "#1d4ed8"},
                           "hover": {"background": background, "border": border}},
                    font={"color": "#9aa0aa"} if unreached else {},
                    shapeProperties={"borderDashes": [4, 3]} if unreached else {},
                    group=kind, level=column[n])
        node.options.update(kind=kind, kindLabel=kind_name(kind), fullLabel=full, unreached=unreached,
                            organisation=d.get("organisation"), framework=d.get("framework"), **detail(n))
        if n not in seen:  # pyvis's add_node checks a list (quadratic); a set does the same here
            seen.add(n)
            net.nodes.append(node.options)
            net.node_ids.append(n)
            net.node_map[n] = node.options
    for u, v, d in graph.edges(data=True):
        edge = Edge(u, v, directed=True, title=d.get("relation", ""), relation=d.get("relation", ""))
        if d.get("relation") == "broader":
            edge.options["dashes"] = [2, 4]
        net.edges.append(edge.options)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    legend = [{"kind": k, "label": kind_name(k), "shape": STYLE[k][0], "background": STYLE[k][1], "border": STYLE[k][2]}
              for k in LEGEND_ORDER if any(n.get("kind") == k for n in nodes)]
    return {"nodes": nodes, "edges": edges, "options": options if isinstance(options, dict) else _loads(options),
            "legend": legend, "focus": focus if focus in graph else None}


def _loads(text: str) -> dict:
    import json
    return json.loads(text)
