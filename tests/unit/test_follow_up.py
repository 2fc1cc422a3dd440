"""The follow-up of Ronneby for 2014 and 2015 on the example action plan (examples/): the
targets' verdicts, activities by goal, the year compared, and the numbers equal to those of the
coverage query and the SHACL report on the same data; `samsyn report` as Markdown and PDF read
back with pypdf; the bundled build holds no example data."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from samsyn.graph.analysis import coverage
from samsyn.graph.analysis.follow_up import follow_up, organisation_iri, verdict
from samsyn.graph.building import build
from samsyn.graph.cli import main
from samsyn.graph.workbook import read_workbook
from samsyn.viewer.report import report_data, rule_findings

ROOT = Path(__file__).resolve().parents[2]
RONNEBY = "https://w3id.org/samsyn/id/ronneby"
TARGET = "https://w3id.org/samsyn/id/ronneby/target/"


@pytest.fixture(scope="module")
def example_ttl(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("example") / "ronneby-handlingsplan-2014.ttl"
    read_workbook(ROOT / "examples" / "ronneby-handlingsplan-2014.xlsx").serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def store(example_ttl):
    return build([example_ttl])


@pytest.fixture(scope="module")
def findings(store):
    return rule_findings(store)


def test_on_track_as_documented():
    assert verdict(12, 40, 2015, 2014, 40, 2014) == "met"
    assert verdict(12, 40, 2015, 2014, 26, 2014) == "on track"  # half the way in half the years
    assert verdict(12, 40, 2015, 2014, 18, 2014) == "behind"
    assert verdict(12, 40, 2015, 2014, 31, 2015) == "missed"
    assert verdict(12, 40, 2015, 2014, None, 2015) == "no outcome"
    assert verdict(None, 10, 2015, 2014, 7, 2015) == "cannot tell"
    assert verdict(20, 10, 2015, 2014, 9, 2014) == "met"  # a target that falls


def test_targets_and_outcomes(store):
    result = follow_up(store, RONNEBY, 2014)
    by = {t.iri.removeprefix(TARGET): t for t in result.targets}
    assert by["elever-i-utbyte"].baseline == 12 and by["elever-i-utbyte"].target == 40
    assert by["elever-i-utbyte"].outcomes == {2014: 18, 2015: 31} and by["elever-i-utbyte"].outcome == 18
    assert by["elever-i-utbyte"].verdict == "behind"
    assert by["nya-kontakter"].verdict == "cannot tell"
    assert all(t.example for t in result.targets) and result.example
    assert {t.verdict for t in follow_up(store, RONNEBY, 2015).targets} == {"missed", "cannot tell"}


def test_activities_by_goal_with_owner_and_status(store):
    sections = {s.iri.rsplit("/", 1)[-1]: s for s in follow_up(store, RONNEBY, 2014).sections}
    school = {a.iri.rsplit("/", 1)[-1]: a for a in sections["en-bra-skola"].activities}
    assert school["elevutbyte-schopfheim"].status.endswith("#Ongoing")
    assert school["elevutbyte-schopfheim"].owners == (f"{RONNEBY}/unit/utbildningsnamnden",)
    assert school["sprakcafe"].owners == ()  # the language café has no owner
    later = {a.iri.rsplit("/", 1)[-1] for s in follow_up(store, RONNEBY, 2015).sections for a in s.activities}
    assert "sprakcafe" not in later and "elevutbyte-schopfheim" in later  # cancelled in 2014; under way


def test_years_compared(store):
    change = follow_up(store, RONNEBY, 2014).change
    assert f"{RONNEBY}/activity/elevutbyte-schopfheim" in change.started
    assert f"{RONNEBY}/activity/lararutbyte-elblag" in change.finished
    assert f"{RONNEBY}/activity/sprakcafe" in change.cancelled
    assert follow_up(store, RONNEBY, 2015).change.started == [f"{RONNEBY}/activity/studiebesok-eurocities"]


def test_numbers_equal_coverage_and_shacl(store, findings):
    result = follow_up(store, RONNEBY, 2015, findings)
    assert result.coverage == coverage(store, RONNEBY)
    own_shapes = set(result.rules)
    assert len(result.findings) == len([f for f in findings if f.shape in own_shapes]) == 14
    data = report_data(store, RONNEBY, 2015, findings, "en")
    assert data["coverage"]["counts"]["activities"] == sum(r["activities"] for r in coverage(store, RONNEBY))
    assert len(data["findings"]) == 14


def test_every_section_names_its_sentence_and_page(store):
    asked = follow_up(store, RONNEBY, 2015).asked_by
    assert asked["followUp"].text.startswith("Uppföljning Ronneby kommuns internationella arbete följs upp årligen")
    assert asked["followUp"].page == 7
    assert all(q is not None and q.page for q in asked.values())


def test_checklist_says_what_the_data_cannot_answer(store):
    items = {c.quote.text: c for c in follow_up(store, RONNEBY, 2015).checklist}
    assert not items["Uppföljningen sker skriftligen och muntligt."].answerable
    assert items[next(t for t in items if t.startswith("Uppföljning Ronneby"))].answerable


def test_organisation_by_slug_or_code(store):
    assert organisation_iri(store, "ronneby") == organisation_iri(store, "1081") == RONNEBY
    with pytest.raises(LookupError, match="no organisation 'nowhere'"):
        organisation_iri(store, "nowhere")


def test_report_command_markdown_and_pdf(runner, example_ttl, tmp_path):
    md, pdf = tmp_path / "r.md", tmp_path / "r.pdf"
    for out, org, lang in ((md, "ronneby", "sv"), (pdf, "1081", "en")):
        result = runner.invoke(main, ["report", org, "--year", "2015", "-o", str(out), "--source", str(example_ttl),
                                      "--lang", lang])
        assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert "| Fler elever i utbyte | antal elever som deltar i utbyte | 12 | 40 | 2015 | 31 |" in text
    assert text.startswith("# Uppföljning 2015: Ronneby kommun") and "> **Exempeldata:" in text
    for heading in ("## Mätbara mål", "## Fynd enligt organisationens egna regler", "## Jämfört med året före"):
        assert heading in text
    reader = PdfReader(pdf)
    assert 2 <= len(reader.pages) <= 10
    pdf_text = " ".join(page.extract_text() for page in reader.pages)
    for title in ("Targets", "Findings of the organisation's own rules", "What the strategy asks the follow-up"):
        assert title in pdf_text
    assert "More pupils in exchanges" in pdf_text and "14 findings" in pdf_text and "Example data" in pdf_text


def test_report_refuses_bad_input(runner, example_ttl, tmp_path):
    result = runner.invoke(main, ["report", "nowhere", "--year", "2015", "-o", str(tmp_path / "r.pdf"),
                                  "--source", str(example_ttl)])
    assert result.exit_code == 2 and "no organisation 'nowhere'" in result.stderr
    result = runner.invoke(main, ["report", "ronneby", "--year", "2015", "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 2 and ".pdf or .md" in result.stderr
    assert not list(tmp_path.iterdir())


def test_bundled_build_has_no_example_data(bundled_store):
    rows = bundled_store.query("ASK { GRAPH ?g { ?s <https://w3id.org/samsyn/ns#exampleData> ?o } }")
    assert not rows.askAnswer
    assert not follow_up(bundled_store, RONNEBY, 2014).example


def test_the_checklist_and_the_verdicts_speak_the_reports_language(store, findings):
    """Every reason and verdict comes in the language asked for: the rule's own reason in that
    language where the rule gives one, the software's words from i18n.WORDS."""
    both = {lang: report_data(store, RONNEBY, 2015, findings, lang=lang) for lang in ("sv", "en")}
    reasons = {lang: [c["why"] for c in data["checklist"]] for lang, data in both.items()}
    assert len(reasons["sv"]) == len(reasons["en"]) and all(reasons["sv"]) and all(reasons["en"])
    counted = next(i for i, c in enumerate(both["en"]["checklist"]) if c["reason"] == "outcomes")
    assert "targets have an outcome for 2015" in reasons["en"][counted]
    assert "mätbara mål har ett utfall för 2015" in reasons["sv"][counted]
    uncheckable = [i for i, c in enumerate(both["en"]["checklist"]) if c["reason"] == "uncheckable"]
    assert uncheckable and all(reasons["sv"][i] != reasons["en"][i] for i in uncheckable)
    verdicts = {lang: {t["verdict"]: t["verdictLabel"] for t in data["targets"]} for lang, data in both.items()}
    assert verdicts["en"] and all(verdicts["en"][v] == v for v in verdicts["en"])
    assert all(verdicts["sv"][v] != v for v in verdicts["sv"])  # "uppnått", not "met"
