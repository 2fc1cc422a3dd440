"""Strategy periods compared (issue 13) as data, a table, Markdown, and the `samsyn compare`
command: the library's `compare` labelled in one language, with the interface's words from the
one word table (i18n.WORDS). The page /id/ORG/periods (views/periods.py) shows the same data."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import click

from samsyn.graph.analysis import resources
from samsyn.graph.analysis.follow_up import organisation_iri
from samsyn.graph.periods import BY_PERIOD, SUGGESTED, THRESHOLD, Comparison, compare, pairs, periods
from samsyn.graph.cli import BadInput, graph_options
from samsyn.graph.store import Store
from samsyn.graph.vocabulary import COUNT_KEYS

from .i18n import word
from .knowledge import Knowledge, entity_path

#: how a pair or a match was made -> its word (i18n.WORDS)
HOW_WORDS = {"http://purl.org/dc/terms/replaces": "periods.how.replaces",
             "http://www.w3.org/ns/prov#wasRevisionOf": "periods.how.revision",
             "http://www.w3.org/2004/02/skos/core#exactMatch": "periods.how.same",
             SUGGESTED: "periods.how.suggested", BY_PERIOD: "periods.how.period"}


def periods_path(organisation: str, before: str | None = None, after: str | None = None) -> str:
    """The page of an organisation's periods compared, for one pair when given."""
    path = f"{entity_path(organisation)}/periods"
    return path + ("?" + urlencode({"before": before, "after": after}) if before and after else "")


def periods_link(k: Knowledge, organisation: str) -> str | None:
    """The page of the organisation's periods compared, where it has two strategies to compare
    (None otherwise); looked up once per organisation, not on every page that links to it."""
    return k.kept("periods-link:" + organisation,
                  lambda: periods_path(organisation) if pairs(periods(k.store, organisation)) else "") or None


def decimal(value: float, lang: str) -> str:
    """A score with two decimals, with the decimal comma in Swedish."""
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "sv" else text


def _period(start: int | None, end: int | None) -> str:
    return "" if start is None and end is None else f"{start or ''}–{end or ''}"


def _row(rows: list[dict]) -> dict:
    """A strategy's coverage row summed: concepts reached, of how many, and the counts."""
    counts = {key: sum(int(r[key]) for r in rows) for key in COUNT_KEYS.values()}
    return {"concepts": sum(1 for r in rows if any(int(r[k]) for k in COUNT_KEYS.values())), "of": len(rows),
            "counts": counts}


def comparison_data(store: Store, organisation: str, before: str | None = None, after: str | None = None,
                    lang: str = "sv") -> dict:
    """The comparison as JSON-friendly data, labelled in `lang`: what the page, its JSON twin,
    the table and the Markdown show. LookupError as `compare` raises it."""
    result: Comparison = compare(store, organisation, before, after)
    labels = resources.labels(store)

    def name(iri: str) -> str:
        return resources.label(labels.get(iri), iri, lang)

    def ref(iri: str) -> dict:
        return {"iri": iri, "label": name(iri), "page": entity_path(iri)}

    def concepts(iris) -> list[dict]:
        return sorted((ref(c) for c in iris), key=lambda c: c["label"].casefold())

    def strategy(s) -> dict:
        return {**ref(s.iri), "start": s.start, "end": s.end, "period": _period(s.start, s.end), "example": s.example}

    def entity(iri: str) -> dict:
        e = result.entities[iri]
        return {**ref(iri), "kind": e.kind, "kindLabel": word(f"kind.{e.kind}", lang), "example": e.example,
                "aligns": concepts(e.aligns)}

    def how(iri: str) -> dict:
        return {"iri": iri, "label": word(HOW_WORDS.get(iri, "periods.how.period"), lang)}

    before_row, after_row = _row(result.coverage_before), _row(result.coverage_after)
    after_by_concept = {r["concept"]: r for r in result.coverage_after}
    coverage_rows = []
    for r in result.coverage_before:
        later = after_by_concept.get(r["concept"], {key: 0 for key in COUNT_KEYS.values()})
        cells = {side: {**{k: int(row[k]) for k in COUNT_KEYS.values()},
                        "total": sum(int(row[k]) for k in COUNT_KEYS.values())}
                 for side, row in (("before", r), ("after", later))}
        coverage_rows.append({**ref(str(r["concept"])), "framework": ref(str(r["framework"])), **cells,
                              "change": cells["after"]["total"] - cells["before"]["total"]})
    return {
        "organisation": ref(organisation),
        "example": result.example,
        "how": how(result.how),
        "before": strategy(result.before),
        "after": strategy(result.after),
        "pairs": [{"before": ref(p.before), "after": ref(p.after), "how": how(p.how),
                   "url": periods_path(organisation, p.before, p.after),
                   "current": (p.before, p.after) == (result.before.iri, result.after.iri)} for p in result.pairs],
        "threshold": THRESHOLD,
        "thresholdText": decimal(THRESHOLD, lang),
        "kept": [{"kind": m.kind, "kindLabel": word(f"kind.{m.kind}", lang), "before": entity(m.before),
                  "after": entity(m.after), "how": how(m.how), "suggested": m.suggested, "score": m.score,
                  "scoreText": None if m.score is None else decimal(m.score, lang),
                  "words": list(m.words), "alignsGained": concepts(m.aligns_gained),
                  "alignsLost": concepts(m.aligns_lost)} for m in result.kept],
        "added": [entity(iri) for iri in result.added],
        "dropped": [entity(iri) for iri in result.dropped],
        "alignments": {"gained": [{"entity": ref(e), "concept": ref(c)} for e, c in result.aligns_gained],
                       "lost": [{"entity": ref(e), "concept": ref(c)} for e, c in result.aligns_lost]},
        "reach": {"before": len(result.reached_before), "after": len(result.reached_after),
                  "gained": concepts(result.reached_gained), "lost": concepts(result.reached_lost)},
        "coverage": {"before": before_row, "after": after_row, "rows": coverage_rows},
    }


