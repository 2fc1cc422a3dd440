"""Source files: where the bundled data lives, which named graph each file becomes, and
parsing (by Oxigraph) that fails with a message a person can act on (file, line, what is wrong)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .namespaces import GRAPH, PREFIXES
from .rdf_terms import TermConverter

#: file suffix -> the format Oxigraph parses it as
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
           ".n3": ox.RdfFormat.N3}
SYNTAX_NAMES = {ox.RdfFormat.TURTLE: "Turtle", ox.RdfFormat.N_TRIPLES: "N-Triples", ox.RdfFormat.N3: "N3"}

#: a strategy authored as a workbook (docs/workbook.md); a folder of CSV files is one too
WORKBOOK_SUFFIX = ".xlsx"
CSV_SUFFIX = ".csv"
SOURCE_SUFFIXES = sorted([*FORMATS, WORKBOOK_SUFFIX])

SOURCE_KINDS = ("ontology", "frameworks", "strategies")


class SourceError(Exception):
    """A source that cannot be read. str() is the one line shown to the user."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, problems: tuple = ()):
        self.path = str(path)
        self.line = line
        self.message = message
        self.problems = problems  # a workbook's (graph.workbook.Problem), every one found
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Source:
    """One source file and the named graph it is loaded into."""

    path: Path
    kind: str  # one of SOURCE_KINDS

    @property
    def graph_iri(self) -> URIRef:
        if self.kind == "ontology":
            return GRAPH["ontology"]
        return GRAPH[f"{self.kind}/{self.path.stem}"]

    @property
    def format(self) -> ox.RdfFormat:
        return FORMATS[self.path.suffix.lower()]

    @property
    def is_workbook(self) -> bool:
        """An .xlsx file or a folder of CSV files, read by graph.workbook rather than parsed."""
        return self.path.suffix.lower() == WORKBOOK_SUFFIX or self.path.is_dir()


def _package_dir(package: str, *parts: str) -> Path:
    # The package is installed editable or as a wheel: both give a real directory.
    with as_file(files(package).joinpath(*parts)) as path:
        return Path(path)


def bundled_ontology() -> Source:
    return Source(_package_dir("samsyn.ontology", "samsyn.ttl"), "ontology")


def bundled_frameworks() -> list[Source]:
    folder = _package_dir("samsyn.graph", "data", "frameworks")
    return [Source(p, "frameworks") for p in sorted(folder.glob("*.ttl"))]


def bundled_strategies() -> list[Source]:
    folder = _package_dir("samsyn.graph", "data", "strategies")
    return [Source(p, "strategies") for p in sorted(folder.glob("*.ttl"))]


