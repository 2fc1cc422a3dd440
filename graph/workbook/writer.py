"""Writing workbooks: an empty template, or a strategy's named graph as a workbook that reads
back as the same graph. Every value goes to its column if reading the cell back gives the same
term, and to the sheet Other statements if not, so nothing is lost. Writes are atomic."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..namespaces import ID, SAM
from .format import LISTS, README, RELATIONS, SHEETS, SHEETS_BY_ID, Column, Sheet
from .reader import NO_DOCUMENT
from .values import (CellError, Index, decode_one, any_term, compact, describe_term, encode_one, join, slug_key,
                     subject_term)
from .vocab import Vocabulary, vocabulary

#: sheet id -> rows, each a dict column id -> cell value (and NOTE -> a note on the row, if any)
Tables = dict[str, list[dict[str, object]]]
#: a row's note (not a column): in .xlsx a cell note on the row's first cell and the row tinted;
#: nothing in CSV, and never read back (a note says where a row came from, it states nothing)
NOTE = "_note"

_ORG_CLASSES = (SAM.Municipality, SAM.Region, SAM.Organisation)
#: how many rows get the drop-down lists and formats (a strategy has at most a few hundred)
FORMATTED_ROWS = 1000


def graph_to_tables(graph: Graph, organisation: URIRef, lang: str = "sv") -> Tables:
    """The rows of a workbook that reads back as this graph; `organisation` issues the strategy."""
    vocab = vocabulary()
    organisation_key = str(organisation)[len(str(ID)):]
    if not str(organisation).startswith(str(ID)) or "/" in organisation_key or slug_key(organisation_key) != organisation_key:
        raise ValueError(f"{organisation} is not an organisation IRI of the form {ID}<slug>")
    index = Index(organisation_key)
    placed: dict[URIRef, Sheet] = {}
    for subject in sorted(set(graph.subjects()), key=str):
        sheet = _sheet_of(graph, subject, organisation)
        if sheet is None:
            continue
        key = _key_of(subject, sheet, index)
        if key is not None:
            index.add(sheet, key)
            placed[subject] = sheet

    strategies = [s for s, sheet in placed.items() if sheet.id == "strategy"]
    the_strategy = strategies[0] if len(strategies) == 1 else None
    used: set[tuple[Node, Node, Node]] = set()
    tables: Tables = {s.id: [] for s in SHEETS}
    for subject, sheet in placed.items():
        row = {"key": index.where[subject][1]}
        for cls in sheet.classes:
            used.add((subject, RDF.type, cls))
        for column in sheet.columns:
            if column.predicate is None or column.id == "key" or column.kind == "anytype":
                continue
            if column.id == "stated_in":
                _stated_in(graph, subject, the_strategy, column, index, vocab, lang, row, used)
                continue
            if column.kind == "any":
                _statement_part(graph, subject, column, index, row, used)
                continue
            cell = _cell(graph, subject, column, index, vocab, lang, used)
            if cell is not None:
                row[column.id] = cell
        tables[sheet.id].append(row)

    for subject, sheet in placed.items():
        allowed = SHEETS_BY_ID["alignments"].column("thing").refs
        if sheet.id not in allowed:
            continue
        for relation, kind in RELATIONS.items():
            for concept in sorted(graph.objects(subject, relation), key=str):
                path = str(concept)[len(str(ID)):]
                found = vocab.concepts.get(path)
                if found is None or found.kind != kind or str(concept) != str(found.iri):
                    continue
                tables["alignments"].append({"thing": index.reference(subject, allowed),
                                             "relation": vocab.choice_for("relations", relation).label(lang),
                                             "concept": path})
                used.add((subject, relation, concept))

    for s, p, o in sorted(set(graph) - used, key=lambda t: tuple(map(str, t))):
        subject = describe_term(s, index)
        value = describe_term(o, index)
        tables["other"].append({"subject": subject[0], "property": compact(p), "value": value[0],
                                "value_type": value[1]})
    for sheet_id, rows in tables.items():
        if SHEETS_BY_ID[sheet_id].kind == "entity":
            rows.sort(key=lambda r: (_first_page(r), str(r["key"])))
    return tables


def _first_page(row: dict) -> int:
    page = row.get("page")
    if isinstance(page, int):
        return page
    if isinstance(page, str) and page.split(",")[0].strip().isdigit():
        return int(page.split(",")[0])
    return 10_000


def _sheet_of(graph: Graph, subject: Node, organisation: URIRef) -> Sheet | None:
    if not isinstance(subject, URIRef):
        return None
    types = set(graph.objects(subject, RDF.type))
    if subject == organisation:
        return SHEETS_BY_ID["organisation"]
    for sheet in SHEETS:
        if sheet.classes and sheet.classes[0] in types:
            return sheet
    if types & set(_ORG_CLASSES) and str(subject).startswith(str(ID["org/"])):
        return SHEETS_BY_ID["organisations"]
    return None


def _key_of(subject: URIRef, sheet: Sheet, index: Index) -> str | None:
    """The key that mints exactly this IRI on this sheet, or None (the IRI is of another form)."""
    for candidate in (str(subject).rsplit("/", n)[-n:] for n in range(1, 4)):
        key = "/".join(candidate)
        try:
            if slug_key(key) == key and index.mint(sheet, key) == subject:
                return key
        except CellError:
            continue
    return None


def _roundtrips(cell, column: Column, index: Index, vocab: Vocabulary, term: Node) -> bool:
    try:
        return decode_one(cell, column, index, vocab) == term
    except CellError:
        return False


def _cell(graph, subject, column, index, vocab, lang, used):
    """The cell for a column: every value that reads back the same; the others stay for Other."""
    if column.kind == "flag":
        if (subject, RDF.type, column.flag_class) in graph:
            used.add((subject, RDF.type, column.flag_class))
            return "ja" if lang == "sv" else "yes"
        return None
    values = []
    for term in graph.objects(subject, column.predicate):
        if column.kind == "text" and (not isinstance(term, Literal) or term.language != column.lang):
            continue
        if column.kind == "type" and term not in _ORG_CLASSES:
            continue
        cell = encode_one(term, column, index, vocab, lang)
        if cell is None or not _roundtrips(cell, column, index, vocab, term):
            continue
        if column.multi and isinstance(cell, str) and (("\n" in cell) if column.kind == "quotes"
                                                       else any(c in cell for c in ",;\n")):
            continue
        values.append((term, cell))
    if not values:
        return None
    values.sort(key=lambda tc: str(tc[1]))
    if not column.multi:
        values = [values[0]] if column.kind != "type" else values[:1]
    for term, _ in values:
        used.add((subject, column.predicate, term))
    return join([cell for _, cell in values], column)


def _statement_part(graph, subject, column, index, row, used):
    """An outside fact's rdf:subject (a key or web address) or rdf:object (value and value type)."""
    values = list(graph.objects(subject, column.predicate))
    if len(values) != 1:
        return
    term = values[0]
    described = describe_term(term, index)
    if column.predicate == RDF.subject:
        if described[1] != "iri" or subject_term(described[0], index, {}) != term:
            return
        row[column.id] = described[0]
    else:
        try:
            if any_term(described[0], described[1], index, {}) != term:
                return
        except CellError:
            return
        row[column.id], row["value_type"] = described
    used.add((subject, column.predicate, term))


