"""Source files: where the bundled data lives, which named graph each file becomes,
and parsing that fails with a message a person can act on (file, line, what is wrong)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from .namespaces import GRAPH, PREFIXES

#: file suffix -> rdflib parser name
FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".n3": "n3"}

SOURCE_KINDS = ("ontology", "frameworks", "strategies")


class SourceError(Exception):
    """A source that cannot be read. str() is the one line shown to the user."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
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
    def format(self) -> str:
        return FORMATS[self.path.suffix.lower()]


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
    """The files named by `--source`: files as given, folders expanded to their RDF files."""
    found: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            members = sorted(p for p in path.iterdir() if p.suffix.lower() in FORMATS)
            if not members:
                raise SourceError(path, f"no RDF files ({', '.join(sorted(FORMATS))}) in this folder")
            found.extend(Source(p, "strategies") for p in members)
        elif path.is_file():
            if path.suffix.lower() not in FORMATS:
                raise SourceError(path, f"unknown file type {path.suffix!r}: use one of {', '.join(sorted(FORMATS))}")
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


_RDFLIB_LINE = re.compile(r"at line (\d+)")


def read_text(source: Source) -> str:
    """The file's text, or SourceError if it cannot be read or is not UTF-8."""
    try:
        return source.path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(source.path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise SourceError(source.path, error.strerror or str(error)) from None


def parse_source(source: Source) -> Graph:
    """Parse one source into a new Graph, or raise SourceError naming the line."""
    graph = Graph(identifier=source.graph_iri)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    text = read_text(source)
    try:
        graph.parse(data=text, format=source.format, publicID=str(source.graph_iri))
    except Exception as error:  # rdflib raises many types; each becomes one readable line
        raise locate_syntax_error(source, text, error) from None
    return graph


SYNTAX_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "n3": "N3"}
_OXIGRAPH_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "n3": "N3"}
_OXIGRAPH_PREFIX = re.compile(r"^Parser error (?:at|between) line \d+ (?:column|between columns) [\d and]+(?:and line \d+ column \d+)?:\s*")


def locate_syntax_error(source: Source, text: str, error: Exception) -> SourceError:
    """A SourceError with line, column and what the parser expected. rdflib's line numbers
    are unreliable at the end of input, so the position comes from Oxigraph's parser."""
    import pyoxigraph

    kind = SYNTAX_NAMES[source.format]
    try:
        for _ in pyoxigraph.parse(text.encode("utf-8"), format=getattr(pyoxigraph.RdfFormat, _OXIGRAPH_FORMATS[source.format]),
                                  base_iri=str(source.graph_iri)):
            pass
    except SyntaxError as located:
        return oxigraph_syntax_error(source, located)
    if isinstance(error, BadSyntax):
        return SourceError(source.path, f"{kind} syntax error: {error._why}", line=error.lines + 1)
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    match = _RDFLIB_LINE.search(str(error))
    return SourceError(source.path, message, line=int(match.group(1)) if match else None)


def oxigraph_syntax_error(source: Source, located: SyntaxError) -> SourceError:
    """Oxigraph's parser error as a SourceError: file, line, column and what was expected."""
    detail = _OXIGRAPH_PREFIX.sub("", located.msg or str(located)).strip()
    return SourceError(source.path, f"{SYNTAX_NAMES[source.format]} syntax error at column {located.offset}: {detail}",
                       line=located.lineno)
