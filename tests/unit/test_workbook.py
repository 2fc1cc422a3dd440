"""Workbooks (issue 12): the five strategies round-trip through XLSX and CSV exactly, the template
carries the lists, and every problem in a workbook is reported at once, where it is and what to do."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from samsyn.graph import build
from samsyn.graph.namespaces import GRAPH, ID, RDFS, SAM
from samsyn.graph.workbook import WorkbookError, read_workbook, strategy_to_workbook, workbook_template
from samsyn.graph.workbook.format import SHEETS, SHEETS_BY_ID
from samsyn.graph.workbook.vocab import vocabulary
from samsyn.graph.workbook.writer import csv_name, graph_to_tables

ROOT = Path(__file__).resolve().parents[2]
STRATEGIES = ROOT / "graph" / "data" / "strategies"
SOURCES = ROOT / "graph" / "data" / "sources"
STEMS = ["ronneby", "hylte", "orebro-lans-landsting", "kungsbacka", "varmdo"]


def turtle(stem: str) -> Graph:
    return Graph().parse(STRATEGIES / f"{stem}.ttl", format="turtle")


@pytest.mark.parametrize("stem", STEMS)
def test_each_strategy_round_trips_through_xlsx_exactly(stem, tmp_path):
    """Exported and read back (quotes and pages checked against the source text), the workbook
    gives a graph isomorphic to the Turtle's, in the same named graph, with nothing left over for
    the catch-all sheet: every statement has a column."""
    original = turtle(stem)
    path = strategy_to_workbook(original, stem, tmp_path / f"{stem}.xlsx")
    back = read_workbook(path, source_text=SOURCES / f"{stem}.txt")
    assert isomorphic(original, back)
    assert back.identifier == GRAPH[f"strategies/{stem}"]
    assert graph_to_tables(original, ID[stem])["other"] == []


@pytest.mark.parametrize("stem", STEMS)
def test_each_strategy_round_trips_through_a_csv_folder(stem, tmp_path):
    original = turtle(stem)
    folder = strategy_to_workbook(original, stem, tmp_path / stem, lang="en")
    assert sorted(p.name for p in folder.iterdir()) == sorted(csv_name(s) for s in SHEETS)
    assert isomorphic(original, read_workbook(folder, source_text=SOURCES / f"{stem}.txt"))


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_export_from_a_store_by_slug_or_official_code(spec, tmp_path):
    store = build(store=spec)
    by_slug = read_workbook(strategy_to_workbook(store, "ronneby", tmp_path / "a.xlsx"))
    by_code = read_workbook(strategy_to_workbook(store, "1081", tmp_path / "b.xlsx"))
    assert isomorphic(by_slug, turtle("ronneby")) and isomorphic(by_code, turtle("ronneby"))
    with pytest.raises(LookupError):
        strategy_to_workbook(store, "9999", tmp_path / "c.xlsx")
    assert not (tmp_path / "c.xlsx").exists()


def test_template_has_every_sheet_its_notes_frozen_headers_and_lists_from_the_frameworks(tmp_path):
    path = workbook_template(tmp_path / "mall.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Läs mig", *(s.sv for s in SHEETS), "Listor"]
    for sheet in SHEETS:
        ws = book[sheet.sv]
        assert [c.value for c in ws[1]] == [c.sv for c in sheet.columns]
        assert all(c.comment is not None and c.comment.text for c in ws[1]), sheet.id
        assert ws.freeze_panes in ("A2", "B2")
    lists = book["Listor"]
    listed = {c.value for column in lists.iter_cols(min_row=2) for c in column if c.value}
    assert "eu2020/flagship/youth-on-the-move" in listed and "perspective/jamstalldhet" in listed
    assert {"Vänort", "Bindande", "Rådgivande", "Planerad", "Pågående", "Genomförd", "Inställd",
            "halvårsvis", "Skriftligt"} <= listed
    activities = book["Aktiviteter"]
    letter = activities.cell(1, _col(activities, "status")).column_letter
    status = next(dv for dv in activities.data_validations.dataValidation if str(dv.sqref).startswith(f"{letter}2:"))
    assert status.showErrorMessage and status.formula1.startswith("'Listor'!")
    assert len(read_workbook(path)) == 0  # the empty template reads as an empty graph


def _col(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def test_every_closed_column_has_a_drop_down(tmp_path):
    book = load_workbook(workbook_template(tmp_path / "t.xlsx", lang="en"))
    for sheet in SHEETS:
        ws = book[sheet.en]
        validated = {str(dv.sqref).split(":")[0][:-1] for dv in ws.data_validations.dataValidation}
        for position, column in enumerate(sheet.columns, start=1):
            if column.kind in ("closed", "type", "concept", "bool", "flag", "currency"):
                assert ws.cell(1, position).column_letter in validated, (sheet.id, column.id)


def test_the_lists_come_from_the_ontology_and_frameworks():
    vocab = vocabulary()
    assert {c.iri for c in vocab.choices("statuses")} == {SAM.Planned, SAM.Ongoing, SAM.Done, SAM.Cancelled}
    assert URIRef("http://publications.europa.eu/resource/authority/frequency/ANNUAL_3") in \
        {c.iri for c in vocab.choices("frequencies")}
    assert len([c for c in vocab.concepts.values() if c.kind == "concept"]) >= 34


# --- problems --------------------------------------------------------------------------------------

def _edit(folder: Path, sheet_id: str, change) -> None:
    path = folder / csv_name(SHEETS_BY_ID[sheet_id])
    rows = list(csv.reader(path.open(encoding="utf-8")))
    change(rows[0], rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture()
def ronneby_csv(tmp_path) -> Path:
    return strategy_to_workbook(turtle("ronneby"), "ronneby", tmp_path / "ronneby", lang="en")


def test_every_problem_is_reported_at_once_with_where_what_and_what_to_do(ronneby_csv):
    def goals(header, rows):
        rows[2][header.index("key")] = rows[1][header.index("key")]  # a duplicate key
        rows[3][header.index("quote")] = "Detta står inte i dokumentet."
        rows[4][header.index("page")] = "12"

    def activities(header, rows):
        rows[1][header.index("owner")] = "kommunstyrelsn"  # an unknown key
        rows[2][header.index("period start")] = "2014-13"  # not a date

    def alignments(header, rows):
        rows[1][header.index("concept")] = "eu2020/flagship/no-such-flagship"

    def units(header, rows):  # the management group and the coordinator report to each other
        key = header.index("key")
        first = next(r for r in rows if r[key] == "chefsgruppen")
        second = next(r for r in rows if r[key] == "internationella-samordnaren")
        first[header.index("reports to")], second[header.index("reports to")] = second[key], first[key]

    def goals_without_a_column(header, rows):
        position = header.index("name (sv)")
        for row in rows:
            del row[position]

    _edit(ronneby_csv, "goals", goals)
    _edit(ronneby_csv, "activities", activities)
    _edit(ronneby_csv, "alignments", alignments)
    _edit(ronneby_csv, "units", units)
    _edit(ronneby_csv, "priority_areas", goals_without_a_column)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(ronneby_csv, source_text=SOURCES / "ronneby.txt")
    found = {(p.code, p.sheet, p.row, p.column) for p in caught.value.problems}
    assert {("duplicate-key", "goals", 3, "key"), ("quote-not-found", "goals", 4, "quote"),
            ("page-out-of-range", "goals", 5, "page"), ("unknown-key", "activities", 2, "owner"),
            ("not-a-date", "activities", 3, "period start"), ("unknown-concept", "alignments", 2, "concept"),
            ("missing-column", "priority-areas", 1, "name (sv)")} <= found
    assert "circular-reporting" in {p.code for p in caught.value.problems}
    for problem in caught.value.problems:
        for lang in ("sv", "en"):
            assert problem.expected(lang) and problem.action(lang)
    owner = next(p for p in caught.value.problems if p.code == "unknown-key")
    assert owner.value == "kommunstyrelsn"
    assert "Enheter" in owner.expected("sv") and "Units" in owner.expected("en")
    lines = str(caught.value).splitlines()
    assert len(lines) == len(caught.value.problems) + 1
    assert "sheet 'activities', row 2, column 'owner': value 'kommunstyrelsn': expected a key from the sheet" \
        in str(caught.value)


def test_problems_in_swedish(ronneby_csv):
    _edit(ronneby_csv, "activities", lambda h, rows: rows[1].__setitem__(h.index("period start"), "snart"))
    with pytest.raises(WorkbookError) as caught:
        read_workbook(ronneby_csv, lang="sv")
    assert "blad 'activities', rad 2, kolumn 'period start': värde 'snart': väntat ett år (2014)" in str(caught.value)
    assert "gör så här: Skriv datumet i den formen." in str(caught.value)


def test_a_concept_of_the_wrong_kind_and_a_value_not_in_the_list(ronneby_csv):
    def alignments(header, rows):
        rows[1][header.index("relation")] = "refers to"  # needs a framework, gets a flagship or a perspective

    def partnerships(header, rows):
        rows[1][header.index("kind of partnership")] = "Pen pal"

    _edit(ronneby_csv, "alignments", alignments)
    _edit(ronneby_csv, "partnerships", partnerships)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(ronneby_csv)
    codes = {p.code: p for p in caught.value.problems}
    assert codes["wrong-concept"].row == 2
    assert "Twin town" in codes["not-in-list"].expected("en") and "Vänort" in codes["not-in-list"].expected("sv")


def test_ambiguous_keys_are_qualified_and_unknown_sheets_refused(ronneby_csv):
    """A key on two sheets ("eurocities": a partnership and an organisation) is written qualified
    where the column allows both; typed bare, the reader asks which one."""
    def outside(header, rows):
        row = next(r for r in rows[1:] if r[header.index("about")] == "org/eurocities")
        row[header.index("about")] = "eurocities"

    _edit(ronneby_csv, "outside_facts", outside)
    (ronneby_csv / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_workbook(ronneby_csv)
    by_code = {p.code: p for p in caught.value.problems}
    assert "org/eurocities" in by_code["ambiguous-key"].action("en")
    assert by_code["unknown-sheet"].sheet == "notes"


def test_the_other_statements_sheet_refuses_what_has_a_column(ronneby_csv):
    """A goal's other name belongs in its column; a second Swedish name (the column holds one) and a
    note (no column) may stand on the sheet Other statements."""
    with (ronneby_csv / "other.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["fler-jobb", "skos:altLabel", "Jobb", "@sv"])
        csv.writer(handle).writerow(["fler-jobb", "rdfs:label", "Fler jobb igen", "@sv"])
        csv.writer(handle).writerow(["fler-jobb", "skos:note", "En anteckning", "@sv"])
    with pytest.raises(WorkbookError) as caught:
        read_workbook(ronneby_csv)
    assert [(p.code, p.row) for p in caught.value.problems] == [("has-column", 2)]
    assert "other name (sv)" in caught.value.problems[0].expected("en")


def test_what_no_column_holds_survives_on_the_other_statements_sheet(tmp_path):
    graph = turtle("kungsbacka")
    goal = next(graph.subjects(None, SAM.Goal))
    graph.add((goal, URIRef("http://www.w3.org/2004/02/skos/core#note"), Literal("Anteckning\nmed radbrytning", lang="sv")))
    graph.add((goal, RDFS.label, Literal("  padded  ", lang="de")))
    graph.add((ID["no-such-form/of-iri"], RDFS.label, Literal("x")))
    path = strategy_to_workbook(graph, "kungsbacka", tmp_path / "k.xlsx")
    assert isomorphic(graph, read_workbook(path))
    assert len(graph_to_tables(graph, ID["kungsbacka"])["other"]) == 3


def test_a_failed_write_leaves_the_previous_workbook_intact(tmp_path):
    path = strategy_to_workbook(turtle("kungsbacka"), "kungsbacka", tmp_path / "k.xlsx")
    before = path.read_bytes()
    broken = turtle("kungsbacka")
    broken.add((ID["kungsbacka/goal/x"], RDFS.label, Literal("control character \x01", lang="sv")))
    with pytest.raises(Exception):
        strategy_to_workbook(broken, "kungsbacka", path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["k.xlsx"]  # no temporary file left behind


def test_keys_are_minted_by_the_slug_rule(tmp_path):
    folder = strategy_to_workbook(turtle("kungsbacka"), "kungsbacka", tmp_path / "k", lang="en")

    def goals(header, rows):
        rows.append([""] * len(header))
        rows[-1][header.index("key")] = "Hållbar Tillväxt för Alla"
        rows[-1][header.index("name (sv)")] = "Hållbar tillväxt för alla"
        rows[-1][header.index("name (en)")] = "Sustainable growth for all"

    _edit(folder, "goals", goals)
    graph = read_workbook(folder)
    assert (ID["kungsbacka/goal/hallbar-tillvaxt-for-alla"], SAM.statedIn, None) in graph


def test_the_documentation_names_every_sheet_column_and_problem():
    text = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    from samsyn.graph.workbook.errors import CATALOGUE

    for sheet in SHEETS:
        assert f"### {sheet.sv} / {sheet.en}" in text
        for column in sheet.columns:
            assert f"| {column.sv} | {column.en} |" in text, (sheet.id, column.id)
    for code in CATALOGUE:
        assert f"`{code}`" in text, code
