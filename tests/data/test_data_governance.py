"""Governance and the other facts issue 11 added, each held to its sentence: reporting lines with
their rhythm and form, the steering group's composition, mandates, agreements, funding sources,
target groups, purposes, a partnership's start, the period to the month, and the facts from outside
the documents (marked as such)."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG

from samsyn_data_helpers import ROOT, SAM, STEMS, iri, local, norm

FREQ = "http://publications.europa.eu/resource/authority/frequency/"
XSD_GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
XSD_GYEARMONTH = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")
# the words of the source text that give each rhythm of the EU frequency table
RHYTHM_WORDS = {"ANNUAL": ("årlig", "årligen"), "ANNUAL_2": ("halvårsvis",), "ANNUAL_3": ("var fjärde månad",),
                "CONT": ("kontinuerlig", "löpande")}

EXPECTED = {  # stem -> class -> slugs
    "ronneby": {
        # p. 4 "Meddelas till den internationella samordnaren för uppföljning"; p. 6 "Avrapportering sker i
        # chefsgruppen halvårsvis ..."; p. 7 "följs upp årligen i samband med årsbokslutet ... skriftligen och muntligt"
        SAM.ReportingLine: {"aktiviteter-till-samordnaren", "avrapportering-i-chefsgruppen", "arlig-uppfoljning"},
        # p. 6 "Kommunfullmäktige antar den internationella strategin"; "Nämnderna arbetar fram samt antar ..."
        SAM.Mandate: {"kommunfullmaktige-antar-strategin", "namnderna-antar-handlingsplaner"},
        # p. 6 "Idag finns vänorts- och samarbetsavtal med de sex orterna ..."
        SAM.Agreement: {f"vanort-{t}" for t in ["mantta-vilppula", "hoyanger", "steglitz-zehlendorf", "schopfheim",
                                                 "elblag", "slavsk"]},
        # p. 6 "Styrgruppen består av två företrädare från kommunstyrelsen, kommunfullmäktiges ordförande,
        # kommundirektören, chefen för samordning, utveckling och sekretariat samt den internationella samordnaren"
        ORG.Membership: {f"internationella-styrgruppen/{m}" for m in [
            "kommunstyrelsen", "kommunfullmaktiges-ordforande", "kommundirektoren",
            "chefen-for-samordning-utveckling-och-sekretariat", "internationella-samordnaren"]},
        SAM.FundingSource: set(),
        SAM.TargetGroup: set(),
    },
    "hylte": {
        # pp. 5-7: annual follow-up; projects on the agenda; continuous follow-up passed to
        # Kommunstyrelsen; matters of importance; visits; politicians and KS informed of projects
        SAM.ReportingLine: {"arlig-uppfoljning", "projekt-pa-dagordningen", "kontinuerlig-uppfoljning",
                            "arenden-av-betydelse", "besok", "pagaende-projekt"},
        # p. 5 Kommunfullmäktige and the arbetsutskott; p. 7 "ansvariga politiker", "ordförandeberedning"
        SAM.Mandate: {"kommunfullmaktige-beslutar", "arbetsutskottet-ekonomiska-beslut", "deltagande-i-samarbetsprojekt",
                      "ordforandeberedning-avgor"},
        SAM.Agreement: set(),
        ORG.Membership: set(),
        # p. 4 "extern medfinansiering"; p. 6 "samarbete med finansiering av EU är prioriterat"
        SAM.FundingSource: {"extern-medfinansiering", "finansiering-av-eu"},
        # p. 4 "externa målgrupper såsom invånare, föreningar och näringsliv. Interna målgrupper är
        # politiker, chefer, internationell samordnare, internationellt nätverk, deltagare i
        # internationella projekt, ekonomer."
        SAM.TargetGroup: {"invanare", "foreningar", "naringsliv", "politiker", "chefer", "internationell-samordnare",
                          "internationellt-natverk", "deltagare-i-internationella-projekt", "ekonomer"},
    },
    "orebro-lans-landsting": {
        # p. 5 the annual planning and follow-up process; continuous reporting back; p. 6 follow-up of
        # participation in international political bodies
        SAM.ReportingLine: {"arlig-planerings-och-uppfoljningsprocess", "aterrapportering-till-uppdragsgivaren",
                            "uppfoljning-av-deltagandet"},
        # p. 6 Landstingsstyrelsen: strategic direction, region-wide agreements, guidelines
        SAM.Mandate: {"landstingsstyrelsen-strategisk-inriktning", "landstingsstyrelsen-internationella-avtal",
                      "landstingsstyrelsen-riktlinjer"},
        SAM.Agreement: set(),
        ORG.Membership: set(),
        SAM.FundingSource: {"eu-program"},  # p. 3 "ofta inom ramen för EU-program"
        SAM.TargetGroup: set(),
    },
    "kungsbacka": {
        SAM.ReportingLine: set(),  # the strategy says nothing about follow-up
        SAM.Mandate: {"kommunfullmaktige-beslutar"},
        SAM.Agreement: set(), ORG.Membership: set(), SAM.FundingSource: set(), SAM.TargetGroup: set(),
    },
    "varmdo": {
        # "Uppföljning och redovisning av genomförda projekt ska årligen lämnas ..."; "Information om
        # projekt som påbörjas ska delges kansli- och utredningsavdelningen."
        SAM.ReportingLine: {"arlig-redovisning-av-projekt", "projekt-som-paborjas"},
        # "Kommunfullmäktige fastställer vänortsavtal. Kommunstyrelsen leder och samordnar
        # vänortssamarbetet, men kan delegera ..."; "Dessa frågor behandlas av kommunstyrelsens presidium."
        SAM.Mandate: {"kommunfullmaktige-faststaller-vanortsavtal", "kommunstyrelsen-leder-vanortssamarbetet",
                      "presidiet-politisk-forankring"},
        SAM.Agreement: set(),  # "För vänortssamarbeten tecknas avtal", but no twin town is named
        ORG.Membership: set(),
        # "EU-strukturfonder", "Sala-Ida", "EU:s fonder och program"
        SAM.FundingSource: {"eu-strukturfonder", "sala-ida", "eus-fonder-och-program"},
        SAM.TargetGroup: set(),
    },
}
OUTSIDE_FACTS = {  # slug -> (subject, predicate); each triple is in the data, marked as not the strategy's
    "ronneby/outside-fact/strategy-valid-until": ("ronneby/strategy/internationell-strategi-2013-2015", SAM.validUntil),
    "ronneby/outside-fact/eurocities-country": ("org/eurocities", SAM.country),
    "orebro-lans-landsting/outside-fact/fellingsbro-unit-of": ("orebro-lans-landsting/unit/fellingsbro-folkhogskola", ORG.unitOf),
    "kungsbacka/outside-fact/gr-spelled-out": ("org/goteborgsregionen", RDFS.label),
}


def sv(g, node, prop):
    return [o for o in g.objects(node, prop) if isinstance(o, Literal) and o.language == "sv"]


def texts(g, node) -> str:
    return " ".join(norm(t) for t in g.objects(node, SAM.sourceText)).lower()


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("cls", list(EXPECTED["ronneby"]), ids=lambda c: str(c).rsplit("#", 1)[1])
def test_structures_are_what_the_document_states(stem, cls, graphs):
    g = graphs[stem]
    found = {local(s).split("/", 2)[2] for s in g.subjects(RDF.type, cls)}
    assert found == EXPECTED[stem][cls]
    for s in g.subjects(RDF.type, cls):
        if cls != ORG.Membership:
            assert (s, SAM.statedIn, None) in g, s


@pytest.mark.parametrize("stem", STEMS)
def test_words_in_the_documents_words_are_verbatim(stem, sources, graphs):
    """What a reporting line reports and when, what a mandate covers, a purpose: the Swedish value is
    the document's words, each with its translation."""
    g, text = graphs[stem], sources[stem].proper
    for prop in (SAM.reportSubject, SAM.timing, SAM.matter, SAM.purpose):
        for s in set(g.subjects(prop, None)):
            assert sorted(o.language for o in g.objects(s, prop)) == ["en", "sv"], (s, prop)
            for value in sv(g, s, prop):
                assert norm(value) in text, (s, prop, value)
                assert norm(value).lower() in texts(g, s), f"{s}: {value!r} is not in its own source text"


