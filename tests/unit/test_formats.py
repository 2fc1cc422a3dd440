"""graph.formats: every format once, and one Accept parser (q-values, wildcards, ties, refusals)."""

from __future__ import annotations

import pytest

from samsyn.graph import formats
from samsyn.graph.formats import (ENTITY_FORMATS, EXPORT_FORMATS, GRAPH_FORMATS, HTML, JSON, JSON_LD, N_TRIPLES,
                                  RDF_XML, RESULT_FORMATS, RESULTS_CSV, RESULTS_JSON, RESULTS_XML, TRIG, TURTLE,
                                  Format, named, negotiate)

ALL = [value for value in vars(formats).values() if isinstance(value, Format)]


def test_each_format_is_written_down_once():
    assert len(ALL) == len(set(ALL)) >= 11
    media_types = [fmt.media_type for fmt in ALL]
    assert len(media_types) == len(set(media_types)), "two formats claim the same registered media type"
    suffixes = [fmt.suffix for fmt in ALL]
    assert len(suffixes) == len(set(suffixes))
    for offered in (EXPORT_FORMATS, RESULT_FORMATS, GRAPH_FORMATS, ENTITY_FORMATS):
        names = [name for fmt in offered for name in (fmt.name, *fmt.aliases)]
        assert len(names) == len(set(names)), offered


@pytest.mark.parametrize("fmt", [TURTLE, TRIG, JSON_LD, N_TRIPLES, RDF_XML])
def test_rdf_formats_name_real_parsers(fmt):
    import pyoxigraph
    from rdflib.plugin import Parser, Serializer, get

    assert get(fmt.rdflib, Parser) and get(fmt.rdflib, Serializer)
    assert getattr(pyoxigraph.RdfFormat, fmt.oxigraph).media_type == fmt.media_type


@pytest.mark.parametrize("accept, offered, expected", [
    # q-values
    ("text/turtle;q=0.5, application/ld+json", GRAPH_FORMATS, JSON_LD),
    ("application/ld+json;q=0.2, application/n-triples;q=0.7, text/turtle;q=0.4", GRAPH_FORMATS, N_TRIPLES),
    # wildcards: any type, a type's subtypes
    ("*/*", GRAPH_FORMATS, TURTLE),
    ("application/*", GRAPH_FORMATS, N_TRIPLES),
    ("text/*", RESULT_FORMATS, RESULTS_CSV),
    # the most specific range decides a type's quality: q=0 refuses it even beside a wildcard
    ("text/turtle;q=0, */*;q=0.1", GRAPH_FORMATS, N_TRIPLES),
    ("text/*;q=0.9, text/turtle;q=0.1", (TURTLE, RESULTS_CSV), RESULTS_CSV),
    # ties: a range naming the type beats a wildcard; then the earlier offer wins
    ("*/*, application/ld+json", GRAPH_FORMATS, JSON_LD),
    ("application/ld+json, text/turtle", GRAPH_FORMATS, TURTLE),
    ("application/json, text/html", (HTML, JSON), HTML),
    # other media types clients send for a format
    ("application/x-turtle", GRAPH_FORMATS, TURTLE),
    ("application/json", RESULT_FORMATS, RESULTS_JSON),
    ("application/json", GRAPH_FORMATS, JSON_LD),
    ("application/xml", RESULT_FORMATS, RESULTS_XML),
    ("application/xml", GRAPH_FORMATS, RDF_XML),
    # a media type two offers share goes to the earlier: the page's JSON twin before JSON-LD
    ("application/json", (HTML, JSON, *ENTITY_FORMATS), JSON),
    # a browser
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", (HTML, JSON, *ENTITY_FORMATS), HTML),
    # no header, or an empty one: anything goes, the first offer
    (None, RESULT_FORMATS, RESULTS_JSON),
    ("", GRAPH_FORMATS, TURTLE),
])
def test_negotiate(accept, offered, expected):
    assert negotiate(accept, offered) is expected


@pytest.mark.parametrize("accept, offered", [
    ("image/png", GRAPH_FORMATS),
    ("text/turtle;q=0", (TURTLE,)),
    ("application/sparql-results+json", GRAPH_FORMATS),
    ("not a media type", RESULT_FORMATS),
    ("*/*", ()),
])
def test_nothing_acceptable_is_none(accept, offered):
    assert negotiate(accept, offered) is None


@pytest.mark.parametrize("value, offered, expected", [
    ("json", RESULT_FORMATS, RESULTS_JSON),
    ("json", GRAPH_FORMATS, JSON_LD),
    ("xml", RESULT_FORMATS, RESULTS_XML),
    ("xml", GRAPH_FORMATS, RDF_XML),
    ("srj", RESULT_FORMATS, RESULTS_JSON),
    ("ttl", GRAPH_FORMATS, TURTLE),
    ("n3", GRAPH_FORMATS, TURTLE),
    (" Turtle ", GRAPH_FORMATS, TURTLE),
    ("rdfxml", GRAPH_FORMATS, RDF_XML),
    ("rdf", GRAPH_FORMATS, RDF_XML),
    ("text/tab-separated-values", RESULT_FORMATS, formats.RESULTS_TSV),
    ("csv", GRAPH_FORMATS, None),
    ("bogus", RESULT_FORMATS, None),
])
def test_a_format_parameter_names_one(value, offered, expected):
    assert named(value, offered) is expected
