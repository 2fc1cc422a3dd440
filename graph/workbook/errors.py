"""What can be wrong with a workbook, said so a person can act on it: where (sheet, row, column),
the value, what was expected, what to do; in Swedish or English. Every problem found is reported
at once (WorkbookError.problems), not only the first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: code -> {lang: (what was expected, what to do)}; {0}, {1} ... are filled from Problem.args
CATALOGUE: dict[str, dict[str, tuple[str, str]]] = {
    # the file itself
    "not-a-zip": {
        "sv": ("en Excel-arbetsbok (.xlsx, ett zip-arkiv)", "Spara filen som Excel-arbetsbok (.xlsx) och försök igen."),
        "en": ("an Excel workbook (.xlsx, a zip archive)", "Save the file as an Excel workbook (.xlsx) and try again."),
    },
    "too-big": {
        "sv": ("högst {0} MB", "En strategi ryms i långt mindre; ta bort bilder och tomma blad, eller dela upp filen."),
        "en": ("at most {0} MB", "A strategy fits in far less; remove pictures and empty sheets, or split the file."),
    },
    "zip-bomb": {
        "sv": ("högst {0} MB uppackat och en packningsgrad under {1}:1",
               "Filen packas upp till mer än en arbetsbok kan innehålla och vägras; spara om den från Excel."),
        "en": ("at most {0} MB unpacked and a compression ratio below {1}:1",
               "The file unpacks to more than a workbook can hold and is refused; save it again from Excel."),
    },
    "part-too-big": {
        "sv": ("högst {0} MB per del (ett blad, de delade texterna)", "Ta bort tomma rader längst ner på bladen och "
               "bilder; en strategis arbetsbok är långt under 1 MB."),
        "en": ("at most {0} MB per part (a sheet, the shared texts)", "Delete empty rows at the bottom of the sheets, "
               "and pictures; a strategy's workbook is well under 1 MB."),
    },
    "too-many-parts": {
        "sv": ("högst {0} delar i arkivet", "Spara om filen från Excel utan bilder och bilagor."),
        "en": ("at most {0} parts in the archive", "Save the file again from Excel without pictures or attachments."),
    },
    "external-link": {
        "sv": ("inga länkar till andra filer eller datakällor", "Ta bort länkarna (Data > Redigera länkar > Bryt länk) "
               "och skriv in värdena."),
        "en": ("no links to other files or data sources", "Remove the links (Data > Edit Links > Break Link) and type "
               "the values in."),
    },
    "active-content": {
        "sv": ("inga makron eller inbäddade objekt", "Spara som .xlsx (utan makron) och ta bort inbäddade objekt."),
        "en": ("no macros or embedded objects", "Save as .xlsx (without macros) and remove embedded objects."),
    },
    "xml-doctype": {
        "sv": ("XML utan dokumenttypdeklaration (DTD)", "Spara om filen från Excel; en arbetsbok behöver ingen DTD."),
        "en": ("XML without a document type declaration (DTD)", "Save the file again from Excel; a workbook needs no DTD."),
    },
    "damaged": {
        "sv": ("en läsbar arbetsbok", "Filen är skadad ({0}); öppna den i Excel och spara om den."),
        "en": ("a readable workbook", "The file is damaged ({0}); open it in Excel and save it again."),
    },
    "not-a-source": {
        "sv": ("en .xlsx-fil eller en mapp med .csv-filer", "Ange en arbetsbok (.xlsx) eller en mapp med CSV-filer."),
        "en": ("an .xlsx file or a folder of .csv files", "Give a workbook (.xlsx) or a folder of CSV files."),
    },
    "not-utf8": {
        "sv": ("text i UTF-8", "Spara CSV-filen som \"CSV UTF-8\"."),
        "en": ("UTF-8 text", "Save the CSV file as \"CSV UTF-8\"."),
    },
    "too-many-rows": {
        "sv": ("högst {0} rader på ett blad", "Ta bort de tomma raderna längst ner (markera dem, Ta bort rader)."),
        "en": ("at most {0} rows on a sheet", "Delete the empty rows at the bottom (select them, Delete rows)."),
    },
    "too-many-sheets": {
        "sv": ("högst {0} blad", "Ta bort blad som inte hör till arbetsboken."),
        "en": ("at most {0} sheets", "Remove sheets that are not part of the workbook."),
    },
    # sheets and columns
    "unknown-sheet": {
        "sv": ("ett av bladen {0}", "Byt namn på bladet till ett av dessa, eller ta bort det."),
        "en": ("one of the sheets {0}", "Rename the sheet to one of these, or delete it."),
    },
    "duplicate-sheet": {
        "sv": ("bladet en gång", "Slå ihop bladen till ett."),
        "en": ("the sheet once", "Merge the sheets into one."),
    },
    "missing-sheet": {
        "sv": ("bladet {0}", "Lägg till bladet (utgå från en mall: samsyn workbook template)."),
        "en": ("the sheet {0}", "Add the sheet (start from a template: samsyn workbook template)."),
    },
    "unknown-column": {
        "sv": ("en av kolumnerna {0}", "Rätta rubriken eller ta bort kolumnen."),
        "en": ("one of the columns {0}", "Correct the header or delete the column."),
    },
    "duplicate-column": {
        "sv": ("kolumnen en gång", "Ta bort den ena kolumnen."),
        "en": ("the column once", "Delete one of the two columns."),
    },
    "missing-column": {
        "sv": ("kolumnen {0}", "Lägg till kolumnen med den rubriken i rad 1."),
        "en": ("the column {0}", "Add the column with that header in row 1."),
    },
    # cells
    "formula": {
        "sv": ("ett inskrivet värde, ingen formel", "Ersätt formeln med värdet (Kopiera, Klistra in special > Värden)."),
        "en": ("a typed value, not a formula", "Replace the formula by its value (Copy, Paste Special > Values)."),
    },
    "cell-error": {
        "sv": ("ett värde", "Rätta felet i cellen."),
        "en": ("a value", "Fix the error in the cell."),
    },
    "missing-value": {
        "sv": ("ett värde", "Fyll i cellen."),
        "en": ("a value", "Fill in the cell."),
    },
    "bad-key": {
        "sv": ("en nyckel med bokstäver eller siffror", "Skriv en kort nyckel, till exempel \"fler-jobb\"."),
        "en": ("a key with letters or digits", "Type a short key, e.g. \"more-jobs\"."),
    },
    "duplicate-key": {
        "sv": ("en nyckel som inte redan används på rad {0}", "Ge raden en egen nyckel, eller slå ihop raderna."),
        "en": ("a key not already used on row {0}", "Give the row a key of its own, or merge the two rows."),
    },
    "unknown-key": {
        "sv": ("en nyckel från bladet {0}", "Rätta nyckeln, eller lägg till raden på bladet {0}."),
        "en": ("a key from the sheet {0}", "Correct the key, or add the row to the sheet {0}."),
    },
    "ambiguous-key": {
        "sv": ("en nyckel som bara finns på ett blad", "Skriv {0} för att välja."),
        "en": ("a key that is on one sheet only", "Write {0} to choose."),
    },
    "no-strategy": {
        "sv": ("exakt en rad på bladet Strategi (eller en nyckel här)",
               "Fyll i strategins nyckel i cellen, eller låt bladet Strategi ha exakt en rad."),
        "en": ("exactly one row on the sheet Strategy (or a key here)",
               "Type the strategy's key in the cell, or keep exactly one row on the sheet Strategy."),
    },
    "one-organisation": {
        "sv": ("exakt en rad på bladet Organisation", "Låt bladet ha en rad: organisationen som ger ut strategin."),
        "en": ("exactly one row on the sheet Organisation", "Keep one row: the organisation that issues the strategy."),
    },
    "not-a-date": {
        "sv": ("ett år (2014), en månad (2014-09) eller en dag (2014-09-15)", "Skriv datumet i den formen."),
        "en": ("a year (2014), a month (2014-09) or a day (2014-09-15)", "Write the date in that form."),
    },
    "not-a-year": {
        "sv": ("ett år med fyra siffror (2014)", "Skriv året med fyra siffror."),
        "en": ("a four-digit year (2014)", "Write the year with four digits."),
    },
    "not-a-number": {
        "sv": ("ett tal", "Skriv bara talet, utan enhet eller valuta (enheten har en egen kolumn)."),
        "en": ("a number", "Write the number only, without unit or currency (the unit has a column of its own)."),
    },
    "not-a-whole-number": {
        "sv": ("ett heltal", "Skriv ett heltal, till exempel 4."),
        "en": ("a whole number", "Write a whole number, e.g. 4."),
    },
    "not-yes-no": {
        "sv": ("ja eller nej", "Skriv ja eller nej."),
        "en": ("yes or no", "Write yes or no."),
    },
    "not-a-code": {
        "sv": ("{0}", "Skriv koden så."),
        "en": ("{0}", "Write the code that way."),
    },
    "not-in-list": {
        "sv": ("ett av värdena {0}", "Välj ett värde i listan."),
        "en": ("one of the values {0}", "Pick a value from the list."),
    },
    "unknown-concept": {
        "sv": ("ett begrepp ur ramverken (bladet Listor)", "Välj begreppet i listan; står det inte där, hör det inte "
               "till något av ramverken samsyn känner."),
        "en": ("a concept of the frameworks (sheet Lists)", "Pick the concept from the list; if it is not there, it "
               "belongs to none of the frameworks samsyn knows."),
    },
    "wrong-concept": {
        "sv": ("{0}", "Välj en annan koppling eller ett annat begrepp."),
        "en": ("{0}", "Choose another relation or another concept."),
    },
    "bad-property": {
        "sv": ("en egenskap som sam:country eller en webbadress", "Skriv egenskapen med prefix (sam:, rdfs:, skos: ...) "
               "eller som hel webbadress."),
        "en": ("a property like sam:country or a web address", "Write the property with a prefix (sam:, rdfs:, "
               "skos: ...) or as a full web address."),
    },
    "bad-value-type": {
        "sv": ("tomt, @sv, @en, en datatyp som xsd:gYear, eller iri", "Skriv värdets typ i en av de formerna."),
        "en": ("empty, @sv, @en, a datatype like xsd:gYear, or iri", "Write the value type in one of those forms."),
    },
    "has-column": {
        "sv": ("uppgiften i kolumnen {1} på bladet {0}", "Flytta värdet dit."),
        "en": ("the statement in the column {1} on the sheet {0}", "Move the value there."),
    },
    "line-break": {
        "sv": ("ett värde utan radbrytning", "Ta bort radbrytningen (bara citat får ha flera rader)."),
        "en": ("a value without line breaks", "Remove the line break (only quotes may have several lines)."),
    },
    "one-value": {
        "sv": ("ett enda värde", "Behåll ett värde; kolumnen tar bara ett."),
        "en": ("a single value", "Keep one value; the column takes only one."),
    },
    # against the source text
    "quote-not-found": {
        "sv": ("ett ordagrant citat ur dokumentet", "Kopiera meningen ur dokumentet; bara mellanslag och radbrytningar "
               "får skilja."),
        "en": ("a verbatim quote from the document", "Copy the sentence from the document; only spaces and line breaks "
               "may differ."),
    },
    "page-out-of-range": {
        "sv": ("en sida mellan 1 och {0}", "Rätta sidnumret."),
        "en": ("a page between 1 and {0}", "Correct the page number."),
    },
    "no-pages": {
        "sv": ("inget sidnummer (dokumentet har inga sidor)", "Lämna cellen tom."),
        "en": ("no page number (the document has no pages)", "Leave the cell empty."),
    },
    "quote-not-on-page": {
        "sv": ("citatet på någon av sidorna {0}", "Rätta sidnumret: citatet står på sidan {1}."),
        "en": ("the quote on one of the pages {0}", "Correct the page: the quote is on page {1}."),
    },
    # across rows
    "circular-reporting": {
        "sv": ("rapportering som inte går i cirkel", "Rätta rapporteringsvägarna: {0} rapporterar i cirkel."),
        "en": ("reporting that does not go round in a circle", "Correct the reporting lines: {0} report in a circle."),
    },
}

#: what precedes each part of a problem, per language
_WORDS = {
    "sv": {"sheet": "blad", "row": "rad", "column": "kolumn", "value": "värde", "expected": "väntat",
           "todo": "gör så här", "problems": "problem", "problem": "problem"},
    "en": {"sheet": "sheet", "row": "row", "column": "column", "value": "value", "expected": "expected",
           "todo": "what to do", "problems": "problems", "problem": "problem"},
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where it is, the value found, what was expected and what to do."""

    code: str
    sheet: str | None = None  # the sheet's name as the file has it
    row: int | None = None  # 1-based, as the spreadsheet numbers rows
    column: str | None = None  # the column's header
    value: str | None = None
    args: tuple[str, ...] = ()

    def expected(self, lang: str = "en") -> str:
        return CATALOGUE[self.code][lang][0].format(*self.args)

    def action(self, lang: str = "en") -> str:
        return CATALOGUE[self.code][lang][1].format(*self.args)

    def where(self, lang: str = "en") -> str:
        words = _WORDS[lang]
        parts = []
        if self.sheet is not None:
            parts.append(f"{words['sheet']} '{self.sheet}'")
        if self.row is not None:
            parts.append(f"{words['row']} {self.row}")
        if self.column is not None:
            parts.append(f"{words['column']} '{self.column}'")
        return ", ".join(parts)

    def describe(self, lang: str = "en") -> str:
        """One line: where, the value, what was expected, what to do."""
        words = _WORDS[lang]
        head = self.where(lang)
        value = f"{words['value']} {_shorten(self.value)!r}: " if self.value not in (None, "") else ""
        return (f"{head + ': ' if head else ''}{value}{words['expected']} {self.expected(lang)}; "
                f"{words['todo']}: {self.action(lang)}")

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        return {"code": self.code, "sheet": self.sheet, "row": self.row, "column": self.column,
                "value": self.value, "expected": self.expected(lang), "action": self.action(lang)}


def _shorten(value: str | None, limit: int = 80) -> str | None:
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


class WorkbookError(Exception):
    """A workbook that cannot be read, with every problem found. str() is one line per problem."""

    def __init__(self, path: Path | str, problems: list[Problem], lang: str = "en"):
        self.path = str(path)
        self.problems = list(problems)
        self.lang = lang
        super().__init__(self.render(lang))

    def render(self, lang: str = "en") -> str:
        words = _WORDS[lang]
        count = len(self.problems)
        head = f"{self.path}: {count} {words['problems'] if count != 1 else words['problem']}"
        return "\n".join([head, *(f"{self.path}: {p.describe(lang)}" for p in self.problems)])
