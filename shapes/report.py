"""The validation report: findings grouped by severity and shape, each naming its focus node
by label and IRI and the source document it comes from; rendered as text, JSON or Turtle.
The CLI and the viewer render this same object."""

from __future__ import annotations

import json
from collections import defaultdict
import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from samsyn.graph.namespaces import SH

#: severity local name, most serious first
SEVERITIES = ("Violation", "Warning", "Info")

SEVERITY_NAMES = {
    "Violation": {"sv": "Överträdelser", "en": "Violations"},
    "Warning": {"sv": "Varningar", "en": "Warnings"},
    "Info": {"sv": "Information", "en": "Information"},
}


RULE_WORD = {"sv": "Regel", "en": "Rule"}
PAGE_WORD = {"sv": "s.", "en": "p."}


@dataclass(frozen=True)
class Finding:
    severity: str                 # Violation, Warning or Info
    shape: str                    # IRI of the (property) shape that failed
    shape_name: dict[str, str]    # lang -> sh:name
    constraint: str               # IRI of the constraint component
    focus_node: str               # IRI (or blank node id) of the resource
    focus_label: dict[str, str]   # lang -> rdfs:label
    path: str | None              # IRI of sh:resultPath
    value: str | None             # the offending value, if any
    message: dict[str, str]       # lang -> message
    source_graph: str | None      # named graph (source document) of the focus node
    rule: dict | None = None      # the sam:Rule a rule shape checks: iri, label (lang -> text), quote, page, strength

    def label(self, lang: str) -> str:
        return _pick(self.focus_label, lang) or self.focus_node

    def text(self, lang: str) -> str:
        return _pick(self.message, lang)

    def name(self, lang: str) -> str:
        return _pick(self.shape_name, lang) or self.shape

    def rule_label(self, lang: str) -> str:
        return _pick(self.rule["label"], lang) if self.rule else ""

    def key(self) -> tuple:
        """What makes two findings the same, whichever validator produced them."""
        return (self.focus_node, self.shape, self.severity, self.constraint, self.path, self.value)


def _pick(values: dict[str, str], lang: str) -> str:
    """The value in lang, else in the other language, else any."""
    if lang in values:
        return values[lang]
    for other in ("sv", "en"):
        if other in values:
            return values[other]
    return next(iter(values.values()), "")


@dataclass
class ValidationReport:
    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        order = {s: i for i, s in enumerate(SEVERITIES)}
        unique = {f.key(): f for f in self.findings}
        self.findings = sorted(unique.values(), key=lambda f: (order.get(f.severity, 9), f.shape, f.source_graph or "", f.focus_node, f.constraint))

    @property
    def conforms(self) -> bool:
        """True when there are no violations (warnings do not fail validation)."""
        return not any(f.severity == "Violation" for f in self.findings)

    def counts(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        return counts

    def grouped(self) -> dict[str, dict[str, list[Finding]]]:
        """severity -> shape IRI -> findings, most serious first."""
        groups: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
        for f in self.findings:
            groups[f.severity][f.shape].append(f)
        return {s: dict(groups[s]) for s in SEVERITIES if s in groups}

    def to_json(self) -> dict:
        return {
            "conforms": self.conforms,
            "counts": self.counts(),
            "findings": [vars(f) for f in self.findings],  # asdict would deep-copy every field
        }

    def to_text(self, lang: str = "sv") -> str:
        lines = []
        counts = self.counts()
        verdict = {"sv": ("Uppfyller reglerna", "Uppfyller inte reglerna"),
                   "en": ("Conforms", "Does not conform")}[lang][0 if self.conforms else 1]
        lines.append(f"{verdict}: " + ", ".join(f"{counts[s]} {SEVERITY_NAMES[s][lang].lower()}" for s in SEVERITIES))
        for severity, shapes in self.grouped().items():
            lines.append("")
            lines.append(f"{SEVERITY_NAMES[severity][lang]} ({sum(len(v) for v in shapes.values())})")
            for shape, findings in shapes.items():
                lines.append(f"  {findings[0].name(lang)} ({len(findings)})  <{shape}>")
                if findings[0].rule:
                    rule = findings[0].rule
                    page = f" ({PAGE_WORD[lang]} {rule['page']})" if rule["page"] else ""  # Värmdö's document has no page numbers
                    lines.append(f"    {RULE_WORD[lang]}: \"{findings[0].rule_label(lang)}\"{page}  <{rule['iri']}>")
                lines.append(f"    {findings[0].text(lang)}")
                for f in findings:
                    source = f.source_graph.rsplit("/graph/", 1)[-1] if f.source_graph else "?"
                    lines.append(f"    - {f.label(lang)}  <{f.focus_node}>  [{source}]")
        return "\n".join(lines) + "\n"

    def to_turtle(self) -> str:
        """The report as a W3C sh:ValidationReport in Turtle, results in the report's order
        (written by Oxigraph's serializer: rdflib's is the slow part of a large report)."""
        sh = str(SH)
        a, result_type = ox.NamedNode(str(RDF.type)), ox.NamedNode(sh + "ValidationResult")
        severity, shape, component, focus, path, message = (
            ox.NamedNode(sh + name) for name in
            ("resultSeverity", "sourceShape", "sourceConstraintComponent", "focusNode", "resultPath", "resultMessage"))
        report = ox.BlankNode("report")
        triples = [ox.Triple(report, a, ox.NamedNode(sh + "ValidationReport")),
                   ox.Triple(report, ox.NamedNode(sh + "conforms"),
                             ox.Literal("true" if self.conforms else "false", datatype=ox.NamedNode(str(XSD.boolean))))]
        has_result = ox.NamedNode(sh + "result")
        for i, f in enumerate(self.findings):
            r = ox.BlankNode(f"result{i}")
            triples += [ox.Triple(report, has_result, r),
                        ox.Triple(r, a, result_type),
                        ox.Triple(r, severity, ox.NamedNode(sh + f.severity)),
                        ox.Triple(r, shape, _node(f.shape)),
                        ox.Triple(r, component, ox.NamedNode(f.constraint)),
                        ox.Triple(r, focus, _node(f.focus_node))]
            if f.path:
                triples.append(ox.Triple(r, path, ox.NamedNode(f.path)))
            triples += [ox.Triple(r, message, ox.Literal(text, language=lang) if lang else ox.Literal(text))
                        for lang, text in sorted(f.message.items())]
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={"sh": sh}).decode("utf-8")

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


_BLANK_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _node(text: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A shape or focus node as the report keeps it (its text) back as a term: an IRI, else a
    blank node (anonymous shapes), else a literal (a focus node can be one)."""
    try:
        return ox.NamedNode(text)
    except ValueError:
        return ox.BlankNode(text) if _BLANK_LABEL.fullmatch(text) else ox.Literal(text)