@pytest.mark.parametrize("stem", STEMS)
def test_reporting_lines(stem, graphs):
    g = graphs[stem]
    for line in g.subjects(RDF.type, SAM.ReportingLine):
        for body in [*g.objects(line, SAM.reporter), *g.objects(line, SAM.recipient)]:
            assert (body, ORG.unitOf, iri(stem)) in g, (line, body)
        for rhythm in g.objects(line, DCTERMS.accrualPeriodicity):
            code = str(rhythm).removeprefix(FREQ)
            assert any(w in texts(g, line) for w in RHYTHM_WORDS[code]), f"{line}: nothing in its text says {code}"
        for form in g.objects(line, SAM.reportingForm):
            assert form in (SAM.Written, SAM.Oral)
    # the plain ORG edge is the summary of a reporting line between two named bodies
    for reporter, recipient in g.subject_objects(ORG.reportsTo):
        assert any((line, SAM.reporter, reporter) in g and (line, SAM.recipient, recipient) in g
                   for line in g.subjects(RDF.type, SAM.ReportingLine)), (reporter, recipient)


def test_the_rhythms_the_documents_give(graphs):
    def rhythm(stem, slug):
        return {str(o).removeprefix(FREQ) for o in graphs[stem].objects(iri(f"{stem}/reporting-line/{slug}"),
                                                                      DCTERMS.accrualPeriodicity)}
    r = graphs["ronneby"]
    # p. 6 "Avrapportering sker i chefsgruppen halvårsvis eller oftare om särskilda behov föreligger."
    assert rhythm("ronneby", "avrapportering-i-chefsgruppen") == {"ANNUAL_2"}
    assert r.value(iri("ronneby/reporting-line/avrapportering-i-chefsgruppen"), SAM.recipient) == iri("ronneby/unit/chefsgruppen")
    # p. 7 "följs upp årligen i samband med årsbokslutet ... Uppföljningen sker skriftligen och muntligt."
    assert rhythm("ronneby", "arlig-uppfoljning") == {"ANNUAL"}
    assert set(r.objects(iri("ronneby/reporting-line/arlig-uppfoljning"), SAM.reportingForm)) == {SAM.Written, SAM.Oral}
    # p. 6 "Styrgruppen träffas var fjärde månad."
    group = iri("ronneby/unit/internationella-styrgruppen")
    assert set(r.objects(group, SAM.meetingFrequency)) == {URIRef(FREQ + "ANNUAL_3")}
    assert "styrgruppen träffas var fjärde månad." in texts(r, group)
    # Hylte p. 6 "Internationella aktiviteter följs kontinuerligt upp av styrelsen, nämnderna och
    # bostadsstiftelsen. Uppföljningarna delges kommunstyrelsen"
    h = graphs["hylte"]
    line = iri("hylte/reporting-line/kontinuerlig-uppfoljning")
    assert rhythm("hylte", "kontinuerlig-uppfoljning") == {"CONT"}
    assert {local(o) for o in h.objects(line, SAM.reporter)} == {
        "hylte/unit/kommunstyrelsen", "hylte/unit/namnderna", "hylte/unit/bostadsstiftelsen"}
    assert h.value(line, SAM.recipient) == iri("hylte/unit/kommunstyrelsen")
    # Värmdö "Uppföljning och redovisning av genomförda projekt ska årligen lämnas i samband med årsredovisningen."
    assert rhythm("varmdo", "arlig-redovisning-av-projekt") == {"ANNUAL"}
    assert graphs["varmdo"].value(iri("varmdo/reporting-line/projekt-som-paborjas"), SAM.recipient) == \
        iri("varmdo/unit/kansli-och-utredningsavdelningen")


