"""/validate: the SHACL report (shapes.validate: the contract shapes and the organisations' own
rules), grouped by severity and shape or by organisation and rule (?by=organisation, the default
when filtered), filtered by ?organisation= and ?rule=, messages in Swedish or English, each
finding linking to its entity and naming its rule."""

from __future__ import annotations

from flask import Blueprint, request

from samsyn.graph.documents import source_of
from samsyn.graph.named_queries import lookup
from samsyn.graph.vocabulary import compact
from samsyn.shapes import Finding, ValidationReport

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, twin

bp = Blueprint("validation", __name__)
GROUPINGS = ("severity", "organisation")


def _document(k, graph: str | None) -> dict:
    """The source document a finding's graph comes from: its title and source text, if known."""
    if not graph:
        return {"graphLabel": None, "source": None}
    source = source_of([graph], k.sources)
    title = source.title if source else compact(graph)
    return {"graphLabel": title, "source": f"/sources/{source.stem}" if source else None}


def organisation_of_graph(k) -> dict[str, str]:
    """named graph -> the organisation whose strategy it holds (the first by IRI)."""
    def compute() -> dict[str, str]:
        found: dict[str, str] = {}
        for row in sorted(lookup(k.store, "graph-organisations"), key=lambda r: (str(r.graph), str(r.organisation))):
            found.setdefault(str(row.graph), str(row.organisation))
        return found
    return k.cached("graph-organisations", compute)


@bp.route("/validate", defaults={"suffix": None})
@bp.route("/validate<any('.json'):suffix>")
def report(suffix):
    lang = i18n.current()
    organisation, rule = request.args.get("organisation") or None, request.args.get("rule") or None
    by = request.args.get("by")
    by = by if by in GROUPINGS else ("organisation" if organisation or rule else "severity")
    return twin("validate.html", lambda: _report_data(lang, organisation, rule, by), "/validate", "/validate.json",
                suffix, cache=True)


def _finding(k, f: Finding, lang: str, first: Finding) -> dict:
    return {"focus": f.focus_node, "label": f.label(lang), "page": entity_path(f.focus_node),
            "message": f.text(lang), "sameMessage": f.text(lang) == first.text(lang),
            "path": f.path, "pathLabel": k.label(f.path, lang) if f.path else None,
            "value": f.value, "graph": f.source_graph, **_document(k, f.source_graph)}


def _rule(f: Finding, lang: str) -> dict | None:
    if not f.rule:
        return None
    return {"iri": f.rule["iri"], "page": entity_path(f.rule["iri"]), "label": f.rule_label(lang),
            "quote": f.rule["quote"], "sourcePage": f.rule["page"], "strength": f.rule["strength"]}


def _shape_group(k, shape: str, findings: list[Finding], lang: str) -> dict:
    first = findings[0]
    return {"shape": shape, "name": first.name(lang), "message": first.text(lang), "severity": first.severity,
            "rule": _rule(first, lang), "findings": [_finding(k, f, lang, first) for f in findings]}


def _report_data(lang: str, organisation: str | None, rule: str | None, by: str) -> dict:
    k = knowledge()
    owner = organisation_of_graph(k)

    def organisation_of(f: Finding) -> str | None:
        return owner.get(f.source_graph or "")

    result = ValidationReport([f for f in k.validation().findings
                               if (organisation is None or organisation_of(f) == organisation)
                               and (rule is None or (f.rule or {}).get("iri") == rule)])
    groups = []
    for severity, shapes in result.grouped().items():
        shape_groups = [_shape_group(k, shape, findings, lang) for shape, findings in shapes.items()]
        groups.append({"severity": severity, "count": sum(len(s["findings"]) for s in shape_groups),
                       "shapes": shape_groups})
    by_organisation: dict[str | None, dict[str, list[Finding]]] = {}
    for f in result.findings:
        by_organisation.setdefault(organisation_of(f), {}).setdefault(f.shape, []).append(f)
    organisations = [{
        "organisation": org, "label": k.label(org, lang) if org else i18n.word("validate.noOrganisation", lang),
        "page": entity_path(org) if org else None, "count": sum(len(v) for v in shapes.values()),
        # the organisation's own rules first, then the contract shapes everyone is held to
        "rules": sorted((_shape_group(k, shape, findings, lang) for shape, findings in shapes.items()),
                        key=lambda g: (g["rule"] is None, g["severity"] != "Violation", g["name"])),
    } for org, shapes in sorted(by_organisation.items(), key=lambda item: (item[0] is None, item[0] or ""))]
    filters = {"organisation": organisation, "organisationLabel": k.label(organisation, lang) if organisation else None,
               "organisationPage": entity_path(organisation) if organisation else None,
               "rule": rule, "ruleLabel": k.label(rule, lang) if rule else None}
    return {"conforms": result.conforms, "counts": result.counts(), "by": by, "filters": filters,
            "groups": groups, "organisations": organisations, "report": result.to_json()}
