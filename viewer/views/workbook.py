"""/workbook: a strategist drops a workbook (docs/workbook.md) and sees, with nothing saved, its
problems by sheet and row, the SHACL findings on its organisation, and a preview of that
organisation's coverage row and alignments, computed on the bundled data with this workbook in
place of the organisation's source. With a write token (`samsyn serve --write-token-file`) and a
sources folder (`--source DIR`), an authorised user publishes it: it replaces the organisation's
source file, the previous one is kept under DIR/.versions and can be restored, and the served
graph is rebuilt and swapped in. Every POST carries the session's CSRF token."""

from __future__ import annotations

import hmac
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, make_response, render_template, request, session
from rdflib import Graph, URIRef, Variable
from rdflib.namespace import RDF, RDFS

from samsyn.graph.analysis import coverage
from samsyn.graph.building import build
from samsyn.graph.executor import QueryExecutor
from samsyn.graph.named_queries import lookup
from samsyn.graph.namespaces import GRAPH, ID, SAM
from samsyn.graph.sources import SOURCE_SUFFIXES, Source, SourceError, bundled_strategies, strategy_sources
from samsyn.graph.store import Store, StoreSpec
from samsyn.graph.text.suggested import add_suggestions
from samsyn.graph.workbook import WorkbookError, read_workbook
from samsyn.shapes import validate

from .. import i18n
from ..knowledge import Knowledge, entity_path
from ..web import knowledge, link_header, samsyn

bp = Blueprint("workbook", __name__)

#: the largest upload taken, as the workbook reader's own bound (graph.workbook.files.MAX_FILE_MB)
MAX_UPLOAD_BYTES = 20 << 20
VERSIONS = ".versions"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VERSION = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*)-(?P<stamp>\d{8}T\d{12})(?P<suffix>\.[a-z]+)$")
_PUBLISHING = threading.Lock()  # one publish or restore at a time: each rebuilds the whole graph



def word(key: str, lang: str, **values) -> str:
    """The page's own words live in i18n.WORDS under `workbook.`, with every other page's."""
    return i18n.word(f"workbook.{key}", lang, **values)


@bp.record_once
def _configure(state) -> None:
    app = state.app
    app.config.setdefault("WRITE_TOKEN", None)
    app.config.setdefault("WORKBOOK_MAX_BYTES", MAX_UPLOAD_BYTES)
    # the CSRF token lives in the signed session cookie; a key per process unless one is configured
    if not app.secret_key:
        app.secret_key = secrets.token_bytes(32)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")


# --- where published files go ------------------------------------------------------------------


def publish_folder() -> Path | None:
    """The one sources folder serve was given (--source DIR), resolved; None for the bundled data."""
    sources = current_app.config.get("SOURCES") or []
    if len(sources) != 1 or not Path(sources[0]).is_dir():
        return None
    return Path(sources[0]).resolve()


def _inside(folder: Path, name: str) -> Path:
    """folder/name, refused unless it resolves to a file directly in `folder`."""
    path = (folder / name).resolve()
    if path.parent != folder:
        abort(400, f"{name!r} is not a file of the sources folder")
    return path


def versions(folder: Path | None) -> list[dict]:
    if folder is None or not (folder / VERSIONS).is_dir():
        return []
    found = [m.groupdict() | {"name": p.name} for p in (folder / VERSIONS).iterdir()
             if (m := _VERSION.match(p.name)) and p.is_file()]
    return sorted(found, key=lambda v: (v["slug"], v["stamp"]), reverse=True)


# --- checking ----------------------------------------------------------------------------------


@dataclass
class Checked:
    """What a workbook gives: its problems, or its graph, organisation and the store built with it."""

    problems: list
    graph: Graph | None = None
    organisation: str | None = None
    slug: str | None = None
    store: Store | None = None
    staged: Path | None = None  # the workbook as <slug>.xlsx, what the store was built from


def _organisation_sources(store: Store, organisation: str, sources: list[Source]) -> list[Source]:
    graphs = {str(row[Variable("graph")]) for row in lookup(store, "strategy-graphs").bindings
              if str(row[Variable("organisation")]) == organisation}
    return [s for s in sources if str(s.graph_iri) in graphs]


def _current_sources() -> list[Source]:
    configured = current_app.config.get("SOURCES")
    return strategy_sources(configured) if configured else bundled_strategies()


