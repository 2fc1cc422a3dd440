"""Malformed and hostile workbooks get a clear refusal within bounded time and memory: each file is
built here, read by `read_workbook` in a fresh process, and the refusal, the time and the peak
memory (loosely: 10 s, 400 MB for the whole process with rdflib and openpyxl loaded) checked."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph

from samsyn.graph.workbook import WorkbookError, read_workbook, strategy_to_workbook, workbook_template

# each hostile file is read in a fresh process, with its time and memory
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 10
MEGABYTES = 400

_READ = """
import json, sys, time
from samsyn.graph.workbook import WorkbookError, read_workbook
from samsyn.graph.workbook.vocab import vocabulary

vocabulary()  # the lists are read once per process; the bound is on reading the file
start = time.perf_counter()
try:
    read_workbook(sys.argv[1])
    codes = []
except WorkbookError as error:
    codes = [p.code for p in error.problems]
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))  # this process only
print(json.dumps({"codes": codes, "seconds": time.perf_counter() - start, "megabytes": int(peak.split()[1]) / 1024}))
"""


def read_in_a_process(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _READ, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["seconds"] < SECONDS, result
    assert result["megabytes"] < MEGABYTES, result
    return result


def rezip(source: Path, target: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None):
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
        for name, data in add.items():
            new.writestr(name, data)
    return target


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return workbook_template(tmp_path_factory.mktemp("hostile") / "template.xlsx")


def _sheet_part(path: Path, title: str) -> str:
    """The zip part of the sheet with this title (workbook.xml's order is the parts' order)."""
    names = load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def test_not_a_zip(tmp_path):
    path = tmp_path / "strategi.xlsx"
    path.write_text("nyckel;namn (sv)\nronneby;Ronneby kommun\n", encoding="utf-8")
    assert read_in_a_process(path)["codes"] == ["not-a-zip"]
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path, lang="sv")
    assert "Spara filen som Excel-arbetsbok (.xlsx)" in str(caught.value)


def test_a_truncated_zip(tmp_path, template):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(template.read_bytes()[: template.stat().st_size // 2])
    assert read_in_a_process(path)["codes"] in (["not-a-zip"], ["damaged"])


def test_a_zip_bomb_is_refused_from_its_declared_sizes(tmp_path, template):
    """200 MB of spaces packed into a fraction of a megabyte: refused before anything is unpacked."""
    path = rezip(template, tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/media/bomb.xml", "w") as part:
        chunk = b" " * (1024 * 1024)
        for _ in range(200):
            part.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert read_in_a_process(path)["codes"] == ["zip-bomb"]


def test_a_formula_is_refused_and_never_evaluated(tmp_path):
    path = strategy_to_workbook(Graph().parse(ROOT / "graph/data/strategies/kungsbacka.ttl"), "kungsbacka",
                                tmp_path / "k.xlsx")
    book = load_workbook(path)
    book["Mål"]["B2"] = "=1+1"
    book["Aktiviteter"]["C3"] = '=WEBSERVICE("http://127.0.0.1:9/")'
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    formulas = [(p.sheet, p.row, p.column, p.value) for p in caught.value.problems if p.code == "formula"]
    assert formulas == [("Mål", 2, "namn (sv)", "=1+1"),
                        ("Aktiviteter", 3, "namn (en)", '=WEBSERVICE("http://127.0.0.1:9/")')]
    assert "Paste Special > Values" in caught.value.problems[0].action("en")
    assert "formula" in read_in_a_process(path)["codes"]


def test_external_links_are_refused(tmp_path, template):
    link = (b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships"/></externalLink>')
    path = rezip(template, tmp_path / "linked.xlsx", add={"xl/externalLinks/externalLink1.xml": link})
    assert read_in_a_process(path)["codes"] == ["external-link"]


def test_macros_are_refused(tmp_path, template):
    path = rezip(template, tmp_path / "macro.xlsx", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})
    assert read_in_a_process(path)["codes"] == ["active-content"]


def test_xml_with_entities_is_refused(tmp_path, template):
    """A billion-laughs document type declaration in a sheet: refused before any parser sees it."""
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
              b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    part = _sheet_part(template, "Organisation")
    path = rezip(template, tmp_path / "lol.xlsx", replace={part: laughs})
    assert read_in_a_process(path)["codes"] == ["xml-doctype"]


def _sheet_of_empty_rows(count: int, dimension: bool) -> bytes:
    rows = b"".join(b'<row r="%d" spans="1:3" ht="15"><c r="A%d" s="0"/></row>' % (i, i) for i in range(2, count + 2))
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main">'
            + (b'<dimension ref="A1:C%d"/>' % (count + 1) if dimension else b"")
            + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c></row>' + rows
            + b'</sheetData></worksheet>')


def test_fifty_megabytes_of_empty_rows_are_refused_before_they_are_read(tmp_path, template):
    """A sheet of a million empty rows (50 MB of XML) is refused from its declared size: openpyxl's
    streaming reader would otherwise scan all of it for a <dimension> it lacks."""
    sheet = _sheet_of_empty_rows(1_048_575, dimension=False)
    assert len(sheet) > 50 * 1024 * 1024
    path = rezip(template, tmp_path / "rows.xlsx", replace={_sheet_part(template, "Organisation"): sheet})
    assert read_in_a_process(path)["codes"] == ["part-too-big"]


def test_empty_rows_past_the_row_bound_stop_the_streaming_read(tmp_path, template):
    """Under the size bound, a sheet declaring 150 000 rows is read as a stream and refused at the
    row bound, without reading the rest."""
    sheet = _sheet_of_empty_rows(150_000, dimension=True)
    assert len(sheet) < 10 * 1024 * 1024
    path = rezip(template, tmp_path / "rows.xlsx", replace={_sheet_part(template, "Organisation"): sheet})
    result = read_in_a_process(path)
    assert result["codes"] == ["too-many-rows"]
    assert result["seconds"] < 3


def test_a_huge_csv_field_is_refused(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "goals.csv").write_text("key,name (sv),name (en)\nx," + "a" * 200_000 + ",y\n", encoding="utf-8")
    assert read_in_a_process(folder)["codes"] == ["damaged"]


def test_a_csv_that_is_not_utf8(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "goals.csv").write_bytes("key,name (sv)\nx,Hållbara städer\n".encode("latin-1"))
    assert read_in_a_process(folder)["codes"] == ["not-utf8"]
