"""`samsyn build` writes the suggestions into the store and `samsyn query` finds them there;
`--no-suggestions` leaves them out."""

from __future__ import annotations

import csv
import io

from samsyn.graph.cli import main
from samsyn.graph.text.suggest import THRESHOLD

QUERY = ("SELECT ?entity ?concept ?score ?when WHERE { GRAPH <https://w3id.org/samsyn/graph/suggested/lexical> { "
         "?s a sam:Suggestion ; sam:suggestedEntity ?entity ; sam:suggestedConcept ?concept ; sam:score ?score ; "
         "prov:wasGeneratedBy ?run . ?run prov:endedAtTime ?when } } ORDER BY DESC(?score) ?entity ?concept")
UNGA = "https://w3id.org/samsyn/id/ronneby/priority-area/unga-pa-vag"


def test_build_then_query_a_suggestion(runner, tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    built = runner.invoke(main, ["build", "--store", store])
    assert built.exit_code == 0, built.output
    assert "https://w3id.org/samsyn/graph/suggested/lexical" in built.output

    answered = runner.invoke(main, ["query", QUERY, "--store", store, "--format", "csv"])
    assert answered.exit_code == 0, answered.output
    rows = list(csv.DictReader(io.StringIO(answered.stdout)))
    assert rows and all(THRESHOLD <= float(row["score"]) <= 1 for row in rows)
    assert any(row["entity"] == UNGA for row in rows)

    # the asserted coverage is what it is without them
    bare = f"oxigraph:{tmp_path / 'bare'}"
    assert runner.invoke(main, ["build", "--store", bare, "--no-suggestions"]).exit_code == 0
    none = runner.invoke(main, ["query", QUERY, "--store", bare, "--format", "csv"])
    assert none.exit_code == 0 and list(csv.DictReader(io.StringIO(none.stdout))) == []
    coverage = [runner.invoke(main, ["query", "coverage", "--store", s, "--format", "csv"]).stdout for s in (store, bare)]
    assert coverage[0] == coverage[1] and coverage[0].count("\n") > 10