def test_the_frequencies_used_are_labelled_in_the_ontology(graphs):
    from rdflib import Graph
    onto = Graph().parse(ROOT / "ontology" / "samsyn.ttl", format="turtle")
    used = {o for g in graphs.values() for o in [*g.objects(None, DCTERMS.accrualPeriodicity), *g.objects(None, SAM.meetingFrequency)]}
    for rhythm in used:
        assert str(rhythm).startswith(FREQ)
        assert (rhythm, RDF.type, DCTERMS.Frequency) in onto
        assert sorted(o.language for o in onto.objects(rhythm, RDFS.label)) == ["en", "sv"]


def test_the_steering_group(graphs):
    """Ronneby p. 6: "Styrgruppen består av två företrädare från kommunstyrelsen, kommunfullmäktiges
    ordförande, kommundirektören, chefen för samordning, utveckling och sekretariat samt den
    internationella samordnaren som är sammankallande." and the coordinator "sammankallar den
    internationella styrgruppen samt referensgruppen" (Chefsgruppen "fungerar som referensgrupp")."""
    g = graphs["ronneby"]
    group = iri("ronneby/unit/internationella-styrgruppen")
    members = {}
    for m in g.subjects(ORG.organization, group):
        (member,) = g.objects(m, ORG.member)
        members[local(member)] = g.value(m, SAM.seats)
        label = str(next(lbl for lbl in g.objects(member, RDFS.label) if lbl.language == "sv")).lower()
        assert label in texts(g, m) or label.removesuffix("en") in texts(g, m), (m, label)
    assert members == {"ronneby/unit/kommunstyrelsen": Literal(2), "ronneby/unit/kommunfullmaktiges-ordforande": None,
                       "ronneby/unit/kommundirektoren": None,
                       "ronneby/unit/chefen-for-samordning-utveckling-och-sekretariat": None,
                       "ronneby/unit/internationella-samordnaren": None}
    coordinator = iri("ronneby/unit/internationella-samordnaren")
    for body, words in ((group, "den internationella samordnaren som är sammankallande"),
                        (iri("ronneby/unit/chefsgruppen"), "sammankallar den internationella styrgruppen samt referensgruppen")):
        assert list(g.objects(body, SAM.convenedBy)) == [coordinator]
        assert words in texts(g, body)
    assert g.value(iri("ronneby/unit/kommunfullmaktiges-ordforande"), ORG.postIn) == iri("ronneby/unit/kommunfullmaktige")


