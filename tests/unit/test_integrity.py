"""A strategy may describe only its own organisation's entities (graph.integrity): a framework
concept, a vocabulary term or another organisation's entity as a subject is refused at build,
every one at once, each with its file and line; the bundled strategies and the example workbook
build; a refused build leaves the store as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samsyn.graph import building
from samsyn.graph.building import build
from samsyn.graph.sources import SourceError
from samsyn.graph.statistics import triples_per_graph

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXEMPELBY = FIXTURES / "exempelby.ttl"
EXAMPLES = Path(__file__).parents[2] / "examples"
YOUTH = "https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move"


def with_lines(tmp_path: Path, *extra: str, name: str = "exempelby.ttl") -> tuple[Path, int]:
    """Exempelby's strategy with `extra` lines appended; returns the file and the first extra line's number."""
    text = EXEMPELBY.read_text(encoding="utf-8")
    first = text.count("\n") + 2
    path = tmp_path / name
    path.write_text(text + "\n" + "\n".join(extra) + "\n", encoding="utf-8")
    return path, first


def refused(*sources) -> SourceError:
    with pytest.raises(SourceError) as caught:
        build(list(sources))
    return caught.value


def problem_lines(error: SourceError) -> list[str]:
    return str(error).splitlines()[1:]


def test_relabelling_youth_on_the_move_is_refused_with_file_and_line(tmp_path):
    path, line = with_lines(tmp_path, "@prefix e2020: <https://w3id.org/samsyn/id/eu2020/> .",
                            'e2020:flagship\\/youth-on-the-move rdfs:label "Youth on the run"@en .')
    error = refused(path)
    assert str(error).splitlines()[0].startswith(f"{path}: 1 subject no strategy may describe")
    assert problem_lines(error) == [
        f"{path}:{line + 1}: <{YOUTH}> is part of the framework eu2020 (eu2020.ttl): a strategy may point at it "
        "but not state rdfs:label about it; remove the statement"]


def test_the_line_is_the_subjects_not_an_earlier_mention_as_object(tmp_path):
    # Exempelby aligns with Youth on the move (as id:eu2020\/flagship\/youth-on-the-move) far above
    assert "sam:alignsWith id:eu2020\\/flagship\\/youth-on-the-move" in EXEMPELBY.read_text(encoding="utf-8")
    path, line = with_lines(tmp_path, "", f'<{YOUTH}>', '    rdfs:label "Youth on the run"@en .')
    assert problem_lines(refused(path))[0].startswith(f"{path}:{line + 1}: <{YOUTH}> ")


def test_the_line_is_found_through_prefixes_blank_nodes_and_statements_sharing_a_line(tmp_path):
    path, line = with_lines(tmp_path, "PREFIX e: <https://w3id.org/samsyn/id/eu2020/>",
                            "[] e:flagship\\/youth-on-the-move 'as a property, not a subject' .",
                            "id:exempelby rdfs:comment 'x'@en . e:flagship\\/youth-on-the-move rdfs:label 'Y'@en .")
    assert problem_lines(refused(path))[0].startswith(f"{path}:{line + 2}: <{YOUTH}> ")


def test_a_framework_itself_and_a_new_concept_under_it_are_refused(tmp_path):
    path, line = with_lines(tmp_path, "@base <https://w3id.org/samsyn/id/> .",
                            '<eu2020> rdfs:comment "ours now"@en .',
                            '<eu2020/flagship/invented> a sam:Flagship .')
    lines = problem_lines(refused(path))
    assert [entry.split(": <")[0] for entry in lines] == [f"{path}:{line + 1}", f"{path}:{line + 2}"]
    assert all("part of the framework eu2020 (eu2020.ttl)" in entry for entry in lines)


@pytest.mark.parametrize("statement, subject, term, stated", [
    ('sam:Goal rdfs:label "Mål"@sv .', "https://w3id.org/samsyn/ns#Goal", "sam:Goal", "rdfs:label"),
    ('rdfs:label rdfs:comment "a name"@en .', "http://www.w3.org/2000/01/rdf-schema#label", "rdfs:label",
     "rdfs:comment"),
    ('<http://www.w3.org/2004/02/skos/core#Concept> a rdfs:Class .', "http://www.w3.org/2004/02/skos/core#Concept",
     "skos:Concept", "rdf:type"),
])
def test_a_statement_about_a_vocabulary_term_is_refused(tmp_path, statement, subject, term, stated):
    path, line = with_lines(tmp_path, statement)
    assert problem_lines(refused(path)) == [
        f"{path}:{line}: <{subject}> is the vocabulary term {term}: a strategy may point at it but not state "
        f"{stated} about it; remove the statement"]


def test_another_organisations_entities_are_refused(tmp_path):
    path, line = with_lines(tmp_path, '<https://w3id.org/samsyn/id/ronneby> sam:officialCode "0000" .',
                            '<https://w3id.org/samsyn/id/ronneby/goal/invented> a sam:Goal ;',
                            '    rdfs:label "Påhittat"@sv, "Invented"@en .')
    lines = problem_lines(refused(path))
    assert lines == [
        f"{path}:{line}: <https://w3id.org/samsyn/id/ronneby> is id:ronneby's, and this source issues for "
        "id:exempelby: a strategy may point at it but not state sam:officialCode about it; remove the statement",
        f"{path}:{line + 1}: <https://w3id.org/samsyn/id/ronneby/goal/invented> is id:ronneby's, and this source "
        "issues for id:exempelby: a strategy may point at it but not state rdf:type, rdfs:label about it; remove "
        "those 3 statements"]


def test_every_problem_of_every_strategy_is_reported_at_once(tmp_path):
    one, line = with_lines(tmp_path, f'<{YOUTH}> rdfs:label "Youth on the run"@en .',
                           'sam:Goal rdfs:label "Mål"@sv .')
    other = tmp_path / "other.ttl"
    other.write_text("@prefix sam: <https://w3id.org/samsyn/ns#> .\n@base <https://w3id.org/samsyn/id/> .\n"
                     "<andraby/strategy/s> a sam:Strategy ; sam:issuedBy <andraby> .\n"
                     "<exempelby/goal/fler-jobb> sam:servesGoal <andraby/goal/x> .\n", encoding="utf-8")
    error = refused(one, other)
    assert str(error).splitlines()[0] == (f"{one}, {other}: 3 subjects no strategy may describe (docs/data.md, "
                                          "'What a strategy may state'); nothing was loaded")
    assert [entry.split(": <")[0] for entry in problem_lines(error)] == [f"{one}:{line}", f"{one}:{line + 1}",
                                                                         f"{other}:4"]


def test_external_organisations_and_pointing_at_frameworks_are_fine(tmp_path):
    # id/org/<slug> is declared by every file that names it; objects are what alignment is
    path, _ = with_lines(tmp_path, '<https://w3id.org/samsyn/id/org/vanby> rdfs:comment "twin town"@en .',
                         f'<https://w3id.org/samsyn/id/exempelby/goal/fler-jobb> sam:alignsWith <{YOUTH}> .')
    assert build([path]).query("ASK { ?goal <https://w3id.org/samsyn/ns#alignsWith> ?concept }").askAnswer


def test_the_bundled_strategies_and_the_example_workbook_build():
    sizes = triples_per_graph(build([*sorted((Path(__file__).parents[2] / "graph" / "data" / "strategies").glob("*.ttl")),
                                     EXAMPLES / "ronneby-handlingsplan-2014.xlsx"]))
    assert "https://w3id.org/samsyn/graph/strategies/ronneby-handlingsplan-2014" in sizes


def test_a_workbook_row_about_a_framework_concept_names_its_sheet_and_row(tmp_path):
    book = tmp_path / "ronneby-plan"
    shutil.copytree(EXAMPLES / "ronneby-handlingsplan-2014", book)
    with (book / "other.csv").open("a", encoding="utf-8") as other:
        other.write(f"{YOUTH},rdfs:label,Youth on the run,@en\n")
    assert problem_lines(refused(book)) == [
        f"{book} (sheet 'other', row 2): <{YOUTH}> is part of the framework eu2020 (eu2020.ttl): a strategy may "
        "point at it but not state rdfs:label about it; remove the statement"]


def test_a_refused_build_leaves_the_store_as_it_was(tmp_path):
    folder = f"oxigraph:{tmp_path / 'store'}"
    before = triples_per_graph(build([EXEMPELBY], folder))
    path, _ = with_lines(tmp_path, f'<{YOUTH}> rdfs:label "Youth on the run"@en .', name="exempelby-2.ttl")
    with pytest.raises(SourceError):
        build([EXEMPELBY, path], folder)
    from samsyn.graph.store import open_store
    assert triples_per_graph(open_store(folder)) == before


def test_the_refusal_is_the_error_reported_even_when_the_rules_fail_too(tmp_path, monkeypatch):
    # the check runs beside the rules: its refusal, not the rules' failure, is what the user must read
    def failing_rules(dataset):
        raise RuntimeError("the rules failed")

    path, _ = with_lines(tmp_path, "@prefix e2020: <https://w3id.org/samsyn/id/eu2020/> .",
                         'e2020:flagship\\/youth-on-the-move rdfs:label "Youth on the run"@en .')
    monkeypatch.setattr(building, "infer", failing_rules)
    assert "youth-on-the-move" in str(refused(path))


def test_the_rules_failure_is_reported_when_the_sources_are_fine(monkeypatch):
    def failing_rules(dataset):
        raise RuntimeError("the rules failed")

    monkeypatch.setattr(building, "infer", failing_rules)
    with pytest.raises(RuntimeError, match="the rules failed"):
        build(store="oxigraph")
