"""`samsyn search` and `samsyn suggest`: thin commands over graph.text (search, suggestions),
joining the `samsyn` group through the `samsyn.commands` entry points (pyproject.toml).

Search prints ranked hits with the matched words marked: in the table with ANSI bold on a
terminal and [brackets] elsewhere; CSV and JSON carry the snippet as plain text and the matched
words as character offsets into it. Suggestions are printed apart from anything asserted: the
table says so, the Turtle is the named graph graph/suggested/<method> with its provenance."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from .analysis.resources import label as pick_label, labels as all_labels, properties
from .cli import BadInput, graph_options
from .namespaces import RDF
from .store import Store
from .documents import source_folders
from .text.search import Hit, SearchIndex
from .text.suggest import LEXICAL, suggest, suggestions_graph
from .text.suggest_embedding import EmbeddingModel, ModelError, suggest_embedding
from .text.suggested import generation_time, json_record, read_graphs, suggestions_csv
from .vocabulary import STRATEGY_KINDS, compact, kind_of


def _emphasis() -> tuple[str, str]:
    """How a matched word is marked in the table: bold on a terminal (unless NO_COLOR), else brackets."""
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return "\x1b[1m", "\x1b[0m"
    return "[", "]"


def marked(snippet: str, highlights: tuple[tuple[int, int], ...], start: str, end: str) -> str:
    """The snippet with each highlighted span between `start` and `end`."""
    out, at = [], 0
    for a, b in highlights:
        out += [snippet[at:a], start, snippet[a:b], end]
        at = b
    out.append(snippet[at:])
    return "".join(out)


def where(hit: Hit) -> str:
    """What matched, in words: 'label', 'quote', or 'source text ronneby, page 5, line 12'."""
    if hit.field != "source":
        return hit.field
    place = [f"source text {hit.document}"]
    if hit.page is not None:
        place.append(f"page {hit.page}")
    place.append(f"line {hit.line}")
    return ", ".join(place)


def _one_line(text: str) -> str:
    return " ".join(text.split())


#: the CSV's columns, in the order of hit_record
HIT_COLUMNS = ["rank", "entity", "kind", "label", "field", "lang", "score", "snippet", "highlights", "document",
               "page", "line"]


def hit_record(rank: int, hit: Hit) -> dict:
    """A hit as the CSV and JSON write it (highlights: [start, end) character offsets into snippet)."""
    return {"rank": rank, "entity": hit.iri, "kind": hit.kind, "label": hit.label, "field": hit.field,
            "lang": hit.lang, "score": hit.score, "snippet": hit.snippet,
            "highlights": [list(span) for span in hit.highlights],
            "document": hit.document, "page": hit.page, "line": hit.line}


@click.command("search")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table: ranked hits, matched words marked; csv and json: the snippet and the matched words "
                   "as [start, end) character offsets into it.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None,
              help="Search only texts in this language (default: both).")
@click.option("--limit", type=click.IntRange(min=1, max=1000), default=20, show_default=True, help="The most hits shown.")
@graph_options(pass_sources=True)
def search_command(store: Store, sources: list[Path], query: str, fmt: str, lang: str | None, limit: int) -> None:
    """Search labels (Swedish and English), definitions, quotes and the source texts for QUERY,
    best first. Swedish words are found in their inflected forms ("vänort" finds "vänorterna"),
    inside compounds ("utbyte" finds "vänortsutbyte") and typed without å, ä, ö ("Ostersjon")."""
    if not query.strip():
        raise BadInput("the query is empty: give one or more words, e.g. samsyn search vänort")
    try:
        hits = SearchIndex(store, source_folders(sources)).search(query, lang=lang, limit=limit)
    except ValueError as error:
        raise BadInput(str(error)) from None
    if fmt == "json":
        click.echo(json.dumps([hit_record(rank, hit) for rank, hit in enumerate(hits, 1)], ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        records = [hit_record(rank, hit) for rank, hit in enumerate(hits, 1)]
        for record in records:  # offsets as "start-end", space-separated
            record["highlights"] = " ".join(f"{a}-{b}" for a, b in record["highlights"])
        click.echo(_csv(HIT_COLUMNS, records), nl=False)
        return
    start, end = _emphasis()
    width = min(48, max((len(h.label) for h in hits), default=0))
    kinds = max((len(h.kind) for h in hits), default=0)
    for rank, hit in enumerate(hits, 1):
        name = hit.label if len(hit.label) <= width else hit.label[: width - 1] + "…"
        click.echo(f"{rank:>3}  {name.ljust(width)}  {hit.kind.ljust(kinds)}  {compact(hit.iri)}")
        click.echo(f"     {where(hit)}: {_one_line(marked(hit.snippet, hit.highlights, start, end))}")
    click.echo(f"({len(hits)} hit{'s' if len(hits) != 1 else ''})")


def _csv(names: list[str], records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, names, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in record.items()} for record in records)
    return buffer.getvalue()


@click.command("suggest")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "turtle"]), default="table",
              show_default=True, help="turtle: the named graph graph/suggested/<method>, with its provenance.")
@click.option("--method", type=click.Choice(["lexical", "embedding"]), default="lexical", show_default=True,
              help="embedding: score by a local sentence-embedding model (--model; pip install 'samsyn[embedding]').")
@click.option("--model", metavar="PATH",
              help="The folder of a model2vec model on this machine, for --method embedding; nothing is downloaded.")
@click.option("--threshold", type=click.FloatRange(0, 1), metavar="SCORE",
              help="The lowest score suggested, in [0, 1] (default: the method's own, recorded in the provenance; "
                   "the embedding method's is not tuned: measure a model with benchmarks/suggest.py --model PATH).")
@click.option("--all-frameworks", is_flag=True,
              help="Suggest concepts of every framework, not only of those the entity's strategy refers to.")
@click.option("--entity", "entities", multiple=True, metavar="IRI",
              help="Only this goal, priority area or activity (repeatable).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="The language of the labels in the table, the CSV and the JSON.")
@graph_options
def suggest_command(store: Store, fmt: str, method: str, model: str | None, threshold: float | None,
                    all_frameworks: bool, entities: tuple[str, ...], lang: str) -> None:
    """For each goal, priority area and activity, the framework concepts its text suggests it
    aligns with, with a score in [0, 1] and the words that matched. Suggested, not stated in the
    documents: read from the text alone, never counted in coverage or gaps."""
    if method == "embedding" and not model:
        raise BadInput("--method embedding needs --model PATH: the folder of a model2vec model on this machine")
    if method == "lexical" and model:
        raise BadInput("--model is read only by --method embedding; add --method embedding, or leave --model out")
    for entity in entities:
        types = [str(value) for prop, value in properties(store, entity) if prop == str(RDF.type)]
        if kind_of(types) not in STRATEGY_KINDS:
            raise BadInput(f"--entity {entity}: not a goal, priority area or activity in the graph; "
                           "give the full IRI of one (samsyn search finds them)")
    if method == "embedding":
        try:
            embedding = EmbeddingModel.load(model)
        except ModelError as error:
            raise BadInput(str(error)) from None
        made_by = embedding.method()
    else:
        made_by = LEXICAL
    if threshold is not None:
        made_by = replace(made_by, threshold=threshold)
    if method == "embedding":
        suggestions = suggest_embedding(store, embedding, entities or None, all_frameworks=all_frameworks,
                                        threshold=made_by.threshold)
    else:
        suggestions = suggest(store, entities or None, all_frameworks=all_frameworks, threshold=made_by.threshold)
    if fmt == "turtle":
        # the provenance a build writes: its time (SOURCE_DATE_EPOCH where set) and the graphs read
        graph = suggestions_graph(suggestions, generation_time(), method=made_by, used=read_graphs(store))
        sys.stdout.buffer.write(graph.serialize(format="turtle", encoding="utf-8"))
        return
    names = all_labels(store)

    def label(iri: str) -> str:
        return pick_label(names.get(iri), iri, lang)

    if fmt == "json":
        click.echo(json.dumps([json_record(s, label) for s in suggestions], ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        click.echo(suggestions_csv(suggestions, label), nl=False)
        return
    current = None
    for suggestion in suggestions:
        if suggestion.entity != current:
            current = suggestion.entity
            click.echo(f"{label(current)}  {compact(current)}")
        framework = label(suggestion.framework)
        evidence = suggestion.evidence_text or "no word in common"  # the embedding method scores without one
        click.echo(f"  {suggestion.score:.2f}  {label(suggestion.concept)} ({framework})  <- {evidence}")
    count = len({s.entity for s in suggestions})
    click.echo(f"({len(suggestions)} suggestion{'s' if len(suggestions) != 1 else ''} for {count} "
               f"entit{'ies' if count != 1 else 'y'}; {made_by}, threshold {made_by.threshold}: "
               f"suggested from the text, not stated in the documents)")
