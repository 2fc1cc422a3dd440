"""What a strategy source may state: things about its own organisation's entities, never about a
framework, an ontology term or another organisation's entities (docs/data.md, "What a strategy
may state"). Checked at build, after every source is parsed (beside the rules) and before anything is
written: every offending subject of every strategy source is reported at once, each on one line
with its file and line, as one SourceError (exit 2); the store keeps the graph it had.

A strategy points at frameworks and other organisations as objects (`sam:alignsWith`,
`sam:partner`): that is what the graph is for. What it may not do is be their subject, which
would change what everyone's coverage, labels and checks read (a second `rdfs:label` on a
flagship doubles its coverage row).

Whose an entity is comes from the IRI scheme (docs/data.md): `id/<org>` is an organisation and
`id/<org>/…` its entities; a source's own organisations are the ones it says issue its strategies
and plans (`sam:issuedBy`). External organisations (`id/org/<slug>`) belong to no source: every
file that names one declares it, identically."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pyoxigraph as ox

from .named_queries import load_lookup
from .namespaces import ID, PREFIXES, SAM
from .sources import Source, SourceError
from .vocabulary import compact
from .workbook.files import Refused, read_cells

#: samsyn's own namespaces other than its instances: the ontology (sam:), shapes, named graphs
SAMSYN = "https://w3id.org/samsyn/"
#: samsyn's instances: id/<org> is an organisation, id/<org>/… its entities
INSTANCES = str(ID)
#: external organisations, declared by every source that names them (docs/data.md)
SHARED_ORGANISATIONS = f"{INSTANCES}org/"
#: the vocabularies a strategy uses and must not redefine (rdfs:label, skos:Concept, org:Organization …)
VOCABULARIES = tuple(str(namespace) for prefix, namespace in PREFIXES.items() if prefix not in ("id", "graph"))
#: what points a source at its organisation
ISSUED_BY = ox.NamedNode(str(SAM.issuedBy))
DOCS = "docs/data.md, 'What a strategy may state'"


@dataclass(frozen=True)
class Trespass:
    """One subject a strategy source may not state anything about, and what it states."""

    source: Source
    subject: str
    properties: tuple[str, ...]  # compact names, sorted
    triples: int
    why: str  # what the subject is, in words
    line: int | None  # of the subject's first statement in the file; None where it cannot be found
    place: str = ""  # a workbook's sheet and row, where one was found

    def describe(self) -> str:
        where = f"{self.source.path}:{self.line}" if self.line else str(self.source.path)
        if self.place:
            where += f" ({self.place})"
        elif not self.line:
            where += " (line not found)"
        stated = ", ".join(self.properties)
        which = "the statement" if self.triples == 1 else f"those {self.triples} statements"
        return (f"{where}: <{self.subject}> is {self.why}: a strategy may point at it but not state {stated} "
                f"about it; remove {which}")


def check_strategies(dataset: ox.Store, sources: list[Source]) -> None:
    """Raise SourceError naming every subject the strategy sources in `dataset` may not state
    anything about (one line each), or return. The ontology and framework sources among
    `sources` say what is protected; the strategy sources are checked."""
    protected = _Protected(dataset, sources)
    found = [t for source in sources if source.kind == "strategies" for t in _trespasses(dataset, source, protected)]
    if not found:
        return
    files = sorted({str(t.source.path) for t in found})
    count = len(found)
    head = (f"{count} subject{'s' if count != 1 else ''} no strategy may describe ({DOCS}); "
            "nothing was loaded")
    raise SourceError(files[0] if len(files) == 1 else ", ".join(files),
                      "\n".join([head, *(t.describe() for t in found)]))


class _Protected:
    """What the ontology and the frameworks describe, and whose each IRI under id/ is."""

    def __init__(self, dataset: ox.Store, sources: list[Source]):
        self.ontology: set[str] = set()
        self.frameworks: dict[str, Source] = {}  # a framework's subject -> its file
        self.schemes: dict[str, Source] = {}  # a framework's own IRI -> its file (its concepts sit below it)
        for source in sources:
            if source.kind == "ontology":
                self.ontology |= _subjects(dataset, source)
            elif source.kind == "frameworks":
                for subject in _subjects(dataset, source):
                    self.frameworks[subject] = source
                graph = ox.NamedNode(str(source.graph_iri))
                for quad in dataset.quads_for_pattern(None, ox.NamedNode(str(_RDF_TYPE)), None, graph):
                    if quad.object.value in _SCHEME_CLASSES and isinstance(quad.subject, ox.NamedNode):
                        self.schemes[quad.subject.value] = source
        self._below_schemes = tuple(scheme + "/" for scheme in self.schemes)

    def why(self, subject: str, own: tuple[str, ...]) -> str | None:
        """What `subject` is, if a source issuing for `own` (organisation IRIs) may not describe it."""
        if subject in self.ontology or subject.startswith(VOCABULARIES) or \
                (subject.startswith(SAMSYN) and not subject.startswith(INSTANCES)):
            return f"the vocabulary term {compact(subject)}"
        framework = self.frameworks.get(subject) or self._scheme_of(subject)
        if framework is not None:
            return f"part of the framework {framework.path.stem} ({framework.path.name})"
        if not subject.startswith(INSTANCES) or subject.startswith(SHARED_ORGANISATIONS):
            return None
        organisation = INSTANCES + subject[len(INSTANCES):].split("/", 1)[0]
        if organisation in own:
            return None
        mine = ", ".join(compact(o) for o in own) if own else "no organisation (it states no sam:issuedBy)"
        return f"{compact(organisation)}'s, and this source issues for {mine}"

    def _scheme_of(self, subject: str) -> Source | None:
        if not subject.startswith(self._below_schemes):  # one C-level test for the many subjects no scheme holds
            return None
        return next(source for scheme, source in self.schemes.items() if subject.startswith(scheme + "/"))


_RDF_TYPE = PREFIXES["rdf"]["type"]
_SCHEME_CLASSES = {str(SAM.Framework), str(PREFIXES["skos"]["ConceptScheme"])}


def _subjects(dataset: ox.Store, source: Source) -> set[str]:
    """The IRIs one source's named graph states something about (distinct, by Oxigraph)."""
    answer = dataset.query(load_lookup("graph-subjects").text,
                           substitutions={ox.Variable("graph"): ox.NamedNode(str(source.graph_iri))})
    return {solution["subject"].value for solution in answer}


