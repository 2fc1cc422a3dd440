"""The pages of the IRIs samsyn mints under https://w3id.org/samsyn/, each dereferenced with
content negotiation (Linked Data): an entity id/X is served at /id/X, a named graph graph/X at
/graph/X. Each answers in HTML (its page), JSON (the page's twin) or RDF (graph.formats.
ENTITY_FORMATS: Turtle, JSON-LD with an @context, RDF/XML, N-Triples), chosen by a suffix (.json,
.ttl, .jsonld, .rdf, .nt) or by the Accept header; an Accept that names none of them gets the
page, as a browser would. (What has no page answers 406 instead: the downloads, the endpoint's
service description.)
The DCAT description's resources (catalogue, dataset, publisher, distributions) are entities
too: every build puts them in graph/catalog. Also the source texts the quotes come from, at
/sources/<stem>."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, make_response, request
from markupsafe import Markup, escape
from rdflib import BNode, Graph, Literal, URIRef

from samsyn.graph.documents import source_of
from samsyn.graph.analysis.coverage import total
from samsyn.graph.formats import ENTITY_FORMATS, HTML, JSON, Format, negotiate
from samsyn.graph.named_queries import lookup
from samsyn.graph.namespaces import GRAPH, ID, RDF, RDFS, SAM, SKOS, bind_prefixes
from samsyn.graph.results import term_value, write_graph
from samsyn.graph.statistics import triples_per_graph
from samsyn.graph.traceability import reaching
from samsyn.graph.vocabulary import CONCEPT_CLASSES, compact, strategy_order

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, link_header, twin
from .organisation import organisation_parts
from . import suggestions

bp = Blueprint("entity", __name__)

#: properties the page shows in its head (labels, type, quotes): not repeated among the links
SHOWN_ABOVE = {str(RDF.type), str(RDFS.label), str(SKOS.prefLabel), str(SAM.sourceText), str(SAM.sourcePage)}
#: what the build infers of the entity itself (graph/inferred/reach): the trace shows it, apart from
#: the stated links (incoming links leave out the inferred and suggested graphs: lookup/mentions.rq)
SHOWN_APART = {str(SAM.reaches)}
RDF_SUFFIXES: dict[str, Format] = {fmt.suffix: fmt for fmt in ENTITY_FORMATS}
#: what a minted IRI answers in, by Accept: its page first (a tie goes to HTML), its twin, its RDF
LINKED_DATA: tuple[Format, ...] = (HTML, JSON, *ENTITY_FORMATS)


def split_suffix(path: str, exists: Callable[[str], bool]) -> tuple[str, str | None]:
    """'a/b.ttl' -> ('a/b', '.ttl') when `exists(path)` is false and `exists('a/b')` true."""
    for suffix in (JSON.suffix, *RDF_SUFFIXES):
        if path.endswith(suffix):
            bare = path[: -len(suffix)]
            if not exists(path) and exists(bare):
                return bare, suffix
    return path, None


def chosen_format(suffix: str | None, offered: tuple[Format, ...] = LINKED_DATA) -> Format:
    """The format a suffix names, else the one the Accept header prefers; when it accepts none,
    the page if there is one (as for a browser), else 406."""
    if suffix:
        return next(fmt for fmt in offered if fmt.suffix == suffix)
    chosen = negotiate(request.headers.get("Accept"), offered)
    if chosen is None and HTML not in offered:
        abort(406, f"{request.path} is offered as {', '.join(fmt.media_type for fmt in offered)}")
    return chosen or HTML


def rdf_response(graph: Graph, fmt: Format, html_path: str, negotiated: bool):
    """The graph in an RDF format, pointing at its page; where the Accept header chose the
    format, Content-Location names the suffixed URL that always gives it."""
    response = make_response(write_graph(graph, fmt.rdflib))
    response.headers["Content-Type"] = f"{fmt.media_type}; charset=utf-8"
    response.headers["Link"] = link_header(html_path, HTML.media_type)
    if negotiated:
        response.headers["Content-Location"] = html_path + fmt.suffix
    return response


def alternates(path: str) -> str:
    """Link header values for a page's RDF representations."""
    return ", ".join(link_header(path + suffix, fmt.media_type) for suffix, fmt in RDF_SUFFIXES.items())


def _value(term, lang: str) -> dict:
    k = knowledge()
    if isinstance(term, Literal):
        return {"literal": str(term), "language": term.language,
                "datatype": compact(str(term.datatype)) if term.datatype else None}
    iri = str(term)
    out = {"iri": iri, "label": k.label(iri, lang), "page": entity_path(iri), "kind": k.kind(iri)}
    scheme = next(iter(k.objects(iri, SKOS.inScheme)), None)
    if scheme is not None:
        out["framework"] = k.label(scheme, lang)
    return out


