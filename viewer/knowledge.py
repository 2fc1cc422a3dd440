"""What the viewer knows: the store built once at start, and what the pages read from it.

Every number and list comes from the library (the named .rq queries, graph.traceability,
shapes.validate, graph.export); this module only caches them for the life of the app (the data
does not change while it runs) and turns IRIs into labels in the page's language."""

from __future__ import annotations

import threading
import tomllib
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from samsyn.graph import named_queries
from samsyn.graph.named_queries import lookup
from samsyn.graph.namespaces import GRAPH, ID, PREFIXES, RDFS, SAM
from samsyn.graph.store import Store

from .i18n import current as current_language, pick

#: classes whose instances are framework concepts (the coverage matrix's rows)
CONCEPT_CLASSES = ("Flagship", "BalticObjective", "GrowthPriority", "HeadlineTarget", "RegionalFocusArea")


def compact(iri: str) -> str:
    """A prefixed name for an IRI where a known prefix fits, else the IRI."""
    best, name = "", ""
    for prefix, namespace in PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, prefix
    return f"{name}:{iri[len(best):]}" if best else iri


def local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            tail = iri.rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


def entity_path(iri: str) -> str | None:
    """The viewer path of an instance IRI (https://w3id.org/samsyn/id/X -> /id/X), else None."""
    base = str(ID)
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + iri[len(base):]
    return None


