"""Cells and RDF terms, both ways: keys minted into IRIs and resolved across sheets, dates, numbers,
yes/no, closed lists, prefixed names. The writer keeps a value in its column only if reading the
cell back gives the same term; so a workbook written from a graph reads back as that graph."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..namespaces import ID, PREFIXES, slug
from .format import NO, SHEETS, SHEETS_BY_ID, YES, Column, Sheet
from .vocab import Vocabulary

SAMSH = "https://w3id.org/samsyn/shapes#"
#: prefixes a cell may use (sam:country, xsd:gYear, freq:ANNUAL ...)
CELL_PREFIXES: dict[str, str] = {**{k: str(v) for k, v in PREFIXES.items()},
                                 "freq": "http://publications.europa.eu/resource/authority/frequency/",
                                 "samsh": SAMSH, "adms": "http://www.w3.org/ns/adms#"}
_SEPARATORS = re.compile(r"[,;\n]")
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"{}|\\^`]*$")
_CURIE = re.compile(r"^([A-Za-z][\w.-]*):([^\s/:]*)$")
_SHAPE = re.compile(r"^[A-Za-z][\w.-]*$")
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d+[.,]\d+$")


class CellError(Exception):
    """A cell value that cannot be read: the problem code and its arguments (errors.CATALOGUE)."""

    def __init__(self, code: str, *args: str):
        self.code = code
        self.args_ = tuple(str(a) for a in args)
        super().__init__(code)


def slug_key(text: str) -> str:
    """A key as the author typed it, in the form it takes in the IRI; "/" separates parts."""
    parts = [slug(part) for part in str(text).split("/")]
    if not parts or not all(parts):
        raise CellError("bad-key")
    return "/".join(parts)


def qualifier(sheet: Sheet) -> str:
    """What precedes a key to name its sheet: the IRI segment ("goal/fler-jobb")."""
    return sheet.segment or sheet.id


class Index:
    """The keys of a workbook and the IRIs they mint, and references resolved against them."""

    def __init__(self, organisation: str | None):
        self.organisation = organisation
        self.keys: dict[str, dict[str, URIRef]] = {s.id: {} for s in SHEETS}
        self.where: dict[URIRef, tuple[str, str]] = {}

    def mint(self, sheet: Sheet, key: str) -> URIRef:
        if sheet.id == "organisation":
            return ID[key]
        if sheet.id == "organisations":
            return ID[f"org/{key}"]
        return ID[f"{self.organisation}/{sheet.segment}/{key}"]

    def add(self, sheet: Sheet, key: str) -> URIRef:
        iri = self.mint(sheet, key)
        self.keys[sheet.id][key] = iri
        self.where[iri] = (sheet.id, key)
        return iri

    def _sheets(self, allowed: tuple[str, ...]) -> list[str]:
        return [s.id for s in SHEETS if s.kind == "entity"] if "*" in allowed else list(allowed)

    def resolve(self, text: str, allowed: tuple[str, ...]) -> URIRef:
        """The IRI a reference names: a key of one of the allowed sheets, "segment/key" to choose
        among sheets, or a full web address."""
        text = text.strip()
        if _IRI.match(text):
            return URIRef(text)
        sheets = self._sheets(allowed)
        try:
            key = slug_key(text)
        except CellError:
            raise CellError("unknown-key", _sheet_names(sheets)) from None
        found = [(s, self.keys[s][key]) for s in sheets if key in self.keys[s]]
        if len(found) == 1:
            return found[0][1]
        if len(found) > 1:
            raise CellError("ambiguous-key", " / ".join(f"{qualifier(SHEETS_BY_ID[s])}/{key}" for s, _ in found))
        head, _, rest = key.partition("/")
        for s in sheets:
            if qualifier(SHEETS_BY_ID[s]) == head and rest in self.keys[s]:
                return self.keys[s][rest]
        raise CellError("unknown-key", _sheet_names(sheets))

    def reference(self, iri: Node, allowed: tuple[str, ...]) -> str | None:
        """The shortest text that resolves to the IRI in a column that allows these sheets."""
        if not isinstance(iri, URIRef):
            return None
        if iri in self.where and self.where[iri][0] in self._sheets(allowed):
            sheet, key = self.where[iri]
            for text in (key, f"{qualifier(SHEETS_BY_ID[sheet])}/{key}"):
                try:
                    if self.resolve(text, allowed) == iri:
                        return text
                except CellError:
                    continue
        text = str(iri)
        return text if _IRI.match(text) else None


def _sheet_names(sheet_ids) -> str:
    return ", ".join(f"'{SHEETS_BY_ID[s].sv}' / '{SHEETS_BY_ID[s].en}'" for s in sheet_ids)


# --- single values ------------------------------------------------------------------------------

def as_text(raw) -> str:
    """A cell as text: numbers without a trailing .0, dates in ISO form."""
    if isinstance(raw, bool):
        return "ja" if raw else "nej"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time(0) else raw.isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)


def tokens(raw, column: Column) -> list:
    """The values of a cell: one, or several for a multi-valued column."""
    if raw is None:
        return []
    if not isinstance(raw, str):
        return [raw]
    if column.kind == "quotes":
        parts = raw.replace("\r\n", "\n").split("\n")
    elif column.multi:
        parts = _SEPARATORS.split(raw)
    else:
        return [raw] if raw.strip() else []
    return [p.strip() for p in parts if p.strip()]


def date_literal(raw) -> Literal:
    if isinstance(raw, dt.datetime) and raw.time() == dt.time(0):
        return Literal(raw.date().isoformat(), datatype=XSD.date)
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return Literal(raw.isoformat(), datatype=XSD.date)
    text = as_text(raw).strip()
    if _YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    if _MONTH.match(text):
        return Literal(text, datatype=XSD.gYearMonth)
    if _DAY.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise CellError("not-a-date") from None
        return Literal(text, datatype=XSD.date)
    raise CellError("not-a-date")


def year_literal(raw) -> Literal:
    text = as_text(raw).strip()
    if not _YEAR.match(text):
        raise CellError("not-a-year")
    return Literal(text, datatype=XSD.gYear)


def integer_literal(raw, minimum: int | None = None) -> Literal:
    text = as_text(raw).strip()
    if not _INTEGER.match(text):
        raise CellError("not-a-whole-number")
    value = int(text)
    if minimum is not None and value < minimum:
        raise CellError("not-a-whole-number")
    return Literal(str(value), datatype=XSD.integer)


def _decimal_text(raw) -> str | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return format(Decimal(repr(raw)), "f")
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if _INTEGER.match(text) or _DECIMAL.match(text):
        return text.replace(",", ".")
    return None


def decimal_literal(raw) -> Literal:
    text = _decimal_text(raw)
    if text is None:
        raise CellError("not-a-number")
    try:
        Decimal(text)
    except InvalidOperation:
        raise CellError("not-a-number") from None
    return Literal(text, datatype=XSD.decimal)


def value_literal(raw) -> Literal:
    """A baseline, target value or outcome: a whole number, a decimal, yes/no, or text."""
    if isinstance(raw, bool):
        return Literal("true" if raw else "false", datatype=XSD.boolean)
    if isinstance(raw, int):
        return Literal(str(raw), datatype=XSD.integer)
    if isinstance(raw, float):
        return Literal(str(int(raw)), datatype=XSD.integer) if raw.is_integer() else decimal_literal(raw)
    text = str(raw).strip()
    if _INTEGER.match(text):
        return Literal(text, datatype=XSD.integer)
    if _DECIMAL.match(text):
        return Literal(text.replace(",", "."), datatype=XSD.decimal)
    return Literal(text)


def bool_literal(raw) -> Literal:
    if isinstance(raw, bool):
        return Literal("true" if raw else "false", datatype=XSD.boolean)
    text = as_text(raw).strip().casefold()
    if text in YES:
        return Literal("true", datatype=XSD.boolean)
    if text in NO:
        return Literal("false", datatype=XSD.boolean)
    raise CellError("not-yes-no")


def expand(text: str) -> URIRef:
    """A prefixed name (sam:country) or a web address (<...> or plain) as an IRI."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if _IRI.match(text):
        return URIRef(text)
    match = _CURIE.match(text)
    if match and match.group(1) in CELL_PREFIXES:
        return URIRef(CELL_PREFIXES[match.group(1)] + match.group(2))
    raise CellError("bad-property")