@pytest.mark.parametrize("stem", STEMS)
def test_mandates(stem, graphs):
    g = graphs[stem]
    for mandate in g.subjects(RDF.type, SAM.Mandate):
        for body in [*g.objects(mandate, SAM.heldBy), *g.objects(mandate, SAM.mayDelegateTo)]:
            assert (body, ORG.unitOf, iri(stem)) in g, (mandate, body)
    # Hylte p. 7 "Deltagande i samarbetsprojekt ... beslutas av ansvariga politiker": no body is named
    if stem == "hylte":
        assert (iri("hylte/mandate/deltagande-i-samarbetsprojekt"), SAM.heldBy, None) not in g
    # Värmdö "Kommunstyrelsen leder och samordnar vänortssamarbetet, men kan delegera till nämnd"
    if stem == "varmdo":
        m = iri("varmdo/mandate/kommunstyrelsen-leder-vanortssamarbetet")
        assert g.value(m, SAM.heldBy) == iri("varmdo/unit/kommunstyrelsen")
        assert list(g.objects(m, SAM.mayDelegateTo)) == [iri("varmdo/unit/namnderna")]


def test_ronnebys_twinning_agreements(graphs):
    """p. 6: "Idag finns vänorts- och samarbetsavtal med de sex orterna ..." and "Vänortsaktiviteterna
    styrs av överenskomna avtal." No approving body or date is stated, so none is recorded."""
    g = graphs["ronneby"]
    for partnership in g.subjects(SAM.partnershipKind, SAM.TwinTown):
        (agreement,) = g.objects(partnership, SAM.governedBy)
        assert set(g.objects(agreement, SAM.party)) == {iri("ronneby"), g.value(partnership, SAM.partner)}
        assert (agreement, SAM.approvedBy, None) not in g and (agreement, DCTERMS.date, None) not in g
    assert set(g.objects(iri("ronneby/activity/vanortssamarbete"), SAM.governedBy)) == set(g.subjects(RDF.type, SAM.Agreement))