def describe(iri: str, lang: str, limit: int = 100) -> dict:
    """An entity's page data; lists that grow with the data (who points at it, what reaches it)
    are cut at `limit` per list, with their full counts."""
    k = knowledge()
    types = sorted(k.types.get(iri, ()))
    quotes = [str(o) for o in k.objects(iri, SAM.sourceText)]
    pages = sorted({int(p) for p in (term_value(o) for o in k.objects(iri, SAM.sourcePage))
                    if isinstance(p, int)})
    source = k.source_of(iri)
    kind = k.kind(iri)
    data = {
        "iri": iri,
        "label": suggestions.suggestion_label(iri, lang) or k.label(iri, lang),
        "labels": k.label_pair(iri),
        "kind": kind,
        "types": [{"iri": t, "label": k.label(t, lang), "compact": compact(t)} for t in types],
        "graphs": k.graphs_of(iri),
        "quotes": [{"text": q, "source": f"/sources/{source.stem}?{urlencode({'q': q})}#quote" if source else None}
                   for q in sorted(quotes)],
        "pages": pages,
        "source": {"stem": source.stem, "page": f"/sources/{source.stem}", "meta": source.meta} if source else None,
        "outgoing": [{"property": p, "propertyLabel": k.label(p, lang), "compact": compact(p), "value": _value(o, lang)}
                     # a blank node has no page: a suggestion's evidence shows in its section
                     for p, o in k.outgoing(iri) if p not in SHOWN_ABOVE | SHOWN_APART and not isinstance(o, BNode)],
        "trace": [],
        "reaching": [],
        "reachingCount": 0,
        "reachingByOrganisation": [],
        "example": any(term_value(o) is True for o in k.objects(iri, SAM.exampleData)),  # invented: examples/
    }
    data["incoming"], data["incomingTotals"] = _incoming(k, iri, lang, limit)
    data.update(organisation_parts(iri, lang))  # an organisation's rules and governance
    data["suggested"] = suggestions.for_entity(iri, lang, limit)  # apart from what the document states
    data["trace"] = [[_value(n, lang) for n in path] for path in k.trace(iri)]
    if kind in CONCEPT_CLASSES:
        found = reaching(k.trace_graph(), iri)
        # at national scale a concept is reached by thousands: sorted by kind and IRI, the first
        # `limit` shown, the number said, and the organisations listed with their counts
        shown = sorted(found, key=lambda n: (strategy_order(k.kind(n)), n))[:limit]
        data["reaching"] = [_value(n, lang) for n in shown]
        data["reachingCount"] = len(found)
        data["reachingByOrganisation"] = _reach_by_organisation(k, iri, lang)
    return data


def _incoming(k, iri: str, lang: str, limit: int) -> tuple[list[dict], list[dict]]:
    """Who points at the entity: at most `limit` per property, and how many there are."""
    by_property: dict[str, list[str]] = {}
    for subject, prop in k.incoming(iri):
        by_property.setdefault(prop, []).append(subject)
    rows, totals = [], []
    for prop in sorted(by_property, key=lambda p: compact(p)):
        subjects = by_property[prop]
        totals.append({"property": prop, "propertyLabel": k.label(prop, lang), "compact": compact(prop),
                       "count": len(subjects), "shown": min(len(subjects), limit)})
        rows += [{"property": prop, "propertyLabel": k.label(prop, lang), "compact": compact(prop),
                  "subject": _value(subject, lang)} for subject in subjects[:limit]]
    return rows, totals


def _reach_by_organisation(k, concept: str, lang: str) -> list[dict]:
    """The organisations whose goals, areas or activities reach a concept, with the counts of
    the coverage cube and a link to the list (only flagships and Baltic Sea objectives have cells)."""
    out = []
    for row in k.coverage():
        if row["concept"] != concept or not total(row):
            continue
        organisation = str(row["organisation"])
        out.append({"iri": organisation, "label": k.label(organisation, lang), "page": entity_path(organisation),
                    "goals": row["goals"], "priorityAreas": row["priorityAreas"], "activities": row["activities"],
                    "reach": "/reach?" + urlencode({"organisation": organisation, "concept": concept})})
    return sorted(out, key=lambda o: o["label"].casefold())


@bp.route("/id/<path:path>")
def page(path: str):
    k = knowledge()
    lang = i18n.current()
    bare, suffix = split_suffix(path, lambda p: k.exists(str(ID) + p))
    iri = str(ID) + bare
    if not k.exists(iri):
        abort(404, i18n.word("error.nothing", lang, iri=iri))
    fmt = chosen_format(suffix)
    html_path = "/id/" + bare
    if fmt in ENTITY_FORMATS:
        return rdf_response(k.entity_graph(iri), fmt, html_path, negotiated=suffix is None)
    limit = current_app.config["ENTITY_LIST_LIMIT"]
    response = twin("entity.html", lambda: describe(iri, lang, limit), html_path, html_path + ".json", fmt.suffix,
                    cache=True, rdf_links={s: html_path + s for s in RDF_SUFFIXES})
    if fmt is HTML:
        response.headers["Link"] += ", " + alternates(html_path)
    return response