def strategy_sources(paths: list[str | Path]) -> list[Source]:
    """The files named by `--source`: files as given; a folder of CSV files as one workbook; other
    folders expanded to their RDF files and workbooks."""
    found: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and any(p.suffix.lower() == CSV_SUFFIX for p in path.iterdir()):
            found.append(Source(path, "strategies"))
        elif path.is_dir():
            members = sorted(p for p in path.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
            if not members:
                raise SourceError(path, f"no RDF files or workbooks ({', '.join(SOURCE_SUFFIXES)}) in this folder")
            found.extend(Source(p, "strategies") for p in members)
        elif path.is_file():
            if path.suffix.lower() not in SOURCE_SUFFIXES:
                raise SourceError(path, f"unknown file type {path.suffix!r}: use one of {', '.join(SOURCE_SUFFIXES)} "
                                        "or a folder of .csv files")
            found.append(Source(path, "strategies"))
        else:
            raise SourceError(path, "no such file or folder")
    names = [s.graph_iri for s in found]
    duplicates = sorted({str(n) for n in names if names.count(n) > 1})
    if duplicates:
        raise SourceError(paths[0], f"two sources would share the named graph {duplicates[0]}: rename one file")
    return found


def all_sources(strategies: list[str | Path] | None = None) -> list[Source]:
    """Ontology, frameworks, and either the bundled strategies or the given ones."""
    chosen = strategy_sources(strategies) if strategies else bundled_strategies()
    return [bundled_ontology(), *bundled_frameworks(), *chosen]


def load_source(store: ox.Store, source: Source, allow_empty: bool = False) -> None:
    """Parse one RDF source file (a workbook: building.load) with Oxigraph into its named graph of `store`, or raise SourceError
    naming the file, the line and what is wrong. A file of no triples is refused: in place of a
    strategy it would leave that organisation out of the graph without a word (allow_empty: data
    that is no strategy, `samsyn query --data-only`, where an empty file is an empty dataset)."""
    graph = ox.NamedNode(str(source.graph_iri))
    try:
        store.load(path=str(source.path), format=source.format, base_iri=str(source.graph_iri), to_graph=graph)
    except SyntaxError as error:
        raise _syntax_error(source, error) from None
    except OSError as error:  # Oxigraph's carry Rust's " (os error 13)" where Python's have strerror
        reason = error.strerror or re.sub(r" \(os error \d+\)$", "", str(error).splitlines()[0])
        raise SourceError(source.path, reason) from None
    except (ValueError, RuntimeError) as error:
        raise SourceError(source.path, str(error).splitlines()[0] if str(error) else type(error).__name__) from None
    if not allow_empty and next(store.quads_for_pattern(None, None, None, graph), None) is None:
        raise SourceError(source.path, "no triples in this file: samsyn refuses an empty source; give the "
                                       "file its statements, or leave it out")


def parse_source(source: Source) -> Graph:
    """One source file as an rdflib Graph (named by its graph IRI), or SourceError."""
    store = ox.Store()
    load_source(store, source)
    graph = Graph(identifier=source.graph_iri)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    convert = TermConverter()
    graph.addN((convert(q.subject), convert(q.predicate), convert(q.object), graph) for q in store)
    return graph


_OXIGRAPH_PREFIX = re.compile(r"^Parser error (?:at|between) line \d+ (?:column|between columns) [\d and]+(?:and line \d+ column \d+)?:\s*")
_FILE_SUFFIX = re.compile(r"\s*\([^()]*, line \d+\)$")


#: a literal's language tag as written: `@` right after the closing quote, up to where a tag must end
_LANGUAGE_TAG = re.compile(r"""(?<=["'])@([^\s.,;()\[\]{}<>"'#^]*)""")


def _syntax_error(source: Source, located: SyntaxError) -> SourceError:
    """Oxigraph's parser error as a SourceError: file, line, column and what was expected."""
    detail = _FILE_SUFFIX.sub("", _OXIGRAPH_PREFIX.sub("", located.msg or str(located)).strip())
    if detail.startswith("Invalid UTF-8"):
        return SourceError(source.path, f"not UTF-8 text ({detail}): save the file as UTF-8", line=located.lineno)
    tag = _language_tag_at(source.path, located.lineno, located.offset)
    if tag is not None:
        return SourceError(source.path, f"invalid language tag '@{tag}' at column {located.offset}: use a BCP 47 "
                                        "tag such as @sv or @en (a language code of letters, then optional parts "
                                        "after single hyphens: @sv-FI, @en-GB)",
                           line=located.lineno)
    return SourceError(source.path, f"{SYNTAX_NAMES[source.format]} syntax error at column {located.offset}: {detail}",
                       line=located.lineno)


def _language_tag_at(path: Path, line: int | None, column: int | None) -> str | None:
    """The language tag the parser stopped in (Oxigraph's column is 0-based, in characters), if it
    stopped in one: Oxigraph's own words for it name the BCP 47 grammar's parts ("An integer
    should not be empty"), which do not tell the author what to change."""
    if not line or column is None:
        return None
    try:
        with open(path, encoding="utf-8") as text:
            for number, content in enumerate(text, start=1):
                if number == line:
                    break
            else:
                return None
    except (OSError, UnicodeDecodeError):
        return None
    for match in _LANGUAGE_TAG.finditer(content):
        if match.start() <= column <= match.end() + 1:  # an empty tag: the parser is past it
            return match.group(1)
    return None