def check(upload: Path, scratch: Path, lang: str) -> Checked:
    """Read the workbook; if it reads, build the graph with it in place of its organisation's source."""
    try:
        graph = read_workbook(upload, lang=lang)
    except WorkbookError as error:
        return Checked(problems=error.problems)
    issuers = sorted({str(o) for s in graph.subjects(RDF.type, SAM.Strategy) for o in graph.objects(s, SAM.issuedBy)})
    base = str(ID)
    if len(issuers) != 1 or not issuers[0].startswith(base) or not _SLUG.match(issuers[0][len(base):]):
        abort(422, "the workbook's strategy must be issued by exactly one organisation with a plain key")
    organisation = issuers[0]
    slug = organisation[len(base):]
    staged = scratch / f"{slug}.xlsx"
    shutil.copyfile(upload, staged)
    current = _current_sources()
    replaced = _organisation_sources(knowledge().store, organisation, current)
    others = [s.path for s in current if s not in replaced and s.graph_iri != GRAPH[f"strategies/{slug}"]]
    try:
        # no suggestions for a preview (the slowest step at scale): publishing adds them
        store = build([*others, staged], StoreSpec("oxigraph"), suggestions=False)
    except SourceError as error:
        abort(422, str(error))
    return Checked([], graph, organisation, slug, store, staged)


def _report(checked: Checked, lang: str) -> dict:
    """The page's data for a workbook that reads: findings, coverage row, alignments."""
    k = knowledge()
    org, slug = checked.organisation, checked.slug
    own = (str(GRAPH[f"strategies/{slug}"]), )
    findings = [f for f in validate(checked.store).findings
                if f.source_graph in own or f.focus_node == org or f.focus_node.startswith(f"{str(ID)}{slug}/")]
    labels = {str(s): str(o) for s, o in checked.graph.subject_objects(RDFS.label) if o.language == lang}

    def name(iri) -> str:
        return labels.get(str(iri)) or k.label(str(iri), lang)

    now = {r["concept"]: r for r in k.coverage() if r["organisation"] == org}
    row = [{"concept": r["concept"], "label": k.label(r["concept"], lang), "path": entity_path(r["concept"]),
            **{key: r[key] for key in ("goals", "priorityAreas", "activities")},
            "now": {key: now.get(r["concept"], {}).get(key, 0) for key in ("goals", "priorityAreas", "activities")}}
           for r in coverage(checked.store) if r["organisation"] == org]
    alignments = sorted(({"from": str(s), "fromLabel": name(s), "to": str(o), "toLabel": name(o),
                          "toPath": entity_path(str(o))}
                         for s, o in checked.graph.subject_objects(SAM.alignsWith) if isinstance(o, URIRef)),
                        key=lambda a: (a["fromLabel"].casefold(), a["toLabel"].casefold()))
    return {
        "organisation": org, "organisationLabel": name(URIRef(org)), "slug": slug,
        "findings": [{"severity": f.severity, "focus": f.focus_node, "label": f.label(lang), "message": f.text(lang),
                      "path": f.path, "value": f.value} for f in findings],
        "conforms": not any(f.severity == "Violation" for f in findings),
        "coverage": row,
        "alignments": alignments,
    }


# --- publishing --------------------------------------------------------------------------------


def _stamp() -> str:
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"{time.time_ns() // 1000 % 1_000_000:06d}"


def _swap_in(store: Store) -> None:
    """Serve `store` from now on: new knowledge (empty caches) and a new query process over it."""
    app = current_app
    state = samsyn()
    old = state.executor
    from .. import _source_text_dirs

    state.knowledge = Knowledge(store, _source_text_dirs(app.config))
    state.executor = QueryExecutor(store, timeout=app.config["QUERY_TIMEOUT"], limit=app.config["RESULT_LIMIT"],
                                   workers=app.config["QUERY_WORKERS"], memory_bytes=app.config["QUERY_MEMORY"])
    old.close()


def _replace(folder: Path, slug: str, new_file: Path, old_files: list[Path]) -> tuple[str, list[str]]:
    """new_file becomes folder/<slug><suffix>; the organisation's old files move to .versions."""
    target = _inside(folder, f"{slug}{new_file.suffix.lower()}")
    kept_dir = folder / VERSIONS
    kept_dir.mkdir(exist_ok=True)
    temporary = folder / f".{slug}.{secrets.token_hex(4)}.tmp"  # same folder: os.replace is atomic
    shutil.copyfile(new_file, temporary)
    kept = []
    try:
        for old in old_files:
            old = _inside(folder, old.name)
            name = f"{slug}-{_stamp()}{old.suffix.lower()}"
            if old == target:
                shutil.copy2(old, kept_dir / name)  # replaced in one step below
            else:
                os.replace(old, kept_dir / name)
            kept.append(name)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target.name, kept


def _authorise() -> None:
    """403 unless the server has a write token and the form carries it."""
    expected = current_app.config.get("WRITE_TOKEN")
    given = request.form.get("token", "")
    if not expected:
        abort(403, word("disabled", i18n.current()))
    if not hmac.compare_digest(given.encode(), expected.encode()):
        abort(403, "wrong or missing write token")