def _trespasses(dataset: ox.Store, source: Source, protected: _Protected) -> list[Trespass]:
    graph = ox.NamedNode(str(source.graph_iri))
    own = tuple(sorted({q.object.value for q in dataset.quads_for_pattern(None, ISSUED_BY, None, graph)
                        if isinstance(q.object, ox.NamedNode)}))
    offending = {s: why for s in _subjects(dataset, source) if (why := protected.why(s, own)) is not None}
    if not offending:
        return []
    lines = _SubjectLines(source) if not source.is_workbook else None
    places = _workbook_places(source, offending) if source.is_workbook else {}
    found = []
    for subject, why in offending.items():
        properties: set[str] = set()
        triples = 0
        for quad in dataset.quads_for_pattern(ox.NamedNode(subject), None, None, graph):
            properties.add(compact(quad.predicate.value))
            triples += 1
        found.append(Trespass(source, subject, tuple(sorted(properties)), triples, why,
                              lines.line_of(subject) if lines else None, places.get(subject, "")))
    return sorted(found, key=lambda t: (t.line or 0, t.place, t.subject))


# --- where a subject's first statement is, in a Turtle, N-Triples or N3 file --------------------
# Oxigraph and rdflib give no line per triple: the file is read again, as tokens, to find the
# first statement whose subject, resolved against the file's prefixes and base, is the IRI.

_TOKEN = re.compile(r'''
    (?P<space>\s+) | (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<end>\.(?![^\s;,()\[\]{}"'<>\#.]))
  | (?P<open>[{\[(]) | (?P<close>[}\])]) | (?P<punct>[;,])
  | (?P<name>(?:[^\s;,()\[\]{}"'<>\#\\.]|\\.|\.(?=[^\s;,()\[\]{}"'<>\#.]))+)
''', re.VERBOSE)
_LOCAL_ESCAPE = re.compile(r"\\(.)")


class _SubjectLines:
    """The line of each IRI's first statement as a subject in one RDF file."""

    def __init__(self, source: Source):
        self.first: dict[str, int] = {}
        try:
            text = Path(source.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # it parsed a moment ago; if it cannot be read again, no lines
            return
        self._read(text, str(source.graph_iri))

    def line_of(self, iri: str) -> int | None:
        return self.first.get(iri)

    def _read(self, text: str, base: str) -> None:
        prefixes: dict[str, str] = {}
        line, depth, at_start, directive = 1, 0, True, []
        for match in _TOKEN.finditer(text):
            kind, token = match.lastgroup, match.group()
            here = line
            line += token.count("\n")
            if kind in ("space", "comment"):
                continue
            if directive:  # @prefix p: <iri> . / PREFIX p: <iri> / @base <iri> . / BASE <iri>
                directive.append(token)
                if kind == "iri":
                    iri = _resolve(base, token[1:-1])
                    if directive[0].lower().endswith("prefix") and len(directive) == 3:
                        prefixes[directive[1].rstrip(":")] = iri
                    elif directive[0].lower().endswith("base"):
                        base = iri
                    at_start = not directive[0].startswith("@")  # SPARQL-style directives end here
                    directive = []
                continue
            if kind == "end":
                at_start = depth == 0 or at_start
                continue
            if kind == "open":  # a '[' or '(' subject begins a statement; '{' opens a graph or formula
                depth += token != "{"
                at_start = token == "{"
                continue
            if kind == "close":
                depth -= token != "}" and depth > 0
                at_start = token == "}" or at_start
                continue
            if at_start and depth == 0 and kind == "name" and token.lower() in ("@prefix", "@base", "prefix", "base"):
                directive = [token]
                continue
            if at_start and depth == 0 and kind in ("iri", "name"):
                iri = _resolve(base, token[1:-1]) if kind == "iri" else _expand(token, prefixes)
                if iri is not None:
                    self.first.setdefault(iri, here)
            at_start = False


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _resolve(base: str, reference: str) -> str:
    """An IRI reference resolved against the base (urljoin drops an empty '#', which namespaces end in)."""
    if _SCHEME.match(reference):
        return reference
    resolved = urljoin(base, reference)
    return resolved + "#" if reference.endswith("#") and not resolved.endswith("#") else resolved


def _expand(name: str, prefixes: dict[str, str]) -> str | None:
    prefix, colon, local = name.partition(":")
    if not colon or prefix not in prefixes:
        return None
    return prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)


def _workbook_places(source: Source, subjects: dict[str, str]) -> dict[str, str]:
    """Sheet and row of the first cell naming each subject (its web address or prefixed name)."""
    spellings = {}
    for subject in subjects:
        spellings[subject] = subject
        spellings.setdefault(compact(subject), subject)
    try:
        book = read_cells(Path(source.path))
    except Refused:  # it was read a moment ago; if it cannot be read again, no places
        return {}
    places: dict[str, str] = {}
    for sheet in book.sheets:
        for row, cells in sheet.rows:
            for cell in cells:
                subject = spellings.get(str(cell).strip()) if cell is not None else None
                if subject is not None and subject not in places:
                    places[subject] = f"sheet '{sheet.name}', row {row}"
    return places

