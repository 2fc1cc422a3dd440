"""Per strategy, the goals, priority areas and partnerships are exactly what the document lists.

Each expectation quotes the sentence(s) that give the count. Slugs are listed, not only counted,
so that a renamed or a missing resource fails with a readable diff."""

from __future__ import annotations

import pytest
from rdflib import RDF

from samsyn_data_helpers import SAM, STEMS, iri, local

EXPECTED = {
    "ronneby": {
        # p. 3: "Ronneby kommuns internationella arbete har fyra övergripande mål för att uppnå det
        # definierade syftet: ..." (4), and p. 4: "... insatser som bidrar till målen för Fler jobb,
        # Attraktivt boende, En bra skola, En bra omsorg, En bra socialtjänst, En bra miljö och
        # Kultur- och fritid." (7: the Council's prioritised goals, the table's first column).
        "goal": {
            "bidra-till-visioner-och-mal", "transparent-och-till-gagn", "okad-kunskap", "elever-som-varldsmedborgare",
            "fler-jobb", "attraktivt-boende", "en-bra-skola", "en-bra-omsorg", "en-bra-socialtjanst",
            "en-bra-miljo", "kultur-och-fritid",
        },
        # p. 4: "De övergripande målen skapar tillsammans fem stycken prioriterade områden"
        "priority-area": {"hallbara-stader", "aktivt-aldrande", "den-moderna-kurorten", "unga-pa-vag",
                          "minskat-utanforskap"},
        # p. 6: "vänorts- och samarbetsavtal med de sex orterna Mänttä-Vilppula i Finland, Höyanger i
        # Norge, Steglitz-Zehlendorf och Schopfheim i Tyskland, Elblag i Polen och Slavsk i Ryssland"
        # (6); "Region Blekinge och Småland-Blekinges Brysselkontor erbjuder ..." (2); "Eurocities är
        # en internationell organisation där Ronneby kommun har varit medlemmar sedan 1995" (1).
        "partnership": {
            "vanort-mantta-vilppula", "vanort-hoyanger", "vanort-steglitz-zehlendorf", "vanort-schopfheim",
            "vanort-elblag", "vanort-slavsk", "region-blekinge", "smaland-blekinges-brysselkontor", "eurocities",
        },
        # p. 6: "Arbetet sker genom omvärldsbevakning, utvecklingsprojekt, utbyten och
        # vänortssamarbete." (4) and the Eurocities membership in Knowledge Society Forum (1).
        "activity": {"omvarldsbevakning", "utvecklingsprojekt", "utbyten", "vanortssamarbete",
                     "eurocities-knowledge-society-forum"},
        # p. 6-7, and the steering group's members (p. 6: "Styrgruppen består av två företrädare från
        # kommunstyrelsen, kommunfullmäktiges ordförande, kommundirektören, chefen för samordning,
        # utveckling och sekretariat samt den internationella samordnaren"): three posts more.
        "unit": {"kommunfullmaktige", "presidiet", "kommunstyrelsen", "namnderna", "forvaltningarna",
                 "kommunala-bolagen", "internationella-styrgruppen", "chefsgruppen", "internationella-samordnaren",
                 "kontaktpersoner", "kommunfullmaktiges-ordforande", "kommundirektoren",
                 "chefen-for-samordning-utveckling-och-sekretariat"},
    },
    "hylte": {
        # p. 4: "De mål som Hylte kommun har med internationellt arbete anges i policyn." - Strategiskt
        # och integrerat, Mervärden, Förståelse och integration (3); p. 5: "Utöver målen i policyn för
        # internationellt arbete lade kommunfullmäktige vid framtagandet av riktlinjerna till följande
        # mål: Miljö och klimat" (1).
        "goal": {"strategiskt-och-integrerat", "mervarden", "forstaelse-och-integration", "miljo-och-klimat"},
        # The guidelines name no priority areas; section 6's "delar" are encoded as activities.
        "priority-area": set(),
        # p. 6: "Kommunen har två vänorter, Lihula i Estland och Piecki i Polen." (2);
        # "Samarbetsorganisationer Europa Direkt Halland ..." (1).
        "partnership": {"vanort-lihula", "vanort-piecki", "europa-direkt-halland"},
        # p. 6: "Hylte kommuns internationella arbete innebär utifrån detta framför allt följande delar:"
        # Vänorter, Samarbetsorganisationer, Omvärldsbevakning, Internationella samarbetsprojekt,
        # Internationella besök, Information och kommunikation (6).
        "activity": {"vanortsutbyte", "samverkan-med-europa-direkt-halland", "omvarldsbevakning",
                     "internationella-samarbetsprojekt", "internationella-besok", "information-och-kommunikation"},
        # The "internationell samordnare" appears only among "Interna målgrupper" (p. 4): a target
        # group now, not a unit.
        "unit": {"kommunfullmaktige", "kommunstyrelsen", "kommunstyrelsens-arbetsutskott",
                 "kommunstyrelsens-vice-ordforande", "namnderna", "bostadsstiftelsen", "ordforandeberedning"},
    },
    "orebro-lans-landsting": {
        # p. 4: "Målen för landstingets internationella engagemang är i likhet med dem för EU:s
        # sammanhållningspolitik att: öka samhörigheten minska skillnaderna mellan medlemsländerna
        # skapa förutsättningar för utveckling skapa sysselsättning." (4)
        "goal": {"oka-samhorigheten", "minska-skillnaderna-mellan-medlemslanderna",
                 "skapa-forutsattningar-for-utveckling", "skapa-sysselsattning"},
        # p. 4: "Detta ska ske genom att:" Hävda ..., Knyta och förmedla ..., Delta ..., Ge ...,
        # Tillvarata ... (5 means; see docs/data.md for the reconstruction).
        "priority-area": {"havda-intressen", "knyta-och-formedla-kontakter", "internationellt-utvecklingssamarbete",
                          "nya-kunskaper-och-erfarenheter", "verksamhetsutveckling"},
        # p. 5: "Genom samverkan med Regionförbundet Örebro län har landstinget till sitt förfogande
        # Central Sweden ideell förening med dess kontor vid EU i Bryssel." (2); p. 7: "Fellingsbro
        # folkhögskola besöker sin systerskola i Tanzania." (1)
        "partnership": {"central-sweden", "regionforbundet-orebro-lan", "fellingsbro-kibaha"},
        "activity": {"arbete-i-internationella-politiska-organisationer", "samrad-och-bevakning",
                     "officiella-kontakter", "kompetensutveckling", "besok-hos-systerskolan-i-kibaha"},
        "unit": {"landstingsfullmaktige", "landstingsstyrelsen", "namnden-for-tillvaxt-kultur-och-bildning",
                 "ledningskansliet", "forvaltningschefer", "namnder-och-styrelser", "fellingsbro-folkhogskola"},
    },
    "kungsbacka": {
        # No goals section; "Syftet med det internationella arbetet är att bidra till att utveckla och
        # skapa nytta för kommunens verksamheter ..." is its one goal.
        "goal": {"utveckla-och-skapa-nytta-for-verksamheterna"},
        # "Kungsbackas internationella strategi omfattar tre grundpelare:"
        "priority-area": {"internationella-kontakter", "omvarlds-och-intressebevakning",
                          "transnationella-utvecklingsprojekt"},
        # "... sker i det löpande arbetet i alla verksamhetsområden i samverkan med GR och Region Halland."
        "partnership": {"goteborgsregionen", "region-halland"},
        "activity": {"kontinuerlig-omvarldsbevakning", "kontakter-med-strategiska-partners"},
        "unit": {"kommunfullmaktige", "kommunstyrelsen", "namnder", "kommundirektoren", "forvaltningarna",
                 "kommunstyrelsens-forvaltning"},
    },
    "varmdo": {
        # "Värmdö kommuns internationella arbete har till syfte att dels främja den lokala/regionala
        # utvecklingen samt dels att utveckla och effektivisera kommunens egna verksamheter. Dessutom är
        # syftet att hitta nya sätt att aktivera medborgarna ..." (3; no separate goals section)
        "goal": {"framja-lokal-regional-utveckling", "utveckla-och-effektivisera-verksamheterna",
                 "aktivera-medborgarna"},
        # "Den strategiska övergripande inriktningen för utbyten och samarbete bör bygga på följande
        # gemensamma nämnare:" followed by seven bullets (Nyckelområden).
        "priority-area": {"tillvaxtkommun-nara-storstadsregion", "medborgardialog-och-demokrati",
                          "hallbar-tillvaxt-och-miljoinnovativa-fragor", "ostersjosamarbete-batliv-och-turism",
                          "foretagande-social-ekonomi-kultur-konst", "familj-barn-och-ungdomsfragor",
                          "funktionshindrade-lagstiftning"},
        # "Viks skolas vänskola Santa Isabel i Nicaragua" (1)
        "partnership": {"viks-skola-santa-isabel"},
        # "Det internationella arbetet kan sägas utgöra tre delar." (3) + networks + youth exchange
        "activity": {"studiebesok", "vanortssamarbete", "samverkansprojekt", "natverk-med-internationellt-fokus",
                     "utbyte-mellan-barn-och-ungdomar"},
        "unit": {"kommunfullmaktige", "kommunstyrelsen", "kommunstyrelsens-presidium", "namnder-och-styrelser",
                 "namnderna", "kansli-och-utredningsavdelningen", "kontaktpersoner", "natverket-arbetsgruppen",
                 "skolorna"},  # Viks skola (a photo caption) is not said to be Värmdö's: not a unit
    },
}

