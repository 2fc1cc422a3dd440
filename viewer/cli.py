"""`samsyn serve`: the click command the CLI group adds (graph.cli: main.add_command(serve_command))."""

from __future__ import annotations

import click

from samsyn.graph.store import DEFAULT_STORE


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--source", "sources", multiple=True, type=click.Path(exists=True),
              help="Strategy file or folder (repeatable); default: the bundled strategies.")
@click.option("--store", default=DEFAULT_STORE, show_default=True, envvar="SAMSYN_STORE",
              help="Where the graph lives: oxigraph (in memory), memory (rdflib), oxigraph:DIR, ...")
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader.")
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=None,
              help="Seconds a SPARQL query may run (default 30).")
def serve_command(host: str, port: int, sources: tuple[str, ...], store: str, dev: bool,
                  query_timeout: float | None) -> None:
    """Serve the web viewer and the SPARQL endpoint."""
    from samsyn.graph.sources import SourceError

    from .serve import serve

    try:
        serve(host=host, port=port, sources=list(sources) or None, store=store, dev=dev,
              query_timeout=query_timeout)
    except SourceError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:  # e.g. the port is taken
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
