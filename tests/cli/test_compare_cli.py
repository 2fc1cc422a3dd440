"""`samsyn compare ORG`: the example pair (Hylte's guidelines and the invented revision in
examples/) as a table, JSON and Markdown, in Swedish and English, the same numbers as the
library; bad input is one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samsyn.graph.periods import compare
from samsyn.graph.building import build
from samsyn.graph.cli import main

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "graph" / "data" / "strategies" / "hylte.ttl",
           ROOT / "examples" / "hylte-internationell-strategi-2016-2020.ttl"]
ARGS = [arg for path in SOURCES for arg in ("--source", str(path))]
HYLTE = "https://w3id.org/samsyn/id/hylte"


@pytest.fixture(scope="module")
def expected():
    return compare(build(SOURCES), HYLTE)


def run(runner, *args):
    result = runner.invoke(main, ["compare", *args, *ARGS])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_is_the_library_comparison(runner, expected):
    data = json.loads(run(runner, "hylte", "--format", "json", "--lang", "en"))
    assert data["example"] is True
    assert (data["before"]["iri"], data["after"]["iri"]) == (expected.before.iri, expected.after.iri)
    assert [(k["before"]["iri"], k["after"]["iri"], k["suggested"]) for k in data["kept"]] == [
        (m.before, m.after, m.suggested) for m in expected.kept]
    assert [e["iri"] for e in data["added"]] == expected.added and [e["iri"] for e in data["dropped"]] == expected.dropped
    assert [(a["entity"]["iri"], a["concept"]["iri"]) for a in data["alignments"]["gained"]] == expected.aligns_gained
    after = data["coverage"]["after"]
    assert after["counts"] == {key: sum(r[key] for r in expected.coverage_after)
                               for key in ("goals", "priorityAreas", "activities")} == {
        "goals": 3, "priorityAreas": 5, "activities": 2}
    assert (after["concepts"], after["of"]) == (5, 22) and data["coverage"]["before"]["concepts"] == 0
    assert next(k for k in data["kept"] if k["suggested"])["how"]["label"] == "suggestion"


def test_by_official_code_the_same(runner):
    assert json.loads(run(runner, "1315", "--format", "json")) == json.loads(run(runner, "hylte", "--format", "json"))


def test_table_in_swedish_and_english(runner):
    swedish = run(runner, "hylte")
    assert swedish.startswith("Strategiperioder jämförda: Hylte kommun")
    for line in ("Behållna mål och prioriterade områden", "Tillagda", "Borttagna", "Förståelse och integration (Mål)",
                 "Mervärden → Mervärden för invånare och näringsliv (Mål; förslag, poäng 0,60)",
                 "Efter: 5 av 22 flaggskepp och Östersjömål nås; mål 3, områden 5, aktiviteter 2", "Exempeldata:"):
        assert line in swedish
    english = run(runner, "hylte", "--lang", "en")
    assert "Goals and priority areas kept" in english and "Understanding and integration (Goal)" in english
    assert "Example data:" in english and "Behållna" not in english


def test_markdown(runner):
    text = run(runner, "hylte", "--format", "markdown", "--lang", "en")
    assert text.startswith("# Strategy periods compared: Hylte Municipality")
    assert "> **Example data:" in text
    for heading in ("## Goals and priority areas kept", "## Added", "## Dropped", "## Alignments gained and lost",
                    "## Reach in the frameworks", "## Coverage before and after"):
        assert heading in text
    assert "- Before: 0 of 22 flagships" in text


def test_one_strategy_is_one_line_and_exit_2(runner):
    result = runner.invoke(main, ["compare", "hylte"])
    assert result.exit_code == 2
    assert result.stderr.startswith("samsyn: error:") and "two are needed" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_organisation_or_strategy_exit_2(runner):
    result = runner.invoke(main, ["compare", "nowhere", *ARGS])
    assert result.exit_code == 2 and "no organisation 'nowhere'" in result.stderr
    result = runner.invoke(main, ["compare", "hylte", "--before", "https://example.org/x", *ARGS])
    assert result.exit_code == 2 and "is not a strategy of" in result.stderr
    result = runner.invoke(main, ["compare", "hylte", "--format", "pdf", *ARGS])
    assert result.exit_code == 2