def _stated_in(graph, subject, strategy, column, index, vocab, lang, row, used):
    documents = sorted(graph.objects(subject, SAM.statedIn), key=str)
    if not documents:
        row[column.id] = NO_DOCUMENT
        return
    if documents == [strategy]:
        used.add((subject, SAM.statedIn, strategy))
        return
    cell = _cell(graph, subject, column, index, vocab, lang, used)
    if cell is not None:
        row[column.id] = cell


# --- files ----------------------------------------------------------------------------------------

def write_tables(tables: Tables, path: Path, lang: str = "sv") -> Path:
    """Write the rows as an .xlsx workbook, or as a folder of .csv files when the path does not
    end in .xlsx; atomically (a temporary file or folder, then a rename)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        _atomic_file(path, lambda tmp: _write_xlsx(tables, tmp, lang))
    else:
        _atomic_folder(path, lambda tmp: _write_csv(tables, tmp, lang))
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic_file(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the workbook is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _atomic_folder(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        write(tmp)
        os.chmod(tmp, 0o777 & ~_umask())
        for member in tmp.iterdir():
            os.chmod(member, 0o666 & ~_umask())
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
            os.replace(path, old / path.name)
            os.replace(tmp, path)
            shutil.rmtree(old)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def csv_name(sheet: Sheet) -> str:
    return sheet.id.replace("_", "-") + ".csv"


def _write_csv(tables: Tables, folder: Path, lang: str) -> None:
    for sheet in SHEETS:
        with (folder / csv_name(sheet)).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([c.header(lang) for c in sheet.columns])
            for row in tables.get(sheet.id, []):
                writer.writerow(["" if row.get(c.id) is None else row[c.id] for c in sheet.columns])


def _write_xlsx(tables: Tables, path: Path, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    vocab = vocabulary()
    book = Workbook()
    book.remove(book.active)
    readme = book.create_sheet(README[1] if lang == "sv" else README[2])
    for number, line in enumerate(readme_lines(lang), start=1):
        cell = readme.cell(row=number, column=1, value=line)
        cell.data_type = "s"
        if number == 1:
            cell.font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 140

    lists_name = LISTS[1] if lang == "sv" else LISTS[2]
    list_ranges = _lists_sheet_layout(vocab, lang)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    noted_fill = PatternFill("solid", fgColor="FFF2CC")
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.name(lang))
        for position, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=position, value=column.header(lang))
            cell.font = Font(bold=True)
            cell.fill = header_fill
            comment = Comment(column.note(lang), "samsyn")
            comment.width, comment.height = 320, 140
            cell.comment = comment
            letter = get_column_letter(position)
            ws.column_dimensions[letter].width = _width(column)
            if column.kind not in ("pages", "int", "decimal", "value", "year"):
                # typed text stays text: Excel would turn "2014-09" into a day and "0120" into 120
                ws.column_dimensions[letter].number_format = "@"
            _validate(ws, column, letter, list_ranges, lists_name, lang, DataValidation)
        ws.freeze_panes = "B2" if sheet.kind == "entity" else "A2"
        for number, row in enumerate(tables.get(sheet.id, []), start=2):
            if row.get(NOTE):
                note = Comment(str(row[NOTE]), "samsyn")
                note.width, note.height = 360, 160
                ws.cell(row=number, column=1).comment = note
                for position in range(1, len(sheet.columns) + 1):
                    ws.cell(row=number, column=position).fill = noted_fill
            for position, column in enumerate(sheet.columns, start=1):
                value = row.get(column.id)
                if value is None:
                    continue
                cell = ws.cell(row=number, column=position, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text: a leading "=" is no formula
                    cell.number_format = "@"
                if column.kind in ("quotes", "text") and isinstance(value, str) and len(value) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    lists = book.create_sheet(lists_name)
    for (name, values, labels), (letter, _) in zip(_lists_content(vocab, lang), list_ranges.values()):
        lists[f"{letter}1"] = name
        lists[f"{letter}1"].font = Font(bold=True)
        for number, value in enumerate(values, start=2):
            lists[f"{letter}{number}"] = value
            lists[f"{letter}{number}"].data_type = "s"
        lists.column_dimensions[letter].width = 34
        if labels:
            label_letter = get_column_letter(lists[f"{letter}1"].column + 1)
            lists[f"{label_letter}1"] = labels[0]
            lists[f"{label_letter}1"].font = Font(bold=True)
            for number, text in enumerate(labels[1:], start=2):
                lists[f"{label_letter}{number}"] = text
                lists[f"{label_letter}{number}"].data_type = "s"
            lists.column_dimensions[label_letter].width = 60
    lists.freeze_panes = "A2"
    book.save(path)


_LIST_NAMES = {  # list -> (sv header, en header)
    "organisation_classes": ("typ av organisation", "type of organisation"),
    "partnership_kinds": ("typ av partnerskap", "kind of partnership"),
    "strengths": ("styrka", "strength"),
    "target_group_kinds": ("typ av målgrupp", "kind of target group"),
    "reporting_forms": ("form", "form"),
    "statuses": ("status", "status"),
    "frequencies": ("hur ofta", "how often"),
    "classes": ("gäller", "applies to"),
    "relations": ("koppling", "relation"),
    "concepts": ("begrepp", "concept"),
    "bool": ("ja/nej", "yes/no"),
    "measure_units_sv": ("enhet (sv)", "unit (sv)"),
    "measure_units_en": ("enhet (en)", "unit (en)"),
    "currencies": ("valuta", "currency"),
}


def _lists_content(vocab: Vocabulary, lang: str):
    for name, headers in _LIST_NAMES.items():
        header = headers[0] if lang == "sv" else headers[1]
        if name == "concepts":
            concepts = [c for c in vocab.concepts.values() if c.kind != "scheme"]
            labels = ["namn" if lang == "sv" else "name",
                      *(f"{c.sv} / {c.en}" if c.sv != c.en else c.sv for c in concepts)]
            yield header, [c.path for c in concepts], labels
        else:
            yield header, [c.label(lang) for c in vocab.choices(name)], None


def _lists_sheet_layout(vocab: Vocabulary, lang: str) -> dict[str, tuple[str, int]]:
    """list name -> (column letter on the Lists sheet, number of values); the concepts' list has a
    column of names beside it."""
    from openpyxl.utils import get_column_letter

    layout, position = {}, 1
    for name in _LIST_NAMES:
        count = len([c for c in vocab.concepts.values() if c.kind != "scheme"]) if name == "concepts" \
            else len(vocab.choices(name))
        layout[name] = (get_column_letter(position), count)
        position += 2 if name == "concepts" else 1
    return layout


def _validate(ws, column: Column, letter: str, ranges, lists_name: str, lang: str, DataValidation) -> None:
    """A drop-down list: closed lists refuse other values (unless several may be typed in the
    cell); keys of other sheets and units of measure are offered, not enforced."""
    name = column.closed or ("bool" if column.kind in ("bool", "flag") else None)
    if column.kind == "currency":
        name = "currencies"
    strict = column.kind in ("closed", "type", "concept", "bool", "flag") and not column.multi
    if name is not None:
        list_letter, count = ranges[name]
        formula = f"'{lists_name}'!${list_letter}$2:${list_letter}${count + 1}"
    elif column.kind == "ref" and len(column.refs) == 1 and column.refs[0] != "*":
        target = SHEETS_BY_ID[column.refs[0]].name(lang)
        formula = f"'{target}'!$A$2:$A${FORMATTED_ROWS}"
        strict = False
    else:
        return
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict)
    if strict:
        validation.errorTitle = "samsyn"
        validation.error = ("Välj ett värde i listan." if lang == "sv" else "Pick a value from the list.")
    if column.multi:
        validation.promptTitle = column.header(lang)[:32]
        validation.prompt = ("Flera värden: skilj dem med komma." if lang == "sv"
                             else "Several values: separate them with commas.")
        validation.showInputMessage = True
    ws.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{FORMATTED_ROWS}")


def _width(column: Column) -> int:
    if column.kind == "quotes":
        return 70
    if column.kind == "text":
        return 36
    if column.kind in ("pages", "int", "year", "bool", "flag", "currency", "date", "decimal", "value"):
        return 14
    return 26


def readme_lines(lang: str) -> list[str]:
    """The read-me sheet: what the workbook is, the conventions, one line per sheet."""
    sv = lang == "sv"
    lines = [
        "samsyn: en strategi som arbetsbok" if sv else "samsyn: a strategy as a workbook",
        "",
        ("Ett blad per slags sak. En rad är en sak; dess nyckel (kolumn A) är ett kort namn som du väljer, "
         "och andra blad hänvisar till raden med det." if sv else
         "One sheet per kind of thing. A row is one thing; its key (column A) is a short name you choose, and "
         "other sheets refer to the row by it."),
        ("Varje kolumnrubrik har en anteckning som säger vad som ska stå i kolumnen (håll muspekaren över den)."
         if sv else "Each column header has a note saying what goes in the column (hover over it)."),
        ("Flera värden i en cell: skilj dem med komma. Flera citat: ett per rad i cellen (Alt+Enter)." if sv else
         "Several values in a cell: separate them with commas. Several quotes: one per line in the cell "
         "(Alt+Enter)."),
        ("Datum: år (2014), månad (2014-09) eller dag (2014-09-15). Ja/nej: ja eller nej." if sv else
         "Dates: a year (2014), a month (2014-09) or a day (2014-09-15). Yes/no: yes or no."),
        ("Listor med fasta värden (ramverksbegrepp, typer, status, frekvens) väljs i cellens lista; alla värden "
         "står på bladet Listor." if sv else
         "Columns with fixed values (framework concepts, kinds, status, frequency) are picked from the cell's "
         "list; every value is on the sheet Lists."),
        ("Kolumnen \"anges i\": tom betyder strategin på bladet Strategi; en handlingsplans aktiviteter anger "
         "planens nyckel." if sv else
         "The column \"stated in\": empty means the strategy on the sheet Strategy; an action plan's activities "
         "give the plan's key."),
        ("Citaten ska vara ordagranna ur dokumentet; samsyn kontrollerar dem mot källtexten." if sv else
         "Quotes are to be verbatim from the document; samsyn checks them against the source text."),
        ("Inga formler: skriv in värdena. Läs in med samsyn, som rapporterar alla fel på en gång (blad, rad, "
         "kolumn, vad som väntades, vad du ska göra)." if sv else
         "No formulas: type the values. Read it in with samsyn, which reports every problem at once (sheet, row, "
         "column, what was expected, what to do)."),
        "",
        "Bladen" if sv else "The sheets",
    ]
    for sheet in SHEETS:
        lines.append(f"{sheet.name(lang)}: {sheet.note_sv if sv else sheet.note_en}")
    lines.append(f"{LISTS[1] if sv else LISTS[2]}: " + ("värdena som listorna erbjuder, och ramverksbegreppens namn."
                                                         if sv else "the values the lists offer, and the names of "
                                                         "the framework concepts."))
    return lines
