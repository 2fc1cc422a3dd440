"""Regenerate each example workbook (.xlsx) from its CSV twin, the folder of the same name that is
kept in git as the editable, diffable source:

    .venv/bin/python examples/build_workbooks.py

tests/unit/test_workbook_example.py checks that the two give the same graph."""

from pathlib import Path

from samsyn.graph.workbook import read_workbook
from samsyn.graph.workbook.writer import graph_to_tables, write_tables
from samsyn.graph.namespaces import ID, SAM

HERE = Path(__file__).resolve().parent

for folder in sorted(p for p in HERE.iterdir() if p.is_dir() and any(p.glob("*.csv"))):
    graph = read_workbook(folder)
    organisation = next(graph.objects(None, SAM.issuedBy))
    assert str(organisation).startswith(str(ID))
    write_tables(graph_to_tables(graph, organisation, "sv"), folder.with_suffix(".xlsx"), "sv")
    print(f"{folder.name}.xlsx: {len(graph)} statements")
