"""The alignment graph as drawn: which nodes a filter keeps, a layered layout computed here
(activities -> priority areas -> goals -> framework concepts -> broader concepts, left to right),
and pyvis's node/edge/option model, handed to the page as JSON.

The layout is a small Sugiyama-style one on the networkx graph: each node's column is its layer
(graph.vocabulary.layer_of, concepts lifted by the height of their skos:broader chain, so a
sub-objective sits left of its objective); the order within a column groups by organisation
(strategy side) or framework (concepts) and then follows the barycentre of the node's neighbours,
a few sweeps each way; then each node is moved towards its neighbours' mean height, keeping the
order and a minimum gap. Physics is off: what the server computes is what is drawn, at once,
and it holds still."""

from __future__ import annotations

import json
from collections import defaultdict

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from samsyn.graph.vocabulary import CONCEPT_LAYER, is_strategy_kind, layer_of

#: kind -> (pyvis/vis-network shape, background colour, border colour), in the legend's order
STYLE = {
    "Activity": ("box", "#d8f0e4", "#2f8f6b"),
    "PriorityArea": ("ellipse", "#fbe6bd", "#b9831f"),
    "Goal": ("box", "#dbe6f8", "#3465a4"),
    "Flagship": ("box", "#e6d3f5", "#7b4fa3"),
    "GrowthPriority": ("ellipse", "#d9c2ee", "#5d3a80"),
    "BalticObjective": ("box", "#cde9f2", "#2b7f9b"),
    "HeadlineTarget": ("box", "#f2dfe9", "#a34f7c"),
    "RegionalFocusArea": ("box", "#f7dccd", "#b55d2a"),
    "Framework": ("ellipse", "#eeeeee", "#555555"),
    "Concept": ("box", "#eeeeee", "#777777"),
}
#: corner radius of box shapes: square-ish activities, pill-shaped goals
RADIUS = {"Activity": 2, "Goal": 18}
#: the kinds the legend explains (frameworks and untyped concepts need no key)
LEGEND_ORDER = tuple(kind for kind in STYLE if kind not in ("Framework", "Concept"))

COLUMN_GAP = 340
ROW_GAP = 78
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
                if not is_strategy_kind(d.get("kind")) and (d.get("framework") in frameworks
                                                            or (d.get("kind") == "Framework" and n in frameworks))}
    strategy = {n for n, d in graph.nodes(data=True)
                if is_strategy_kind(d.get("kind")) and (not organisations or d.get("organisation") in organisations)}
    if narrowed:
        strategy = {n for n in strategy if nx.descendants(graph, n) & concepts}
    keep = strategy | concepts
    sub = nx.DiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in graph.nodes if n in keep)
    sub.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if u in keep and v in keep)
    return sub


def layers(graph: nx.DiGraph) -> dict[str, int]:
    """Column of each node: its kind's layer; concepts lifted above the concepts narrower than them."""
    column = {n: layer_of(d.get("kind", "")) for n, d in graph.nodes(data=True)}
    concepts = [n for n, d in graph.nodes(data=True) if not is_strategy_kind(d.get("kind"))]
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
            column[node] = max(column[node], CONCEPT_LAYER + height[node])
    return column


def _place(nodes: list[str], ys: dict[str, float], neighbours, group_of, lower: float | None = None) -> None:
    """Put `nodes` (in this order) near the mean height of their placed neighbours, keeping the
    order, a minimum gap (a wider one between groups) and, if given, a lowest start."""
    if not nodes:
        return
    desired: list[float] = []
    last = None
    for n in nodes:
        placed = [ys[m] for m in neighbours(n) if m in ys]
        want = sum(placed) / len(placed) if placed else (last + ROW_GAP if last is not None else (lower or 0.0))
        desired.append(want)
        last = want
    result: list[float] = []
    prev, prev_group = None, None
    for n, want in zip(nodes, desired):
        gap = ROW_GAP if prev_group is None or group_of(n) == prev_group else ROW_GAP * 1.5
        y = want if prev is None else max(want, prev + gap)
        result.append(y)
        prev, prev_group = y, group_of(n)
    shift = sum(r - d for r, d in zip(result, desired)) / len(result)
    result = [r - shift for r in result]
    if lower is not None and result[0] < lower:
        result = [r + lower - result[0] for r in result]
    for n, y in zip(nodes, result):
        ys[n] = y


