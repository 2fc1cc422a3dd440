"""`samsyn validate` on the bundled data: the only violations are the activities whose owner the
documents leave unnamed and those no sentence ties to a goal or area (test_data_activities.OWNERLESS
and UNTIED, each with the reason quoted), and the organisations' own rules' findings
(test_data_rules.RULE_FINDINGS: Ronneby's violations, Värmdö's warnings), each naming its rule."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from samsyn_data_helpers import ID, ROOT
from test_data_activities import OWNERLESS, UNTIED
from test_data_rules import RULE_FINDINGS


def samsyn_command() -> list[str]:
    script = Path(sys.executable).parent / "samsyn"
    if script.exists():
        return [str(script)]
    found = shutil.which("samsyn")
    if found:
        return [found]
    return [sys.executable, "-m", "graph.cli"]


@pytest.fixture(scope="module")
def report():
    run = subprocess.run([*samsyn_command(), "validate", "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 1, run.stderr  # 1: violations found
    return json.loads(run.stdout)


RULE_SHAPES = {shape for shape, _, _ in RULE_FINDINGS}
RULE_VIOLATIONS = [(shape, focus) for shape, focus, severity in RULE_FINDINGS if severity == "Violation"]


def test_violations_are_exactly_the_ownerless_and_the_untied_activities_and_the_rules(report):
    violations = [(f["shape"].rsplit("#", 1)[1], f["focus_node"][len(ID):])
                  for f in report["findings"] if f["severity"] == "Violation"]
    assert report["conforms"] is False
    assert sorted(violations) == sorted([("ActivityShape-owner", a) for a in OWNERLESS]
                                        + [("ActivityShape-contributesTo", a) for a in UNTIED] + RULE_VIOLATIONS)
    assert report["counts"]["Violation"] == len(OWNERLESS) + len(UNTIED) + len(RULE_VIOLATIONS)


def test_the_rules_findings_are_exactly_those_the_documents_leave(report):
    found = {(f["shape"].rsplit("#", 1)[1], f["focus_node"][len(ID):], f["severity"])
             for f in report["findings"] if f["rule"]}
    assert found == RULE_FINDINGS
    assert sum(1 for _, focus, s in found if s == "Violation" and focus.startswith("ronneby/")) == 5
    assert sum(1 for _, focus, s in found if s == "Warning" and focus.startswith("varmdo/")) == 5


def test_each_rule_finding_names_its_rule_with_quote_and_page(report):
    for f in report["findings"]:
        if f["shape"].rsplit("#", 1)[1] in RULE_SHAPES:
            rule = f["rule"]
            assert rule and rule["iri"].startswith(ID + f["focus_node"][len(ID):].split("/", 1)[0] + "/rule/"), f
            assert rule["quote"] and set(rule["label"]) == {"sv", "en"}, f
            assert isinstance(rule["page"], int) or f["focus_node"].startswith(ID + "varmdo/"), f  # Värmdö's has no pages
            assert rule["strength"] == {"Violation": "Binding", "Warning": "Advisory"}[f["severity"]], f
        else:
            assert f["rule"] is None, f


def test_the_text_report_names_the_rule_in_each_language():
    for lang, word, page in (("sv", "Regel", "s. 4"), ("en", "Rule", "p. 4")):
        run = subprocess.run([*samsyn_command(), "validate", "--lang", lang], cwd=ROOT,
                             capture_output=True, text=True, timeout=240)
        assert f'{word}: "' in run.stdout and f"({page})  <{ID}ronneby/rule/tydlig-agare-och-utforare>" in run.stdout


def test_each_violation_is_reported_in_its_documents_graph(report):
    for f in report["findings"]:
        stem = f["focus_node"][len(ID):].split("/", 1)[0]
        assert f["source_graph"] == f"https://w3id.org/samsyn/graph/strategies/{stem}", f


def test_warnings_are_only_for_what_the_documents_leave_open(report):
    """Warnings do not fail validation; they are the activities without a named performer and the
    priority areas the documents tie to no goal and no framework (Kungsbacka's grundpelare,
    Värmdö's nyckelområden). No label, source-text or statedIn warnings."""
    shapes = {f["shape"].rsplit("#", 1)[1] for f in report["findings"] if f["severity"] == "Warning"}
    assert shapes <= {"ActivityShape-performer", "PriorityAreaShape", "Varmdo-delta-i-natverk", "Varmdo-nyckelomraden"}
    loose = {f["focus_node"][len(ID):] for f in report["findings"] if f["shape"].endswith("#PriorityAreaShape")}
    assert {a.split("/")[0] for a in loose} <= {"kungsbacka", "varmdo"}