def term_value(term) -> Any:
    """A JSON-friendly value for an RDF term."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, bool, str)) else str(term)
    return str(term)


@dataclass
class SourceText:
    stem: str
    path: Path
    meta: dict = field(default_factory=dict)

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


class Knowledge:
    """The store and the cached views of it the pages need."""

    def __init__(self, store: Store, source_dirs: list[Path] | None = None):
        # Everything is read from the store with look-up queries (graph/queries/lookup/): no
        # rdflib copy of the whole graph (at 3,110 organisations that copy alone took 4 GB).
        self.store = store
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._cache: dict[str, Any] = {}
        self._guard = threading.Lock()
        self._pages: OrderedDict[str, Any] = OrderedDict()
        self._property_cache = lru_cache(maxsize=4096)(self._read_properties)
        self._page_chars = 0
        self.labels: dict[str, dict[str, str]] = self._index_labels()
        self.types: dict[str, set[str]] = defaultdict(set)
        for row in lookup(store, "types"):
            self.types[str(row.resource)].add(str(row.type))
        self.sources = self._find_sources(source_dirs or [])

    # --- caching -----------------------------------------------------------------------------

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute once per app, one thread at a time per key; others wait for the result.
        A failure is cached too (re-raised each time) so a broken view fails fast."""
        if key in self._cache:
            return self._unwrap(self._cache[key])
        with self._guard:
            lock = self._locks[key]
        with lock:
            if key not in self._cache:
                try:
                    self._cache[key] = ("ok", compute())
                except Exception as error:  # noqa: BLE001 - remembered and re-raised
                    self._cache[key] = ("error", error)
            return self._unwrap(self._cache[key])

    @staticmethod
    def _unwrap(entry):
        status, value = entry
        if status == "error":
            raise value
        return value

    #: characters of rendered page bodies kept (least recently used dropped first): keys include
    #: the path and query string, which a visitor chooses, so this cache is bounded where
    #: `cached` is not
    PAGE_CACHE_CHARS = 128 * 1024 * 1024

    def page(self, key: str, render: Callable[[], Any]) -> Any:
        """A rendered page body, rendered once per key (the data does not change while the app
        runs). Unlike `cached`, failures are not kept and the oldest entries are dropped."""
        with self._guard:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        body = render()
        with self._guard:
            if key not in self._pages:
                self._pages[key] = body
                self._page_chars += len(body)
            while self._page_chars > self.PAGE_CACHE_CHARS and len(self._pages) > 1:
                _, dropped = self._pages.popitem(last=False)
                self._page_chars -= len(dropped)
        return body

    def is_ready(self, key: str) -> bool:
        return key in self._cache

    # --- labels ------------------------------------------------------------------------------

    def _index_labels(self) -> dict[str, dict[str, str]]:
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        rows = sorted(lookup(self.store, "labels"), key=lambda row: row.property == RDFS.label)
        for row in rows:  # rdfs:label last: it wins where both exist
            labels[str(row.resource)][row.label.language or "und"] = str(row.label)
        return dict(labels)

    def label(self, iri: str | URIRef, lang: str | None = None) -> str:
        iri = str(iri)
        values = self.labels.get(iri)
        if values:
            found = pick({k: v for k, v in values.items() if k in ("sv", "en")}, lang)
            return found or values.get("und", "") or local_name(iri)
        return compact(iri) if not iri.startswith(str(ID)) else local_name(iri)

    def label_pair(self, iri: str) -> dict[str, str]:
        values = self.labels.get(str(iri), {})
        return {k: values[k] for k in ("sv", "en") if k in values}

    def kind(self, iri: str) -> str:
        """The most specific sam: class local name of an IRI ('' if none)."""
        sam = str(SAM)
        kinds = sorted(t[len(sam):] for t in self.types.get(str(iri), ()) if t.startswith(sam))
        for preferred in ("Municipality", "Region", "Activity", "PriorityArea", "Goal", *CONCEPT_CLASSES,
                          "Framework", "Strategy", "Partnership", "OrganisationalUnit", "Organisation",
                          "CrossCuttingPerspective"):
            if preferred in kinds:
                return preferred
        return kinds[0] if kinds else ""

    def objects(self, iri: str, predicate: URIRef) -> list:
        """The values of one property of an IRI (any named graph)."""
        return [value for prop, value in self._properties(iri) if prop == str(predicate)]

    def exists(self, iri: str) -> bool:
        return bool(lookup(self.store, "exists", resource=URIRef(iri)).askAnswer)

    def _properties(self, iri: str) -> tuple[tuple[str, Any], ...]:
        """What one resource states, read once per resource while it is in use: an entity page
        and a graph node's panel each ask for several of its properties."""
        return self._property_cache(str(iri))

    def _read_properties(self, iri: str) -> tuple[tuple[str, Any], ...]:
        return tuple((str(row.property), row.value) for row in lookup(self.store, "properties", resource=URIRef(iri)))

    # --- library views, cached -------------------------------------------------------------------

    def run_named(self, name: str, params: dict[str, str] | None = None) -> tuple[list[str], list[tuple]]:
        result = named_queries.run(self.store, name, params or {})
        variables = [str(v) for v in result.vars]
        return variables, [tuple(row) for row in result]

    def strategies(self) -> list[dict]:
        def compute():
            variables, rows = self.run_named("strategies")
            return [dict(zip(variables, row)) for row in rows]
        return self.cached("strategies", compute)

    def coverage(self) -> list[dict]:
        def compute():
            variables, rows = self.run_named("coverage")
            out = []
            for row in rows:
                item = dict(zip(variables, row))
                for key in ("goals", "priorityAreas", "activities"):
                    item[key] = int(item[key].toPython()) if item.get(key) is not None else 0
                out.append(item)
            return out
        return self.cached("coverage", compute)

    def trace_graph(self):
        def compute():
            from samsyn.graph.traceability import traceability_graph
            return traceability_graph(self.store)
        return self.cached("trace_graph", compute)

    def drawable_graph(self):
        """The traceability graph plus the goals, priority areas and activities it leaves out
        because nothing links them (the graph page shows those too: what is not aligned)."""
        def compute():
            graph = self.trace_graph().copy()
            organisations: dict[str, set[str]] = defaultdict(set)
            for row in lookup(self.store, "strategy-entities"):
                if row.framework is None and str(row.entity) not in graph:
                    organisations[str(row.entity)].update([str(row.organisation)] if row.organisation else [])
            for iri, found in sorted(organisations.items()):
                graph.add_node(iri, kind=self.kind(iri), organisation=min(found) if found else None,
                               framework=None, **{f"label_{k}": v for k, v in self.label_pair(iri).items()})
            return graph
        return self.cached("drawable_graph", compute)

    def validation(self):
        def compute():
            from samsyn.shapes import validate
            return validate(self.store)
        return self.cached("validation", compute)

    def export(self, fmt: str) -> bytes:
        def compute():
            from samsyn.graph.exporting import export
            return export(self.store, fmt)
        return self.cached(f"export:{fmt}", compute)

    def dcat(self, fmt: str) -> bytes:
        def compute():
            from samsyn.graph.exporting import dcat_description
            latest = next(iter(lookup(self.store, "latest-modified")), None)
            graph = dcat_description(str(latest[0]) if latest and latest[0] is not None else None)
            for prefix, namespace in PREFIXES.items():
                graph.bind(prefix, namespace)
            data = graph.serialize(format=fmt, encoding="utf-8")
            return data if isinstance(data, bytes) else data.encode()
        return self.cached(f"dcat:{fmt}", compute)

    def warm(self) -> None:
        """Compute the slow views (coverage, validation, traceability) ahead of the first visitor."""
        for view in (self.strategies, self.coverage, self.trace_graph, self.drawable_graph, self.validation):
            try:
                view()
            except Exception:  # noqa: BLE001 - the page that needs it shows the error
                pass

    # --- organisations and the coverage matrix ------------------------------------------------------

    def organisations(self, lang: str | None = None) -> list[dict]:
        """Organisations that issue a strategy, with their strategies, sorted by label (in the
        page's language). Computed once per language: the home page asks on every request, and
        at 3,110 organisations rebuilding and sorting the list was most of a cached page's time.
        The list is shared: callers read it and do not change it."""
        lang = lang or current_language()
        return self.cached(f"organisations:{lang}", lambda: self._organisations(lang))

    def _organisations(self, lang: str) -> list[dict]:
        by_org: dict[str, dict] = {}
        for row in self.strategies():
            org = str(row.get("organisation") or "")
            entry = by_org.setdefault(org, {"iri": org, "strategies": []})
            entry["strategies"].append({
                "iri": str(row["strategy"]),
                "validFrom": term_value(row.get("validFrom")),
                "validUntil": term_value(row.get("validUntil")),
                "adoptedBy": str(row["adoptedBy"]) if row.get("adoptedBy") else None,
                "issued": term_value(row.get("issued")),
                "goals": term_value(row.get("goals")),
                "priorityAreas": term_value(row.get("priorityAreas")),
                "activities": term_value(row.get("activities")),
                "partnerships": term_value(row.get("partnerships")),
            })
        return sorted(by_org.values(), key=lambda o: self.label(o["iri"], lang).casefold())

    def broader(self, iri: str) -> list[str]:
        """The broader concepts of a framework concept."""
        def compute():
            found: dict[str, list[str]] = defaultdict(list)
            for row in lookup(self.store, "broader"):
                found[str(row.concept)].append(str(row.broader))
            return {concept: sorted(values) for concept, values in found.items()}
        return self.cached("broader", compute).get(str(iri), [])

    def matrix(self, lang: str, organisations: list[str] | None = None) -> dict:
        """The coverage matrix: organisations as columns (all, or the given ones), concepts as
        rows grouped under their broader concept (flagships under growth priorities,
        sub-objectives under objectives); each row also counts how many of all the
        organisations reach its concept."""
        cells: dict[tuple[str, str], dict] = {}
        concepts: dict[str, dict] = {}
        orgs: list[str] = []
        for row in self.coverage():
            org, concept = str(row["organisation"]), str(row["concept"])
            if org not in orgs:
                orgs.append(org)
            concepts.setdefault(concept, {"iri": concept, "framework": str(row["framework"]),
                                          "kind": self.kind(concept)})
            cells[(org, concept)] = {"goals": row["goals"], "priorityAreas": row["priorityAreas"],
                                     "activities": row["activities"],
                                     "total": row["goals"] + row["priorityAreas"] + row["activities"]}
        orgs.sort(key=lambda o: self.label(o, lang).casefold())
        reached_by: dict[str, int] = defaultdict(int)
        for (org, concept), cell in cells.items():
            if cell["total"]:
                reached_by[concept] += 1
        if organisations is not None:
            wanted = set(organisations)
            orgs = [o for o in orgs if o in wanted]
        columns = [{"iri": o, "label": self.label(o, lang)} for o in orgs]
        counted = len({org for org, _ in cells})

        def rows_for(kind: str) -> list[dict]:
            chosen = [c for c in concepts.values() if c["kind"] == kind]
            members = {c["iri"] for c in chosen}
            out: list[dict] = []
            tops = [c for c in chosen if not any(b in members for b in self.broader(c["iri"]))]
            # concepts whose broader concept is also a row (sub-objectives): nest under it
            if any(any(b in members for b in self.broader(c["iri"])) for c in chosen):
                for top in sorted(tops, key=lambda c: self.label(c["iri"], lang).casefold()):
                    out.append(self._row(top, columns, cells, lang, 0, reached_by, counted))
                    children = [c for c in chosen if top["iri"] in self.broader(c["iri"])]
                    for child in sorted(children, key=lambda c: self.label(c["iri"], lang).casefold()):
                        out.append(self._row(child, columns, cells, lang, 1, reached_by, counted))
            else:
                # broader concepts outside the rows (growth priorities): group headings
                headings: dict[str, list[dict]] = defaultdict(list)
                for c in chosen:
                    parents = self.broader(c["iri"])
                    headings[parents[0] if parents else ""].append(c)
                for heading in sorted(headings, key=lambda h: self.label(h, lang).casefold() if h else ""):
                    if heading:
                        out.append({"heading": True, "iri": heading, "label": self.label(heading, lang),
                                    "path": entity_path(heading)})
                    for c in sorted(headings[heading], key=lambda c: self.label(c["iri"], lang).casefold()):
                        out.append(self._row(c, columns, cells, lang, 1 if heading else 0, reached_by, counted))
            return out

        return {"organisations": columns,
                "flagships": rows_for("Flagship"),
                "baltic": rows_for("BalticObjective")}

    def _row(self, concept: dict, columns: list[dict], cells: dict, lang: str, level: int,
             reached_by: dict[str, int], counted: int) -> dict:
        return {
            "heading": False,
            "iri": concept["iri"],
            "label": self.label(concept["iri"], lang),
            "path": entity_path(concept["iri"]),
            "framework": concept["framework"],
            "level": level,
            "reachedBy": reached_by.get(concept["iri"], 0),
            "of": counted,
            "cells": [dict(cells.get((col["iri"], concept["iri"]),
                                     {"goals": 0, "priorityAreas": 0, "activities": 0, "total": 0}),
                           organisation=col["iri"]) for col in columns],
        }

    def reaching(self, organisation: str, concept: str) -> list[str]:
        """The goals, priority areas and activities of one organisation that reach a concept."""
        from samsyn.graph.traceability import reaching
        graph = self.trace_graph()
        found = [n for n in reaching(graph, concept) if graph.nodes[n].get("organisation") == organisation]
        order = {"Goal": 0, "PriorityArea": 1, "Activity": 2}
        return sorted(found, key=lambda n: (order.get(graph.nodes[n].get("kind"), 9), self.label(n).casefold()))

    def trace(self, iri: str) -> list[list[str]]:
        from samsyn.graph.traceability import trace
        return trace(self.trace_graph(), iri)

    # --- entities ------------------------------------------------------------------------------------

    def graphs_of(self, iri: str) -> list[str]:
        return sorted(str(row.graph) for row in lookup(self.store, "graphs-of", resource=URIRef(iri)))

    def outgoing(self, iri: str) -> list[tuple[str, Any]]:
        return sorted(self._properties(iri), key=lambda po: (compact(po[0]), str(po[1])))

    def incoming(self, iri: str) -> list[tuple[str, str]]:
        rows = lookup(self.store, "mentions", resource=URIRef(iri))
        return sorted(((str(row.subject), str(row.property)) for row in rows), key=lambda sp: (compact(sp[1]), sp[0]))

    def entity_graph(self, iri: str):
        """The entity's own triples (it as subject), for its RDF representations."""
        from rdflib import Graph
        out = Graph()
        for prefix, namespace in PREFIXES.items():
            out.bind(prefix, namespace)
        for triple in lookup(self.store, "describe", resource=URIRef(iri)).graph:
            out.add(triple)
        return out

    # --- source texts --------------------------------------------------------------------------------

    def _find_sources(self, extra_dirs: list[Path]) -> dict[str, SourceText]:
        dirs: list[Path] = []
        with as_file(files("samsyn.graph").joinpath("data", "sources")) as bundled:
            dirs.append(Path(bundled))
        dirs.extend(Path(d) for d in extra_dirs)
        found: dict[str, SourceText] = {}
        for folder in dirs:
            if not folder.is_dir():
                continue
            meta: dict[str, dict] = {}
            toml = folder / "sources.toml"
            if toml.is_file():
                try:
                    parsed = tomllib.loads(toml.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, OSError):
                    parsed = {}
                # [[document]] tables with a stem, or [stem] tables
                for entry in parsed.get("document", []) if isinstance(parsed.get("document"), list) else []:
                    if isinstance(entry, dict) and entry.get("stem"):
                        meta[str(entry["stem"])] = entry
                for key, entry in parsed.items():
                    if isinstance(entry, dict) and key not in meta:
                        meta[key] = entry
            for path in sorted(folder.glob("*.txt")):
                if path.stem not in found:
                    found[path.stem] = SourceText(path.stem, path, meta.get(path.stem, {}))
        return found

    def source_of(self, iri: str) -> SourceText | None:
        """The source text of the document an entity is stated in (by its named graph's name)."""
        prefix = str(GRAPH["strategies/"])
        for graph in self.graphs_of(iri):
            if graph.startswith(prefix):
                stem = graph[len(prefix):]
                if stem in self.sources:
                    return self.sources[stem]
        return None