def order_and_place(graph: nx.DiGraph, column: dict[str, int], organisation_of, group_key,
                    sweeps: int = 4) -> tuple[dict[str, tuple[float, float]], list[dict]]:
    """Positions (x, y) in pixels and the organisations' bands (top, bottom).

    Each organisation's activities, priority areas and goals get a horizontal band of their own,
    one below the other; within it each column is ordered by barycentre sweeps and placed near
    its neighbours. Framework concepts (shared by every band) are placed near what reaches them."""
    by_column: dict[int, list[str]] = defaultdict(list)
    for node, col in column.items():
        by_column[col].append(node)
    cols = sorted(by_column)
    for col in cols:
        by_column[col].sort(key=lambda n: (group_key(n), graph.nodes[n].get("sortlabel", "")))
    undirected = graph.to_undirected(as_view=True)

    for sweep in range(sweeps):
        sequence = cols[1:] if sweep % 2 == 0 else list(reversed(cols[:-1]))
        for col in sequence:
            position = {n: i for c in cols for i, n in enumerate(by_column[c])}
            towards = (lambda c, col=col: c < col) if sweep % 2 == 0 else (lambda c, col=col: c > col)

            def barycentre(n, position=position, towards=towards):
                around = [position[m] for m in undirected.neighbors(n) if towards(column[m])]
                return sum(around) / len(around) if around else float(position[n])

            by_column[col].sort(key=lambda n: (group_key(n), barycentre(n)))

    ys: dict[str, float] = {}
    strategy_cols = [c for c in cols if any(is_strategy_kind(graph.nodes[n].get("kind")) for n in by_column[c])]
    concept_cols = [c for c in cols if c not in strategy_cols]
    organisations: list[str] = []
    for c in strategy_cols:
        for n in by_column[c]:
            org = organisation_of(n)
            if org not in organisations:
                organisations.append(org)
    organisations.sort(key=lambda o: min(group_key(n) for c in strategy_cols for n in by_column[c] if organisation_of(n) == o))
    bands: list[dict] = []
    top = 0.0
    for org in organisations:
        members = {c: [n for n in by_column[c] if organisation_of(n) == org] for c in strategy_cols}
        tallest = max(members, key=lambda c: len(members[c]))
        for i, n in enumerate(members[tallest]):
            ys[n] = top + i * ROW_GAP
        for c in sorted((c for c in strategy_cols if c != tallest), key=lambda c: abs(c - tallest)):
            _place(members[c], ys, undirected.neighbors, group_key, lower=top)
        placed = [ys[n] for c in strategy_cols for n in members[c]]
        bottom = max(placed) if placed else top
        bands.append({"organisation": org, "top": top, "bottom": bottom})
        top = bottom + ROW_GAP * 2.2
    for c in concept_cols:  # never above the first band: the view starts at the top
        _place(by_column[c], ys, undirected.neighbors, group_key, lower=0.0)
    positions = {n: (column[n] * COLUMN_GAP, round(ys[n], 1)) for c in cols for n in by_column[c]}
    return positions, bands


def vis_options(straight: bool = False) -> dict:
    """vis-network options: physics and vis-network's own layout off (the positions are ours)."""
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False,
                        "navigationButtons": False, "keyboard": False, "hideEdgesOnDrag": False},
        "nodes": {"font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 19, "color": "#1d2330"},
                  "widthConstraint": {"maximum": 240}, "borderWidth": 1.5, "size": 14,
                  "shapeProperties": {"borderRadius": 6}, "margin": 8},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1.2,
                  "color": {"color": "#9aa5b5", "highlight": "#1d4ed8", "hover": "#52607a", "inherit": False},
                  "smooth": ({"enabled": False} if straight else
                             {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45})},
    }