def _folder_or_refuse() -> Path:
    folder = publish_folder()
    if folder is None:
        abort(409, word("no-folder", i18n.current()))
    return folder


# --- the page ----------------------------------------------------------------------------------


def _csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _check_csrf() -> None:
    expected = session.get("csrf")
    given = request.form.get("csrf", "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        abort(400, "the form's CSRF token is missing or stale: reload the page and try again")


def _page_state(lang: str) -> dict:
    folder = publish_folder()
    return {"csrf": _csrf_token(), "publishing": bool(current_app.config.get("WRITE_TOKEN")),
            "folder": folder is not None, "versions": versions(folder), "maxBytes": current_app.config["WORKBOOK_MAX_BYTES"]}


def _respond(data: dict, suffix: str | None, status: int = 200):
    lang = i18n.current()
    if suffix:
        response = make_response(jsonify(data), status)
        response.headers["Link"] = link_header("/workbook", "text/html")
    else:
        response = make_response(render_template("workbook.html", data=data, json_url="/workbook.json",
                                                 w=lambda key, **v: word(key, lang, **v)), status)
        response.headers["Link"] = link_header("/workbook.json", "application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/workbook", defaults={"suffix": None}, methods=["GET", "POST"])
@bp.route("/workbook<any('.json'):suffix>", methods=["GET", "POST"])
def page(suffix):
    lang = i18n.current()
    if request.method == "GET":
        return _respond({**_page_state(lang), "result": None}, suffix)
    request.max_content_length = current_app.config["WORKBOOK_MAX_BYTES"]
    _check_csrf()
    action = request.form.get("action", "check")
    if action not in ("check", "publish", "restore"):
        abort(400, f"unknown action {action!r}: check, publish or restore")
    if action == "restore":
        return _respond({**_restore(lang), **_page_state(lang)}, suffix)
    if action == "publish":
        _authorise()
        _folder_or_refuse()
    upload = request.files.get("workbook")
    if upload is None or not upload.filename:
        abort(400, "no workbook in the form: choose an .xlsx file")
    with tempfile.TemporaryDirectory(prefix="samsyn-workbook-") as scratch:
        uploaded = Path(scratch) / "upload.xlsx"  # never the upload's own name
        upload.save(uploaded)
        staging = Path(scratch) / "staged"
        staging.mkdir()
        checked = check(uploaded, staging, lang)
        result: dict = {"problems": [p.as_dict(lang) for p in checked.problems], "published": None}
        if not checked.problems:
            result.update(_report(checked, lang))
            if action == "publish":
                result["published"] = _publish(checked, lang)
    # a check that finds problems worked: the page shows them (200); the JSON says 422 to a script
    return _respond({**_page_state(lang), "result": result}, suffix, 422 if checked.problems and suffix else 200)


def _publish(checked: Checked, lang: str) -> str:
    folder = _folder_or_refuse()
    with _PUBLISHING:
        current = _current_sources()
        old = [s.path for s in _organisation_sources(knowledge().store, checked.organisation, current)
               if s.path.resolve().parent == folder]
        old += [p for p in folder.glob(f"{checked.slug}.*") if p.suffix.lower() in SOURCE_SUFFIXES and p not in old]
        add_suggestions(checked.store.oxigraph())  # what every build has, before anyone reads it
        name, kept = _replace(folder, checked.slug, checked.staged, old)
        _swap_in(checked.store)
    return word("published", lang, file=name, previous=", ".join(kept) or "-")


def _restore(lang: str) -> dict:
    _authorise()
    folder = _folder_or_refuse()
    chosen = request.form.get("version", "")
    listed = {v["name"]: v for v in versions(folder)}
    if chosen not in listed:
        abort(400, f"no version {chosen!r} to restore")
    version = listed[chosen]
    with _PUBLISHING, tempfile.TemporaryDirectory(prefix="samsyn-restore-") as scratch:
        staged = Path(scratch) / f"{version['slug']}{version['suffix']}"
        shutil.copyfile(_inside(folder / VERSIONS, chosen), staged)
        current = _current_sources()
        old = [s.path for s in current if s.path.resolve().parent == folder and s.path.stem == version["slug"]]
        others = [s.path for s in current if s.path not in old]
        try:
            store = build([*others, staged], StoreSpec("oxigraph"))
        except SourceError as error:
            abort(422, str(error))
        name, _ = _replace(folder, version["slug"], staged, old)
        _swap_in(store)
    return {"result": {"problems": [], "published": word("restored", lang, file=name)}}
