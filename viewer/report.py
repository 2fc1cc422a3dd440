"""The follow-up report (issue 13) as data, Markdown and PDF, and the `samsyn report` command:
the library's `follow_up` joined with the organisation's own rule findings (SHACL lives in
samsyn.shapes, below this layer), labelled, with a small chart per target. The page
/id/ORG/follow-up/YEAR (views/follow_up.py) shows the same data."""

from __future__ import annotations

import io
from pathlib import Path

import click

from samsyn.graph.analysis import resources
from samsyn.graph.analysis.follow_up import ChecklistItem, FollowUp, RuleFinding, follow_up, organisation_iri
from samsyn.graph.cli import BadInput, graph_options
from samsyn.graph.exporting import write_atomic
from samsyn.graph.store import Store
from samsyn.shapes import validate

from .i18n import pick, word

#: the chart's drawing box (SVG user units; the PDF uses points)
CHART_W, CHART_H, PAD = 260, 110, 28


def rule_findings(store: Store, lang: str = "en") -> list[RuleFinding]:
    """The store's SHACL findings (samsyn validate's: the contract shapes and the organisations'
    rules), as the follow-up takes them, messages in `lang`."""
    return [RuleFinding(f.focus_node, f.shape, f.severity, f.text(lang)) for f in validate(store).findings]


