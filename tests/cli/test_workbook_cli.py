"""The workbook's commands: `samsyn workbook template`, `samsyn export --format xlsx
--organisation`, and a workbook (.xlsx or a folder of CSV files) wherever a command takes --source."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from samsyn.graph.cli import main
from samsyn.graph.workbook import read_workbook
from workbook_edits import BROKEN, EXAMPLE, edited

CSV_EXAMPLE = EXAMPLE.with_suffix("")


def test_template_has_every_sheet_and_the_lists(runner, tmp_path):
    out = tmp_path / "ny.xlsx"
    result = runner.invoke(main, ["workbook", "template", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert {"Strategy", "Activities", "Alignments", "Lists"} <= set(book.sheetnames)


def test_template_into_a_missing_folder_is_one_line_and_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["workbook", "template", "-o", str(tmp_path / "nope" / "x.xlsx")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


@pytest.mark.parametrize("organisation", ["ronneby", "1081"])
def test_export_xlsx_reads_back_as_the_strategy(runner, tmp_path, organisation):
    out = tmp_path / "ronneby.xlsx"
    result = runner.invoke(main, ["export", "--format", "xlsx", "--organisation", organisation, "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = read_workbook(out)
    assert any("ronneby" in str(s) for s in graph.subjects())
    # the exported workbook is a source: the whole graph builds from it
    result = runner.invoke(main, ["build", "--source", str(out)])
    assert result.exit_code == 0, result.output
    assert "graph/strategies/ronneby" in result.output


def test_export_xlsx_unknown_organisation_names_the_valid_ones(runner, tmp_path):
    result = runner.invoke(main, ["export", "--format", "xlsx", "--organisation", "atlantis",
                                  "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2
    assert "atlantis" in result.output and "ronneby (1081)" in result.output and "hylte" in result.output
    assert not (tmp_path / "a.xlsx").exists()


def test_export_xlsx_needs_organisation_and_file(runner, tmp_path):
    result = runner.invoke(main, ["export", "--format", "xlsx", "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2 and "--organisation" in result.output


@pytest.mark.parametrize("source", [EXAMPLE, CSV_EXAMPLE], ids=["xlsx", "csv-folder"])
def test_a_workbook_is_a_source_for_every_command(runner, source):
    result = runner.invoke(main, ["query", "--source", str(source), "--format", "csv", "strategies"])
    assert result.exit_code == 0, result.output
    assert "ronneby" in result.output
    built = runner.invoke(main, ["build", "--source", str(source)])
    assert "graph/strategies/ronneby-handlingsplan-2014" in built.output


def test_a_folder_of_workbooks_and_turtle(runner, tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "ronneby.xlsx")
    shutil.copy(Path(__file__).parents[2] / "graph" / "data" / "strategies" / "hylte.ttl", tmp_path)
    result = runner.invoke(main, ["build", "--source", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "strategies/ronneby" in result.output and "strategies/hylte" in result.output


def test_a_broken_workbook_lists_every_problem_and_exits_2(runner, tmp_path):
    broken = edited(tmp_path / "broken.xlsx", BROKEN)
    result = runner.invoke(main, ["build", "--source", str(broken)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[0] == f"samsyn: error: {broken}: 2 problems in this workbook"
    assert len(lines) == 3
    assert any("'Aktiviteter'" in line and "no-such-area" in line for line in lines[1:])
    assert any("'Handlingsplaner'" in line and "spring 2014" in line for line in lines[1:])
    assert "Traceback" not in result.output


def test_validate_reads_a_workbook_too(runner):
    result = runner.invoke(main, ["validate", "--source", str(EXAMPLE), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
