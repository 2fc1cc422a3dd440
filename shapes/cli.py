"""`samsyn validate`: the shapes layer's command, joined to the `samsyn` group through the
`samsyn.commands` entry point (pyproject.toml)."""

from __future__ import annotations

import sys

import click

from samsyn.graph.cli import graph_options
from samsyn.graph.store import Store

from . import validate


@click.command("validate")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Language of the messages in text output.")
@graph_options(infer=False)  # no shape reads what inference adds
def validate_command(store: Store, fmt: str, lang: str) -> None:
    """Check the graph against the SHACL shapes. Exit 1 if there are violations."""
    report = validate(store)
    if fmt == "json":
        click.echo(report.dumps())
    elif fmt == "turtle":
        click.echo(report.to_turtle(), nl=False)
    else:
        click.echo(report.to_text(lang), nl=False)
    sys.exit(0 if report.conforms else 1)
