"""The samsyn command: exit codes (0 ok, 1 violations, 2 bad input) and messages a person can act on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samsyn.graph.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXEMPELBY = str(FIXTURES / "exempelby.ttl")


def test_validate_reports_violations_with_exit_1(runner):
    result = runner.invoke(main, ["validate", "--source", EXEMPELBY, "--lang", "en"])
    assert result.exit_code == 1
    assert "Activity without one owner (1)" in result.output
    assert "Beach clean-up  <https://w3id.org/samsyn/id/exempelby/activity/strandstadning>  [strategies/exempelby]" in result.output


def test_validate_json(runner):
    result = runner.invoke(main, ["validate", "--source", EXEMPELBY, "--format", "json"])
    report = json.loads(result.output)
    assert result.exit_code == 1 and report["conforms"] is False
    assert [f["focus_node"] for f in report["findings"] if f["severity"] == "Violation"] == [
        "https://w3id.org/samsyn/id/exempelby/activity/strandstadning"]


def test_validate_turtle_is_a_shacl_report(runner):
    from rdflib import Graph
    result = runner.invoke(main, ["validate", "--source", EXEMPELBY, "--format", "turtle"])
    from rdflib import Literal, URIRef
    from samsyn.graph.namespaces import RDF, SH
    graph = Graph().parse(data=result.output, format="turtle")
    report = graph.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    assert graph.value(report, SH.conforms) == Literal(False)
    violations = {graph.value(r, SH.focusNode) for r in graph.objects(report, SH.result)
                  if graph.value(r, SH.resultSeverity) == SH.Violation}
    assert violations == {URIRef("https://w3id.org/samsyn/id/exempelby/activity/strandstadning")}


def test_validate_conforming_source_exits_0(runner, tmp_path):
    fixed = tmp_path / "exempelby.ttl"
    text = Path(EXEMPELBY).read_text(encoding="utf-8").replace(
        'sam:contributesTo id:exempelby\\/priority-area\\/kusten ;',
        'sam:contributesTo id:exempelby\\/priority-area\\/kusten ; sam:owner id:exempelby\\/unit\\/kommunstyrelsen ;')
    fixed.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--source", str(fixed)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Uppfyller reglerna")


def test_turtle_syntax_error_names_file_and_line(runner, tmp_path):
    bad = tmp_path / "trasig.ttl"
    bad.write_text('@prefix sam: <https://w3id.org/samsyn/ns#> .\n\nsam:a sam:b "c" ;\n  sam:d .\n', encoding="utf-8")
    for command in (["validate"], ["query", "coverage"], ["export"], ["stats"], ["build"]):
        result = runner.invoke(main, [*command, "--source", str(bad)])
        assert result.exit_code == 2, command
        assert result.output.strip().splitlines() == [f"samsyn: error: {bad}:4: Turtle syntax error at column 9: . is not a valid RDF object"]
        assert "Traceback" not in result.output


def test_missing_source(runner, tmp_path):
    result = runner.invoke(main, ["stats", "--source", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2
    assert "nope.ttl: no such file or folder" in result.output


def test_unknown_query_lists_the_names(runner):
    result = runner.invoke(main, ["query", "covrage", "--source", EXEMPELBY])
    assert result.exit_code == 2
    assert "unknown query 'covrage'" in result.output
    for name in ("coverage", "gaps", "activities-without-owner", "trace", "strategies"):
        assert name in result.output


def test_query_syntax_error(runner):
    result = runner.invoke(main, ["query", "SELECT * WHERE { ?s ?p }", "--source", EXEMPELBY])
    assert result.exit_code == 2
    assert "SPARQL syntax error: Expected" in result.output


@pytest.mark.parametrize("fmt,check", [
    ("csv", lambda out: out.splitlines()[0] == "organisation,organisationLabel,activity,activityLabel,strategy"),
    ("tsv", lambda out: out.splitlines()[0].split("\t")[2] == "?activity"
     and out.splitlines()[1].split("\t")[3] == "\"Beach clean-up\"@en"),
    ("json", lambda out: json.loads(out)["results"]["bindings"][0]["activityLabel"]["value"] == "Beach clean-up"),
    ("table", lambda out: "id:exempelby/activity/strandstadning" in out and out.rstrip().endswith("(1 row)")),
])
def test_query_formats(runner, fmt, check):
    result = runner.invoke(main, ["query", "activities-without-owner", "--format", fmt, "--source", EXEMPELBY])
    assert result.exit_code == 0, result.output
    assert check(result.output)


def test_query_from_a_file_and_with_a_param(runner, tmp_path):
    rq = tmp_path / "labels.rq"
    rq.write_text("# param: thing (IRI, required) what to label\n"
                  "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                  "SELECT ?label WHERE { ?thing rdfs:label ?label } ORDER BY ?label\n", encoding="utf-8")
    result = runner.invoke(main, ["query", str(rq), "--format", "csv", "--source", EXEMPELBY,
                                  "--param", "thing=https://w3id.org/samsyn/id/exempelby/goal/rent-hav"])
    assert result.output.splitlines() == ["label", "A clean sea", "Rent hav"]


def test_export_writes_atomically_to_a_file(runner, tmp_path):
    out = tmp_path / "samsyn.trig"
    result = runner.invoke(main, ["export", "--format", "trig", "-o", str(out), "--source", EXEMPELBY])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").count("{") >= 5
    assert [p.name for p in tmp_path.iterdir()] == ["samsyn.trig"]


def test_export_failure_leaves_the_previous_file(runner, tmp_path):
    out = tmp_path / "samsyn.ttl"
    out.write_text("previous", encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(main, ["export", "-o", str(out), "--source", str(bad)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous"


def test_stats(runner):
    result = runner.invoke(main, ["stats", "--format", "json", "--source", EXEMPELBY])
    data = json.loads(result.output)
    assert data["classes"]["sam:Activity"] == 3
    assert data["organisations"]["Exempelby Municipality"] == {
        "strategies": 1, "goals": 2, "priorityAreas": 2, "activities": 3, "partnerships": 1}


def test_usage_error_is_exit_2(runner):
    result = runner.invoke(main, ["validate", "--format", "yaml"])
    assert result.exit_code == 2


def test_trace_prints_each_path_with_labels(runner):
    result = runner.invoke(main, ["trace", "https://w3id.org/samsyn/id/exempelby/activity/ungdomsutbyte",
                                  "--lang", "en", "--source", EXEMPELBY])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Youth exchange (Activity) -> Young people (PriorityArea) -> Youth on the move (Flagship)",
        "Youth exchange (Activity) -> Young people (PriorityArea) -> More jobs (Goal) -> An agenda for new skills and jobs (Flagship)",
        "(2 paths)",
    ]


def test_trace_of_something_off_the_graph(runner):
    result = runner.invoke(main, ["trace", "https://w3id.org/samsyn/id/exempelby", "--source", EXEMPELBY])
    assert result.exit_code == 2
    assert "is not on any alignment path" in result.output


def test_synth_is_deterministic_and_loads_clean(runner, tmp_path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    for out in (first, second):
        assert runner.invoke(main, ["synth", "3", "-o", str(out), "--seed", "7"]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    stats = json.loads(runner.invoke(main, ["stats", "--format", "json", "--source", str(first)]).output)
    assert len(stats["organisations"]) == 3


def test_build_counts_triples_per_named_graph(runner):
    result = runner.invoke(main, ["build", "--source", EXEMPELBY, "--store", "memory"])
    lines = result.output.splitlines()
    per_graph = {line.split()[1]: int(line.split()[0]) for line in lines[:-1]}
    assert per_graph["https://w3id.org/samsyn/graph/strategies/exempelby"] == 81
    assert lines[-1].split()[0] == str(sum(per_graph.values()))


def test_query_reads_a_built_store_as_it_is(runner, tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    strategies = ["query", "strategies", "--format", "csv", "--store", store]
    bundled = runner.invoke(main, strategies).output.splitlines()  # an empty store gets the bundled ones
    assert runner.invoke(main, ["build", "--source", EXEMPELBY, "--store", store]).exit_code == 0
    built = runner.invoke(main, strategies).output.splitlines()  # no --source: what build loaded
    assert len(built) == 2 and "exempelby" in built[1] and len(bundled) > 2
    assert runner.invoke(main, ["build", "--store", store]).exit_code == 0  # build without --source: bundled
    assert runner.invoke(main, strategies).output.splitlines() == bundled


def test_query_text_uses_the_usual_prefixes_on_the_default_store(runner):
    result = runner.invoke(main, ["query", "SELECT ?g WHERE { ?g a sam:Goal } ORDER BY ?g LIMIT 2",
                                  "--format", "csv", "--source", EXEMPELBY])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["g", "https://w3id.org/samsyn/id/exempelby/goal/fler-jobb",
                                          "https://w3id.org/samsyn/id/exempelby/goal/rent-hav"]


def test_query_is_stopped_at_its_time_limit(runner):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = runner.invoke(main, ["query", runaway, "--timeout", "0.5", "--source", EXEMPELBY])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "samsyn: error: the query was stopped at the time limit of 0.5 s: give it more with --timeout SECONDS"]


@pytest.mark.parametrize("query, unit", [("CONSTRUCT { ?a ?b ?c . ?d ?e ?f } WHERE { ?a ?b ?c . ?d ?e ?f }", "triples"),
                                         ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "rows")])
def test_query_limit_stops_a_cross_join_and_says_so(runner, query, unit):
    result = runner.invoke(main, ["query", query, "--limit", "50", "--timeout", "20", "--format", "csv",
                                  "--source", EXEMPELBY])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"samsyn: the answer stops at the limit of 50 {unit} read; there are more (raise --limit, or 0 for every one)"]
    if unit == "triples":
        from rdflib import Graph
        assert 0 < len(Graph().parse(data=result.stdout, format="turtle")) <= 50
    else:
        assert len(result.stdout.splitlines()) == 1 + 50


def test_construct_gives_turtle_or_json_ld(runner):
    construct = "CONSTRUCT { ?g a sam:Goal } WHERE { ?g a sam:Goal }"
    turtle = runner.invoke(main, ["query", construct, "--source", EXEMPELBY]).stdout
    assert "id:exempelby/goal/rent-hav" in turtle or "<https://w3id.org/samsyn/id/exempelby/goal/rent-hav>" in turtle
    as_json = json.loads(runner.invoke(main, ["query", construct, "--format", "json", "--source", EXEMPELBY]).stdout)
    assert len(as_json) == 2
