"""Whether a query names its own dataset: the FROM keyword, never a variable or a string named so."""

from __future__ import annotations

import pytest

from samsyn.graph.sparql_text import has_dataset_clause


@pytest.mark.parametrize("query, named", [
    ("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }", True),
    ("SELECT * from named <urn:g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
    ("SELECT ?from WHERE { ?from ?p ?o }", False),
    ("SELECT $from WHERE { $from ?p ?o }", False),
    ('SELECT * WHERE { ?s ?p "FROM" } # FROM <urn:g>', False),
])
def test_from_is_the_keyword_alone(query, named):
    assert has_dataset_clause(query) is named
