"""A workbook (XLSX or a folder of CSV files) read into the named graph of its strategy, exactly
as the Turtle of that strategy would give it; or a WorkbookError with every problem found."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import ORG, RDF
from rdflib.term import Node

from ..namespaces import GRAPH, PREFIXES, SAM, slug
from .document import QuotedText
from .errors import Problem, WorkbookError
from .files import RawSheet, Refused, read_cells
from .format import LISTS, README, RELATIONS, SHEETS, SHEETS_BY_ID, Column, Sheet
from .values import CellError, Index, any_term, as_text, decode, encode_one, expand, slug_key, subject_term
from .vocab import vocabulary

NO_DOCUMENT = "-"


@dataclass
class Row:
    """One data row of a known sheet: its number and its cells by column id."""

    number: int
    cells: dict[str, object]


@dataclass
class Table:
    sheet: Sheet
    name: str  # as the file names it
    headers: dict[str, str]  # column id -> header as the file has it
    rows: list[Row]


def read_workbook(path: str | Path, *, source_text: str | Path | None = None, lang: str = "en") -> Graph:
    """The named graph a workbook (an .xlsx file or a folder of .csv files) stands for.

    `source_text`: the strategy's source text (a .txt path, or the text itself); when given,
    every quote must be in it verbatim and every page within it. Raises WorkbookError with every
    problem found, in Swedish or English (`lang`)."""
    path = Path(path)
    try:
        raw = read_cells(path)
    except Refused as refused:
        raise WorkbookError(path, [refused.problem], lang) from None
    problems = list(raw.problems)
    tables = _tables(raw.sheets, problems, lang)
    document = QuotedText.load(source_text) if source_text is not None else None
    graph = Graph(identifier=GRAPH[f"strategies/{slug(path.stem) or 'workbook'}"])
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    _Builder(tables, graph, problems, document).build()
    if problems:
        raise WorkbookError(path, list(dict.fromkeys(problems)), lang)
    return graph


def _sheet_for(name: str) -> Sheet | str | None:
    """The sheet a file's sheet (or CSV file) name stands for; "skip" for the read-me and lists."""
    wanted = slug(name)
    for skipped in (README, LISTS):
        if wanted in {slug(n) for n in skipped}:
            return "skip"
    for sheet in SHEETS:
        if wanted in {slug(sheet.id), slug(sheet.sv), slug(sheet.en)}:
            return sheet
    return None


def _tables(sheets: list[RawSheet], problems: list[Problem], lang: str) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    expected = ", ".join(f"'{s.name(lang)}'" for s in SHEETS)
    for raw in sheets:
        sheet = _sheet_for(raw.name)
        if sheet == "skip":
            continue
        if sheet is None:
            problems.append(Problem("unknown-sheet", sheet=raw.name, value=raw.name, args=(expected,)))
            continue
        if sheet.id in tables:
            problems.append(Problem("duplicate-sheet", sheet=raw.name, value=raw.name))
            continue
        if not raw.rows or raw.rows[0][0] != 1:
            header_cells: list = []
            data = raw.rows
        else:
            header_cells = raw.rows[0][1]
            data = raw.rows[1:]
        known = {}
        for column in sheet.columns:
            for name in (column.id, column.sv, column.en):
                known[" ".join(name.split()).casefold()] = column
        positions: dict[int, Column] = {}
        headers: dict[str, str] = {}
        for position, cell in enumerate(header_cells):
            if cell is None or str(cell).strip() == "":
                continue
            text = " ".join(str(cell).split())
            column = known.get(text.casefold())
            if column is None:
                problems.append(Problem("unknown-column", sheet=raw.name, row=1, column=text, value=text,
                                        args=(", ".join(f"'{c.header(lang)}'" for c in sheet.columns),)))
                continue
            if column.id in headers:
                problems.append(Problem("duplicate-column", sheet=raw.name, row=1, column=text, value=text))
                continue
            positions[position] = column
            headers[column.id] = text
        _name_cells(problems, raw.name, header_cells)
        for column in sheet.columns:
            if column.required and column.id not in headers and (column.id not in ("label_sv", "label_en")
                                                                  or sheet.labels_required):
                problems.append(Problem("missing-column", sheet=raw.name, row=1, column=column.header(lang),
                                        args=(f"'{column.header(lang)}'",)))
        rows = []
        for number, cells in data:
            values = {positions[i].id: v for i, v in enumerate(cells) if i in positions and v is not None
                      and not (isinstance(v, str) and v.strip() == "")}
            if values:
                rows.append(Row(number, values))
        tables[sheet.id] = Table(sheet, raw.name, headers, rows)
    return tables


