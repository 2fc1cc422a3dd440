"""The faces agree: `samsyn query`, /sparql and the web query page run a query through the same
guard (graph.sparql_guard) and executor, so they answer the same query the same way and refuse
the same query with the same words."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from samsyn.graph.cli import main

EXEMPELBY = Path(__file__).parents[1] / "fixtures" / "exempelby.ttl"

GOALS = "SELECT ?g WHERE { ?g a sam:Goal } ORDER BY ?g LIMIT 2"

REFUSED = [
    ("SELECT * WHERE { ?s ?p }", 400),
    ("DELETE WHERE { ?s ?p ?o }", 403),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 400),
    ("SELECT * FROM NAMED <http://127.0.0.1:9/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", 400),
    ("SELECT ?x ?x WHERE { ?x ?p ?o } GROUP BY ?p", 400),
]


def _cli(runner, query: str, *options: str):
    return runner.invoke(main, ["query", query, "--source", str(EXEMPELBY), *options])


def test_the_same_answer_from_the_command_and_the_endpoint(runner, exempelby):
    by_cli = _cli(runner, GOALS, "--format", "csv")
    by_endpoint = exempelby.get(f"/sparql?query={quote(GOALS)}", headers={"Accept": "text/csv"})
    assert by_cli.exit_code == 0 and by_endpoint.status_code == 200
    assert by_cli.stdout_bytes == by_endpoint.data
    assert len(by_cli.stdout.splitlines()) == 3


@pytest.mark.parametrize("query, status", REFUSED)
def test_the_same_refusal_from_every_face(runner, exempelby, query, status):
    endpoint = exempelby.get(f"/sparql?query={quote(query)}")
    page = exempelby.get(f"/query.json?query={quote(query)}")
    cli = _cli(runner, query)
    message = endpoint.data.decode().strip()
    assert endpoint.status_code == page.status_code == status
    assert page.get_json()["error"]["message"] == message
    assert cli.exit_code == 2 and cli.stderr.splitlines() == [f"samsyn: error: {message}"]
