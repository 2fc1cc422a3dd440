"""`samsyn search` and `samsyn suggest`: ranked hits with the matched words marked (brackets in a
pipe, ANSI bold on a terminal, offsets in CSV and JSON), the Swedish cases, suggestions as CSV,
JSON and the Turtle of their own named graph, and bad input as one line with exit 2."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import select
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from rdflib import Graph

from samsyn.graph.cli import main
from samsyn.graph.namespaces import GRAPH, ID, PROV, RDF, SAM
from samsyn.graph.text.analysis import fold
from samsyn.graph.text.suggest import THRESHOLD

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXEMPELBY = str(FIXTURES / "exempelby.ttl")
SAMSYN = Path(sys.executable).parent / "samsyn"
SOURCES = Path(__file__).parents[2] / "graph" / "data" / "sources"
HYLTE_EXCHANGE = str(ID["hylte/activity/vanortsutbyte"])
VARMDO_YOUTH = str(ID["varmdo/activity/utbyte-mellan-barn-och-ungdomar"])
UNGA = str(ID["ronneby/priority-area/unga-pa-vag"])


def invoke(runner, *args: str):
    result = runner.invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def records(runner, query: str, *options: str) -> list[dict]:
    return json.loads(invoke(runner, "search", query, "--format", "json", *options).stdout)


def marked(record: dict) -> list[str]:
    return [record["snippet"][a:b] for a, b in record["highlights"]]


# --- search -------------------------------------------------------------------------------------

def test_the_table_marks_matched_words_with_brackets_outside_a_terminal(runner):
    out = invoke(runner, "search", "utbyte").stdout
    lines = out.splitlines()
    assert "\x1b[" not in out
    entry = next(i for i, line in enumerate(lines) if line.rstrip().endswith("id:hylte/activity/vanortsutbyte"))
    assert "Vänortsutbyte" in lines[entry] and "Activity" in lines[entry]
    assert lines[entry + 1].strip() == "label: [Vänortsutbyte]"
    assert lines[-1] == "(20 hits)"


def _run_on_a_terminal(*args: str, env: dict | None = None) -> str:
    """The installed command with its stdout on a pseudo-terminal; what it wrote there."""
    main_fd, terminal = pty.openpty()
    process = subprocess.Popen([str(SAMSYN), *args], stdout=terminal, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    os.close(terminal)
    out = b""
    while True:
        ready, _, _ = select.select([main_fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        out += chunk
    os.close(main_fd)
    assert process.wait(timeout=60) == 0, process.stderr.read()
    return out.decode("utf-8")


@pytest.mark.slow
def test_on_a_terminal_matched_words_are_bold_unless_no_color():
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    bold = _run_on_a_terminal("search", "vänortsutbyte", "--limit", "1", env=env | {"NO_COLOR": ""})
    assert "\x1b[1mVänortsutbyte\x1b[0m" in bold and "[Vänortsutbyte]" not in bold
    plain = _run_on_a_terminal("search", "vänortsutbyte", "--limit", "1", env={"NO_COLOR": "1"})
    assert "[Vänortsutbyte]" in plain and "\x1b[1m" not in plain


@pytest.mark.parametrize("query, entity, word", [
    ("vänort", HYLTE_EXCHANGE, "Vänortsutbyte"),  # the word begins a compound
    ("utbyte", HYLTE_EXCHANGE, "Vänortsutbyte"),  # ... and ends one
    ("ungdomsutbyte", VARMDO_YOUTH, "Utbyte"),  # a compound finds its parts
    ("Ostersjon", str(ID["varmdo/priority-area/ostersjosamarbete-batliv-och-turism"]), "Östersjösamarbete"),
])
def test_the_swedish_cases(runner, query, entity, word):
    found = {r["entity"]: r for r in records(runner, query, "--limit", "20")}
    assert entity in found, sorted(found)
    assert word in marked(found[entity])


def test_inflected_forms_are_found(runner):
    words = {fold(w) for r in records(runner, "vänort", "--limit", "100") for w in marked(r)}
    assert {"vanort", "vanorter"} <= words


def test_json_offsets_mark_the_matched_words_and_hits_are_ranked(runner):
    found = records(runner, "Östersjön")
    assert [r["rank"] for r in found] == list(range(1, len(found) + 1))
    # the strategy for the region is among the first hits (definitions that say "Östersjön" itself may rank above it)
    assert str(ID["eusbsr"]) in [r["entity"] for r in found[:5]]
    for r in found:
        assert r["highlights"], r
        assert all(fold(w).startswith("ostersjo") for w in marked(r)), r


def test_csv_has_offsets_and_the_place_in_the_source_text(runner):
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "search", "vänortssamarbete", "--format", "csv",
                                                  "--limit", "50").stdout)))
    assert list(rows[0]) == ["rank", "entity", "kind", "label", "field", "lang", "score", "snippet", "highlights",
                             "document", "page", "line"]
    for row in rows:
        spans = [tuple(map(int, pair.split("-"))) for pair in row["highlights"].split()]
        # the compound's parts count too ("samarbete" in "projektsamarbete")
        assert spans and all(any(part in fold(row["snippet"][a:b]) for part in ("vanort", "samarbet"))
                             for a, b in spans), row
    passages = [row for row in rows if row["field"] == "source"]
    assert passages, "no hit in the source texts"
    for row in passages:  # the line named holds the words marked; the hit is the document's strategy
        text = (SOURCES / f"{row['document']}.txt").read_text(encoding="utf-8").split("\n")[int(row["line"]) - 1]
        assert row["snippet"].strip("…")[:40] in text
        assert row["entity"].startswith(str(ID[row["document"] + "/strategy/"]))
        assert row["page"] == "" or row["page"].isdigit()


def test_a_language_keeps_to_its_texts(runner):
    english = records(runner, "exchange", "--lang", "en")
    assert english and {r["lang"] for r in english} == {"en"}
    assert {r["lang"] for r in records(runner, "utbyte", "--lang", "sv")} == {"sv"}


def test_another_source_is_searched(runner):
    found = json.loads(invoke(runner, "search", "strand", "--source", EXEMPELBY, "--format", "json").stdout)
    assert any(r["entity"] == str(ID["exempelby/activity/strandstadning"]) for r in found)
    assert not any(r["entity"].startswith(str(ID["ronneby"])) for r in found)


def test_nothing_found_is_an_empty_answer_not_an_error(runner):
    assert invoke(runner, "search", "qwxzzy").stdout == "(0 hits)\n"
    assert records(runner, "qwxzzy") == []


@pytest.mark.parametrize("query, expected", [
    ("   ", "the query is empty"),
    ("ord " * 100, "the query is 400 characters long: give at most 300"),
])
def test_a_bad_query_is_one_line_and_exit_2(runner, query, expected):
    result = runner.invoke(main, ["search", query])
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("samsyn: error: ") and expected in line


# --- suggest ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def suggestion_rows() -> list[dict]:
    from click.testing import CliRunner

    return list(csv.DictReader(io.StringIO(invoke(CliRunner(), "suggest", "--format", "csv").stdout)))


def test_suggest_csv_columns_and_scores(suggestion_rows):
    assert list(suggestion_rows[0])[:4] == ["entity", "concept", "score", "evidence"]
    assert all(THRESHOLD <= float(row["score"]) <= 1 for row in suggestion_rows)
    assert all(row["evidence"] and row["method"] == "lexical" for row in suggestion_rows)
    youth = next(row for row in suggestion_rows
                 if row["entity"] == UNGA and row["concept"] == str(ID["eu2020/flagship/youth-on-the-move"]))
    assert youth["entity_label"] == "Unga på väg" and "Unga" in youth["evidence"]


def test_suggest_turtle_is_the_suggested_graph_and_asserts_nothing(runner, suggestion_rows):
    graph = Graph().parse(data=invoke(runner, "suggest", "--format", "turtle").stdout, format="turtle")
    nodes = set(graph.subjects(RDF.type, SAM.Suggestion))
    assert len(nodes) == len(suggestion_rows)
    pairs = {(str(graph.value(n, SAM.suggestedEntity)), str(graph.value(n, SAM.suggestedConcept))) for n in nodes}
    assert pairs == {(row["entity"], row["concept"]) for row in suggestion_rows}
    assert not list(graph.triples((None, SAM.alignsWith, None)))


def test_suggest_json_carries_the_evidence_word_by_word(runner, suggestion_rows):
    found = json.loads(invoke(runner, "suggest", "--format", "json").stdout)
    assert len(found) == len(suggestion_rows)
    first = found[0]
    assert {"entity", "concept", "score", "evidence", "entityLabel", "conceptLabel"} <= set(first)
    assert all({"entityWord", "conceptWord", "relation", "lang"} == set(m) for m in first["evidence"])


def test_suggest_table_says_suggested_not_stated(runner):
    out = invoke(runner, "suggest", "--entity", UNGA).stdout
    assert out.startswith("Unga på väg  id:ronneby/priority-area/unga-pa-vag\n")
    assert "Youth on the move" not in out and "Unga på väg (Europa 2020)" in out
    assert out.rstrip().endswith("not stated in the documents)")


def test_every_framework_widens_the_suggestions(runner, suggestion_rows):
    wider = list(csv.DictReader(io.StringIO(invoke(runner, "suggest", "--format", "csv", "--all-frameworks").stdout)))
    assert {(r["entity"], r["concept"]) for r in suggestion_rows} <= {(r["entity"], r["concept"]) for r in wider}
    assert len(wider) >= len(suggestion_rows)


def test_an_entity_that_is_not_a_goal_area_or_activity_is_refused(runner):
    result = runner.invoke(main, ["suggest", "--entity", str(ID["ronneby"])])
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "not a goal, priority area or activity" in line


def test_the_turtle_says_what_generated_the_suggestions(runner):
    graph = Graph().parse(data=invoke(runner, "suggest", "--format", "turtle", "--entity", UNGA).stdout, format="turtle")
    [run] = set(graph.subjects(RDF.type, PROV.Activity))
    assert str(graph.value(run, SAM.method)) == "lexical"
    assert set(graph.objects(None, PROV.wasGeneratedBy)) == {run}
    assert {str(o) for o in graph.objects(None, SAM.suggestedEntity)} == {UNGA}
    # the provenance a build writes: the sources' graphs read, and the time the tests fix
    assert str(GRAPH["strategies/ronneby"]) in {str(g) for g in graph.objects(run, PROV.used)}
    ended = graph.value(run, PROV.endedAtTime).toPython()
    assert ended == datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), timezone.utc)


def test_a_threshold_given_cuts_the_suggestions_and_is_recorded(runner, suggestion_rows):
    higher = list(csv.DictReader(io.StringIO(invoke(runner, "suggest", "--format", "csv", "--threshold", "0.9").stdout)))
    assert higher and all(float(row["score"]) >= 0.9 for row in higher)
    assert [(r["entity"], r["concept"]) for r in higher] == [
        (r["entity"], r["concept"]) for r in suggestion_rows if float(r["score"]) >= 0.9]
    graph = Graph().parse(data=invoke(runner, "suggest", "--format", "turtle", "--threshold", "0.9").stdout,
                          format="turtle")
    [run] = set(graph.subjects(RDF.type, PROV.Activity))
    assert float(graph.value(run, SAM.threshold)) == 0.9
    refused = runner.invoke(main, ["suggest", "--threshold", "1.5"])
    assert refused.exit_code == 2 and "--threshold" in refused.stderr
