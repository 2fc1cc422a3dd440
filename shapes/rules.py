"""Naming the rule behind each finding: a shape of rules.ttl checks a sam:Rule of the data
(sam:checkedBy), and its findings carry that rule's IRI, words, quote, page and strength."""

from __future__ import annotations

from dataclasses import replace

from samsyn.graph.named_queries import lookup
from samsyn.graph.results import term_value
from samsyn.graph.store import Store

from .report import Finding


def rules_by_shape(store: Store) -> dict[str, dict]:
    """shape IRI -> the rule it checks (the first by IRI where two rules share a shape)."""
    rules: dict[str, dict] = {}
    for row in sorted(lookup(store, "rules-checked-by"), key=lambda r: (str(r.shape), str(r.rule))):
        rule = rules.setdefault(str(row.shape), {"iri": str(row.rule), "label": {}, "quote": None, "page": None,
                                                 "strength": None})
        if rule["iri"] != str(row.rule):
            continue
        if row.label is not None:
            rule["label"][row.label.language or ""] = str(row.label)
        rule["quote"] = rule["quote"] or term_value(row.quote)
        rule["page"] = rule["page"] or term_value(row.page)
        rule["strength"] = rule["strength"] or (str(row.strength).rsplit("#", 1)[-1] if row.strength else None)
    return rules


def name_rules(store: Store, findings: list[Finding]) -> list[Finding]:
    """The findings, each of a rule shape naming its rule."""
    rules = rules_by_shape(store)
    return [replace(f, rule=rules[f.shape]) if f.shape in rules else f for f in findings]
