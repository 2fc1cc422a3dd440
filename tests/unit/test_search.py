"""Search over labels, quotes and source texts, in Swedish: inflection, compounds, å/ä/ö typed as
a/a/o, an exact label first, nothing for nonsense; snippets as plain text with offsets."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, Literal

from samsyn.graph import open_store, search
from samsyn.graph.namespaces import GRAPH, ID, RDF, RDFS, SAM, SKOS
from samsyn.graph.sources import bundled_frameworks, bundled_strategies
from samsyn.graph.text.analysis import Vocabulary, analyzer, fold
from samsyn.graph.documents import source_documents
from samsyn.graph.text.search import Hit, SearchIndex

HYLTE_EXCHANGE = str(ID["hylte/activity/vanortsutbyte"])
VARMDO_BALTIC = str(ID["varmdo/priority-area/ostersjosamarbete-batliv-och-turism"])
EUSBSR = str(ID["eusbsr"])


@pytest.fixture(scope="module")
def index(bundled_store) -> SearchIndex:
    return SearchIndex(bundled_store)


def marked(hit: Hit) -> list[str]:
    return [hit.snippet[a:b] for a, b in hit.highlights]


def iris(hits: list[Hit]) -> list[str]:
    return [h.iri for h in hits]


def test_the_expected_entities_are_in_the_bundled_data():
    labels = {}
    for source in [*bundled_strategies(), *bundled_frameworks()]:
        graph = Graph().parse(source.path, format="turtle")
        labels.update({str(s): str(o) for s, o in graph.subject_objects(RDFS.label) if o.language == "sv"})
    assert labels[HYLTE_EXCHANGE] == "Vänortsutbyte"
    assert labels[VARMDO_BALTIC] == "Östersjösamarbete, båtliv och turism"
    assert labels[EUSBSR] == "EU:s strategi för Östersjöregionen"
    assert labels[str(ID["ronneby/activity/vanortssamarbete"])] == "Vänortssamarbete"


def test_a_stem_finds_its_inflected_forms(index):
    sv = analyzer("sv")
    assert sv.terms("vänort vänorter vänorterna Vänorts-") == ["vanort"] * 4
    words = {fold(w) for hit in index.search("vänort", limit=100) for w in marked(hit)}
    assert {"vanorter", "vanort"} <= words
    # and the other way round: the plural finds the singular in a label
    assert any(h.field == "label" and marked(h) == ["Vänort"] for h in index.search("vänorterna"))


def test_a_word_finds_the_compounds_it_ends(index):
    hits = index.search("utbyte", limit=50)
    exchange = next(h for h in hits if h.iri == HYLTE_EXCHANGE)
    assert exchange.field == "label" and marked(exchange) == ["Vänortsutbyte"]
    assert "vänortsutbyten" in {w for h in hits for w in marked(h)}
    # the word itself counts more than a compound holding it (both labels one word long)
    plain = next(h for h in hits if h.iri == str(ID["ronneby/activity/utbyten"]))
    assert plain.score > exchange.score


def test_a_word_finds_the_compounds_it_begins(index):
    hits = index.search("vänort", limit=100)
    assert str(ID["ronneby/activity/vanortssamarbete"]) in iris(hits)


def test_a_word_finds_longer_words_it_begins_but_not_derivations(index):
    """"klimat" finds "klimatförändringarna" (no text says "förändring" on its own); "intern"
    does not find "internationell" (a derived word, not a compound)."""
    hits = index.search("klimat", limit=50)
    assert "klimatförändringarna" in {w for h in hits for w in marked(h)}
    assert not any("internation" in fold(w) for h in index.search("intern", limit=50) for w in marked(h))


def test_a_common_word_outranks_the_rare_compounds_it_is_part_of(index):
    """"Värmdö kommun" before "Tillväxtkommun, ...": the compound is rarer than the word, but a word
    related to the one asked for counts no more than that word would."""
    found = iris(index.search("kommun", limit=50))
    # the best hit says the word itself (or an inflection of it), not only compounds holding it
    assert {fold(w) for w in marked(index.search("kommun")[0])} & {"kommun", "kommunen", "kommuner", "kommunerna"}
    assert found.index(str(ID["varmdo"])) < found.index(str(ID["varmdo/priority-area/tillvaxtkommun-nara-storstadsregion"]))


def test_a_compound_finds_words_that_were_only_ever_written_inside_others():
    """"utbyte" finds "ungdomsutbyte" in a store that has no other exchange than that."""
    graph = Graph(identifier=GRAPH["strategies/ungdom"])
    activity = ID["ungdom/activity/ungdomsutbyte"]
    graph.add((activity, RDF.type, SAM.Activity))
    graph.add((activity, RDFS.label, Literal("Ungdomsutbyte med vänorten", lang="sv")))
    graph.add((activity, SAM.sourceText, Literal("Ungdomar från båda orterna möts varje sommar.", lang="sv")))
    store = open_store("memory")
    store.replace([graph])
    (hit,) = search(store, "utbyte")
    assert hit.iri == str(activity) and hit.kind == "Activity" and marked(hit) == ["Ungdomsutbyte"]
    assert search(store, "ungdom")[0].iri == str(activity)


def test_a_hidden_label_finds_its_concept_but_is_not_shown():
    concept = ID["exempel/flagship/unga"]
    graph = Graph(identifier=GRAPH["frameworks/exempel"])
    graph.add((concept, RDF.type, SAM.Flagship))
    graph.add((concept, RDFS.label, Literal("Unga på väg", lang="sv")))
    graph.add((concept, SKOS.hiddenLabel, Literal("ungdomsarbetslöshet", lang="sv")))
    store = open_store("memory")
    store.replace([graph])
    (hit,) = search(store, "ungdomsarbetslöshet")
    assert (hit.iri, hit.kind, hit.field, hit.snippet, hit.highlights) == (str(concept), "Flagship", "hiddenLabel",
                                                                          "Unga på väg", ())


def test_source_texts_from_another_folder_keep_their_pages(tmp_path):
    strategy = ID["ungdom/strategy/2020"]
    graph = Graph(identifier=GRAPH["strategies/ungdom"])
    graph.add((strategy, RDF.type, SAM.Strategy))
    graph.add((strategy, RDFS.label, Literal("Ungdomsstrategi", lang="sv")))
    store = open_store("memory")
    store.replace([graph])
    (tmp_path / "ungdom.txt").write_text("Ladda ner som PDF: vänort\n\n1 Inledning\n\n2 Vi vill ha fler vänorter.\n"
                                         "3 Ungdomsutbyte med vänorten.\nLäs mer: vänorter i Europa\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(f'[[document]]\nstem = "ungdom"\ntitle = "Ungdomsstrategin"\n'
                                           f'strategy_iri = "{strategy}"\nend_line = 6\nhas_pages = true\n',
                                           encoding="utf-8")
    hits = SearchIndex(store, [tmp_path]).search("vänort")
    # the hosting site's lines before page 1 and after end_line are not the document's
    assert sorted((h.document, h.page, h.line, h.label) for h in hits) == [("ungdom", 2, 5, "Ungdomsstrategin"),
                                                                            ("ungdom", 3, 6, "Ungdomsstrategin")]
    assert SearchIndex(store).search("vänort") == []  # not among the bundled documents


def test_letters_typed_without_diacritics_find_the_same(index):
    with_them = index.search("Östersjön")
    without = index.search("ostersjon")
    assert iris(with_them) == iris(without)
    assert EUSBSR in iris(with_them) and VARMDO_BALTIC in iris(with_them)
    assert index.search("Hallbara stader")[0].iri == str(ID["ronneby/priority-area/hallbara-stader"])


@pytest.mark.parametrize("query, first", [
    ("Omvärldsbevakning", {str(ID["hylte/activity/omvarldsbevakning"]), str(ID["ronneby/activity/omvarldsbevakning"])}),
    ("integration", {str(ID["perspective/integration"])}),
    ("Livskvalitet", {str(ID["blekingestrategin/focus-area/livskvalitet"])}),
])
def test_an_exact_label_match_comes_first(index, query, first):
    hits = index.search(query)
    assert {h.iri for h in hits[: len(first)]} == first
    assert all(fold(h.label) == fold(query) for h in hits[: len(first)])
    assert len(hits) > len(first)  # there were others to rank below them


def test_nonsense_finds_nothing(index):
    assert index.search("xqzvkjw") == []
    assert index.search("") == [] and index.search("och för i") == []  # stop words only


def test_every_query_word_found_ranks_before_some(index):
    hits = index.search("hållbara städer")
    assert hits[0].iri == str(ID["ronneby/priority-area/hallbara-stader"])
    both = [h for h in hits if {fold(w)[:6] for w in marked(h)} >= {"hallba", "stader"}]
    assert hits[: len(both)] == both


def test_source_text_hits_name_document_page_and_line(index):
    hits = [h for h in index.search("globaliserad", limit=50) if h.field == "source"]
    assert hits, "the word is on page 3 of Ronneby's document, in no quote"
    ronneby = source_documents()["ronneby"]
    lines = ronneby.path.read_text(encoding="utf-8").split("\n")
    hit = next(h for h in hits if h.document == "ronneby")
    assert hit.iri == ronneby.strategy and hit.kind == "Strategy" and hit.page == 3
    assert lines[hit.line - 1].startswith("3 ")
    assert [fold(w) for w in marked(hit)] == ["globaliserad"]
    assert hit.snippet.strip("…") in lines[hit.line - 1]


def test_snippets_are_plain_text_and_highlights_are_offsets(index):
    for hit in index.search("miljö", limit=40):
        assert "<mark" not in hit.snippet
        assert hit.highlights and all(0 <= a < b <= len(hit.snippet) for a, b in hit.highlights)
        assert all(fold(w).startswith("milj") or "milj" in fold(w) for w in marked(hit))


def test_language_keeps_to_texts_in_it(index):
    english = index.search("youth", lang="en")
    assert english and all(h.lang == "en" for h in english)
    # the Swedish label is not among the English hits (folded "på" may still find "PA ..." labels)
    assert all(h.lang == "en" for h in index.search("Unga på väg", lang="en"))
    assert str(ID["ronneby/priority-area/unga-pa-vag"]) not in {h.iri for h in index.search("Unga på väg", lang="en")}
    swedish = index.search("Unga på väg", lang="sv")
    assert {h.iri for h in swedish[:2]} == {str(ID["ronneby/priority-area/unga-pa-vag"]),
                                            str(ID["eu2020/flagship/youth-on-the-move"])}


def test_an_unknown_language_is_refused(index):
    with pytest.raises(ValueError, match="unknown language 'de': use one of sv, en"):
        index.search("Jugend", lang="de")


def test_hits_carry_kind_and_label(index):
    (hit,) = [h for h in index.search("Klart vatten i havet") if h.iri == str(ID["eusbsr/sub-objective/clear-water-in-the-sea"])]
    assert hit.kind == "BalticObjective" and hit.label == "Klart vatten i havet" and hit.field == "label"
    assert index.search("Clear water in the sea", lang="en")[0].label == "Clear water in the sea"


def test_the_limit_holds_and_each_entity_comes_once(index):
    hits = index.search("internationella", limit=7)
    assert len(hits) == 7
    entities = [h.iri for h in hits if h.document is None]
    assert len(entities) == len(set(entities))


def test_search_on_a_store_equals_the_index(bundled_store, index):
    assert search(bundled_store, "vänortssamarbete") == index.search("vänortssamarbete")


def test_vocabulary_relates_compound_parts_only_at_word_boundaries():
    sv = analyzer("sv")
    words = "ungdomsutbyte utbyte ungdomar internationell internt vänort vänortssamarbete samarbete".split()
    vocabulary = Vocabulary({sv.term(w) for w in words}, {fold(w) for w in words})
    assert vocabulary.related("utbyt") == {"utbyt": 1.0, "ungdomsutbyt": 0.7}
    assert set(vocabulary.related("ungdomsutbyt")) == {"ungdomsutbyt", "ungdom", "utbyt"}
    assert "vanortssamarbet" in vocabulary.related("vanort")
    assert "internationell" not in vocabulary.related("intern")  # "intern|ationell" is no compound
    assert vocabulary.related("ort") == {}


def test_the_library_loads_search_only_when_asked():
    """Every command imports samsyn.graph; numpy and bm25s load only when search or suggest is used."""
    script = ("import sys, samsyn.graph as g\n"
              "before = 'bm25s' in sys.modules\n"
              "g.SearchIndex\n"
              "print(before, 'bm25s' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True"]