def _coverage_line(row: dict, lang: str) -> str:
    c = row["counts"]
    return word("periods.coverageRow", lang, n=row["concepts"], of=row["of"], goals=c["goals"],
                areas=c["priorityAreas"], activities=c["activities"])


def _kept_line(k: dict, lang: str) -> str:
    how = (f"{k['how']['label']}, {word('periods.score', lang)} {k['scoreText']}" if k["suggested"]
           else k["how"]["label"])
    changes = "".join(f"; {word(key, lang)}: {', '.join(c['label'] for c in k[field])}"
                      for key, field in (("periods.alignsGained", "alignsGained"), ("periods.alignsLost", "alignsLost"))
                      if k[field])
    return f"{k['before']['label']} → {k['after']['label']} ({k['kindLabel']}; {how}){changes}"


def _sections(data: dict, lang: str) -> list[tuple[str, list[str]]]:
    """The comparison as (heading, lines): what the table and the Markdown both print."""
    none = word("periods.none", lang)

    def listed(items: list[str]) -> list[str]:
        return items or [none]

    def entity_line(e: dict) -> str:
        aligns = f" → {', '.join(c['label'] for c in e['aligns'])}" if e["aligns"] else ""
        return f"{e['label']} ({e['kindLabel']}){aligns}"

    return [
        (word("periods.kept", lang), listed([_kept_line(k, lang) for k in data["kept"]])),
        (word("periods.added", lang), listed([entity_line(e) for e in data["added"]])),
        (word("periods.dropped", lang), listed([entity_line(e) for e in data["dropped"]])),
        (word("periods.alignments", lang),
         [f"{word('periods.gained', lang)}: " + (", ".join(f"{a['entity']['label']} → {a['concept']['label']}"
                                                          for a in data["alignments"]["gained"]) or none),
          f"{word('periods.lost', lang)}: " + (", ".join(f"{a['entity']['label']} → {a['concept']['label']}"
                                                        for a in data["alignments"]["lost"]) or none)]),
        (word("periods.reach", lang),
         [f"{word('periods.reachedAnew', lang)}: " + (", ".join(c["label"] for c in data["reach"]["gained"]) or none),
          f"{word('periods.noLonger', lang)}: " + (", ".join(c["label"] for c in data["reach"]["lost"]) or none)]),
        (word("periods.coverage", lang),
         [f"{word('periods.before', lang)}: {_coverage_line(data['coverage']['before'], lang)}",
          f"{word('periods.after', lang)}: {_coverage_line(data['coverage']['after'], lang)}"]),
    ]


def _strategy_line(side: str, strategy: dict) -> str:
    return f"{side}: {strategy['label']}" + (f" ({strategy['period']})" if strategy["period"] else "")


def _heading(data: dict, lang: str) -> list[str]:
    lines = [f"{word('periods.title', lang)}: {data['organisation']['label']}",
             _strategy_line(word("periods.before", lang), data["before"]),
             _strategy_line(word("periods.after", lang), data["after"]),
             f"{word('periods.pairedBy', lang)}: {data['how']['label']}"]
    if data["example"]:
        lines.append(word("example.banner", lang))
    if any(k["suggested"] for k in data["kept"]):
        lines.append(word("periods.suggestedNote", lang, threshold=data["thresholdText"]))
    return lines


def table(data: dict, lang: str = "sv") -> str:
    """The comparison as plain text for a terminal."""
    title, *rest = _heading(data, lang)
    out = [title, "=" * len(title), *rest, ""]
    for heading, lines in _sections(data, lang):
        out += [heading, "-" * len(heading), *(f"  {line}" for line in lines), ""]
    return "\n".join(out)


def markdown(data: dict, lang: str = "sv") -> str:
    """The comparison as Markdown."""
    title, *rest = _heading(data, lang)
    out = [f"# {title}", ""]
    for line in rest:
        out += [f"> **{line}**" if line == word("example.banner", lang) else line, ""]
    for heading, lines in _sections(data, lang):
        out += [f"## {heading}", "", *(f"- {line}" for line in lines), ""]
    return "\n".join(out)


@click.command("compare")
@click.argument("organisation")
@click.option("--before", metavar="IRI", help="The earlier strategy (default: the latest pair's).")
@click.option("--after", metavar="IRI", help="The later strategy (default: the latest pair's).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@graph_options
def compare_command(store: Store, organisation: str, before: str | None, after: str | None, fmt: str,
                    lang: str) -> None:
    """ORGANISATION's strategy periods compared (slug or official code): goals and priority areas
    kept, added and dropped, alignments gained and lost, the coverage row before and after."""
    try:
        iri = organisation_iri(store, organisation)
        data = comparison_data(store, iri, before, after, lang)
    except LookupError as error:
        raise BadInput(str(error)) from None
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(markdown(data, lang) if fmt == "markdown" else table(data, lang), nl=False)