def network(graph: nx.DiGraph, lang: str, label, kind_name, organisation_label, detail,
            focus: str | None = None) -> dict:
    """pyvis model of the selected graph with server-side positions; returns JSON-ready data."""
    column = layers(graph)
    for n, d in graph.nodes(data=True):
        d["sortlabel"] = label(n).casefold()
    org_rank = {o: i for i, o in enumerate(sorted({d.get("organisation") or "" for _, d in graph.nodes(data=True)},
                                                  key=lambda o: organisation_label(o).casefold() if o else ""))}
    fw_rank = {f: i for i, f in enumerate(sorted({d.get("framework") or "" for _, d in graph.nodes(data=True)}))}

    def group_key(n):
        d = graph.nodes[n]
        if is_strategy_kind(d.get("kind")):
            return (0, org_rank.get(d.get("organisation") or "", 0))
        return (1, fw_rank.get(d.get("framework") or "", 0))

    positions, bands = order_and_place(graph, column, lambda n: graph.nodes[n].get("organisation") or "", group_key)

    net = Network(directed=True, cdn_resources="in_line")
    net.options = vis_options()
    seen: set[str] = set()
    reached = {v for u, v in graph.edges if is_strategy_kind(graph.nodes[u].get("kind"))}
    reached |= {b for c in list(reached) for b in nx.descendants(graph, c)}
    for n, d in graph.nodes(data=True):
        kind = d.get("kind") or "Concept"
        shape, background, border = STYLE.get(kind, STYLE["Concept"])
        full = label(n)
        concept = not is_strategy_kind(kind)
        unreached = concept and n not in reached
        unaligned = not concept and not any(not is_strategy_kind(graph.nodes[m].get("kind"))
                                            for m in nx.descendants(graph, n))
        x, y = positions[n]
        node = Node(n, shape, label=_short(full), x=x, y=y,
                    title=f"{kind_name(kind)}: {full}",
                    color={"background": "#f7f7f9" if unreached else background,
                           "border": "#c3c7cf" if unreached else border,
                           "highlight": {"background": background, "border": "#1d4ed8"},
                           "hover": {"background": background, "border": border}},
                    font={"color": "#9aa0aa"} if unreached else {},
                    shapeProperties={"borderRadius": RADIUS.get(kind, 6),
                                     **({"borderDashes": [4, 3]} if unreached or unaligned else {})},
                    level=column[n])
        node.options.update(kind=kind, kindLabel=kind_name(kind), fullLabel=full, unreached=unreached, unaligned=unaligned,
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
    legend = [{"kind": k, "label": kind_name(k), "shape": STYLE[k][0], "background": STYLE[k][1], "border": STYLE[k][2],
               "radius": RADIUS.get(k, 6)}
              for k in LEGEND_ORDER if any(n.get("kind") == k for n in nodes)]
    column_xs = sorted({positions[n][0] for n in graph.nodes})
    columns = []
    for x in column_xs:
        kinds = sorted({graph.nodes[n].get("kind") or "Concept" for n in graph.nodes if positions[n][0] == x},
                       key=lambda k: LEGEND_ORDER.index(k) if k in LEGEND_ORDER else 99)
        columns.append({"x": x, "kinds": kinds})
    for band in bands:
        band["label"] = organisation_label(band["organisation"]) if band["organisation"] else ""
    return {"nodes": nodes, "edges": edges, "options": options if isinstance(options, dict) else json.loads(options),
            "legend": legend, "focus": focus if focus in graph else None, "bands": bands, "columns": columns}


# --- the aggregated overview (graph.analysis.overview): organisations | concepts | broader concepts ---------

#: cluster styles: an organisation, the organisations without a cluster of their own
CLUSTER_STYLE = {"Organisation": ("box", "#e8edf5", "#3b4a63"), "Others": ("box", "#f3f4f6", "#6b7280")}
#: vertical distance between organisation clusters (one line of text each)
CLUSTER_GAP = 56
#: horizontal distance from the organisations to the first concept column (room for the fan of edges)
CLUSTER_COLUMN_GAP = 2 * COLUMN_GAP


def overview_positions(graph: nx.DiGraph, label) -> tuple[dict[str, tuple[float, float]], dict[str, int]]:
    """Positions of an aggregated graph and each node's column index (0: organisations, then the
    concept columns left to right). Clusters one under the other in their rank; the first concept
    column from the top, grouped by framework and by broader concept; further columns near the
    mean height of the narrower concepts they are broader than."""
    clusters = sorted((n for n, d in graph.nodes(data=True) if d.get("kind") in CLUSTER_STYLE),
                      key=lambda n: graph.nodes[n].get("rank", 0))
    concepts = graph.subgraph([n for n in graph.nodes if n not in set(clusters)])
    layer = layers(concepts)
    concept_cols = sorted(set(layer.values()))
    index = {c: i + 1 for i, c in enumerate(concept_cols)}
    column = {n: 0 for n in clusters} | {n: index[layer[n]] for n in concepts}
    ys: dict[str, float] = {n: i * CLUSTER_GAP for i, n in enumerate(clusters)}
    fw_rank = {f: i for i, f in enumerate(sorted({d.get("framework") or "" for _, d in concepts.nodes(data=True)}))}

    def group_of(n):
        return fw_rank.get(concepts.nodes[n].get("framework") or "", 0)

    def parent(n):
        ups = sorted(concepts.successors(n), key=lambda m: label(m).casefold())
        return label(ups[0]).casefold() if ups else ""

    undirected = concepts.to_undirected(as_view=True)
    for i, col in enumerate(concept_cols):
        members = [n for n in concepts if layer[n] == col]
        if i == 0:
            members.sort(key=lambda n: (group_of(n), parent(n), label(n).casefold(), n))
            y, previous = 0.0, None
            for n in members:
                if previous is not None:
                    y += ROW_GAP * (1.5 if group_of(n) != group_of(previous) else 1)
                ys[n] = y
                previous = n
        else:
            def mean(n):
                placed = [ys[m] for m in undirected.neighbors(n) if m in ys]
                return sum(placed) / len(placed) if placed else float("inf")
            members.sort(key=lambda n: (group_of(n), mean(n), label(n).casefold(), n))
            _place(members, ys, undirected.neighbors, group_of, lower=0.0)

    def x_of(c: int) -> float:
        return 0.0 if c == 0 else CLUSTER_COLUMN_GAP + (c - 1) * COLUMN_GAP

    return {n: (x_of(column[n]), round(ys[n], 1)) for n in graph.nodes}, column


def overview_network(graph: nx.DiGraph, label, kind_name, describe, focus: str | None = None) -> dict:
    """vis-network model of an aggregated graph (graph.analysis.aggregate) with server-side
    positions; `describe(node) -> dict` adds each node's title, detail and drill-down link."""
    positions, column = overview_positions(graph, label)
    heaviest = max((d.get("count", 0) for _, _, d in graph.edges(data=True)), default=1) or 1
    nodes: list[dict] = []
    for n, d in graph.nodes(data=True):
        kind = d.get("kind") or "Concept"
        shape, background, border = CLUSTER_STYLE.get(kind) or STYLE.get(kind, STYLE["Concept"])
        full = label(n)
        x, y = positions[n]
        node = Node(n, shape, label=_short(full, 44 if kind in CLUSTER_STYLE else LABEL_MAX), x=x, y=y,
                    color={"background": background, "border": border,
                           "highlight": {"background": background, "border": "#1d4ed8"},
                           "hover": {"background": background, "border": border}},
                    shapeProperties={"borderRadius": RADIUS.get(kind, 6),
                                     **({"borderDashes": [4, 3]} if kind == "Others" else {})},
                    level=column[n])
        node.options.update(kind=kind, kindLabel=kind_name(kind), fullLabel=full,
                            organisation=d.get("organisation"), framework=d.get("framework"), **describe(n))
        nodes.append(node.options)
    edges: list[dict] = []
    for u, v, d in graph.edges(data=True):
        if d.get("relation") == "reach":
            count = d["count"]
            edge = Edge(u, v, directed=True, relation="reach", label=str(count), count=count, counts=d["counts"],
                        organisations=d.get("organisations", 1),
                        title=f"{label(u)} → {label(v)}: {count}",
                        width=round(1 + 5 * (count / heaviest) ** 0.5, 2))
        else:
            edge = Edge(u, v, directed=True, relation=d.get("relation", ""), title=d.get("relation", ""))
            if d.get("relation") == "broader":
                edge.options["dashes"] = [2, 4]
        edges.append(edge.options)
    kinds_present = {n["kind"] for n in nodes}
    legend = [{"kind": k, "label": kind_name(k), "shape": s[0], "background": s[1], "border": s[2], "radius": 6}
              for k, s in CLUSTER_STYLE.items() if k in kinds_present]
    legend += [{"kind": k, "label": kind_name(k), "shape": STYLE[k][0], "background": STYLE[k][1],
                "border": STYLE[k][2], "radius": RADIUS.get(k, 6)}
               for k in LEGEND_ORDER if k in kinds_present]
    columns = []
    for x in sorted({p[0] for p in positions.values()}):
        kinds = sorted({graph.nodes[n].get("kind") or "Concept" for n in graph.nodes if positions[n][0] == x})
        columns.append({"x": x, "kinds": kinds})
    settings = vis_options(straight=True)
    # many edges: drawn faint, their counts as labels (vis-network leaves out labels too small to read)
    settings["edges"]["color"] = {"color": "#9aa5b5", "opacity": 0.5, "highlight": "#1d4ed8", "hover": "#52607a",
                                  "inherit": False}
    settings["edges"]["font"] = {"size": 13, "color": "#52607a", "strokeWidth": 3, "strokeColor": "#ffffff",
                                 "align": "middle"}
    # thousands of edges are slow to redraw: hidden while panning or zooming
    settings["interaction"]["hideEdgesOnDrag"] = settings["interaction"]["hideEdgesOnZoom"] = len(edges) > 1500
    return {"nodes": nodes, "edges": edges, "options": settings, "legend": legend,
            "focus": focus if focus in graph else None, "bands": [], "columns": columns}
