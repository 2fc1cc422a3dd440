"""Entity pages: the page of https://w3id.org/samsyn/id/X is served at /id/X, its RDF by Accept
or a suffix (graph.formats.ENTITY_FORMATS: Turtle .ttl, JSON-LD .jsonld, N-Triples .nt), its
JSON twin by .json or Accept. Also the source texts the quotes come from, at /sources/<stem>."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, make_response, request
from markupsafe import Markup, escape
from rdflib import Literal

from samsyn.graph.analysis.coverage import total
from samsyn.graph.formats import ENTITY_FORMATS, HTML, JSON, Format, negotiate
from samsyn.graph.namespaces import ID, RDF, RDFS, SAM, SKOS
from samsyn.graph.results import term_value
from samsyn.graph.traceability import reaching
from samsyn.graph.vocabulary import CONCEPT_CLASSES, compact, strategy_order

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, link_header, twin
from . import suggestions

bp = Blueprint("entity", __name__)

#: properties the page shows in its head (labels, type, quotes): not repeated among the links
SHOWN_ABOVE = {str(RDF.type), str(RDFS.label), str(SKOS.prefLabel), str(SAM.sourceText), str(SAM.sourcePage)}
RDF_SUFFIXES: dict[str, Format] = {fmt.suffix: fmt for fmt in ENTITY_FORMATS}


def _split_suffix(path: str) -> tuple[str, str | None]:
    """'a/b.ttl' -> ('a/b', '.ttl') when the IRI without the suffix is the one in the graph."""
    k = knowledge()
    for suffix in (JSON.suffix, *RDF_SUFFIXES):
        if path.endswith(suffix):
            bare = path[: -len(suffix)]
            if not k.exists(str(ID) + path) and k.exists(str(ID) + bare):
                return bare, suffix
    return path, None


def _negotiated_rdf() -> Format | None:
    """The RDF format the Accept header prefers to the page and its JSON twin, if any."""
    chosen = negotiate(request.headers.get("Accept"), (HTML, JSON, *ENTITY_FORMATS))
    return chosen if chosen in ENTITY_FORMATS else None


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
        "label": k.label(iri, lang),
        "labels": k.label_pair(iri),
        "kind": kind,
        "types": [{"iri": t, "label": k.label(t, lang), "compact": compact(t)} for t in types],
        "graphs": k.graphs_of(iri),
        "quotes": [{"text": q, "source": f"/sources/{source.stem}?{urlencode({'q': q})}#quote" if source else None}
                   for q in sorted(quotes)],
        "pages": pages,
        "source": {"stem": source.stem, "page": f"/sources/{source.stem}", "meta": source.meta} if source else None,
        "outgoing": [{"property": p, "propertyLabel": k.label(p, lang), "compact": compact(p), "value": _value(o, lang)}
                     for p, o in k.outgoing(iri) if p not in SHOWN_ABOVE],
        "trace": [],
        "reaching": [],
        "reachingCount": 0,
        "reachingByOrganisation": [],
    }
    data["incoming"], data["incomingTotals"] = _incoming(k, iri, lang, limit)
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
    bare, suffix = _split_suffix(path)
    iri = str(ID) + bare
    if not k.exists(iri):
        abort(404, i18n.word("error.nothing", lang, iri=iri))
    rdf = RDF_SUFFIXES.get(suffix) if suffix else _negotiated_rdf()
    html_path = "/id/" + bare
    if rdf:
        response = make_response(k.entity_graph(iri).serialize(format=rdf.rdflib, encoding="utf-8"))
        response.mimetype = rdf.media_type
        response.headers["Link"] = link_header(html_path, HTML.media_type)
        return response
    limit = current_app.config["ENTITY_LIST_LIMIT"]
    response = twin("entity.html", lambda: describe(iri, lang, limit), html_path, html_path + ".json", suffix,
                    cache=True, rdf_links={s: html_path + s for s in RDF_SUFFIXES})
    if suffix is None:
        response.headers["Link"] += ", " + ", ".join(link_header(html_path + s, f.media_type)
                                                     for s, f in RDF_SUFFIXES.items())
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
    end_line = src.meta.get("end_line") if isinstance(src.meta.get("end_line"), int) else None
    marked, found = _render(text, quote, bool(src.meta.get("has_pages")), end_line)
    meta = {k: v for k, v in src.meta.items() if isinstance(v, (str, int, float, bool))}
    data = {"stem": stem, "meta": meta, "quote": quote or None, "found": found if quote else None,
            "endLine": end_line, "text": text}
    return twin("source.html", data, f"/sources/{stem}", f"/sources/{stem}.json", suffix, marked=marked)
