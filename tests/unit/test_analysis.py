"""The analysis as a notebook calls it (samsyn.graph, samsyn.graph.analysis): coverage, gaps and
the coverage matrix agree with the named queries the CLI runs; the source texts and the
alignment graph hold what the viewer shows."""

from __future__ import annotations

from samsyn.graph import coverage, coverage_matrix, gaps, named_queries
from samsyn.graph.analysis import alignment_graph, reaching_of, traces_to
from samsyn.graph.documents import source_documents, source_of
from samsyn.graph.analysis.resources import label, labels
from samsyn.graph.namespaces import ID
from samsyn.graph.traceability import traceability_graph

EXEMPELBY = str(ID.exempelby)
EX = EXEMPELBY + "/"
NEW_SKILLS = str(ID["eu2020/flagship/agenda-for-new-skills-and-jobs"])
SAVE_THE_SEA = str(ID["eusbsr/objective/save-the-sea"])


def test_coverage_rows_are_the_coverage_querys(exempelby_store):
    rows = coverage(exempelby_store)
    queried = list(named_queries.run(exempelby_store, "coverage"))
    assert len(rows) == len(queried) == 7 + 15  # 7 flagships, 3 Baltic Sea objectives and 12 sub-objectives
    for row, result in zip(rows, queried):
        assert row["organisation"] == str(result.organisation) and row["concept"] == str(result.concept)
        assert (row["goals"], row["priorityAreas"], row["activities"]) == \
            (int(result.goals), int(result.priorityAreas), int(result.activities))
    cell = next(r for r in rows if r["concept"] == NEW_SKILLS)
    assert (cell["goals"], cell["priorityAreas"], cell["activities"]) == (1, 1, 2)
    assert coverage(exempelby_store, EXEMPELBY) == rows
    assert coverage(exempelby_store, str(ID["no-such-organisation"])) == []


def test_gaps_are_the_gaps_querys(exempelby_store):
    found = gaps(exempelby_store)
    queried = [{str(v): (str(r[v]) if r[v] is not None else None) for v in r.labels}
               for r in named_queries.run(exempelby_store, "gaps")]
    assert found == queried
    assert len(found) == 18 and not any(g["concept"] == NEW_SKILLS for g in found)


def test_the_matrix_holds_the_coverage_cells(exempelby_store):
    matrix = coverage_matrix(exempelby_store, lang="en")
    assert matrix.organisations == [EXEMPELBY] and matrix.counted == 1
    flagships = [r for r in matrix.sections["Flagship"] if not r.heading]
    headings = [r for r in matrix.sections["Flagship"] if r.heading]
    assert len(flagships) == 7 and len(headings) == 3  # the growth priorities head the flagships
    assert all(r.level == 1 for r in flagships)
    by_concept = {r.concept: r.cells[0] for r in flagships}
    assert by_concept[NEW_SKILLS] == {"goals": 1, "priorityAreas": 1, "activities": 2, "total": 4}
    baltic = matrix.sections["BalticObjective"]
    assert sum(1 for r in baltic if r.level == 0) == 3 and not any(r.heading for r in baltic)
    # a sub-objective sits right under its objective
    top = next(i for i, r in enumerate(baltic) if r.concept == SAVE_THE_SEA)
    assert baltic[top + 1].level == 1
    for row in (*flagships, *baltic):
        cells = {r["concept"]: r for r in coverage(exempelby_store)}
        assert row.cells[0]["total"] == sum(cells[row.concept][k] for k in ("goals", "priorityAreas", "activities"))
        assert row.reached_by == (1 if row.cells[0]["total"] else 0)
    # other columns: only those asked for
    assert coverage_matrix(exempelby_store, organisations=[]).organisations == []


def test_what_one_organisation_has_reaching_a_concept(exempelby_store):
    graph = traceability_graph(exempelby_store)
    names = labels(exempelby_store)
    found = reaching_of(graph, EXEMPELBY, NEW_SKILLS, lambda iri: label(names.get(iri), iri, "sv"))
    assert found == [EX + "goal/fler-jobb", EX + "priority-area/unga", EX + "activity/jobbmassa",
                     EX + "activity/ungdomsutbyte"]
    assert reaching_of(graph, str(ID["no-such-organisation"]), NEW_SKILLS, str) == []
    assert traces_to(graph, NEW_SKILLS, [EX + "activity/ungdomsutbyte"]) == {EX + "activity/ungdomsutbyte": [
        [EX + "activity/ungdomsutbyte", EX + "priority-area/unga", EX + "goal/fler-jobb", NEW_SKILLS]]}


def test_labels_fall_back_to_the_other_language_then_the_name():
    assert label({"sv": "Mål", "en": "Goal"}, "x", "en") == "Goal"
    assert label({"sv": "Mål"}, "x", "en") == "Mål"
    assert label({"und": "Utan språk"}, "x", "sv") == "Utan språk"
    assert label(None, str(ID["ronneby/goal/x"]), "sv") == "x"
    assert label(None, "https://w3id.org/samsyn/ns#Goal", "sv") == "sam:Goal"
    assert label(None, "http://example.org/other", "sv") == "http://example.org/other"


def test_the_alignment_graph_adds_what_nothing_links(exempelby_store):
    trace = traceability_graph(exempelby_store)
    drawn = alignment_graph(exempelby_store)
    assert set(trace.nodes) <= set(drawn.nodes) and set(trace.edges) == set(drawn.edges)
    for node in set(drawn.nodes) - set(trace.nodes):
        assert drawn.nodes[node]["kind"] in ("Goal", "PriorityArea", "Activity")
        assert drawn.nodes[node]["organisation"] == EXEMPELBY


def test_source_texts_and_the_document_of_a_graph(tmp_path):
    (tmp_path / "extra.txt").write_text("En rad.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text('[extra]\ntitle = "Extra"\n', encoding="utf-8")
    texts = source_documents([tmp_path, tmp_path / "missing"])
    assert {"ronneby", "hylte", "extra"} <= set(texts)
    assert texts["extra"].meta == {"title": "Extra"} and texts["extra"].text() == "En rad.\n"
    assert texts["ronneby"].meta["has_pages"] is True
    graphs = ["https://w3id.org/samsyn/graph/frameworks/eu2020", "https://w3id.org/samsyn/graph/strategies/ronneby"]
    assert source_of(graphs, texts) is texts["ronneby"]
    assert source_of(["https://w3id.org/samsyn/graph/strategies/unknown"], texts) is None