def _name_cells(problems: list[Problem], sheet: str, header_cells: list) -> None:
    """Formulas and error values are found before the headers are known: name their column by
    its header rather than its letter."""
    from openpyxl.utils import column_index_from_string

    for number, problem in enumerate(problems):
        if problem.sheet == sheet and problem.code in ("formula", "cell-error") and problem.column \
                and problem.column.isalpha() and problem.row != 1:
            position = column_index_from_string(problem.column) - 1
            if position < len(header_cells) and header_cells[position] not in (None, ""):
                problems[number] = replace(problem, column=" ".join(str(header_cells[position]).split()))


class _Builder:
    """Rows to triples: keys first (so every reference can be checked), then every cell."""

    def __init__(self, tables: dict[str, Table], graph: Graph, problems: list[Problem],
                 document: QuotedText | None):
        self.tables = tables
        self.graph = graph
        self.problems = problems
        self.document = document
        self.vocab = vocabulary()
        self.index = Index(None)
        self.bnodes: dict[str, BNode] = {}
        self.subjects: dict[tuple[str, int], URIRef] = {}
        self.rows: dict[URIRef, tuple[Table, Row]] = {}
        self.statements: list[tuple[Table, Row, Node, URIRef, Node]] = []

    def problem(self, code: str, table: Table, row: Row | None, column: Column | None, value=None, *args):
        header = (table.headers.get(column.id) or column.en) if column else None
        self.problems.append(Problem(code, sheet=table.name, row=row.number if row else None, column=header,
                                     value=None if value is None else as_text(value), args=tuple(args)))

    def build(self) -> None:
        self._organisation()
        self._keys()
        strategy = self._the_strategy()
        for table in self.tables.values():
            if table.sheet.kind == "entity":
                for row in table.rows:
                    self._entity(table, row, strategy)
            elif table.sheet.kind == "alignments":
                for row in table.rows:
                    self._alignment(table, row)
            else:
                for row in table.rows:
                    self._statement(table, row)
        self._one_way()
        self._cycles()

    # --- keys ---------------------------------------------------------------------------------

    def _organisation(self) -> None:
        table = self.tables.get("organisation")
        keyed = [r for r in table.rows if "key" in r.cells] if table else []
        if len(keyed) != 1:
            if table is None:
                self.problems.append(Problem("missing-sheet", args=(f"'{SHEETS_BY_ID['organisation'].sv}' / "
                                                                    f"'{SHEETS_BY_ID['organisation'].en}'",)))
            elif any(t.rows for t in self.tables.values() if t.sheet.segment not in (None, "org")):
                self.problem("one-organisation", table, keyed[1] if len(keyed) > 1 else None, None,
                             str(len(keyed)))
            return
        try:
            self.index.organisation = slug_key(as_text(keyed[0].cells["key"]))
        except CellError:
            self.problem("bad-key", table, keyed[0], table.sheet.column("key"), keyed[0].cells["key"])
        if "/" in (self.index.organisation or ""):
            self.problem("bad-key", table, keyed[0], table.sheet.column("key"), keyed[0].cells["key"])
            self.index.organisation = None

    def _keys(self) -> None:
        for table in self.tables.values():
            if table.sheet.kind != "entity":
                continue
            key_column = table.sheet.column("key")
            first: dict[str, Row] = {}
            for row in table.rows:
                if "key" not in row.cells:
                    self.problem("missing-value", table, row, key_column)
                    continue
                try:
                    key = slug_key(as_text(row.cells["key"]))
                except CellError:
                    self.problem("bad-key", table, row, key_column, row.cells["key"])
                    continue
                if key in first:
                    self.problem("duplicate-key", table, row, key_column, row.cells["key"], str(first[key].number))
                    continue
                first[key] = row
                if self.index.organisation is None and table.sheet.id not in ("organisation", "organisations"):
                    continue
                iri = self.index.add(table.sheet, key)
                self.subjects[(table.sheet.id, row.number)] = iri
                self.rows[iri] = (table, row)

    def _the_strategy(self) -> URIRef | None:
        strategies = list(self.index.keys["strategy"].values())
        return strategies[0] if len(strategies) == 1 else None

    # --- cells --------------------------------------------------------------------------------

    def _entity(self, table: Table, row: Row, strategy: URIRef | None) -> None:
        subject = self.subjects.get((table.sheet.id, row.number))
        if subject is None:
            return
        for cls in table.sheet.classes:
            self.graph.add((subject, RDF.type, cls))
        decoded: dict[str, list[Node]] = {}
        for column in table.sheet.columns:
            if column.id == "key":
                continue
            raw = row.cells.get(column.id)
            if raw is None:
                if column.required and (column.id not in ("label_sv", "label_en") or table.sheet.labels_required):
                    self.problem("missing-value", table, row, column)
                elif column.id == "stated_in":
                    if strategy is None:
                        self.problem("no-strategy", table, row, column)
                    else:
                        self.graph.add((subject, SAM.statedIn, strategy))
                continue
            if column.id == "stated_in" and as_text(raw).strip() == NO_DOCUMENT:
                continue
            if column.kind == "anytype" or (column.kind == "any" and column.predicate == RDF.object):
                continue  # read with the value column below
            try:
                terms = self._decode(raw, column)
            except CellError as error:
                self.problem(error.code, table, row, column, raw, *error.args_)
                continue
            decoded[column.id] = terms
            for term in terms:
                self._add(subject, column, term)
        if table.sheet.id == "outside_facts":
            self._object(table, row, subject)
        if self.document is not None:
            self._check_source(table, row, decoded.get("quote", []), decoded.get("page", []))

    def _decode(self, raw, column: Column) -> list[Node]:
        if column.kind == "any":
            return [subject_term(raw, self.index, self.bnodes)]
        return decode(raw, column, self.index, self.vocab)

    def _add(self, subject: URIRef, column: Column, term: Node) -> None:
        if column.kind == "flag":
            if str(term) == "true":
                self.graph.add((subject, RDF.type, column.flag_class))
            return
        self.graph.add((subject, column.predicate, term))

    def _object(self, table: Table, row: Row, subject: URIRef) -> None:
        column = table.sheet.column("value")
        raw = row.cells.get("value")
        if raw is None:
            return
        try:
            term = any_term(raw, row.cells.get("value_type"), self.index, self.bnodes)
        except CellError as error:
            bad = table.sheet.column("value_type") if error.code == "bad-value-type" else column
            self.problem(error.code, table, row, bad, row.cells.get(bad.id), *error.args_)
            return
        self.graph.add((subject, RDF.object, term))

    def _alignment(self, table: Table, row: Row) -> None:
        terms = {}
        for column in table.sheet.columns:
            raw = row.cells.get(column.id)
            if raw is None:
                self.problem("missing-value", table, row, column)
                continue
            try:
                terms[column.id] = decode(raw, column, self.index, self.vocab)[0]
            except CellError as error:
                self.problem(error.code, table, row, column, raw, *error.args_)
        if len(terms) != 3:
            return
        relation, concept = terms["relation"], terms["concept"]
        wanted = RELATIONS[relation]
        found = next(c for c in self.vocab.concepts.values() if c.iri == concept)
        if found.kind != wanted:
            choice = self.vocab.choice_for("relations", relation)
            names = {"concept": ("ett ramverksbegrepp", "a framework concept"),
                     "perspective": ("ett tvärperspektiv", "a cross-cutting perspective"),
                     "framework": ("ett ramverk som helhet", "a framework as a whole")}[wanted]
            self.problem("wrong-concept", table, row, table.sheet.column("concept"), row.cells["concept"],
                         f"{choice.sv} / {choice.en}: {names[0]} / {names[1]}")
            return
        self.graph.add((terms["thing"], relation, concept))

    def _statement(self, table: Table, row: Row) -> None:
        cells = row.cells
        missing = [c for c in table.sheet.columns if c.required and c.id not in cells]
        for column in missing:
            self.problem("missing-value", table, row, column)
        if missing:
            return
        try:
            subject = subject_term(cells["subject"], self.index, self.bnodes)
        except CellError as error:
            self.problem(error.code, table, row, table.sheet.column("subject"), cells["subject"], *error.args_)
            return
        try:
            prop = expand(as_text(cells["property"]))
        except CellError as error:
            self.problem(error.code, table, row, table.sheet.column("property"), cells["property"])
            return
        try:
            value = any_term(cells["value"], cells.get("value_type"), self.index, self.bnodes)
        except CellError as error:
            bad = table.sheet.column("value_type") if error.code == "bad-value-type" else table.sheet.column("value")
            self.problem(error.code, table, row, bad, cells.get(bad.id), *error.args_)
            return
        self.statements.append((table, row, subject, prop, value))
        self.graph.add((subject, prop, value))

    def _one_way(self) -> None:
        """A statement on the sheet Other statements that a column could hold belongs in that
        column (one way to say each thing)."""
        for table, row, subject, prop, value in self.statements:
            home = self._column_for(subject, prop, value)
            if home is not None:
                sheet, column = home
                self.problem("has-column", table, row, table.sheet.column("property"), row.cells["property"],
                             sheet.name("sv") + " / " + sheet.name("en"), column.sv + " / " + column.en)

    def _column_for(self, subject: Node, prop: URIRef, value: Node) -> tuple[Sheet, Column] | None:
        """The sheet and column that would hold this statement, if any."""
        where = self.index.where.get(subject) if isinstance(subject, URIRef) else None
        if where is None:
            return None
        sheet = SHEETS_BY_ID[where[0]]
        for column in sheet.columns:
            if column.predicate != prop or column.kind in ("flag", "type", "any", "curie", "anytype"):
                continue
            if column.kind in ("text", "quotes") and getattr(value, "language", None) != column.lang:
                continue
            cell = encode_one(value, column, self.index, self.vocab, "en")
            try:
                if cell is None or decode(cell, column, self.index, self.vocab) != [value]:
                    continue
            except CellError:
                continue
            others = [o for o in self.graph.objects(subject, prop) if o != value
                      and (column.kind not in ("text", "quotes") or getattr(o, "language", None) == column.lang)]
            if column.multi or not others:
                return sheet, column
        return None

    # --- against the source text and across rows ----------------------------------------------

    def _check_source(self, table: Table, row: Row, quotes: list[Node], pages: list[Node]) -> None:
        """Each quote verbatim in the document, each page in it, and each quote on a page named."""
        count = len(self.document.pages)
        named = [int(p) for p in pages]
        pages_column = table.sheet.column("page") if pages else None
        for page in named:
            if count == 0:
                self.problem("no-pages", table, row, pages_column, str(page))
            elif not 1 <= page <= count:
                self.problem("page-out-of-range", table, row, pages_column, str(page), str(count))
        in_range = all(1 <= page <= count for page in named)
        for quote in quotes:
            if not self.document.contains(str(quote)):
                self.problem("quote-not-found", table, row, table.sheet.column("quote"), str(quote))
            elif named and count and in_range and not set(named) & set(self.document.pages_of(str(quote))):
                self.problem("quote-not-on-page", table, row, pages_column, row.cells.get("page"),
                             ", ".join(map(str, named)), ", ".join(map(str, self.document.pages_of(str(quote)))))

    def _cycles(self) -> None:
        """Reporting that goes round in a circle (A to B to A): org:reportsTo between units, and
        reporting lines from their reporters to their recipients."""
        edges = nx.DiGraph()
        pairs = list(self.graph.subject_objects(ORG.reportsTo))
        for line in self.graph.subjects(RDF.type, SAM.ReportingLine):
            pairs += [(reporter, recipient) for reporter in self.graph.objects(line, SAM.reporter)
                      for recipient in self.graph.objects(line, SAM.recipient)]
        # a body reporting on its own operations to itself (Hylte's board) is no circle
        edges.add_edges_from((a, b) for a, b in pairs if a != b)
        for cycle in nx.simple_cycles(edges):
            names = [self.index.where.get(n, ("", str(n)))[1] for n in cycle]
            table, row = self.rows.get(cycle[0], (None, None))
            self.problems.append(Problem("circular-reporting", sheet=table.name if table else None,
                                         row=row.number if row else None,
                                         value=" -> ".join([*names, names[0]]), args=(", ".join(names),)))
