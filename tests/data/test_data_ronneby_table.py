"""The Ronneby page-5 table, rebuilt row by row.

The PDF-to-text step flattened the table (Övergripande mål | Prioriterade områden | Europa 2020 |
EU:s strategi för Östersjöregionen | Blekingestrategin) into one run of words. ROWS below is the
reading argued in docs/data.md; the first test proves that the reading re-flattens to exactly the
text of page 5, so no word is dropped, added or moved. The other tests hold the graph to the rows.
"""

from __future__ import annotations

from rdflib import URIRef

from samsyn_data_helpers import ID, SAM, iri, norm

HEADER = "Övergripande mål Prioriterade områden Europa 2020 EU:s strategi för Östersjöregionen Blekingestrategin"
IMPL = "Östersjöstrategin bidrar till implementeringen av Europa 2020 strategin"

# (goal cells, priority area, Europa 2020 cell, Östersjö cell, Blekingestrategin cell)
ROWS = [
    (["Attraktivt boende", "En bra miljö"], "Hållbara städer", "Ett resurseffektivt Europa",
     "Klart vatten i havet/anpassning till klimatförändringarna", "Livskvalitet/ Tillgänglighet"),
    (["En bra omsorg"], "Aktivt åldrande", "En digital agenda för Europa", IMPL, "Livskvalitet"),
    (["Kultur- och fritid", "Fler jobb"], "Den moderna kurorten", "Agenda för ny kompetens och nya arbetstillfällen",
     "Sammanlänka människor i regionen " + IMPL, "Arbetsliv/ livskvalitet/ bilden av Blekinge"),
    (["En bra skola"], "Unga på väg", "Unga på väg", "Sammanlänka människor i regionen", "Arbetsliv/ Livskvalitet"),
    (["En bra socialtjänst"], "Minskat utanförskap", "Plattform mot fattigdom", IMPL, "Livskvalitet"),
]

# the table's wording -> the contract's IRIs (the table words two flagships differently from the
# official Swedish names; they are still the flagships)
GOALS = {"Attraktivt boende": "attraktivt-boende", "En bra miljö": "en-bra-miljo", "En bra omsorg": "en-bra-omsorg",
         "Kultur- och fritid": "kultur-och-fritid", "Fler jobb": "fler-jobb", "En bra skola": "en-bra-skola",
         "En bra socialtjänst": "en-bra-socialtjanst"}
AREAS = {"Hållbara städer": "hallbara-stader", "Aktivt åldrande": "aktivt-aldrande",
         "Den moderna kurorten": "den-moderna-kurorten", "Unga på väg": "unga-pa-vag",
         "Minskat utanförskap": "minskat-utanforskap"}
FLAGSHIPS = {"Ett resurseffektivt Europa": "resource-efficient-europe",
             "En digital agenda för Europa": "digital-agenda-for-europe",
             "Agenda för ny kompetens och nya arbetstillfällen": "agenda-for-new-skills-and-jobs",
             "Unga på väg": "youth-on-the-move",
             "Plattform mot fattigdom": "european-platform-against-poverty"}
BALTIC = {"Klart vatten i havet/anpassning till klimatförändringarna": {"clear-water-in-the-sea",
                                                                        "climate-change-adaptation"},
          IMPL: {"implementing-europe-2020"},
          "Sammanlänka människor i regionen " + IMPL: {"connecting-people-in-the-region", "implementing-europe-2020"},
          "Sammanlänka människor i regionen": {"connecting-people-in-the-region"}}
BLEKINGE = {"livskvalitet": "livskvalitet", "tillgänglighet": "tillganglighet", "arbetsliv": "arbetsliv",
            "bilden av blekinge": "bilden-av-blekinge"}

