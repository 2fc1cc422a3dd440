"""The rules the documents set (sam:Rule), each held to its sentence, and what the rules find in the
bundled data (issue 11).

A rule quotes its sentence (sam:sourceText, verbatim on the stated page: test_data_provenance), takes
its strength from the word(s) that carry it (sam:strengthCue, in the quote), binds its organisation
and the organisation's own bodies, and is either checked by a shape of shapes/rules.ttl or says why
no data can check it. The findings on the five documents are only the gaps the documents leave."""

from __future__ import annotations

import re

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import ORG, SH

from samsyn_data_helpers import DATA, ROOT, SAM, STEMS, iri, local, norm

# The wording that makes a rule binding or advisory (docs/data.md, "Rules"): a modal, or the normative
# present tense in which an adopted steering document assigns a duty, a procedure or a decision.
BINDING_CUES = {
    "ska", "skall", "antar", "arbetar fram samt antar", "beaktas", "beslut om", "beslutar om", "beslutas av",
    "bestämmer", "fastställer", "fattar", "fattar beslut om", "följs upp", "följs därför upp",
    "följs kontinuerligt upp", "görs", "informeras", "presenteras", "präglas av", "redovisas", "sker",
    "styrs av", "tecknas", "träffas", "utser", "utses", "är en punkt på dagordningen",
}
ADVISORY_CUES = {
    "bör", "behöver", "uppmuntra", "uppmuntras", "är prioriterat", "är det viktigt att", "inriktas särskilt",
    # a "ska" the document itself makes conditional
    "där det är möjligt ska", "ska i görligaste mån",
}
QUALIFIERS = ("där det är möjligt", "i görligaste mån")

RULES = {  # stem -> (checked rules, rules no data can check)
    "ronneby": ({"prioriterade-mal-vagledande", "hansyn-till-perspektiv", "tydlig-agare-och-utforare",
                 "i-linje-med-andra-strategier", "vanortsaktiviteter-styrs-av-avtal", "namnderna-antar-handlingsplaner",
                 "specifika-matbara-och-tidsatta-mal", "kommunfullmaktige-antar-strategin"},
                {"tidigt-forankras", "meddelas-till-samordnaren", "nyttan-vagledande-vid-vanortsaktiviteter",
                 "foljs-upp-arligen", "kvalitativ-information-vid-arsbokslutet", "skriftligen-och-muntligt",
                 "styrgruppen-traffas-var-fjarde-manad", "avrapportering-i-chefsgruppen", "kontaktpersoner-utses"}),
    "hylte": ({"knyta-an-till-vision-och-mal", "kommunfullmaktige-beslutar"},
              {"del-i-malstyrningen", "extern-medfinansiering-beaktas", "mervarde-bedoms-vid-uppstart",
               "fokus-pa-forstaelse-och-integration", "foljs-upp-arligen", "uppfoljningen-del-av-arsbokslutet",
               "projekt-pa-dagordningen", "arbetsutskottet-fattar-ekonomiska-beslut", "internationella-mojligheter-beaktas",
               "aktiviteter-foljs-upp-kontinuerligt", "namnderna-utser-representant", "eu-samarbete-prioriterat",
               "vanorterna-bor-overvagas", "kommunstyrelsen-informeras", "deltagande-i-samarbetsprojekt-beslutas",
               "besok-informeras-till-kommunstyrelsen", "berorda-politiker-informeras",
               "internationellt-perspektiv-i-omvarldsanalyser"}),
    "orebro-lans-landsting": ({"landstingsstyrelsen-beslutar-riktlinjer"},
                              {"jamforas-med-andra-investeringar", "planeras-budgeteras-dokumenteras-utvarderas",
                               "arlig-planerings-och-uppfoljningsprocess", "samordnas-med-andra-aktorer",
                               "prioritet-at-politiska-organisationer", "tydliga-uppdrag-och-aterrapportering",
                               "verksamhetsmalen-styr", "bidra-till-andra-regioners-utveckling",
                               "prioritet-vid-val-av-samarbetspartners", "internationalisering-ska-genomsyra",
                               "landstingsstyrelsen-bestammer-inriktningen"}),
    "kungsbacka": ({"kommunfullmaktige-beslutar"},
                   {"integrerad-del-i-alla-verksamheter", "ramverk-for-samtliga-verksamheter", "agera-som-en-aktor"}),
    "varmdo": ({"delta-i-natverk", "nyckelomraden", "kommunfullmaktige-faststaller-vanortsavtal", "avtal-for-vanortssamarbeten"},
               {"forankrat-i-verksamheten", "omsesidigt-utbyte", "ansokningar-uppmuntras", "uppmuntra-barn-och-ungdomar",
                "val-av-samarbetspartners", "delfinansiering-bor-tas-tillvara", "langsiktighet-och-framforhallning",
                "eu-finansiering-bor-tas-tillvara", "positiv-installning-till-studiebesok", "skolorna-behover-utveckla",
                "politisk-forankring", "kontaktpersoner-pa-respektive-kontor", "prioriteras-beslutas-finansieras",
                "ordinarie-budget-och-verksamhetsplanering", "arlig-redovisning-av-projekt", "information-pa-hemsidan",
                "projekt-som-paborjas"}),
}