def compact(iri: URIRef) -> str:
    """The prefixed name of an IRI where a prefix fits, else the IRI itself."""
    text = str(iri)
    for prefix, namespace in sorted(CELL_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(namespace) and _CURIE.match(f"{prefix}:{text[len(namespace):]}"):
            curie = f"{prefix}:{text[len(namespace):]}"
            if expand(curie) == iri:
                return curie
    return text


def any_term(raw, value_type, index: Index, bnodes: dict[str, BNode]) -> Node:
    """The object (or subject) of a statement given as value and value type (sheet Other statements)."""
    kind = (as_text(value_type).strip() if value_type is not None else "")
    if kind.casefold() == "iri":
        return subject_term(raw, index, bnodes)
    text = as_text(raw)
    if kind == "":
        return Literal(text)
    if kind.startswith("@") and re.match(r"^@[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", kind):
        return Literal(text, lang=kind[1:])
    try:
        return Literal(text, datatype=expand(kind))
    except CellError:
        raise CellError("bad-value-type") from None


def describe_term(term: Node, index: Index) -> tuple[str, str] | None:
    """(value, value type) for a term on the sheet Other statements; None if it cannot be written."""
    if isinstance(term, BNode):
        return f"_:{term}", "iri"
    if isinstance(term, URIRef):
        ref = index.reference(term, ("*",))
        if ref is not None and not _IRI.match(ref):
            return ref, "iri"
        text = compact(term)
        return (text, "iri") if text else None
    assert isinstance(term, Literal)
    if term.language:
        return str(term), f"@{term.language}"
    if term.datatype:
        return str(term), compact(term.datatype)
    return str(term), ""


def subject_term(raw, index: Index, bnodes: dict[str, BNode]) -> Node:
    """A resource given in a cell: `_:name` (a blank node, the same for the same name), a prefixed
    name or IRI, or a reference to a row of the workbook."""
    text = as_text(raw).strip()
    if text.startswith("_:"):
        return bnodes.setdefault(text[2:], BNode())
    try:
        return expand(text)
    except CellError:
        return index.resolve(text, ("*",))


def decode(raw, column: Column, index: Index, vocab: Vocabulary) -> list[Node]:
    """The RDF terms a cell stands for (CellError if one cannot be read)."""
    out: list[Node] = []
    values = tokens(raw, column)
    if len(values) > 1 and not column.multi and column.kind != "quotes":
        raise CellError("one-value")
    for value in values:
        out.append(decode_one(value, column, index, vocab))
    return out


def decode_one(value, column: Column, index: Index, vocab: Vocabulary) -> Node:
    kind = column.kind
    if kind in ("text", "quotes"):
        return Literal(as_text(value).strip(), lang=column.lang)
    if kind == "code":
        text = as_text(value).strip()
        if "\n" in text:
            raise CellError("line-break")
        return Literal(text)
    if kind == "currency":
        text = as_text(value).strip()
        if not re.match(r"^[A-Z]{3}$", text):
            raise CellError("not-a-code", "ISO 4217 (SEK, EUR ...)")
        return Literal(text)
    if kind == "pages":
        return integer_literal(value, minimum=1)
    if kind == "int":
        return integer_literal(value)
    if kind == "decimal":
        return decimal_literal(value)
    if kind == "value":
        return value_literal(value)
    if kind == "date":
        return date_literal(value)
    if kind == "year":
        return year_literal(value)
    if kind in ("bool", "flag"):
        return bool_literal(value)
    if kind == "ref":
        return index.resolve(as_text(value), column.refs)
    if kind in ("closed", "type"):
        choice = vocab.find(column.closed, as_text(value))
        if choice is None:
            raise CellError("not-in-list", ", ".join(c.label("sv") + " / " + c.label("en") if c.sv != c.en
                                                     else c.sv for c in vocab.choices(column.closed)))
        return choice.iri
    if kind == "concept":
        text = as_text(value).strip()
        if _IRI.match(text) and text.startswith(str(ID)):
            text = text[len(str(ID)):]
        concept = vocab.concepts.get(text.strip("/"))
        if concept is None or concept.kind == "scheme":
            raise CellError("unknown-concept")
        return concept.iri
    if kind == "shape":
        text = as_text(value).strip()
        if _IRI.match(text):
            return URIRef(text)
        if not _SHAPE.match(text):
            raise CellError("not-a-code", "Ronneby-tydlig-agare")
        return URIRef(SAMSH + text)
    if kind == "curie":
        return expand(as_text(value))
    raise ValueError(f"no decoder for column kind {kind!r}")  # a mistake in format.py


def encode_one(term: Node, column: Column, index: Index, vocab: Vocabulary, lang: str):
    """The cell text (or number) for one term, or None where the column cannot hold it."""
    kind = column.kind
    if kind in ("text", "quotes", "code", "currency"):
        return str(term) if isinstance(term, Literal) else None
    if kind in ("pages", "int", "year"):
        return int(term) if isinstance(term, Literal) and _INTEGER.match(str(term)) else str(term)
    if kind in ("decimal", "value", "date"):
        if isinstance(term, Literal) and term.datatype == XSD.integer and _INTEGER.match(str(term)):
            return int(str(term))
        return str(term) if isinstance(term, Literal) else None
    if kind == "bool":
        if isinstance(term, Literal) and term.datatype == XSD.boolean:
            return {"true": "ja" if lang == "sv" else "yes", "false": "nej" if lang == "sv" else "no"}.get(str(term))
        return None
    if kind == "ref":
        return index.reference(term, column.refs)
    if kind in ("closed", "type"):
        choice = vocab.choice_for(column.closed, term)
        return choice.label(lang) if choice else None
    if kind == "concept":
        text = str(term)
        return text[len(str(ID)):] if text.startswith(str(ID)) else None
    if kind == "shape":
        text = str(term)
        return text[len(SAMSH):] if text.startswith(SAMSH) and _SHAPE.match(text[len(SAMSH):]) else text
    if kind == "curie":
        return compact(term) if isinstance(term, URIRef) else None
    return None


def join(values: list, column: Column):
    """Several values in one cell: one per line for quotes, comma-separated otherwise."""
    if len(values) == 1:
        return values[0]
    return ("\n" if column.kind == "quotes" else ", ").join(str(v) for v in values)
