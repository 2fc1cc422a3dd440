"""Reading the cells of a workbook file (XLSX) or a folder of CSV files, refusing hostile input
before it costs time or memory: not a zip, a zip bomb (the declared unpacked sizes are checked
before openpyxl reads anything; Python's zipfile never unpacks more than a part declares), XML
with a DTD, external links, macros, formulas (refused, never evaluated), and sheets with more
rows than any workbook needs (read in openpyxl's streaming mode and stopped at the bound)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .format import MAX_COLUMNS, MAX_ROWS

#: bounds on the file: a real strategy workbook is well under 1 MB
MAX_FILE_MB = 20
MAX_UNPACKED_MB = 100
#: one part (a sheet's XML, the shared texts): openpyxl's streaming reader scans a whole sheet
#: that lacks a <dimension> before its first row, so the scan is bounded by the part's size
MAX_PART_MB = 10
MAX_RATIO = 200  # unpacked : packed, for parts over 1 MB (Excel's own XML packs 10-30 : 1)
MAX_PARTS = 500
MAX_SHEETS = 60
#: parts a workbook may hold only if it links outside itself or carries active content
_EXTERNAL = ("xl/externallinks/", "xl/connections.xml", "customxml/")
_ACTIVE = ("xl/vbaproject.bin", "xl/embeddings/", "xl/activex/", "xl/macrosheets/", "xl/dialogsheets/")


class Refused(Exception):
    """The file is refused as a whole (nothing in it is read)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.code)


@dataclass
class RawSheet:
    """A sheet's name and its non-empty rows: (row number, cell values)."""

    name: str
    rows: list[tuple[int, list]] = field(default_factory=list)


@dataclass
class RawWorkbook:
    sheets: list[RawSheet]
    problems: list[Problem]  # cells that cannot be read (formulas, error values)


def read_cells(path: Path) -> RawWorkbook:
    """The sheets and cells of an .xlsx file or a folder of .csv files (Refused if hostile)."""
    if path.is_dir():
        return _read_csv_folder(path)
    if not path.is_file():
        raise Refused(Problem("not-a-source", value=str(path)))
    return _read_xlsx(path)


def check_zip(path: Path) -> None:
    """Refuse an XLSX file that is not a zip, would unpack to too much, or links outside itself."""
    size = path.stat().st_size
    if size > MAX_FILE_MB * 1024 * 1024:
        raise Refused(Problem("too-big", value=f"{size / 1024 / 1024:.0f} MB", args=(str(MAX_FILE_MB),)))
    with path.open("rb") as handle:
        if handle.read(4) != b"PK\x03\x04" or not zipfile.is_zipfile(handle):
            raise Refused(Problem("not-a-zip", value=path.name))
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise Refused(Problem("too-many-parts", value=str(len(parts)), args=(str(MAX_PARTS),)))
            total = sum(p.file_size for p in parts)
            for part in parts:
                ratio = part.file_size / max(part.compress_size, 1)
                if total > MAX_UNPACKED_MB * 1024 * 1024 or (part.file_size > 1024 * 1024 and ratio > MAX_RATIO):
                    raise Refused(Problem("zip-bomb", value=f"{part.filename}: {part.file_size / 1024 / 1024:.0f} MB",
                                          args=(str(MAX_UNPACKED_MB), str(MAX_RATIO))))
            for part in parts:
                if part.file_size > MAX_PART_MB * 1024 * 1024:
                    raise Refused(Problem("part-too-big", value=f"{part.filename}: {part.file_size / 1024 / 1024:.0f} MB",
                                          args=(str(MAX_PART_MB),)))
            for part in parts:
                name = part.filename.lower()
                if name.startswith(_EXTERNAL):
                    raise Refused(Problem("external-link", value=part.filename))
                if name.startswith(_ACTIVE):
                    raise Refused(Problem("active-content", value=part.filename))
                if name.endswith((".xml", ".rels", ".vml")):
                    with archive.open(part) as member:
                        head = member.read(4096)
                    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                        raise Refused(Problem("xml-doctype", value=part.filename))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as error:
        raise Refused(Problem("damaged", value=path.name, args=(str(error),))) from None


def _read_xlsx(path: Path) -> RawWorkbook:
    check_zip(path)
    from openpyxl import load_workbook  # imported here: only workbook commands pay for it

    problems: list[Problem] = []
    sheets: list[RawSheet] = []
    try:
        book = load_workbook(path, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except Exception as error:  # openpyxl raises many types on broken files; each is one refusal
        raise Refused(Problem("damaged", value=path.name, args=(_reason(error),))) from None
    try:
        if len(book.sheetnames) > MAX_SHEETS:
            raise Refused(Problem("too-many-sheets", value=str(len(book.sheetnames)), args=(str(MAX_SHEETS),)))
        for worksheet in book.worksheets:
            sheet = RawSheet(worksheet.title)
            count = 0
            try:
                for row in worksheet.iter_rows(max_col=MAX_COLUMNS):
                    count += 1
                    if count > MAX_ROWS:
                        raise Refused(Problem("too-many-rows", sheet=worksheet.title, value=f"> {MAX_ROWS}",
                                              args=(str(MAX_ROWS),)))
                    values = []
                    for position, cell in enumerate(row, start=1):
                        value = getattr(cell, "value", None)
                        kind = getattr(cell, "data_type", None)
                        if kind == "f":
                            problems.append(Problem("formula", sheet=worksheet.title, row=count,
                                                    column=_column_letter(position), value=str(value)))
                            value = None
                        elif kind == "e":
                            problems.append(Problem("cell-error", sheet=worksheet.title, row=count,
                                                    column=_column_letter(position), value=str(value)))
                            value = None
                        values.append(value)
                    while values and (values[-1] is None or values[-1] == ""):
                        values.pop()
                    if values:
                        sheet.rows.append((count, values))
            except Refused:
                raise
            except Exception as error:
                raise Refused(Problem("damaged", sheet=worksheet.title, value=path.name,
                                      args=(_reason(error),))) from None
            sheets.append(sheet)
    finally:
        book.close()
    return RawWorkbook(sheets, problems)


def _column_letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(position)


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]


def _read_csv_folder(folder: Path) -> RawWorkbook:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise Refused(Problem("not-a-source", value=str(folder)))
    if len(files) > MAX_SHEETS:
        raise Refused(Problem("too-many-sheets", value=str(len(files)), args=(str(MAX_SHEETS),)))
    total = sum(p.stat().st_size for p in files)
    if total > MAX_FILE_MB * 1024 * 1024:
        raise Refused(Problem("too-big", value=f"{total / 1024 / 1024:.0f} MB", args=(str(MAX_FILE_MB),)))
    sheets = []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Refused(Problem("not-utf8", sheet=path.name, value=path.name)) from None
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
        sheet = RawSheet(path.stem)
        try:
            for count, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
                if count > MAX_ROWS:
                    raise Refused(Problem("too-many-rows", sheet=path.name, value=f"> {MAX_ROWS}",
                                          args=(str(MAX_ROWS),)))
                values = [v if v != "" else None for v in row[:MAX_COLUMNS]]
                while values and values[-1] is None:
                    values.pop()
                if values:
                    sheet.rows.append((count, values))
        except csv.Error as error:
            raise Refused(Problem("damaged", sheet=path.name, value=path.name, args=(str(error),))) from None
        sheets.append(sheet)
    return RawWorkbook(sheets, [])
