"""How the suggester and the search relate Swedish words: compound parts count, derivations and
look-alikes do not (graph/text/analysis.py, Vocabulary)."""

from __future__ import annotations

from samsyn.graph.text.analysis import COMPOUND, PREFIX, SAME, Vocabulary, analyzer


def vocabulary(*words: str) -> Vocabulary:
    sv = analyzer("sv")
    return Vocabulary({sv.term(w) for w in words}, {w for w in words})


def test_compound_parts_and_inflected_stems_relate():
    vocab = vocabulary("vänort", "vänortsutbyte", "utbyte", "östersjöregionen", "region", "klimatförändringarna")
    sv = analyzer("sv")
    assert vocab.related(sv.term("utbyte"))[sv.term("vänortsutbyte")] == COMPOUND
    assert vocab.related_word(sv.term("Östersjön"), "Östersjön")[sv.term("östersjöregionen")] == PREFIX
    assert vocab.related_word(sv.term("klimat"), "klimat")[sv.term("klimatförändringarna")] == PREFIX
    assert vocab.related(sv.term("utbyte"))[sv.term("utbyte")] == SAME


def test_a_derivational_ending_is_no_compound_part():
    """"utanförskap" is utanför + the ending -skap, not a compound of "skapa"."""
    vocab = vocabulary("utanförskap", "utanför", "skapa")
    sv = analyzer("sv")
    assert sv.term("utanförskap") not in vocab.related_word(sv.term("skapa"), "skapa")


def test_a_derivation_of_the_stem_is_not_begun_by_the_bare_word():
    """"interna" does not begin "internationella": "-tionell" derives a word of its own."""
    vocab = vocabulary("internationella", "interna")
    sv = analyzer("sv")
    assert sv.term("internationella") not in vocab.related_word(sv.term("interna"), "interna")


def test_a_long_stem_less_two_letters_finds_only_inflections_and_compounds():
    """"internet" less two letters begins "internationell", which is neither."""
    vocab = vocabulary("internationella", "internet", "internets")
    sv = analyzer("sv")
    related = vocab.related_word(sv.term("internet"), "internet")
    assert sv.term("internationella") not in related
