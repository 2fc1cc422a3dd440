"""/workbook and /workbook.json: check a workbook with nothing saved (problems by sheet and row,
SHACL findings, coverage row and alignments), publish it with the write token into the sources
folder (the previous file kept and restorable), CSRF and token refusals."""

from __future__ import annotations

from pathlib import Path


from samsyn.graph.building import build
from workbook_edits import BROKEN, EXAMPLE, edited

TOKEN = "a-long-enough-write-token-for-tests"
RONNEBY = "https://w3id.org/samsyn/id/ronneby"


def _csrf(client) -> str:
    return client.get("/workbook.json").get_json()["csrf"]


def _post(client, path: Path | None, url: str = "/workbook.json", **form):
    data = {"csrf": _csrf(client), **form}
    if path is not None:
        data["workbook"] = (path.open("rb"), "whatever.xlsx")
    return client.post(url, data=data, content_type="multipart/form-data")


def test_the_page_offers_the_form_and_says_publishing_is_off(client):
    page = client.get("/workbook")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="csrf"' in html and 'type="file"' in html and "/static/js/workbook.js" in html
    assert "--write-token-file" in html
    assert client.get("/workbook.json").get_json()["publishing"] is False


def test_post_without_the_csrf_token_is_400(client):
    client.get("/workbook")
    answer = client.post("/workbook.json", data={"workbook": (EXAMPLE.open("rb"), "x.xlsx")},
                         content_type="multipart/form-data")
    assert answer.status_code == 400
    answer = client.post("/workbook.json", data={"csrf": "forged", "workbook": (EXAMPLE.open("rb"), "x.xlsx")},
                         content_type="multipart/form-data")
    assert answer.status_code == 400


def test_a_broken_workbook_lists_its_problems_by_sheet_and_row(client, tmp_path):
    answer = _post(client, edited(tmp_path / "b.xlsx", BROKEN))
    assert answer.status_code == 422
    problems = answer.get_json()["result"]["problems"]
    assert {(p["sheet"], p["value"]) for p in problems} == {("Aktiviteter", "no-such-area"),
                                                           ("Handlingsplaner", "spring 2014")}
    assert all(p["row"] and p["expected"] and p["action"] for p in problems)


def test_a_good_workbook_previews_findings_coverage_and_alignments(client):
    answer = _post(client, EXAMPLE)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    result = answer.get_json()["result"]
    assert result["problems"] == [] and result["organisation"] == RONNEBY
    assert result["coverage"] and all(row["concept"].startswith("https://w3id.org/samsyn/id/") for row in result["coverage"])
    assert any(a["to"].startswith("https://w3id.org/samsyn/id/eu2020/") for a in result["alignments"])
    assert isinstance(result["findings"], list)
    assert result["published"] is None


def test_an_oversized_upload_is_refused(make_app, bundled_store, tmp_path):
    small = make_app(bundled_store, WORKBOOK_MAX_BYTES=1000).test_client()
    assert _post(small, EXAMPLE).status_code == 413


def test_labels_with_markup_render_as_text(client, tmp_path):
    hostile = edited(tmp_path / "h.xlsx", {
        ("Aktiviteter", "eurocities-knowledge-society-forum", "namn (sv)"): "<script>alert(1)</script>",
        ("Aktiviteter", "eurocities-knowledge-society-forum", "namn (en)"): "<script>alert(2)</script>",
        ("Aktiviteter", "eurocities-knowledge-society-forum", "bidrar till"): "<img src=x onerror=alert(3)>"})
    html = client.post("/workbook?lang=en", data={"csrf": _csrf(client), "workbook": (hostile.open("rb"), "h.xlsx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(3)&gt;" in html


def test_publishing_refused_without_token_config_or_folder(client, make_app, bundled_store):
    assert _post(client, EXAMPLE, action="publish", token=TOKEN).status_code == 403
    bundled_only = make_app(bundled_store, WRITE_TOKEN=TOKEN).test_client()
    refused = _post(bundled_only, EXAMPLE, action="publish", token=TOKEN, url="/workbook.json?lang=en")
    assert refused.status_code == 409 and "--source FOLDER" in refused.get_json()["message"]


def test_publish_replaces_the_source_keeps_the_old_and_restores_it(make_app, folder):
    app = make_app(build([folder]), [folder], WRITE_TOKEN=TOKEN)
    client = app.test_client()
    before = client.get("/index.json").get_json()
    assert _post(client, EXAMPLE, action="publish", token="wrong-token").status_code == 403
    assert (folder / "ronneby.ttl").exists() and not (folder / "ronneby.xlsx").exists()

    answer = _post(client, EXAMPLE, action="publish", token=TOKEN)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    assert "ronneby.xlsx" in answer.get_json()["result"]["published"]
    assert (folder / "ronneby.xlsx").read_bytes() == EXAMPLE.read_bytes()
    assert not (folder / "ronneby.ttl").exists()
    kept = answer.get_json()["versions"]
    assert [v["suffix"] for v in kept] == [".ttl"] and (folder / ".versions" / kept[0]["name"]).exists()
    assert sorted(p.name for p in folder.iterdir()) == [".versions", "hylte.ttl", "kungsbacka.ttl",
                                                       "orebro-lans-landsting.ttl", "ronneby.xlsx", "varmdo.ttl"]
    after = client.get("/index.json").get_json()
    assert after != before  # the served graph is the rebuilt one
    assert app.extensions["samsyn"].knowledge.exists(
        "https://w3id.org/samsyn/id/ronneby/action-plan/kultur-och-fritid-2014")

    restored = client.post("/workbook.json", data={"csrf": _csrf(client), "action": "restore", "token": TOKEN,
                                                   "version": kept[0]["name"]})
    assert restored.status_code == 200, restored.get_data(as_text=True)[:500]
    assert (folder / "ronneby.ttl").exists() and not (folder / "ronneby.xlsx").exists()
    assert client.get("/index.json").get_json() == before
    assert not app.extensions["samsyn"].knowledge.exists(
        "https://w3id.org/samsyn/id/ronneby/action-plan/kultur-och-fritid-2014")


def test_restore_refuses_names_not_in_the_versions_folder(make_app, folder):
    client = make_app(build([folder]), [folder], WRITE_TOKEN=TOKEN).test_client()
    for name in ("../ronneby.ttl", "/etc/passwd", "ronneby-20990101T000000000000.ttl"):
        answer = client.post("/workbook.json", data={"csrf": _csrf(client), "action": "restore", "token": TOKEN,
                                                     "version": name})
        assert answer.status_code == 400
    assert sorted(p.name for p in folder.iterdir())[0] == "hylte.ttl"