@pytest.mark.parametrize("stem", STEMS)
def test_funding_sources_and_target_groups_are_named_in_their_sentence(stem, graphs):
    g = graphs[stem]
    for cls in (SAM.FundingSource, SAM.TargetGroup):
        for s in g.subjects(RDF.type, cls):
            (label,) = sv(g, s, RDFS.label)
            assert norm(label).lower() in texts(g, s), s
    for s in g.subjects(RDF.type, SAM.TargetGroup):
        kind = g.value(s, SAM.targetGroupKind)
        assert {SAM.ExternalTargetGroup: "externa målgrupper", SAM.InternalTargetGroup: "interna målgrupper"}[kind] in texts(g, s)
    for activity, source in g.subject_objects(SAM.fundingSource):
        assert (source, RDF.type, SAM.FundingSource) in g
    # Värmdö: "Samarbeten genom projekt inom ramen för EU:s fonder och program skapar möjligheter till delfinansiering"
    if stem == "varmdo":
        assert list(g.objects(iri("varmdo/activity/samverkansprojekt"), SAM.fundingSource)) == [
            iri("varmdo/funding-source/eus-fonder-och-program")]


@pytest.mark.parametrize("stem", STEMS)
def test_every_strategy_states_its_purpose(stem, graphs):
    """The Syfte section, distinct from the goals (sam:Goal)."""
    g = graphs[stem]
    (strategy,) = g.subjects(RDF.type, SAM.Strategy)
    assert sorted(o.language for o in g.objects(strategy, SAM.purpose)) == ["en", "sv"]
    (purpose,) = sv(g, strategy, SAM.purpose)
    assert "syfte" in norm(purpose).lower()


def test_start_of_a_partnership_and_period_to_the_month(graphs):
    g = graphs["ronneby"]
    eurocities = iri("ronneby/partnership/eurocities")
    # p. 6 "Ronneby kommun har varit medlemmar sedan 1995 i Knowledge Society Forum"
    assert list(g.objects(eurocities, SAM.since)) == [Literal("1995", datatype=XSD_GYEAR)]
    assert "sedan 1995" in texts(g, eurocities)
    # p. 7 "Ronneby kommuns internationella strategi gäller från september 2013 till"
    strategy = iri("ronneby/strategy/internationell-strategi-2013-2015")
    assert list(g.objects(strategy, SAM.validFrom)) == [Literal("2013-09", datatype=XSD_GYEARMONTH)]
    assert "gäller från september 2013 till" in texts(g, strategy)


def test_facts_from_outside_the_documents_are_marked(graphs):
    found = {}
    for stem, g in graphs.items():
        (strategy,) = g.subjects(RDF.type, SAM.Strategy)
        for fact in g.subjects(RDF.type, SAM.OutsideFact):
            subject, predicate, obj = (g.value(fact, p) for p in (RDF.subject, RDF.predicate, RDF.object))
            assert (subject, predicate, obj) in g, f"{fact}: the statement it marks is not in the data"
            assert list(g.objects(fact, SAM.notStatedIn)) == [strategy]
            for prop in (DCTERMS.source, RDFS.comment, RDFS.label):
                assert sorted(o.language for o in g.objects(fact, prop)) == ["en", "sv"], (fact, prop)
            assert (fact, SAM.sourceText, None) not in g
            found[local(fact)] = (local(subject), predicate)
    assert found == OUTSIDE_FACTS


def test_what_issue_11_took_out(graphs):
    """Facts from outside the documents that no reader needs, and one fact the document does not state."""
    assert (iri("varmdo/unit/viks-skola"), None, None) not in graphs["varmdo"]
    assert (None, None, Literal("the municipal housing foundation", lang="en")) not in graphs["hylte"]
    assert not [c for c in graphs["ronneby"].objects(iri("org/eurocities"), RDFS.comment) if "Brussels" in c]
    assert (None, SAM.adoptedBy, None) not in graphs["orebro-lans-landsting"]
    # the Regionförbundet is typed like the other regions
    assert (iri("org/regionforbundet-orebro-lan"), RDF.type, SAM.Region) in graphs["orebro-lans-landsting"]


def test_translations_that_issue_11_fixed(graphs):
    def en(stem, path):
        return [str(o) for o in graphs[stem].objects(iri(path), RDFS.label) if o.language == "en"]
    # "Unga på väg" the priority area is not the flagship "Youth on the move"
    assert en("ronneby", "ronneby/priority-area/unga-pa-vag") == ["Young people on their way"]
    assert en("kungsbacka", "kungsbacka/priority-area/omvarlds-och-intressebevakning") == ["Monitoring and advocacy"]
    assert en("ronneby", "ronneby/priority-area/minskat-utanforskap") == ["Reduced social exclusion"]