def chart(target, width: int = CHART_W, height: int = CHART_H) -> dict:
    """A target's chart geometry: the baseline and target as horizontal lines, the outcomes by
    year as points joined by a line, x by year, y scaled to the values."""
    years = sorted(target["outcomes"]) or [target["deadline"] or 0]
    values = [v for v in (target["baseline"], target["target"], *target["outcomes"].values()) if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high == low:
        high = low + 1
    low = min(low, 0.0)

    def y(value: float) -> float:
        return round(height - PAD / 2 - (value - low) / (high - low) * (height - PAD), 1)

    span = max(len(years) - 1, 1)

    def x(i: int) -> float:
        return round(PAD * 2 + i * (width - PAD * 3) / span, 1) if len(years) > 1 else width / 2

    points = [{"x": x(i), "y": y(target["outcomes"][year]), "year": year, "value": target["outcomes"][year]}
              for i, year in enumerate(years) if year in target["outcomes"]]
    line = lambda v: None if v is None else {"y": y(v), "value": v}  # noqa: E731
    return {"width": width, "height": height, "baseline": line(target["baseline"]), "target": line(target["target"]),
            "points": points, "path": " ".join(f"{p['x']},{p['y']}" for p in points), "left": PAD * 2 - 8,
            "right": width - PAD / 2}


def checklist_why(item: ChecklistItem, year: int, lang: str) -> str:
    """What in the data answers a checklist item, or why nothing can, in `lang`."""
    if item.reason == "uncheckable":
        return pick(item.uncheckable, lang)
    return word(f"fu.why.{item.reason}", lang, n=item.with_outcomes, of=item.targets, year=year)


def report_data(store: Store, organisation: str, year: int, findings: list[RuleFinding], lang: str = "sv") -> dict:
    """The follow-up as JSON-friendly data with labels in `lang`: what the page, its JSON twin,
    the Markdown and the PDF show."""
    result: FollowUp = follow_up(store, organisation, year, findings)
    previous = follow_up(store, organisation, year - 1, findings)
    labels = resources.labels(store)

    def name(iri: str | None) -> str | None:
        return None if iri is None else resources.label(labels.get(iri), iri, lang)

    def quote(q) -> dict | None:
        return None if q is None else {"text": q.text, "page": q.page, "source": q.source}

    def target(t) -> dict:
        data = {"iri": t.iri, "label": name(t.iri), "plan": name(t.plan), "indicator": t.indicator, "unit": t.unit,
                "baseline": t.baseline, "target": t.target, "deadline": t.deadline,
                "outcomes": t.outcomes, "outcome": t.outcome, "verdict": t.verdict,
                "verdictLabel": word(f"fu.verdict.{t.verdict}", lang), "example": t.example}
        data["chart"] = chart(data)
        return data

    def activity(a) -> dict:
        return {"iri": a.iri, "label": name(a.iri), "status": name(a.status) if a.status else None,
                "owners": [name(o) for o in a.owners], "performers": [name(p) for p in a.performers],
                "start": a.start, "end": a.end, "example": a.example}

    def concepts(iris: list[str]) -> list[dict]:
        return sorted(({"iri": c, "label": name(c)} for c in iris), key=lambda c: str(c["label"]).casefold())

    row = {key: sum(int(r[key]) for r in result.coverage) for key in ("goals", "priorityAreas", "activities")}
    return {
        "organisation": {"iri": organisation, "label": name(organisation)},
        "year": year, "example": result.example or previous.example,
        "strategies": [{"iri": s, "label": name(s)} for s in result.strategies],
        "askedBy": {k: quote(v) for k, v in result.asked_by.items()},
        "sections": [{"iri": s.iri, "kind": s.kind, "label": name(s.iri) if s.iri else None,
                      "activities": [activity(a) for a in s.activities], "targets": [target(t) for t in s.targets]}
                     for s in result.sections],
        "targets": [target(t) for t in result.targets],
        "reached": concepts(result.reached),
        "change": {"started": concepts(result.change.started), "finished": concepts(result.change.finished),
                   "cancelled": concepts(result.change.cancelled), "targetsMet": concepts(result.change.targets_met),
                   "gained": concepts(result.change.gained), "lost": concepts(result.change.lost)},
        "coverage": {"concepts": sum(1 for r in result.coverage if any(int(r[k]) for k in row)),
                     "of": len(result.coverage), "counts": row},
        "findings": [{"focus": f.focus, "label": name(f.focus), "shape": f.shape, "severity": f.severity,
                      "message": f.message, "rule": quote(result.rules.get(f.shape))} for f in result.findings],
        "checklist": [{"rule": c.rule, "quote": quote(c.quote), "answerable": c.answerable, "reason": c.reason,
                       "why": checklist_why(c, year, lang)} for c in result.checklist],
    }


# --- Markdown and PDF: the same sections, headings in the report's language (the quotes stay as the documents say them)

#: section -> its heading's word (i18n.WORDS)
SECTIONS = ("goals", "targets", "reach", "change", "findings", "checklist")
#: the year compared: data key -> its word
CHANGES = (("started", "fu.started"), ("finished", "fu.finished"), ("cancelled", "fu.cancelled"),
           ("targetsMet", "fu.targetsMet"), ("gained", "fu.gained"), ("lost", "fu.lost"))


def titles(lang: str) -> dict[str, str]:
    """Each section's heading in `lang`."""
    return {key: word(f"fu.{key}", lang) for key in SECTIONS}


def _asked(q: dict | None, lang: str) -> str:
    if not q:
        return word("fu.noSentence", lang)
    page = f" ({word('fu.page', lang)} {q['page']})" if q.get("page") else ""
    return f"{word('fu.askedBy', lang)}: \u201c{q['text']}\u201d{page}"


def _number(value: float | None) -> str:
    return "\u2013" if value is None else (f"{value:g}")


def title(data: dict, lang: str) -> str:
    return word("fu.title", lang, year=data["year"], organisation=data["organisation"]["label"])


def markdown(data: dict, lang: str = "sv") -> str:
    """The follow-up as Markdown, headings in `lang`."""
    w = lambda key, **values: word(key, lang, **values)  # noqa: E731
    heads = titles(lang)
    out = [f"# {title(data, lang)}", ""]
    if data["example"]:
        out += [f"> **{w('example.banner')}**", ""]
    out += [_asked(data["askedBy"]["followUp"], lang), ""]
    out += [f"## {heads['goals']}", "", _asked(data["askedBy"]["activities"], lang), ""]
    for section in data["sections"]:
        if not section["activities"] and not section["targets"]:
            continue
        out += [f"### {section['label'] or w('fu.notTied')}", ""]
        for a in section["activities"]:
            out.append(f"- {a['label']}: {a['status'] or w('fu.noStatus')}; {w('fu.owner')} {', '.join(a['owners']) or w('fu.none')}; "
                       f"{w('fu.performer')} {', '.join(a['performers']) or w('fu.none')}"
                       + (f" ({w('fu.exampleData')})" if a["example"] else ""))
        for t in section["targets"]:
            out.append(f"- {w('fu.target').capitalize()} {t['label']}: {t['verdictLabel']}")
        out.append("")
    columns = [w(k) for k in ("fu.target", "fu.indicator", "fu.baseline", "fu.targetValue", "fu.deadline", "fu.outcome",
                              "fu.onTrack")]
    out += [f"## {heads['targets']}", "", _asked(data["askedBy"]["targets"], lang), "",
            "| " + " | ".join(columns) + " |", "|---|---|---|---|---|---|---|"]
    for t in data["targets"]:
        out.append(f"| {t['label']} | {t['indicator'] or ''} | {_number(t['baseline'])} | {_number(t['target'])} | "
                   f"{t['deadline'] or ''} | {_number(t['outcome'])} | {t['verdictLabel']} |")
    c = data["coverage"]
    out += ["", f"## {heads['reach']}", "", _asked(data["askedBy"]["reach"], lang), "",
            w("fu.reached", year=data["year"], n=len(data["reached"])) + " "
            + w("fu.coverage", n=c["concepts"], of=c["of"], goals=c["counts"]["goals"], areas=c["counts"]["priorityAreas"],
                activities=c["counts"]["activities"]), ""]
    ch = data["change"]
    out += [f"## {heads['change']}", ""]
    for key, name in CHANGES:
        out.append(f"- {w(name)}: {', '.join(str(x['label']) for x in ch[key]) or w('fu.none')}")
    out += ["", f"## {heads['findings']}", "", _asked(data["askedBy"]["findings"], lang), "",
            f"{len(data['findings'])} {w('fu.findingCount')}."]
    for f in data["findings"]:
        out.append(f"- {f['severity']}: {f['label']}: {f['message']}")
    out += ["", f"## {heads['checklist']}", "", _asked(data["askedBy"]["checklist"], lang), ""]
    for item in data["checklist"]:
        mark = "x" if item["answerable"] else " "
        out.append(f"- [{mark}] \u201c{item['quote']['text']}\u201d ({w('fu.page')} {item['quote']['page']}): {item['why']}")
    return "\n".join(out) + "\n"


def _font() -> str:
    """DejaVu Sans where the system has it (every letter of the data), else Helvetica (Latin-1)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not path.is_file():
        return "Helvetica"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
    return "DejaVuSans"


def _pdf_chart(t: dict):
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
    from reportlab.lib import colors

    geometry = t["chart"]
    height = geometry["height"]
    drawing = Drawing(geometry["width"], height)
    flip = lambda y: height - y  # noqa: E731  (SVG counts y down, PDF up)
    for key, colour in (("baseline", colors.grey), ("target", colors.green)):
        if geometry[key]:
            y = flip(geometry[key]["y"])
            drawing.add(Line(geometry["left"], y, geometry["right"], y, strokeColor=colour, strokeDashArray=[3, 2]))
            drawing.add(String(2, y - 3, f"{key} {_number(geometry[key]['value'])}", fontSize=7, fillColor=colour))
    points = [(p["x"], flip(p["y"])) for p in geometry["points"]]
    if len(points) > 1:
        drawing.add(PolyLine([c for p in points for c in p], strokeColor=colors.darkblue))
    for p in geometry["points"]:
        drawing.add(Circle(p["x"], flip(p["y"]), 2.5, fillColor=colors.darkblue))
        drawing.add(String(p["x"] - 10, 2, str(p["year"]), fontSize=7))
    return drawing


def pdf(data: dict, lang: str = "sv") -> bytes:
    """The follow-up as PDF (reportlab: no network, no system libraries), headings in `lang`."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    font = _font()
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = font
    body, h1, h2 = styles["BodyText"], styles["Title"], styles["Heading2"]
    p = lambda text, style=body: Paragraph(escape(str(text)), style)  # noqa: E731
    story = [p(title(data, lang), h1)]
    if data["example"]:
        story.append(Table([[p(word("example.banner", lang))]], style=[("BACKGROUND", (0, 0), (-1, -1), colors.lightyellow),
                                                         ("BOX", (0, 0), (-1, -1), 1, colors.orange)]))
    story += [p(_asked(data["askedBy"]["followUp"], lang)), Spacer(1, 6)]
    for block in markdown(data, lang).split("\n## ")[1:]:
        heading, _, rest = block.partition("\n")
        story.append(p(heading, h2))
        if heading == titles(lang)["targets"]:
            story.append(p(_asked(data["askedBy"]["targets"], lang)))
            rows = [[word(k, lang) for k in ("fu.target", "fu.baseline", "fu.targetValue", "fu.deadline", "fu.outcome",
                                             "fu.onTrack")]] + [
                [p(t["label"]), _number(t["baseline"]), _number(t["target"]), t["deadline"] or "",
                 _number(t["outcome"]), t["verdictLabel"]] for t in data["targets"]]
            story.append(Table(rows, colWidths=[150, 55, 60, 55, 50, 80], style=TableStyle([
                ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey)])))
            for t in data["targets"]:
                story += [p(f"{t['label']} ({t['indicator'] or ''})"), _pdf_chart(t)]
            continue
        for line in rest.splitlines():
            if line.startswith("### "):
                story.append(p(line[4:], styles["Heading3"]))
            elif line.strip():
                story.append(p(line))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title(data, lang),
                      author="samsyn").build(story)
    return out.getvalue()


@click.command("report")
@click.argument("organisation")
@click.option("--year", type=int, required=True, help="The year followed up.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.pdf or FILE.md (written atomically).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="The language of the headings, labels and findings (the quotes stay as the documents say them).")
@graph_options
def report_command(store: Store, organisation: str, year: int, output: Path, lang: str) -> None:
    """The annual follow-up of ORGANISATION (slug or official code) for --year, as PDF or Markdown."""
    if output.suffix.lower() not in (".pdf", ".md"):
        raise BadInput(f"{output}: the report is written as .pdf or .md; name the file FILE.pdf or FILE.md")
    try:
        iri = organisation_iri(store, organisation)
    except LookupError as error:
        raise BadInput(str(error)) from None
    data = report_data(store, iri, year, rule_findings(store, lang), lang)
    content = pdf(data, lang) if output.suffix.lower() == ".pdf" else markdown(data, lang).encode("utf-8")
    try:
        write_atomic(output, content)
    except OSError as error:
        raise BadInput(f"{output}: cannot write ({error.strerror}); choose a writable folder") from None
    click.echo(f"wrote {output} ({len(content)} bytes)", err=True)
