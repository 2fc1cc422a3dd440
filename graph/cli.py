"""The `samsyn` command: a click group of thin commands over the library functions.

The commands of the layers above the library (`validate` in samsyn.shapes, `serve` in
samsyn.viewer) join through entry points in group `samsyn.commands` (pyproject.toml), loaded
when named, the way Flask's FlaskGroup loads `flask.commands`: the library imports nothing above it.

Every command that reads the graph takes --source and --store from `graph_options`. Bad input,
a usage error included, is one line on stderr, `samsyn: error: ...`, and exit 2; exit 1 is only
for validation violations."""

from __future__ import annotations

import functools
import json
import sys
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import click

from . import named_queries as queries
from .building import Progress, build, open_for_reading, prepare
from .executor import DEFAULT_TIMEOUT, QueryExecutor
from .exporting import FORMATS as EXPORT_FORMATS, export_file, write_export
from .sources import Source, SourceError, strategy_sources
from .statistics import stats, stats_text, triples_per_graph
from .store import DEFAULT_STORE, Status, Store, StoreError, StoreSpec, new_store

BAD_INPUT = 2

#: the entry-point group through which upper layers add commands
COMMANDS_GROUP = "samsyn.commands"


class BadInput(click.ClickException):
    """An error a person can act on: one line, exit 2, no traceback."""

    exit_code = BAD_INPUT

    def show(self, file=None) -> None:
        click.echo(f"samsyn: error: {self.format_message()}", err=True)


def _usage_error(error: click.UsageError) -> BadInput:
    where = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
    return BadInput(" ".join(error.format_message().split()) + where)


#: click >= 8.2 shows the help for `samsyn` alone through this usage error
_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())


@functools.cache
def _plugin_commands() -> dict[str, EntryPoint]:
    return {point.name: point for point in entry_points(group=COMMANDS_GROUP)}


