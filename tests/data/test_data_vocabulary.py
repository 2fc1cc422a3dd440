"""The files speak the data contract (DESIGN.md): parse, use only contract sam: terms, slug IRIs,
labels, official codes, countries, alignments only to the contract's framework concepts."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from samsyn_data_helpers import FRAMEWORKS, ID, LEAD_FRAMEWORKS, ROOT, SAM, STEMS, STRATEGIES, iri, local, norm

CONTRACT_TERMS = {
    # classes
    "Organisation", "Municipality", "Region", "OrganisationalUnit", "Strategy", "Goal", "PriorityArea",
    "Activity", "Partnership", "Framework", "CrossCuttingPerspective", "GrowthPriority", "Flagship",
    "BalticObjective", "RegionalFocusArea",
    # properties
    "issuedBy", "adoptedBy", "validFrom", "validUntil", "statedIn", "servesGoal", "alignsWith", "refersTo",
    "contributesTo", "owner", "performer", "considers", "partner", "partnershipKind", "responsibleFor",
    "followUp", "sourceText", "sourcePage", "officialCode", "country",
    # partnership kinds
    "TwinTown", "SisterSchool", "NetworkMembership", "RepresentationOffice", "ProjectCooperation",
    "RegionalCooperation",
    # issue 11: what the strategies require (rules) and their governance, agreements, funding,
    # target groups, purpose, partnership start dates, facts from outside the documents
    "Rule", "strength", "strengthCue", "appliesTo", "binds", "checkedBy", "checkable", "uncheckableBecause",
    "establishes", "Binding", "Advisory",
    "ReportingLine", "reporter", "recipient", "reportSubject", "timing", "reportingForm", "Written", "Oral",
    "meetingFrequency", "convenedBy", "seats", "Mandate", "heldBy", "matter", "mayDelegateTo",
    "Agreement", "party", "governedBy", "FundingSource", "fundingSource", "TargetGroup", "targetGroupKind",
    "ExternalTargetGroup", "InternalTargetGroup", "purpose", "since", "cooperatesWith",
    "OutsideFact", "notStatedIn",
    # action plans and follow-up (named by rules; the documents state none)
    "ActionPlan", "Target",
}
KINDS = {SAM[k] for k in ["TwinTown", "SisterSchool", "NetworkMembership", "RepresentationOffice",
                          "ProjectCooperation", "RegionalCooperation"]}
XSD_GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_GYEARMONTH = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")
SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

EU2020 = {f"eu2020/growth-priority/{s}" for s in ["smart-growth", "sustainable-growth", "inclusive-growth"]} | {
    f"eu2020/flagship/{s}" for s in [
        "innovation-union", "youth-on-the-move", "digital-agenda-for-europe", "resource-efficient-europe",
        "industrial-policy-for-the-globalisation-era", "agenda-for-new-skills-and-jobs",
        "european-platform-against-poverty"]} | {
    f"eu2020/headline-target/{s}" for s in [
        "employment", "research-and-development", "climate-and-energy", "education", "poverty-and-social-exclusion"]}
EUSBSR = {f"eusbsr/objective/{s}" for s in ["save-the-sea", "connect-the-region", "increase-prosperity"]} | {
    f"eusbsr/sub-objective/{s}" for s in [
        "clear-water-in-the-sea", "rich-and-healthy-wildlife", "clean-and-safe-shipping", "better-cooperation",
        "good-transport-conditions", "reliable-energy-markets", "connecting-people-in-the-region",
        "fighting-cross-border-crime", "single-market-frontrunner", "implementing-europe-2020",
        "global-competitiveness", "climate-change-adaptation"]}
BLEKINGE = {f"blekingestrategin/focus-area/{s}" for s in ["livskvalitet", "arbetsliv", "tillganglighet",
                                                          "bilden-av-blekinge"]}
FRAMEWORK_CONCEPTS = EU2020 | EUSBSR | BLEKINGE
LEAD_SCHEMES = {"eu2020", "eusbsr", "blekingestrategin"}
MY_SCHEMES = {"eu-cohesion-policy", "regional-utvecklingsstrategi-orebro-lan", "internationell-strategi-orebro-lan",
              "internationellt-arbete-i-halland"}

ORGS = {  # stem -> (class, sv, en, code)
    "ronneby": (SAM.Municipality, "Ronneby kommun", "Ronneby Municipality", "1081"),
    "hylte": (SAM.Municipality, "Hylte kommun", "Hylte Municipality", "1315"),
    "orebro-lans-landsting": (SAM.Region, "Örebro läns landsting", "Örebro County Council", "18"),
    "kungsbacka": (SAM.Municipality, "Kungsbacka kommun", "Kungsbacka Municipality", "1384"),
    "varmdo": (SAM.Municipality, "Värmdö kommun", "Värmdö Municipality", "0120"),
}
# strategy -> the frameworks it names as a whole (sam:refersTo)
REFERS = {
    "ronneby": {"eu2020", "eusbsr", "blekingestrategin"},
    "hylte": {"eu-cohesion-policy", "internationellt-arbete-i-halland"},
    "orebro-lans-landsting": {"eu-cohesion-policy", "eu2020", "regional-utvecklingsstrategi-orebro-lan",
                              "internationell-strategi-orebro-lan"},
    "kungsbacka": {"eu2020"},
    "varmdo": set(),
}
PERSPECTIVES = {
    "ronneby": {"jamstalldhet", "integration", "miljo", "folkhalsa"},  # p. 4 "Samtliga insatser skall ske med hänsyn till ..."
    "hylte": {"integration"},  # p. 5 "ett genomgående tema oavsett vilket projekt man arbetar i"
    "orebro-lans-landsting": set(),
    "kungsbacka": set(),
    "varmdo": set(),
}


def all_files():
    """The files the data owner writes (the lead writes eu2020, eusbsr and blekingestrategin)."""
    return sorted(STRATEGIES.glob("*.ttl")) + sorted(p for p in FRAMEWORKS.glob("*.ttl") if p.name not in LEAD_FRAMEWORKS)


@pytest.mark.parametrize("path", all_files(), ids=lambda p: p.name)
def test_file_parses_and_uses_only_contract_sam_terms(path):
    g = Graph()
    g.parse(path, format="turtle")
    assert len(g) > 0
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(SAM))}
    unknown = {str(t)[len(str(SAM)):] for t in used} - CONTRACT_TERMS
    assert not unknown, f"{path.name}: sam: terms outside the contract: {unknown}"
    ontology = ROOT / "ontology" / "samsyn.ttl"
    if ontology.exists():  # the lead's ontology defines every term used
        onto = Graph().parse(ontology, format="turtle")
        undefined = {t for t in used if (t, RDF.type, None) not in onto}
        assert not undefined, f"{path.name}: not in ontology/samsyn.ttl: {undefined}"


@pytest.mark.parametrize("path", all_files(), ids=lambda p: p.name)
def test_every_instance_iri_follows_the_slug_rule(path):
    g = Graph()
    g.parse(path, format="turtle")
    for node in g.all_nodes():
        if isinstance(node, URIRef) and str(node).startswith(ID):
            for segment in local(node).split("/"):
                assert SEGMENT.match(segment), f"{path.name}: {node}"


def minted(g: Graph):
    """Resources a file describes: subjects under id/."""
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ID)}


@pytest.mark.parametrize("stem", STEMS)
def test_every_minted_resource_has_one_sv_and_one_en_label(stem, graphs):
    g = graphs[stem]
    for s in minted(g):
        labels = list(g.objects(s, RDFS.label))
        assert sorted(lbl.language for lbl in labels) == ["en", "sv"], (s, labels)


def test_framework_files_have_labels_and_pref_labels(framework_graphs):
    for name, g in framework_graphs.items():
        for s in minted(g):
            for p in (RDFS.label, SKOS.prefLabel):
                assert sorted(lbl.language for lbl in g.objects(s, p)) == ["en", "sv"], (name, s, p)
            assert set(g.objects(s, RDFS.label)) == set(g.objects(s, SKOS.prefLabel))


def test_my_framework_schemes(framework_graphs):
    for name in MY_SCHEMES:
        g = framework_graphs[name]
        s = iri(name)
        assert SAM.Framework in set(g.objects(s, RDF.type))
        assert SKOS.ConceptScheme not in set(g.objects(s, RDF.type))  # no concepts: no (empty) scheme
        assert (s, DCTERMS.source, None) in g


def test_perspectives(framework_graphs):
    g = framework_graphs["cross-cutting-perspectives"]
    scheme = iri("perspective")
    assert set(g.objects(scheme, RDF.type)) == {SKOS.ConceptScheme}
    concepts = set(g.subjects(SKOS.inScheme, scheme))
    assert concepts == {iri(f"perspective/{p}") for p in ["jamstalldhet", "integration", "miljo", "folkhalsa"]}
    for c in concepts:
        assert {SAM.CrossCuttingPerspective, SKOS.Concept} <= set(g.objects(c, RDF.type))


@pytest.mark.parametrize("stem", STEMS)
def test_swedish_labels_are_the_documents_words(stem, sources, graphs):
    """Every word of an @sv label of a resource the document states occurs in the document proper
    (a fact from outside the document is labelled in samsyn's own words: it says where it is from)."""
    text = sources[stem].proper.lower()
    g = graphs[stem]
    for s in minted(g) - set(g.subjects(RDF.type, SAM.OutsideFact)):
        for lbl in g.objects(s, RDFS.label):
            if lbl.language != "sv":
                continue
            for word in norm(lbl).split(" "):
                w = word.strip(",.:;()").lower()
                assert not w or w in text, f"{s}: {word!r} of {str(lbl)!r} is not in {stem}"


@pytest.mark.parametrize("stem", STEMS)
def test_the_issuing_organisation(stem, graphs):
    g = graphs[stem]
    cls, sv, en, code = ORGS[stem]
    o = iri(stem)
    assert set(g.objects(o, RDF.type)) == {cls}
    assert set(g.objects(o, RDFS.label)) == {Literal(sv, lang="sv"), Literal(en, lang="en")}
    assert list(g.objects(o, SAM.officialCode)) == [Literal(code)]
    assert list(g.objects(o, SAM.country)) == [Literal("SE")]


@pytest.mark.parametrize("stem", STEMS)
def test_iris_sit_under_their_organisation(stem, graphs):
    g = graphs[stem]
    where = {SAM.Goal: "goal", SAM.PriorityArea: "priority-area", SAM.Activity: "activity",
             SAM.Partnership: "partnership", SAM.OrganisationalUnit: "unit", SAM.Strategy: "strategy",
             SAM.Rule: "rule", SAM.ReportingLine: "reporting-line", SAM.Mandate: "mandate",
             SAM.Agreement: "agreement", SAM.FundingSource: "funding-source", SAM.TargetGroup: "target-group",
             ORG.Membership: "membership", SAM.OutsideFact: "outside-fact"}
    for cls, seg in where.items():
        for s in g.subjects(RDF.type, cls):
            assert local(s).startswith(f"{stem}/{seg}/"), s
    for u in g.subjects(RDF.type, SAM.OrganisationalUnit):
        assert list(g.objects(u, ORG.unitOf)) == [iri(stem)], u


@pytest.mark.parametrize("stem", STEMS)
def test_partnerships_and_partners(stem, graphs):
    g = graphs[stem]
    for p in g.subjects(RDF.type, SAM.Partnership):
        kinds = list(g.objects(p, SAM.partnershipKind))
        assert len(kinds) == 1 and kinds[0] in KINDS, p
        partners = list(g.objects(p, SAM.partner))
        assert partners, p
        for o in partners:
            assert local(o).startswith("org/"), o
    for o in set(g.objects(None, SAM.partner)) | set(g.objects(None, SAM.performer)):
        if local(o).startswith("org/"):
            types = set(g.objects(o, RDF.type))
            assert types & {SAM.Organisation, SAM.Municipality, SAM.Region}, o
            (country,) = g.objects(o, SAM.country)
            assert re.fullmatch(r"[A-Z]{2}", str(country)), o


def test_shared_external_organisations_are_declared_identically(graphs):
    seen: dict[URIRef, tuple[str, set]] = {}
    for stem, g in graphs.items():
        for s in minted(g):
            if local(s).startswith("org/"):
                triples = set(g.predicate_objects(s))
                if s in seen:
                    assert triples == seen[s][1], f"{s} differs between {seen[s][0]} and {stem}"
                else:
                    seen[s] = (stem, triples)
    assert URIRef(ID + "org/region-halland") in seen


@pytest.mark.parametrize("stem", STEMS)
def test_alignments_only_to_contract_concepts(stem, graphs):
    g = graphs[stem]
    for s, o in g.subject_objects(SAM.alignsWith):
        assert set(g.objects(s, RDF.type)) & {SAM.Goal, SAM.PriorityArea, SAM.Activity}, s
        assert local(o) in FRAMEWORK_CONCEPTS, (s, o)


@pytest.mark.parametrize("stem", STEMS)
def test_refers_to_and_considers(stem, graphs):
    g = graphs[stem]
    (strategy,) = g.subjects(RDF.type, SAM.Strategy)
    assert {local(o) for o in g.objects(strategy, SAM.refersTo)} == REFERS[stem]
    assert {local(o) for o in g.objects(strategy, SAM.considers)} == {f"perspective/{p}" for p in PERSPECTIVES[stem]}
    for o in g.objects(None, SAM.considers):
        assert local(o).startswith("perspective/")


def test_only_ronneby_and_orebro_keep_out_alignment_others(graphs):
    """Only the Ronneby table asserts alignments with framework concepts; the other four documents
    name frameworks only as a whole (sam:refersTo)."""
    for stem in ("hylte", "orebro-lans-landsting", "kungsbacka", "varmdo"):
        assert (None, SAM.alignsWith, None) not in graphs[stem], stem


@pytest.mark.parametrize("stem", STEMS)
def test_strategy_metadata(stem, graphs):
    g = graphs[stem]
    (s,) = g.subjects(RDF.type, SAM.Strategy)
    adopters = list(g.objects(s, SAM.adoptedBy))
    if stem == "orebro-lans-landsting":  # the document does not say who adopted it (issue 11)
        assert adopters == []
    else:
        (adopter,) = adopters
        assert (adopter, ORG.unitOf, iri(stem)) in g
    assert set(g.objects(s, DCTERMS.title)) == set(g.objects(s, RDFS.label))
    for p in (SAM.validFrom, SAM.validUntil):
        for v in g.objects(s, p):
            assert v.datatype in (XSD_GYEAR, XSD_GYEARMONTH, XSD_DATE)
    follow = list(g.objects(s, SAM.followUp))
    if stem == "kungsbacka":  # the Kungsbacka strategy says nothing about follow-up
        assert follow == []
    else:
        assert sorted(f.language for f in follow) == ["en", "sv"]
        (sv,) = [f for f in follow if f.language == "sv"]
        assert norm(sv) in {norm(t) for t in g.objects(s, SAM.sourceText)} or any(
            norm(sv) in norm(t) for t in g.objects(s, SAM.sourceText))


def test_periods_and_dates(graphs):
    def one(stem, p):
        (s,) = graphs[stem].subjects(RDF.type, SAM.Strategy)
        return [v.toPython() if v.datatype == XSD_DATE else str(v) for v in graphs[stem].objects(s, p)]

    # Ronneby p. 7: "gäller från september 2013 till" - to the month; the end year is an outside fact
    assert one("ronneby", SAM.validFrom) == ["2013-09"] and one("ronneby", SAM.validUntil) == ["2015"]
    assert one("kungsbacka", SAM.validFrom) == ["2014"] and one("kungsbacka", SAM.validUntil) == ["2020"]
    for stem in ("hylte", "orebro-lans-landsting", "varmdo"):
        assert one(stem, SAM.validFrom) == [] and one(stem, SAM.validUntil) == []
    assert [str(d) for d in one("varmdo", DCTERMS.issued)] == ["2009-03-04"]


def test_every_term_of_the_vocabulary_is_described_in_both_languages():
    """Extend, never rename: every sam: term (the ones issue 11 added included) has rdfs:label and
    rdfs:comment in Swedish and English and is defined by the vocabulary; a property has a domain
    or a range."""
    onto = Graph().parse(ROOT / "ontology" / "samsyn.ttl", format="turtle")
    ns = URIRef("https://w3id.org/samsyn/ns")
    terms = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(SAM))}
    assert {SAM[t] for t in CONTRACT_TERMS} <= terms
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            assert sorted(o.language for o in onto.objects(term, prop)) == ["en", "sv"], (term, prop)
        assert (term, RDFS.isDefinedBy, ns) in onto, term
        kinds = set(onto.objects(term, RDF.type))
        if kinds & {URIRef("http://www.w3.org/2002/07/owl#ObjectProperty"), URIRef("http://www.w3.org/2002/07/owl#DatatypeProperty")}:
            assert (term, RDFS.domain, None) in onto or (term, RDFS.range, None) in onto, term