# --- named graphs -------------------------------------------------------------------------------

def graph_triples(name: str) -> Graph:
    """A named graph's triples, prefixes bound: its RDF representation."""
    graph = bind_prefixes(Graph())
    for triple in lookup(knowledge().store, "graph-triples", graph=URIRef(name)).graph:
        graph.add(triple)
    return graph


@bp.route("/graph/<path:path>")
def named_graph(path: str):
    """A named graph (https://w3id.org/samsyn/graph/X): its triples in RDF, or a page saying
    what it holds and where to get it."""
    k = knowledge()
    names = {str(name) for name in k.store.graph_names()}
    bare, suffix = split_suffix(path, lambda p: str(GRAPH) + p in names)
    iri = str(GRAPH) + bare
    if iri not in names:
        abort(404, i18n.word("error.nothing", i18n.current(), iri=iri))
    fmt = chosen_format(suffix)
    html_path = "/graph/" + bare
    if fmt in ENTITY_FORMATS:
        return rdf_response(graph_triples(iri), fmt, html_path, negotiated=suffix is None)
    counts = k.cached("triples-per-graph", lambda: triples_per_graph(k.store))
    source = source_of([iri], k.sources)
    data = {"iri": iri, "triples": counts.get(iri, 0),
            "source": {"stem": source.stem, "page": f"/sources/{source.stem}",
                       "title": source.title} if source else None,
            "formats": [{"href": html_path + s, "label": f.label, "mediaType": f.media_type} for s, f in RDF_SUFFIXES.items()],
            "query": "/query?" + urlencode({"query": f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} LIMIT 100"})}
    response = twin("namedgraph.html", data, html_path, html_path + ".json", fmt.suffix)
    if fmt is HTML:
        response.headers["Link"] += ", " + alternates(html_path)
    return response


# --- source texts -------------------------------------------------------------------------------

def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _find(text: str, quote: str) -> tuple[int, int] | None:
    """Where the quote is in the text, ignoring differences in whitespace."""
    words = [re.escape(w) for w in _normalise(quote).split(" ") if w]
    if not words:
        return None
    match = re.search(r"\s+".join(words), text)
    return (match.start(), match.end()) if match else None


_PAGE = re.compile(r"^(\d{1,4}) ")


def _render(text: str, quote: str, has_pages: bool, end_line: int | None) -> tuple[Markup, bool]:
    """The source text as escaped HTML, line by line: a page anchor (id="page-N") where a line
    starts a page, and the quote wrapped in <mark id="quote">."""
    lines = text.split("\n")
    if end_line:
        lines = lines[:end_line]
    shown = "\n".join(lines)
    span = _find(shown, quote) if quote else None
    out: list[str] = []
    offset = 0
    first_mark = True
    for number, line in enumerate(lines, start=1):
        start, end = offset, offset + len(line)
        offset = end + 1
        prefix = ""
        page = _PAGE.match(line) if has_pages else None
        if page:
            prefix = f'<span class="page-anchor" id="page-{page.group(1)}"></span>'
        if span and span[0] < end and span[1] > start:
            a, b = max(span[0], start) - start, min(span[1], end) - start
            mark_id = ' id="quote"' if first_mark else ""
            first_mark = False
            body = f"{escape(line[:a])}<mark{mark_id}>{escape(line[a:b])}</mark>{escape(line[b:])}"
        else:
            body = str(escape(line))
        out.append(f'<span class="line" id="line-{number}">{prefix}{body}</span>')
    return Markup("\n".join(out)), span is not None


@bp.route("/sources/<stem>", defaults={"suffix": None})
@bp.route("/sources/<stem><any('.json', '.txt'):suffix>")
def source(stem: str, suffix):
    k = knowledge()
    src = k.sources.get(stem)
    if src is None:
        abort(404, f"no source text {stem!r}")
    text = src.text()
    if suffix == ".txt":
        response = make_response(text)
        response.mimetype = "text/plain"
        response.headers["Link"] = link_header(f"/sources/{stem}", HTML.media_type)
        return response
    quote = request.args.get("q", "")
    end_line = src.end_line
    marked, found = _render(text, quote, src.has_pages, end_line)
    meta = {k: v for k, v in src.meta.items() if isinstance(v, (str, int, float, bool))}
    data = {"stem": stem, "meta": meta, "quote": quote or None, "found": found if quote else None,
            "endLine": end_line, "text": text}
    return twin("source.html", data, f"/sources/{stem}", f"/sources/{stem}.json", suffix, marked=marked)
