"""`samsyn serve`: the viewer's command, joined to the `samsyn` group through the
`samsyn.commands` entry point (pyproject.toml). It takes --source and --store from the same
place as every other command (samsyn.graph.cli.graph_options)."""

from __future__ import annotations

from pathlib import Path

import click

from samsyn.graph.cli import BadInput, graph_options
from samsyn.graph.store import Store


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader.")
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=None,
              help="Seconds a SPARQL query may run (default 30).")
@click.option("--write-token-file", type=click.Path(path_type=Path, dir_okay=False),
              help="A file holding the token that lets a user publish workbooks on /workbook (with --source FOLDER).")
@click.option("--trusted-proxy", metavar="ADDRESS", default=None,
              help="The address of a reverse proxy in front (e.g. 127.0.0.1): its X-Forwarded-For, -Proto, "
                   "-Host and -Port name the client, so the per-client query limit counts real clients "
                   "(docs/deployment.md). Without it those headers are dropped.")
@graph_options(pass_sources=True)
def serve_command(store: Store, sources: list[Path], host: str, port: int, dev: bool,
                  query_timeout: float | None, write_token_file: Path | None, trusted_proxy: str | None) -> None:
    """Serve the web viewer and the SPARQL endpoint."""
    from .serve import serve

    write_token = _read_token(write_token_file) if write_token_file else None
    try:
        serve(store, host=host, port=port, sources=sources, dev=dev, query_timeout=query_timeout,
              write_token=write_token, trusted_proxy=trusted_proxy)
    except OSError as error:  # e.g. the port is taken
        raise BadInput(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def _read_token(path: Path) -> str:
    """The write token: the file's text without surrounding white space; at least 16 characters."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"{path}: cannot read the write token ({getattr(error, 'strerror', None) or error})") from None
    if len(token) < 16:
        raise BadInput(f"{path}: the write token must be at least 16 characters: write a long random one there")
    return token
