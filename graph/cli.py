"""The `samsyn` command: a click group of thin commands over the library functions.

Exit codes: 0 ok, 1 validation found violations, 2 bad input or usage."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from . import named_queries as queries
from .building import build
from .exporting import FORMATS as EXPORT_FORMATS, export, write_atomic
from .results import RESULT_FORMATS, render
from .sources import Source, SourceError
from .statistics import stats, stats_text, triples_per_graph
from .store import DEFAULT_STORE, Store, StoreError, holds_graph, open_store

BAD_INPUT = 2


class BadInput(click.ClickException):
    """An error a person can act on: one line, exit 2, no traceback."""

    exit_code = BAD_INPUT

    def show(self, file=None) -> None:
        click.echo(f"samsyn: error: {self.format_message()}", err=True)


def graph_options(command=None, *, always_load: bool = False, infer: bool = True):
    """--source and --store, on every command that reads the graph. Without --source, a store
    that already holds samsyn's graphs (oxigraph:DIR, sparql+http://…) is read as it is; an
    empty one gets the bundled strategies. `build` (always_load) loads in any case. `validate`
    (infer=False) skips inference when the store lives only in this process."""
    if command is None:
        return functools.partial(graph_options, always_load=always_load, infer=infer)

    @click.option("--source", "sources", multiple=True, type=click.Path(path_type=Path),
                  help="A strategy file or folder to load instead of the bundled strategies (repeatable). "
                       "The ontology and the frameworks are always loaded.")
    @click.option("--store", "store_spec", default=DEFAULT_STORE, show_default=True, envvar="SAMSYN_STORE",
                  help="Where the graph lives: oxigraph (embedded, in memory), oxigraph:DIR (on disk), "
                       "memory (rdflib), or sparql+http://HOST:PORT/PATH (a SPARQL 1.1 endpoint). Env SAMSYN_STORE.")
    @functools.wraps(command)
    def wrapper(*args, sources, store_spec, **kwargs):
        return command(*args, store=open_graph(list(sources), store_spec, always_load, infer), **kwargs)
    return wrapper


#: stores that end with the process: only there may a build leave inference out
IN_PROCESS_STORES = ("oxigraph", "memory")


def open_graph(sources: list[Path], store_spec: str, always_load: bool = True, infer: bool = True) -> Store:
    """Build the graph (or, without sources and unless always_load, open a store that holds
    one), showing progress on stderr; bad input becomes a one-line error."""
    def progress(source: Source) -> None:
        status(f"loading {source.path.name} ...")

    def status(message: str) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{message}".ljust(60), err=True, nl=False)
    try:
        store = open_store(store_spec)
        if not sources and not always_load and holds_graph(store):
            return store
        store = build(sources or None, store, progress, status, infer=infer or store.spec not in IN_PROCESS_STORES)
    except (SourceError, StoreError) as error:
        raise BadInput(str(error)) from None
    if sys.stderr.isatty():
        click.echo("\r".ljust(61) + "\r", err=True, nl=False)
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


@main.command("validate")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Language of the messages in text output.")
@graph_options(infer=False)  # no shape reads what inference adds
def validate_command(store: Store, fmt: str, lang: str) -> None:
    """Check the graph against the SHACL shapes. Exit 1 if there are violations."""
    from samsyn.shapes import validate

    report = validate(store)
    if fmt == "json":
        click.echo(report.dumps())
    elif fmt == "turtle":
        click.echo(report.to_turtle(), nl=False)
    else:
        click.echo(report.to_text(lang), nl=False)
    sys.exit(0 if report.conforms else 1)


@main.command("query")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for one of the query's parameters (repeatable), e.g. entity=https://w3id.org/samsyn/id/...")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and exit.")
@graph_options
def query_command(store: Store, query: str, fmt: str, params: tuple[str, ...], list_only: bool) -> None:
    """Run QUERY: a named query, a .rq file or a SPARQL string.

    Named queries: coverage, gaps, activities-without-owner, trace, strategies, class-counts."""
    values = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep:
            raise BadInput(f"--param {param!r}: write it as NAME=VALUE")
        values[name] = value
    try:
        result = queries.run(store, query, values)
        click.echo(render(result, fmt), nl=False)
    except queries.QueryError as error:
        raise BadInput(str(error)) from None


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
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (atomically) instead of stdout.")
@graph_options
def export_command(store: Store, fmt: str, output: Path | None) -> None:
    """Export the graph with its DCAT description."""
    data = export(store, fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    if not output.parent.exists():
        raise BadInput(f"{output}: folder {output.parent} does not exist")
    write_atomic(output, data)
    click.echo(f"wrote {output} ({len(data)} bytes, {fmt})", err=True)


@main.command("synth")
@click.argument("organisations", type=click.IntRange(min=1))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The Turtle file to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same file.")
def synth_command(organisations: int, output: Path, seed: int) -> None:
    """Write ORGANISATIONS synthetic strategies in the data contract (for benchmarks)."""
    from .synth import write_synthetic

    if not output.parent.exists():
        raise BadInput(f"{output}: folder {output.parent} does not exist")
    with click.progressbar(length=organisations, label="organisations", file=sys.stderr) as bar:
        last = [0]

        def progress(done: int, total: int) -> None:
            bar.update(done - last[0])
            last[0] = done

        write_synthetic(organisations, output, seed, progress)
    click.echo(f"wrote {output}", err=True)


@main.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@graph_options
def stats_command(store: Store, fmt: str) -> None:
    """Counts per named graph, per class and per organisation."""
    data = stats(store)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else stats_text(data), nl=False)


def _add_viewer() -> None:
    # the viewer's command lives with the viewer; importing it loads only click
    from samsyn.viewer.cli import serve_command
    main.add_command(serve_command)


_add_viewer()

if __name__ == "__main__":
    main()