# The expected alignments, written out in full: goal(s) -> area -> flagship -> sub-objectives -> focus areas
EXPECTED = {
    "hallbara-stader": ({"attraktivt-boende", "en-bra-miljo"}, {"resource-efficient-europe"},
                        {"clear-water-in-the-sea", "climate-change-adaptation"}, {"livskvalitet", "tillganglighet"}),
    "aktivt-aldrande": ({"en-bra-omsorg"}, {"digital-agenda-for-europe"}, {"implementing-europe-2020"},
                        {"livskvalitet"}),
    "den-moderna-kurorten": ({"kultur-och-fritid", "fler-jobb"}, {"agenda-for-new-skills-and-jobs"},
                             {"connecting-people-in-the-region", "implementing-europe-2020"},
                             {"arbetsliv", "livskvalitet", "bilden-av-blekinge"}),
    "unga-pa-vag": ({"en-bra-skola"}, {"youth-on-the-move"}, {"connecting-people-in-the-region"},
                    {"arbetsliv", "livskvalitet"}),
    "minskat-utanforskap": ({"en-bra-socialtjanst"}, {"european-platform-against-poverty"},
                            {"implementing-europe-2020"}, {"livskvalitet"}),
}


def flat(row) -> str:
    goals, area, e2020, baltic, blekinge = row
    return " ".join([*goals, area, e2020, baltic, blekinge])


def test_the_rows_reflatten_to_exactly_page_5(sources):
    page5 = sources["ronneby"].pages[5]
    assert page5 == norm("5 " + HEADER + " " + " ".join(flat(r) for r in ROWS) + " 5")


def test_each_cell_maps_to_the_contract_iris():
    for goals, area, e2020, baltic, blekinge in ROWS:
        slug = AREAS[area]
        exp_goals, exp_flag, exp_subs, exp_focus = EXPECTED[slug]
        assert {GOALS[x] for x in goals} == exp_goals
        assert {FLAGSHIPS[e2020]} == exp_flag
        assert BALTIC[baltic] == exp_subs
        assert {BLEKINGE[x.strip().lower()] for x in blekinge.split("/")} == exp_focus


def _split(objects):
    flag, subs, focus, other = set(), set(), set(), set()
    for o in objects:
        s = str(o)[len(ID):]
        if s.startswith("eu2020/flagship/"):
            flag.add(s.rsplit("/", 1)[1])
        elif s.startswith("eusbsr/sub-objective/"):
            subs.add(s.rsplit("/", 1)[1])
        elif s.startswith("blekingestrategin/focus-area/"):
            focus.add(s.rsplit("/", 1)[1])
        else:
            other.add(s)
    return flag, subs, focus, other


def test_the_graph_holds_exactly_the_five_rows(graphs):
    g = graphs["ronneby"]
    for slug, (exp_goals, exp_flag, exp_subs, exp_focus) in EXPECTED.items():
        area = iri(f"ronneby/priority-area/{slug}")
        served = {str(o).rsplit("/", 1)[1] for o in g.objects(area, SAM.servesGoal)}
        assert served == exp_goals, slug
        flag, subs, focus, other = _split(g.objects(area, SAM.alignsWith))
        assert (flag, subs, focus, other) == (exp_flag, exp_subs, exp_focus, set()), slug


def test_each_area_quotes_its_row_on_page_5(graphs):
    g = graphs["ronneby"]
    for row in ROWS:
        area = iri(f"ronneby/priority-area/{AREAS[row[1]]}")
        assert norm(flat(row)) in {norm(t) for t in g.objects(area, SAM.sourceText)}


def test_only_the_table_aligns_in_ronneby(graphs):
    """Nothing else in the Ronneby document asserts an alignment with a framework concept."""
    g = graphs["ronneby"]
    aligned = {str(s)[len(ID):] for s in g.subjects(SAM.alignsWith, None)}
    assert aligned == {f"ronneby/priority-area/{slug}" for slug in EXPECTED}
    assert set(g.objects(iri("ronneby/strategy/internationell-strategi-2013-2015"), SAM.refersTo)) == {
        URIRef(ID + "eu2020"), URIRef(ID + "eusbsr"), URIRef(ID + "blekingestrategin")}
