"""Workbooks for the tests of the workbook faces: the example action plan, broken or changed cell by cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl

EXAMPLE = Path(__file__).parents[1] / "examples" / "ronneby-handlingsplan-2014.xlsx"


def edited(target: Path, edits: dict[tuple[str, str, str], object], source: Path = EXAMPLE) -> Path:
    """`source` saved as `target` with cells changed: (sheet, row key, column header) -> value."""
    book = openpyxl.load_workbook(source)
    for (sheet, key, header), value in edits.items():
        rows = book[sheet]
        headers = [c.value for c in rows[1]]
        column = headers.index(header) + 1
        row = next(r for r in range(2, rows.max_row + 1) if rows.cell(r, 1).value == key)
        rows.cell(row, column).value = value
    book.save(target)
    return target


#: an unknown key (a priority area no sheet names) and a date that is not a date
BROKEN = {("Aktiviteter", "eurocities-knowledge-society-forum", "bidrar till"): "no-such-area",
          ("Handlingsplaner", "kultur-och-fritid-2014", "period från"): "spring 2014"}


def with_row(target: Path, sheet: str, values: list, source: Path = EXAMPLE) -> Path:
    """`source` saved as `target` with one row added at the end of `sheet`."""
    book = openpyxl.load_workbook(source)
    book[sheet].append(values)
    book.save(target)
    return target


#: an activity of Ronneby's newly aligned with a flagship no part of Ronneby's strategy reaches
NEW_ALIGNMENT = ["elevutbyte-schopfheim", "i linje med", "eu2020/flagship/innovation-union"]
