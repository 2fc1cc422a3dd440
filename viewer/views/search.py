"""/search?q=: ranked hits over labels, quotes and the source texts (graph.text.search, the index
built once per app: Knowledge.search_index), each linking to its entity page and to its place in
the source text; /search.json is its twin. Every page's header has the box that leads here.

A hit's snippet reaches the page as plain text with the matched words as [start, end) offsets;
the template cuts it at the offsets and escapes each piece (templates/_snippet.html)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, request

from samsyn.graph.namespaces import SAM, SKOS
from samsyn.graph.results import term_value
from samsyn.graph.text.search import Hit

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, twin

bp = Blueprint("search", __name__)

#: hits a page shows unless asked for more, and the most it shows
LIMIT, MAX_LIMIT = 20, 200
#: what the empty page offers to try
EXAMPLES = ("vänort", "ungdomsutbyte", "utbyte", "Ostersjon", "klimat")


def _first(values) -> str | None:
    return str(values[0]) if values else None


def _context(k, iri: str) -> str | None:
    """Whose the entity is: a concept's framework, a strategy's or a stated thing's organisation."""
    scheme = _first(k.objects(iri, SKOS.inScheme))
    if scheme:
        return scheme
    strategy = iri if k.kind(iri) == "Strategy" else _first(k.objects(iri, SAM.statedIn))
    return _first(k.objects(strategy, SAM.issuedBy)) if strategy else None


def _source_link(k, hit: Hit) -> str | None:
    """The hit's place in its source text: the line of a passage, or the entity's quote marked."""
    if hit.field == "source":
        return f"/sources/{hit.document}#line-{hit.line}" if hit.document in k.sources else None
    source = k.source_of(hit.iri)
    quotes = sorted(str(q) for q in k.objects(hit.iri, SAM.sourceText))
    if source is None or not quotes:
        return None
    core = hit.snippet.strip("…") if hit.field == "quote" else ""
    quote = next((q for q in quotes if core and core in q), quotes[0])
    return f"/sources/{source.stem}?{urlencode({'q': quote})}#quote"


def _kind_label(k, kind: str, lang: str) -> str:
    """The class's label from the ontology (sam:Rule -> "Regel"), else the interface's word for it."""
    iri = str(SAM) + kind
    return k.label(iri, lang) if iri in k.labels else i18n.word(f"kind.{kind}", lang)


def _hit(k, rank: int, hit: Hit, lang: str) -> dict:
    passage = hit.field == "source"
    context = _context(k, hit.iri)
    pages = sorted({p for p in (term_value(o) for o in k.objects(hit.iri, SAM.sourcePage)) if isinstance(p, int)})
    return {
        "rank": rank, "iri": hit.iri, "kind": hit.kind, "kindLabel": _kind_label(k, hit.kind, lang),
        # a passage is the document's: its title names it; an entity is named in the page's language
        "label": hit.label if passage else k.label(hit.iri, lang),
        "page": entity_path(hit.iri), "context": context, "contextLabel": k.label(context, lang) if context else None,
        "field": hit.field, "lang": hit.lang, "score": hit.score, "snippet": hit.snippet,
        "highlights": [list(span) for span in hit.highlights],
        "source": _source_link(k, hit), "document": hit.document,
        "sourcePage": hit.page if passage else (pages[0] if len(pages) == 1 else None), "line": hit.line,
    }


def _limit() -> int:
    raw = request.args.get("limit", str(LIMIT))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        abort(400, f"limit must be a whole number from 1 to {MAX_LIMIT}, not {raw!r}")
    return int(raw)


@bp.route("/search", defaults={"suffix": None})
@bp.route("/search<any('.json'):suffix>")
def search(suffix):
    """Hits for `q`, best first (`limit` of them). An empty query gives the page with examples."""
    k = knowledge()
    lang = i18n.current()
    query = request.args.get("q", "").strip()
    limit = _limit()
    try:
        hits = k.search_index().search(query, limit=limit) if query else []
    except ValueError as error:
        abort(400, str(error))

    found = [_hit(k, rank, hit, lang) for rank, hit in enumerate(hits, 1)]
    data = {"query": query, "limit": limit, "more": len(hits) == limit and limit < MAX_LIMIT, "hits": found}
    return twin("search.html", data, "/search", "/search.json", suffix, groups=_grouped(found), examples=EXAMPLES,
                max_limit=MAX_LIMIT)


def _grouped(hits: list[dict]) -> list[dict]:
    """The hits as the page lists them: a quote several entities share (a document's sentence
    quoted for each of its areas) once, at its best rank, with the other entities named under it."""
    groups: list[dict] = []
    shared: dict[tuple, dict] = {}
    for hit in hits:
        key = (hit["snippet"], hit["source"]) if hit["field"] == "quote" else None
        if key in shared:
            shared[key]["also"].append(hit)
            continue
        group = {"hit": hit, "also": []}
        if key:
            shared[key] = group
        groups.append(group)
    return groups
