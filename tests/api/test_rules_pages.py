"""The organisations' own rules where people look (issue 11 item 4): /id/ORG and its JSON twin list
the rules with their findings and link to them, and draw the governance; /validate and its twin
group findings by organisation and rule and filter by ?organisation= and ?rule=."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

ID = "https://w3id.org/samsyn/id/"
RONNEBY = ID + "ronneby"
GOALS_RULE = ID + "ronneby/rule/prioriterade-mal-vagledande"


@pytest.fixture(scope="module")
def ronneby(app):
    return app.test_client().get("/id/ronneby.json").get_json()


def test_the_organisations_twin_lists_its_rules(ronneby):
    rules = {r["iri"][len(ID):]: r for r in ronneby["rules"]}
    assert len(rules) == 17  # test_data_rules.RULES: 8 checked, 9 not
    goals = rules["ronneby/rule/prioriterade-mal-vagledande"]
    assert goals["strength"] == "Binding" and goals["sourcePage"] == 4 and goals["checkable"] is True
    assert goals["quote"].startswith("De av Kommunfullmäktige antagna prioriterade mål")
    assert goals["findings"] == 4
    assert parse_qs(urlparse(goals["findingsLink"]).query) == {"organisation": [RONNEBY], "rule": [GOALS_RULE]}
    assert rules["ronneby/rule/tydlig-agare-och-utforare"]["findings"] == 1
    assert sum(r["findings"] or 0 for r in rules.values()) == 5
    unchecked = rules["ronneby/rule/tidigt-forankras"]
    assert unchecked["checkable"] is False and unchecked["findings"] is None and unchecked["why"]


def test_the_organisations_twin_draws_its_governance(ronneby):
    drawn = ronneby["governance"]
    nodes = {n["iri"][len(ID):]: n for n in drawn["nodes"]}
    edges = {(e["from"][len(ID):], e["to"][len(ID):], e["kind"]) for e in drawn["edges"]}
    # who sits on the steering group, where activities are reported, who decides what
    assert ("ronneby/unit/kommunstyrelsen", "ronneby/unit/internationella-styrgruppen", "member") in edges
    assert ("ronneby/reporting-line/avrapportering-i-chefsgruppen", "ronneby/unit/chefsgruppen", "reports") in edges
    assert ("ronneby/unit/kommunfullmaktige", "ronneby/mandate/kommunfullmaktige-antar-strategin", "decides") in edges
    assert nodes["ronneby/reporting-line/avrapportering-i-chefsgruppen"]["detail"].startswith("halvårsvis")
    # layered: every edge goes from a column to one further right, inside the picture
    x = {n["iri"]: n["x"] for n in drawn["nodes"]}
    assert all(x[e["from"]] < x[e["to"]] for e in drawn["edges"])
    assert all(0 <= n["x"] and n["x"] + n["w"] <= drawn["width"] and n["y"] + n["h"] <= drawn["height"]
               for n in drawn["nodes"])
    kungsbacka_seats = [e for e in drawn["edges"] if e["kind"] == "member" and e["label"]]
    assert [e["label"] for e in kungsbacka_seats] == ["2 platser"]


def test_the_organisations_page_shows_rules_and_drawing(client):
    html = client.get("/id/ronneby").get_data(as_text=True)
    assert 'id="rules-table"' in html and html.count('class="rule strength-') == 17
    assert 'href="/validate?organisation=https%3A%2F%2Fw3id.org%2Fsamsyn%2Fid%2Fronneby&amp;rule=' in html
    assert '<svg class="governance"' in html and "<script" not in html.split('id="governance"')[1].split("</section>")[0]


def test_other_entities_have_no_rules(client):
    data = client.get("/id/ronneby/activity/utbyten.json").get_json()
    assert "rules" not in data and "governance" not in data


def test_validation_grouped_by_organisation_and_rule(client):
    data = client.get("/validate.json?by=organisation").get_json()
    assert data["by"] == "organisation"
    counts = {o["organisation"][len(ID):]: o["count"] for o in data["organisations"]}
    assert sum(counts.values()) == len(data["report"]["findings"])
    ronneby = next(o for o in data["organisations"] if o["organisation"] == RONNEBY)
    named = [g for g in ronneby["rules"] if g["rule"]]
    assert {g["rule"]["iri"] for g in named} == {GOALS_RULE, ID + "ronneby/rule/tydlig-agare-och-utforare"}
    assert ronneby["rules"][:len(named)] == named  # its own rules first, then the contract shapes
    assert sum(len(g["findings"]) for g in named) == 5
    assert client.get("/validate.json").get_json()["by"] == "severity"


def test_validation_filters_by_organisation_and_rule(client):
    data = client.get("/validate.json", query_string={"organisation": RONNEBY, "rule": GOALS_RULE}).get_json()
    assert data["by"] == "organisation" and data["filters"]["rule"] == GOALS_RULE
    assert {f["focus_node"][len(ID):] for f in data["report"]["findings"]} == {
        "ronneby/activity/omvarldsbevakning", "ronneby/activity/utvecklingsprojekt", "ronneby/activity/utbyten",
        "ronneby/activity/vanortssamarbete"}
    assert all(f["rule"]["iri"] == GOALS_RULE for f in data["report"]["findings"])
    only_varmdo = client.get("/validate.json", query_string={"organisation": ID + "varmdo"}).get_json()
    assert {o["organisation"] for o in only_varmdo["organisations"]} == {ID + "varmdo"}
    html = client.get("/validate", query_string={"organisation": RONNEBY, "rule": GOALS_RULE}).get_data(as_text=True)
    assert 'id="validate-filters"' in html and 'id="by-organisation"' in html and "Omvärldsbevakning" in html