# What the rules of shapes/rules.ttl find in the five documents: each a gap the document itself leaves.
RULE_FINDINGS = {
    # Ronneby p. 4: insatser "skall" contribute to the Council's seven goals; p. 6 names the ways of
    # working ("Arbetet sker genom omvärldsbevakning, utvecklingsprojekt, utbyten och vänortssamarbete")
    # without saying which of the seven each serves - that is for the action plans (p. 7).
    ("Ronneby-prioriterade-mal-vagledande", "ronneby/activity/omvarldsbevakning", "Violation"),
    ("Ronneby-prioriterade-mal-vagledande", "ronneby/activity/utvecklingsprojekt", "Violation"),
    ("Ronneby-prioriterade-mal-vagledande", "ronneby/activity/utbyten", "Violation"),
    ("Ronneby-prioriterade-mal-vagledande", "ronneby/activity/vanortssamarbete", "Violation"),
    # Ronneby p. 6: "Ronneby kommun har varit medlemmar sedan 1995 i Knowledge Society Forum" - the
    # municipality as a whole; no unit is named to take part, against "Ha en tydlig ägare och utförare".
    ("Ronneby-tydlig-utforare", "ronneby/activity/eurocities-knowledge-society-forum", "Violation"),
    # Värmdö: "Värmdö kommun behöver därför delta i nätverk med internationellt fokus" - and names none.
    ("Varmdo-delta-i-natverk", "varmdo/strategy/strategi-for-internationellt-arbete", "Warning"),
    # Värmdö: exchanges and cooperation "bör bygga på" the key areas; the document ties only the youth
    # exchange to one ("Familj, barn och ungdomsfrågor").
    ("Varmdo-nyckelomraden", "varmdo/activity/studiebesok", "Warning"),
    ("Varmdo-nyckelomraden", "varmdo/activity/vanortssamarbete", "Warning"),
    ("Varmdo-nyckelomraden", "varmdo/activity/samverkansprojekt", "Warning"),
    ("Varmdo-nyckelomraden", "varmdo/activity/natverk-med-internationellt-fokus", "Warning"),
}


def rules(graphs, stem):
    g = graphs[stem]
    return g, list(g.subjects(RDF.type, SAM.Rule))


def slug(rule) -> str:
    return local(rule).split("/rule/", 1)[1]


@pytest.mark.parametrize("stem", STEMS)
def test_the_rules_each_document_sets(stem, graphs):
    g, found = rules(graphs, stem)
    checked, unchecked = RULES[stem]
    assert {slug(r) for r in found if g.value(r, SAM.checkable) == Literal(True)} == checked
    assert {slug(r) for r in found if g.value(r, SAM.checkable) == Literal(False)} == unchecked
    assert len(found) == len(checked) + len(unchecked)


def test_how_many_rules():
    assert sum(len(c) + len(u) for c, u in RULES.values()) == 74
    assert sum(len(c) for c, _ in RULES.values()) == 16