class SamsynGroup(click.Group):
    """The library's own commands, plus those declared in the `samsyn.commands` entry points;
    usage errors (an unknown option, a bad choice) become one line, like every bad input."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_plugin_commands()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None and name in _plugin_commands():
            command = _plugin_commands()[name].load()
        return command

    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except _NO_ARGS:  # `samsyn` alone: the help, as click shows it
            raise
        except click.UsageError as error:
            raise _usage_error(error) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _usage_error(error) from None


def graph_options(command=None, *, always_load: bool = False, pass_sources: bool = False, infer: bool = True,
                  data_only: bool = False):
    """--source and --store, on every command that reads the graph, as `store` (and, with
    pass_sources, the paths as `sources`). Only `build` (always_load) writes into a persistent
    store (oxigraph:DIR, sparql+http://…); the others read it as it is, or read the sources (or,
    for an empty store, the bundled strategies) in memory. `validate` (infer=False) leaves
    inference out where the store ends with the process (building.build). With data_only the
    command also takes --data-only: the store then holds the --source files alone."""
    if command is None:
        return functools.partial(graph_options, always_load=always_load, pass_sources=pass_sources, infer=infer,
                                 data_only=data_only)

    # readable=False: the loader names the file and what is wrong in one line, as for any bad source
    @click.option("--source", "sources", multiple=True, type=click.Path(path_type=Path, readable=False),
                  help="A strategy file or folder to load instead of the bundled strategies (repeatable). "
                       "The ontology and the frameworks are loaded too" +
                       (", unless --data-only." if data_only else "."))
    @click.option("--store", "store_spec", default=DEFAULT_STORE, show_default=True, envvar="SAMSYN_STORE",
                  help="Where the graph lives: oxigraph (embedded, in memory), oxigraph:DIR (on disk), "
                       "memory (rdflib), or sparql+http://HOST:PORT/PATH (a SPARQL 1.1 endpoint). Env SAMSYN_STORE.")
    @functools.wraps(command)
    def wrapper(*args, sources, store_spec, data_only=False, suggestions=True, **kwargs):
        store = open_graph(list(sources), store_spec, always_load, infer, data_only, suggestions)
        if pass_sources:
            kwargs["sources"] = list(sources)
        return command(*args, store=store, **kwargs)
    if always_load:
        wrapper = click.option("--no-suggestions", "suggestions", is_flag=True, flag_value=False, default=True,
                               help="Leave the suggested alignments (graph/suggested/...) out of the store: a "
                                    "quicker build; the viewer and queries then find none.")(wrapper)
    if data_only:
        wrapper = click.option("--data-only", "data_only", is_flag=True,
                               help="Query just the --source files: no ontology, no frameworks, nothing "
                                    "inferred (as a SPARQL test suite expects).")(wrapper)
    return wrapper


def open_graph(sources: list[Path], store_spec: str, always_load: bool = True, infer: bool = True,
               data_only: bool = False, suggestions: bool = True) -> Store:
    """Build the graph into the store (always_load: `samsyn build`) or open it for reading
    (building.open_for_reading), or with data_only the --source files alone (data_only_store),
    showing progress on stderr; bad input becomes a one-line error."""
    def progress(source: Source) -> None:
        status(f"loading {source.path.name} ...")

    def status(message: str) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{message}".ljust(60), err=True, nl=False)
    if data_only and not sources:
        raise BadInput("--data-only queries the files given with --source: name at least one")
    try:
        if data_only:
            store = data_only_store(sources, store_spec, progress, status)
        elif always_load:
            store = build(sources or None, store_spec, progress, status, suggestions=suggestions)
        else:
            store = open_for_reading(store_spec, sources or None, progress, status, infer)
    except (SourceError, StoreError) as error:
        raise BadInput(str(error)) from None
    if sys.stderr.isatty():
        click.echo("\r".ljust(61) + "\r", err=True, nl=False)
    return store


def data_only_store(sources: list[Path], store_spec: str, progress: Progress, status: Status) -> Store:
    """A store holding the given files alone, one named graph each (the default graph is their
    union): no ontology, frameworks, inferred graphs or catalog. Like every reader it never
    writes into a persistent store: the files are then read into in-memory Oxigraph."""
    target = new_store(store_spec)
    if target.persistent:
        status(f"{target.spec} is only written by `samsyn build`: reading the given sources in memory")
        target = new_store(StoreSpec("oxigraph"))
    target.adopt(prepare(strategy_sources(sources), progress, status, infer_graphs=False, allow_empty=True))
    return target


@click.group(cls=SamsynGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="samsyn")
def main() -> None:
    """samsyn: a knowledge graph of how international strategies align with EU and regional frameworks."""


@main.command("build")
@graph_options(always_load=True)
def build_command(store: Store) -> None:
    """Parse every source and load it into the store; report what was loaded."""
    sizes = triples_per_graph(store)
    for name, size in sizes.items():
        click.echo(f"{size:>7}  {name}")
    click.echo(f"{sum(sizes.values()):>7}  triples in {len(sizes)} named graphs ({store.spec})")


@main.command("query")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="SELECT and ASK answers; CONSTRUCT and DESCRIBE give Turtle, or JSON-LD with json.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for one of the query's parameters (repeatable), e.g. entity=https://w3id.org/samsyn/id/...")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              envvar="SAMSYN_QUERY_TIMEOUT", help="Seconds the query may run before it is stopped. Env SAMSYN_QUERY_TIMEOUT.")
@click.option("--limit", type=click.IntRange(min=0), default=0, show_default=True,
              help="The most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) to read; the query stops there, as on "
                   "the web endpoint. 0: every one.")
@graph_options(data_only=True)
def query_command(store: Store, query: str, fmt: str, params: tuple[str, ...], timeout: float, limit: int) -> None:
    """Run QUERY: a named query, a .rq file or a SPARQL string (the usual prefixes, sam: rdfs:
    skos: ..., need no declaration). Read-only: updates, SERVICE and FROM naming other graphs
    are refused, as on the web endpoint. With --data-only it runs over the --source files alone.

    Named queries: coverage, gaps, activities-without-owner, trace, strategies, class-counts."""
    values = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep:
            raise BadInput(f"--param {param!r}: write it as NAME=VALUE")
        values[name] = value
    try:
        named = queries.resolve(query)
        bindings = {name: term.n3() for name, term in named.bindings(values).items()}
        queries.check_needs(store, named)
    except queries.QueryError as error:
        raise BadInput(str(error)) from None
    with QueryExecutor(store, timeout=timeout, limit=limit, workers=1, memory_bytes=0) as executor:
        outcome = executor.run(named.text, select_format=fmt, graph_format="json-ld" if fmt == "json" else "turtle",
                               bindings=bindings)
    if outcome.timed_out:
        raise BadInput(f"{outcome.message}: give it more with --timeout SECONDS")
    if outcome.status != 200:
        raise BadInput(outcome.message)
    click.echo(outcome.body, nl=False)
    if outcome.truncated:
        unit = "rows" if outcome.form == "SELECT" else "triples"
        click.echo(f"samsyn: the answer stops at the limit of {outcome.limit} {unit} read; there are more "
                   "(raise --limit, or 0 for every one)", err=True)


@main.command("queries")
def queries_command() -> None:
    """List the named queries with what they answer."""
    for name in queries.query_names():
        named = queries.load_query(name)
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in named.params)
        click.echo(f"{name}{f' ({params})' if params else ''}\n    {named.title}: {named.description}\n")


@main.command("trace")
@click.argument("entity")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@graph_options
def trace_command(store: Store, entity: str, lang: str) -> None:
    """Every path from ENTITY (an activity, priority area or goal IRI) up to the framework
    concepts it reaches, through the traceability graph."""
    from .traceability import trace, traceability_graph

    graph = traceability_graph(store)
    if entity not in graph:
        raise BadInput(f"{entity} is not on any alignment path: give the IRI of an activity, priority area or goal")
    paths = trace(graph, entity)

    def name(node: str) -> str:
        attrs = graph.nodes[node]
        label = attrs.get(f"label_{lang}") or attrs.get("label_sv") or attrs.get("label_en") or node
        return f"{label} ({attrs['kind']})"

    for path in paths:
        click.echo(" -> ".join(name(node) for node in path))
    click.echo(f"({len(paths)} path{'s' if len(paths) != 1 else ''})")


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(sorted([*EXPORT_FORMATS, "xlsx"])), default="turtle",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (atomically) instead of stdout.")
@click.option("--organisation", help="With --format xlsx: the organisation whose strategy becomes a workbook "
                                     "(its slug, e.g. ronneby, or its official code, e.g. 1081).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="With --format xlsx: the language of the sheet and column names.")
@graph_options
def export_command(store: Store, fmt: str, output: Path | None, organisation: str | None, lang: str) -> None:
    """Export the graph with its DCAT description, or one strategy as a workbook (--format xlsx)."""
    if fmt == "xlsx":
        _export_workbook(store, organisation, output, lang)
        return
    if organisation:
        raise BadInput("--organisation goes with --format xlsx only: the other formats export the whole graph")
    if output is None:
        write_export(store, fmt, sys.stdout.buffer)
        return
    _check_folder(output)
    try:
        size = export_file(store, fmt, output)
    except OSError as error:
        raise _cannot_write(output, error) from None
    click.echo(f"wrote {output} ({size} bytes, {fmt})", err=True)


def _export_workbook(store: Store, organisation: str | None, output: Path | None, lang: str) -> None:
    from .analysis import resources
    from .workbook import strategy_to_workbook

    if not organisation or output is None or output.suffix.lower() != ".xlsx":
        raise BadInput("--format xlsx needs --organisation ORG and -o FILE.xlsx")
    _check_folder(output)
    try:
        strategy_to_workbook(store, organisation, output, lang)
    except LookupError as error:
        valid = ", ".join(_organisation_names(store, resources))
        raise BadInput(f"--organisation {organisation}: {error}; valid organisations: {valid}") from None
    except OSError as error:
        raise _cannot_write(output, error) from None
    click.echo(f"wrote {output} (the strategy of {organisation} as a workbook)", err=True)


def _organisation_names(store: Store, resources) -> list[str]:
    """Each organisation that issues a strategy as its slug and, where it has one, its official code."""
    from .namespaces import ID, SAM

    names = []
    for iri in resources.strategies_by_organisation(store):
        code = next((str(v) for p, v in resources.properties(store, iri) if p == str(SAM.officialCode)), None)
        slug_name = str(iri)[len(str(ID)):]
        names.append(f"{slug_name} ({code})" if code else slug_name)
    return sorted(names)


@main.group("workbook", cls=SamsynGroup)
def workbook_group() -> None:
    """Strategies and action plans as workbooks (docs/workbook.md)."""


@workbook_group.command("template")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The workbook to write (.xlsx; any other name: a folder of CSV files).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="The language of the sheet and column names and notes.")
def workbook_template_command(output: Path, lang: str) -> None:
    """An empty workbook: every sheet with its headers and notes, the lists filled from the frameworks."""
    from .workbook import workbook_template

    _check_folder(output)
    try:
        workbook_template(output, lang)
    except OSError as error:
        raise _cannot_write(output, error) from None
    click.echo(f"wrote {output}", err=True)


@main.command("synth")
@click.argument("organisations", type=click.IntRange(min=1))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The Turtle file to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same file.")
def synth_command(organisations: int, output: Path, seed: int) -> None:
    """Write ORGANISATIONS synthetic strategies in the data contract (for benchmarks)."""
    from .synth import write_synthetic

    _check_folder(output)
    with click.progressbar(length=organisations, label="organisations", file=sys.stderr) as bar:
        last = [0]

        def progress(done: int, total: int) -> None:
            bar.update(done - last[0])
            last[0] = done

        try:
            write_synthetic(organisations, output, seed, progress)
        except OSError as error:
            raise _cannot_write(output, error) from None
    click.echo(f"wrote {output}", err=True)


@main.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@graph_options
def stats_command(store: Store, fmt: str) -> None:
    """Counts per named graph, per class and per organisation."""
    data = stats(store)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else stats_text(data), nl=False)


def _check_folder(output: Path) -> None:
    if not output.parent.is_dir():
        raise BadInput(f"{output}: folder {output.parent} does not exist")


def _cannot_write(output: Path, error: OSError) -> BadInput:
    return BadInput(f"{output}: cannot write there ({error.strerror or error}): give -o a file in a writable folder")


if __name__ == "__main__":
    main()