CLASSES = {"goal": SAM.Goal, "priority-area": SAM.PriorityArea, "partnership": SAM.Partnership,
           "activity": SAM.Activity, "unit": SAM.OrganisationalUnit}


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("kind", list(CLASSES))
def test_resources_are_what_the_document_lists(stem, kind, graphs):
    g = graphs[stem]
    found = {local(s) for s in g.subjects(RDF.type, CLASSES[kind])}
    assert found == {f"{stem}/{kind}/{slug}" for slug in EXPECTED[stem][kind]}


def test_the_headline_counts():
    counts = {stem: {k: len(v) for k, v in e.items()} for stem, e in EXPECTED.items()}
    assert counts["ronneby"] == {"goal": 11, "priority-area": 5, "partnership": 9, "activity": 5, "unit": 13}
    assert counts["hylte"] == {"goal": 4, "priority-area": 0, "partnership": 3, "activity": 6, "unit": 7}
    assert counts["orebro-lans-landsting"] == {"goal": 4, "priority-area": 5, "partnership": 3, "activity": 5,
                                               "unit": 7}
    assert counts["kungsbacka"] == {"goal": 1, "priority-area": 3, "partnership": 2, "activity": 2, "unit": 6}
    assert counts["varmdo"] == {"goal": 3, "priority-area": 7, "partnership": 1, "activity": 5, "unit": 9}


@pytest.mark.parametrize("stem", STEMS)
def test_one_strategy_and_one_issuer_per_file(stem, graphs):
    g = graphs[stem]
    strategies = list(g.subjects(RDF.type, SAM.Strategy))
    assert len(strategies) == 1
    assert list(g.objects(strategies[0], SAM.issuedBy)) == [iri(stem)]
    for kind in ("goal", "priority-area", "partnership", "activity"):
        for s in g.subjects(RDF.type, CLASSES[kind]):
            assert list(g.objects(s, SAM.statedIn)) == strategies, s
