"""Every statement is traceable: sam:sourceText is verbatim (whitespace aside) in the document proper
and on the page that sam:sourcePage names; the source copies are the seeds, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from samsyn_data_helpers import SAM, SOURCES, STEMS, norm

SEEDS = Path("/work/shared/seeds")
STATED = [SAM.Strategy, SAM.Goal, SAM.PriorityArea, SAM.Activity, SAM.Partnership, SAM.OrganisationalUnit,
          SAM.Rule, SAM.ReportingLine, SAM.Mandate, SAM.Agreement, SAM.FundingSource, SAM.TargetGroup,
          URIRef("http://www.w3.org/ns/org#Membership")]


def test_sources_toml_lists_the_five_documents(sources):
    assert sorted(sources) == sorted(STEMS)
    for src in sources.values():
        m = src.meta
        assert set(m) == {"stem", "seed_file", "title", "issuer", "issuer_iri", "strategy_iri", "adopted",
                          "end_line", "has_pages"}
        assert isinstance(m["end_line"], int) and 0 < m["end_line"] <= len(src.text.splitlines())
        assert isinstance(m["has_pages"], bool)


@pytest.mark.parametrize("stem", STEMS)
def test_strategy_and_issuer_in_toml_match_the_graph(stem, sources, graphs):
    m, g = sources[stem].meta, graphs[stem]
    strategy = URIRef(m["strategy_iri"])
    assert (strategy, RDF.type, SAM.Strategy) in g
    assert (strategy, SAM.issuedBy, URIRef(m["issuer_iri"])) in g
    assert Literal(m["issuer"], lang="sv") in set(g.objects(URIRef(m["issuer_iri"]), URIRef("http://www.w3.org/2000/01/rdf-schema#label")))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not on this machine")
def test_source_copies_are_the_seeds_byte_for_byte(sources):
    for src in sources.values():
        assert (SOURCES / f"{src.stem}.txt").read_bytes() == (SEEDS / src.meta["seed_file"]).read_bytes()


def test_end_lines_are_where_the_readme_says(sources):
    """Ronneby ends at "... gäller från september 2013 till", Hylte at "EU i lokalpolitiken. 7",
    Örebro at the postal address; the last two run to the end of the file."""
    assert sources["ronneby"].proper_lines[-1].endswith("gäller från september 2013 till")
    assert sources["hylte"].proper_lines[-1].endswith("EU i lokalpolitiken. 7")
    assert sources["orebro-lans-landsting"].proper_lines[-1].startswith("8 Postadress:")
    for stem in ("kungsbacka", "varmdo"):
        assert len(sources[stem].text.splitlines()) == sources[stem].meta["end_line"]


def test_pages_are_found(sources):
    assert sorted(sources["ronneby"].pages) == list(range(1, 8))
    assert sorted(sources["hylte"].pages) == list(range(1, 8))
    assert sorted(sources["orebro-lans-landsting"].pages) == list(range(1, 9))
    assert sources["kungsbacka"].pages == {} and sources["varmdo"].pages == {}


@pytest.mark.parametrize("stem", STEMS)
def test_every_source_text_is_verbatim_in_the_document_proper(stem, sources, graphs):
    src, g = sources[stem], graphs[stem]
    texts = list(g.subject_objects(SAM.sourceText))
    assert texts, "no sam:sourceText at all"
    for subject, text in texts:
        assert isinstance(text, Literal) and text.language == "sv", (subject, text)
        assert norm(text) and norm(text) in src.proper, f"{subject}: not verbatim in {stem}: {text!r}"


@pytest.mark.parametrize("stem", STEMS)
def test_source_pages_name_the_pages_the_texts_are_on(stem, sources, graphs):
    src, g = sources[stem], graphs[stem]
    for subject in set(g.subjects(SAM.sourceText, None)):
        texts = [norm(t) for t in g.objects(subject, SAM.sourceText)]
        pages = [p.toPython() for p in g.objects(subject, SAM.sourcePage)]
        if not src.meta["has_pages"]:
            assert pages == [], f"{subject}: {stem} has no page numbers"
            continue
        assert pages, f"{subject}: sam:sourcePage missing"
        for p in pages:
            assert isinstance(p, int) and p in src.pages, (subject, p)
            assert any(t in src.pages[p] for t in texts), f"{subject}: no source text on page {p}"
        for t in texts:
            assert any(t in src.pages[p] for p in pages), f"{subject}: {t!r} is on none of pages {pages}"


@pytest.mark.parametrize("stem", STEMS)
def test_everything_stated_has_its_source_text(stem, graphs):
    g = graphs[stem]
    for cls in STATED:
        for s in g.subjects(RDF.type, cls):
            assert (s, SAM.sourceText, None) in g, f"{s} ({cls}) has no sam:sourceText"


def test_nothing_from_the_read_more_lists(sources, graphs):
    """The "Läs mer" lists after the end lines name other documents (Gävle, Uppsala, ...)."""
    for stem in ("ronneby", "hylte", "orebro-lans-landsting"):
        src, g = sources[stem], graphs[stem]
        tail = norm("\n".join(src.text.splitlines()[src.meta["end_line"]:]))
        assert "Läs mer" in tail
        for _, text in g.subject_objects(SAM.sourceText):
            t = norm(text)
            if len(t) > 40:  # long texts cannot be in the tail by coincidence
                assert t not in tail or t in src.proper
        for o in g.all_nodes():
            assert "Gävle" not in str(o) and "Uppsala" not in str(o)
