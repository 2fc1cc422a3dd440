"""The validation report: findings grouped by severity and shape, each naming its focus node
by label and IRI and the source document it comes from; rendered as text, JSON or Turtle.
The CLI and the viewer render this same object."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from samsyn.graph.namespaces import SH

#: severity local name, most serious first
SEVERITIES = ("Violation", "Warning", "Info")

SEVERITY_NAMES = {
    "Violation": {"sv": "Överträdelser", "en": "Violations"},
    "Warning": {"sv": "Varningar", "en": "Warnings"},
    "Info": {"sv": "Information", "en": "Information"},
}


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

    def label(self, lang: str) -> str:
        return _pick(self.focus_label, lang) or self.focus_node

    def text(self, lang: str) -> str:
        return _pick(self.message, lang)

    def name(self, lang: str) -> str:
        return _pick(self.shape_name, lang) or self.shape

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
            "findings": [asdict(f) for f in self.findings],
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
                lines.append(f"    {findings[0].text(lang)}")
                for f in findings:
                    source = f.source_graph.rsplit("/graph/", 1)[-1] if f.source_graph else "?"
                    lines.append(f"    - {f.label(lang)}  <{f.focus_node}>  [{source}]")
        return "\n".join(lines) + "\n"

    def to_graph(self) -> Graph:
        """The report as a W3C sh:ValidationReport graph."""
        graph = Graph()
        graph.bind("sh", SH)
        report = BNode("report")
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for i, f in enumerate(self.findings):
            result = BNode(f"result{i}")
            graph.add((report, SH.result, result))
            graph.add((result, RDF.type, SH.ValidationResult))
            graph.add((result, SH.resultSeverity, SH[f.severity]))
            graph.add((result, SH.sourceShape, URIRef(f.shape)))
            graph.add((result, SH.sourceConstraintComponent, URIRef(f.constraint)))
            graph.add((result, SH.focusNode, URIRef(f.focus_node)))
            if f.path:
                graph.add((result, SH.resultPath, URIRef(f.path)))
            for lang, text in sorted(f.message.items()):
                graph.add((result, SH.resultMessage, Literal(text, lang=lang)))
        return graph

    def to_turtle(self) -> str:
        return self.to_graph().serialize(format="turtle")

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)