@pytest.mark.parametrize("stem", STEMS)
def test_each_rule_is_complete(stem, graphs):
    g, found = rules(graphs, stem)
    (strategy,) = g.subjects(RDF.type, SAM.Strategy)
    for rule in found:
        assert list(g.objects(rule, SAM.statedIn)) == [strategy], rule
        assert list(g.objects(rule, SAM.strength)) in ([SAM.Binding], [SAM.Advisory]), rule
        assert {o.language for o in g.objects(rule, RDFS.label)} == {"sv", "en"}, rule
        applies = list(g.objects(rule, SAM.appliesTo))
        assert applies and all(str(c).startswith(str(SAM)) for c in applies), rule
        binds = set(g.objects(rule, SAM.binds))
        assert iri(stem) in binds, f"{rule} must bind its organisation"
        for unit in binds - {iri(stem)}:
            assert (unit, ORG.unitOf, iri(stem)) in g, f"{rule} binds {unit}, not a body of {stem}"
        if g.value(rule, SAM.checkable) == Literal(True):
            assert list(g.objects(rule, SAM.checkedBy)), rule
            assert (rule, SAM.uncheckableBecause, None) not in g, rule
        else:
            assert g.value(rule, SAM.checkable) == Literal(False), rule
            assert (rule, SAM.checkedBy, None) not in g, rule
            assert {o.language for o in g.objects(rule, SAM.uncheckableBecause)} == {"sv", "en"}, rule
        for structure in g.objects(rule, SAM.establishes):
            assert (structure, RDF.type, None) in g and local(structure).startswith(f"{stem}/"), (rule, structure)


@pytest.mark.parametrize("stem", STEMS)
def test_strength_follows_the_wording(stem, graphs):
    """The cue is in the quote, and it is a binding cue for a binding rule, an advisory one for an
    advisory rule; a "ska" the document makes conditional is advisory."""
    g, found = rules(graphs, stem)
    for rule in found:
        quote = " ".join(norm(t) for t in g.objects(rule, SAM.sourceText)).lower()
        (cue,) = g.objects(rule, SAM.strengthCue)
        assert cue.language == "sv"
        assert re.search(rf"(?<!\w){re.escape(str(cue).lower())}(?!\w)", quote), f"{rule}: {cue!r} not in its quote"
        if g.value(rule, SAM.strength) == SAM.Binding:
            assert str(cue) in BINDING_CUES, (rule, cue)
            assert not any(q in quote for q in QUALIFIERS), f"{rule}: the document qualifies it, so it is advisory"
        else:
            assert str(cue) in ADVISORY_CUES, (rule, cue)


@pytest.mark.parametrize("stem", STEMS)
def test_a_rule_is_labelled_with_words_of_its_own_quote(stem, graphs):
    """The Swedish label (quoted by the shape's messages) is the rule's own sentence, or part of it."""
    g, found = rules(graphs, stem)
    for rule in found:
        quote = " ".join(norm(t) for t in g.objects(rule, SAM.sourceText)).lower()
        (label,) = [lbl for lbl in g.objects(rule, RDFS.label) if lbl.language == "sv"]
        words = [w.strip(",.:;()\"") for w in norm(label).lower().split(" ")]
        assert all(w in quote for w in words if w), f"{rule}: {label!r} is not from its quote"


@pytest.fixture(scope="module")
def rule_findings():
    data = Graph()
    for path in [ROOT / "ontology" / "samsyn.ttl", *sorted((DATA / "frameworks").glob("*.ttl")),
                 *sorted((DATA / "strategies").glob("*.ttl"))]:
        data.parse(path, format="turtle")
    rule_shapes = Graph().parse(ROOT / "shapes" / "rules.ttl", format="turtle")
    shapes = Graph().parse(ROOT / "shapes" / "samsyn-shapes.ttl", format="turtle") + rule_shapes
    _, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    own = {str(s) for s in rule_shapes.subjects(SH.severity, None)}
    return {(str(results.value(r, SH.sourceShape)).rsplit("#", 1)[1], local(results.value(r, SH.focusNode)),
             str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[1])
            for r in results.subjects(RDF.type, SH.ValidationResult) if str(results.value(r, SH.sourceShape)) in own}


def test_the_documents_pass_their_own_rules_except_where_they_leave_a_gap(rule_findings):
    assert rule_findings == RULE_FINDINGS


def test_every_finding_is_of_a_checked_rule_of_the_same_organisation(rule_findings, graphs):
    for shape, focus, _ in rule_findings:
        stem = focus.split("/", 1)[0]
        checked_by = {str(s).rsplit("#", 1)[1] for s in graphs[stem].objects(None, SAM.checkedBy)}
        assert shape in checked_by, (shape, focus)


def test_checked_shapes_exist(graphs):
    shapes = Graph().parse(ROOT / "shapes" / "rules.ttl", format="turtle")
    for stem in STEMS:
        for shape in graphs[stem].objects(None, SAM.checkedBy):
            assert (shape, SH.severity, None) in shapes, shape
            assert isinstance(shape, URIRef)
