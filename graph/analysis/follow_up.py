"""The annual follow-up of one organisation for one year (issue 13), computed from the graph:
per goal and priority area the activities with status, owner and performer; each measurable
target with baseline, target, the year's outcome and whether it is on track; what the
organisation's work reaches in the frameworks that year, and what it gained and lost against the
year before; the findings of its own rules (given by the caller: SHACL sits in the layer above);
and what its documents ask the follow-up to contain, as a checklist of what the data can and
cannot answer. Every section names the sentence and page of the strategy that asks for it.

On track, plainly: a target is *met* when the year's outcome has reached the target value (in
the direction from baseline to target); *on track* when the share of the way from baseline to
target covered by the outcome is at least the share of the plan's years elapsed by the end of
the year (the plan's first year to the deadline's year, both counted); *behind* when less, and
*missed* when the deadline's year has passed unmet; *no outcome* without an outcome that year;
*cannot tell* without a baseline, a target value or a deadline (the years cannot be weighed)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from ..named_queries import lookup
from ..namespaces import SAM
from ..results import term_value
from ..store import Store
from . import resources
from .coverage import coverage

ANNUAL = "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
#: adms:status values (the ontology's sam:ActivityStatuses)
PLANNED, ONGOING, DONE, CANCELLED = (str(SAM[name]) for name in ("Planned", "Ongoing", "Done", "Cancelled"))
#: the verdicts of `TargetLine.verdict`, in the order a reader weighs them
VERDICTS = ("met", "on track", "behind", "missed", "no outcome", "cannot tell")


@dataclass(frozen=True)
class Quote:
    """The sentence of a document that asks for a part of the follow-up, and its page."""

    text: str
    page: int | None
    source: str  # the rule or strategy IRI that carries it


@dataclass(frozen=True)
class ActivityLine:
    iri: str
    status: str | None  # an ActivityStatus IRI
    owners: tuple[str, ...]
    performers: tuple[str, ...]
    start: int | None  # years
    end: int | None
    example: bool


@dataclass(frozen=True)
class TargetLine:
    iri: str
    plan: str
    indicator: str | None
    unit: str | None
    baseline: float | None
    target: float | None
    deadline: int | None  # the deadline's year
    first_year: int | None  # the plan's first year (or the first outcome's)
    outcomes: dict[int, float]  # year -> outcome
    outcome: float | None  # this year's
    verdict: str  # one of VERDICTS
    example: bool


@dataclass(frozen=True)
class Section:
    """A goal or priority area with the activities that contribute to it and the targets that
    serve it (or measure one of its activities). `iri` '' holds what contributes to nothing."""

    iri: str
    kind: str  # Goal, PriorityArea or '' for none
    activities: list[ActivityLine]
    targets: list[TargetLine]


@dataclass(frozen=True)
class RuleFinding:
    """A SHACL finding as the follow-up needs it (the shapes layer converts its own)."""

    focus: str
    shape: str
    severity: str
    message: str


@dataclass(frozen=True)
class ChecklistItem:
    """What a document asks the follow-up to contain, and whether the data can answer it."""

    rule: str
    quote: Quote
    answerable: bool
    #: what in the data answers it, or why nothing can: "shape" (a rule's SHACL shape checks it),
    #: "outcomes" (`with_outcomes` of `targets` targets have an outcome that year), "uncheckable"
    #: (the rule's own reason, `uncheckable`, by language) or "no-data"
    reason: str
    with_outcomes: int = 0
    targets: int = 0
    uncheckable: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class YearChange:
    """This year against the year before."""

    started: list[str]
    finished: list[str]
    cancelled: list[str]
    targets_met: list[str]  # met this year, not met the year before
    gained: list[str]  # concepts reached this year and not the year before
    lost: list[str]  # reached the year before and no longer


@dataclass(frozen=True)
class FollowUp:
    organisation: str
    year: int
    strategies: list[str]  # in force that year
    example: bool  # some of what is shown is example data (sam:exampleData)
    sections: list[Section]
    targets: list[TargetLine]
    reached: list[str]  # framework concepts reached by the work active that year
    change: YearChange
    coverage: list[dict[str, object]]  # the organisation's coverage rows (analysis.coverage)
    findings: list[RuleFinding]  # of its own rules
    checklist: list[ChecklistItem]
    asked_by: dict[str, Quote | None] = field(default_factory=dict)  # section name -> its quote
    rules: dict[str, Quote] = field(default_factory=dict)  # the organisation's rules, checked by shape IRI


def year_of(value: object) -> int | None:
    """The year of an xsd:gYear, gYearMonth or date value (text or int)."""
    if value is None:
        return None
    text = str(value)
    return int(text[:4]) if text[:4].isdigit() else None


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def verdict(baseline: float | None, target: float | None, deadline: int | None, first_year: int | None,
            outcome: float | None, year: int) -> str:
    """Whether a target is met, on track, behind or missed in `year` (see the module's text)."""
    if outcome is None:
        return "no outcome"
    if target is None:
        return "cannot tell"
    rising = baseline is None or target >= baseline
    if (outcome >= target) if rising else (outcome <= target):
        return "met"
    if baseline is None or deadline is None or first_year is None or target == baseline:
        return "cannot tell"
    if year >= deadline:
        return "missed"
    done = (outcome - baseline) / (target - baseline)
    elapsed = (year - first_year + 1) / (deadline - first_year + 1)
    return "on track" if done >= elapsed else "behind"


def _active(start: int | None, end: int | None, year: int) -> bool:
    return (start is None or start <= year) and (end is None or year <= end)


def _activities(store: Store, organisation: URIRef) -> tuple[dict[str, ActivityLine], dict[str, set[str]]]:
    """Activity IRI -> its line (period from its own or else its document's), and -> what it contributes to."""
    found: dict[str, dict] = {}
    contributes: dict[str, set[str]] = defaultdict(set)
    for row in lookup(store, "follow-up-activities", organisation=organisation):
        iri = str(row.activity)
        line = found.setdefault(iri, {"status": None, "owners": set(), "performers": set(), "start": None,
                                      "end": None, "example": False})
        if row.contributesTo:
            contributes[iri].add(str(row.contributesTo))
        if row.status:
            line["status"] = str(row.status)
        if row.owner:
            line["owners"].add(str(row.owner))
        if row.performer:
            line["performers"].add(str(row.performer))
        line["start"] = year_of(term_value(row.start)) or year_of(term_value(row.documentStart))
        line["end"] = year_of(term_value(row.end)) or year_of(term_value(row.documentEnd))
        line["example"] = line["example"] or bool(term_value(row.example))
    return ({iri: ActivityLine(iri, v["status"], tuple(sorted(v["owners"])), tuple(sorted(v["performers"])),
                               v["start"], v["end"], v["example"]) for iri, v in found.items()}, contributes)


def _targets(store: Store, organisation: URIRef, year: int) -> tuple[list[TargetLine], dict[str, set[str]]]:
    """The targets with their verdict in `year`, and target IRI -> what it serves or measures."""
    found: dict[str, dict] = {}
    tied: dict[str, set[str]] = defaultdict(set)
    for row in lookup(store, "follow-up-targets", organisation=organisation):
        iri = str(row.target)
        value = found.setdefault(iri, {"plan": str(row.plan), "indicator": term_value(row.indicator),
                                       "unit": term_value(row.unit), "baseline": _number(term_value(row.baseline)),
                                       "target": _number(term_value(row.targetValue)),
                                       "deadline": year_of(term_value(row.deadline)) or year_of(term_value(row.planEnd)),
                                       "start": year_of(term_value(row.planStart)), "outcomes": {},
                                       "example": bool(term_value(row.example))})
        for node in (row.serves, row.measures):
            if node:
                tied[iri].add(str(node))
        if row.year is not None and row.value is not None:
            value["outcomes"][int(term_value(row.year))] = float(term_value(row.value))  # type: ignore[arg-type]
    lines = []
    for iri, v in found.items():
        first = v["start"] or (min(v["outcomes"]) if v["outcomes"] else None)
        outcome = v["outcomes"].get(year)
        lines.append(TargetLine(iri, v["plan"], v["indicator"], v["unit"], v["baseline"], v["target"], v["deadline"],
                                first, dict(sorted(v["outcomes"].items())), outcome,
                                verdict(v["baseline"], v["target"], v["deadline"], first, outcome, year), v["example"]))
    return sorted(lines, key=lambda t: t.iri), tied


def _strategies(store: Store, organisation: URIRef) -> dict[str, dict]:
    """Strategy IRI -> period, follow-up sentence, what it replaces, and its goals and priority areas."""
    found: dict[str, dict] = {}
    for row in lookup(store, "follow-up-strategies", organisation=organisation):
        strategy = found.setdefault(str(row.strategy), {
            "from": year_of(term_value(row.validFrom)), "until": year_of(term_value(row.validUntil)),
            "followUp": term_value(row.followUp), "replaces": set(), "entities": {},
            "example": bool(term_value(row.example))})
        if row.replaces:
            strategy["replaces"].add(str(row.replaces))
        if row.entity:
            entity = strategy["entities"].setdefault(str(row.entity), {
                "kind": str(row["class"]).rsplit("#", 1)[-1], "serves": set(), "quote": term_value(row.quote),
                "page": term_value(row.page)})
            if row.serves:
                entity["serves"].add(str(row.serves))
    return found


def _rules(store: Store, organisation: URIRef) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for row in lookup(store, "follow-up-rules", organisation=organisation):
        rule = found.setdefault(str(row.rule), {
            "quote": Quote(str(term_value(row.quote) or ""), term_value(row.page), str(row.rule)),  # type: ignore[arg-type]
            "appliesTo": set(), "checkable": term_value(row.checkable), "checkedBy": set(),
            "why": {}, "annual": False, "reporting": False})
        if row.why is not None:
            rule["why"][row.why.language or ""] = str(row.why)
        if row.appliesTo:
            rule["appliesTo"].add(str(row.appliesTo))
        if row.checkedBy:
            rule["checkedBy"].add(str(row.checkedBy))
        if row.establishes is not None and str(row.establishes):
            rule["reporting"] = True
        if row.periodicity is not None and str(row.periodicity) == ANNUAL:
            rule["annual"] = True
    return found


def _reach(store: Store, organisation: URIRef) -> dict[str, set[str]]:
    """Entity IRI -> the framework concepts it reaches."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in lookup(store, "follow-up-reach", organisation=organisation):
        found[str(row.entity)].add(str(row.concept))
    return found


def _reached(year: int, strategies: dict[str, dict], activities: dict[str, ActivityLine],
             reach: dict[str, set[str]]) -> set[str]:
    """The concepts reached in `year` by the goals and priority areas of the strategies in force
    and by the activities under way that year (not cancelled)."""
    concepts: set[str] = set()
    for strategy in strategies.values():
        if _active(strategy["from"], strategy["until"], year):
            for entity in strategy["entities"]:
                concepts |= reach.get(entity, set())
    for activity in activities.values():
        if activity.status != CANCELLED and _active(activity.start, activity.end, year):
            concepts |= reach.get(activity.iri, set())
    return concepts


def _asked_by(rules: dict[str, dict], strategies: dict[str, dict], in_force: list[str]) -> dict[str, Quote | None]:
    """Section -> the sentence that asks for it: the rule on the annual follow-up for the whole
    report and the checklist, a rule on what each section holds where the documents set one."""

    def first(test) -> Quote | None:
        chosen = sorted((iri for iri, rule in rules.items() if test(rule)))
        return rules[chosen[0]]["quote"] if chosen else None

    annual = first(lambda r: r["annual"])
    if annual is None:
        sentences = [(iri, strategies[iri]["followUp"]) for iri in in_force if strategies[iri]["followUp"]]
        annual = Quote(sentences[0][1], None, sentences[0][0]) if sentences else None
    return {
        "followUp": annual,
        "activities": first(lambda r: str(SAM.Activity) in r["appliesTo"] and r["reporting"]) or annual,
        "targets": first(lambda r: str(SAM.Target) in r["appliesTo"]) or annual,
        "reach": first(lambda r: str(SAM.PriorityArea) in r["appliesTo"]) or annual,
        "findings": annual,
        "checklist": annual,
    }


def _checklist(rules: dict[str, dict], targets: list[TargetLine], year: int, annual: Quote | None) -> list[ChecklistItem]:
    """The organisation's rules about its follow-up (those on reporting lines, action plans and
    targets): answerable where a shape checks them, where they ask for targets or the annual
    follow-up itself and the year has outcomes; else not, with the rule's own reason."""
    about = {str(SAM.ReportingLine), str(SAM.ActionPlan), str(SAM.Target)}
    items = []
    for iri in sorted(rules, key=lambda i: (rules[i]["quote"].page or 0, i)):
        rule = rules[iri]
        if not (rule["appliesTo"] & about or rule["annual"]):
            continue
        with_outcomes = [t for t in targets if t.outcome is not None]
        if rule["checkedBy"]:
            items.append(ChecklistItem(iri, rule["quote"], True, "shape"))
        elif str(SAM.Target) in rule["appliesTo"] or (annual is not None and annual.source == iri):
            items.append(ChecklistItem(iri, rule["quote"], bool(with_outcomes), "outcomes",
                                       with_outcomes=len(with_outcomes), targets=len(targets)))
        elif rule["why"]:
            items.append(ChecklistItem(iri, rule["quote"], False, "uncheckable", uncheckable=rule["why"]))
        else:
            items.append(ChecklistItem(iri, rule["quote"], False, "no-data"))
    return items


def follow_up(store: Store, organisation: str, year: int, findings: Iterable[RuleFinding] = ()) -> FollowUp:
    """The follow-up of `organisation` (IRI) for `year`. `findings` are the SHACL findings of the
    store (the caller validates: samsyn.shapes sits above the library); only those of the
    organisation's own rules' shapes are kept."""
    org = URIRef(organisation)
    strategies = _strategies(store, org)
    activities, contributes = _activities(store, org)
    targets, tied = _targets(store, org, year)
    rules = _rules(store, org)
    reach = _reach(store, org)
    types = resources.types(store)
    in_force = sorted(iri for iri, s in strategies.items() if _active(s["from"], s["until"], year))

    members: dict[str, tuple[list[ActivityLine], list[TargetLine]]] = {}
    for iri in in_force:
        for entity in strategies[iri]["entities"]:
            members.setdefault(entity, ([], []))
    for activity in activities.values():
        if not _active(activity.start, activity.end, year):
            continue
        for entity in sorted(contributes.get(activity.iri) or {""}):
            members.setdefault(entity, ([], []))[0].append(activity)
    for target in targets:
        homes = {e for e in tied.get(target.iri, ()) if e in members and e} or {
            e for a in tied.get(target.iri, ()) for e in contributes.get(a, ())} or {""}
        for entity in sorted(homes):
            members.setdefault(entity, ([], []))[1].append(target)

    def kind(iri: str) -> str:
        classes = types.get(iri, set())
        return "Goal" if str(SAM.Goal) in classes else "PriorityArea" if str(SAM.PriorityArea) in classes else ""

    order = {"Goal": 0, "PriorityArea": 1, "": 2}
    sections = [Section(iri, kind(iri), sorted(acts, key=lambda a: a.iri), ts)
                for iri, (acts, ts) in sorted(members.items(), key=lambda item: (order[kind(item[0])], item[0]))]

    now, before = (_reached(y, strategies, activities, reach) for y in (year, year - 1))
    met_before = {t.iri for t in _targets(store, org, year - 1)[0] if t.verdict == "met"}
    change = YearChange(
        started=sorted(a.iri for a in activities.values() if a.start == year and a.status != CANCELLED),
        finished=sorted(a.iri for a in activities.values() if a.end == year and a.status == DONE),
        cancelled=sorted(a.iri for a in activities.values() if a.status == CANCELLED and _active(a.start, a.end, year)),
        targets_met=sorted(t.iri for t in targets if t.verdict == "met" and t.iri not in met_before),
        gained=sorted(now - before), lost=sorted(before - now))
    shapes = {shape: iri for iri, rule in rules.items() for shape in rule["checkedBy"]}
    asked_by = _asked_by(rules, strategies, in_force)
    own = sorted((f for f in findings if f.shape in shapes), key=lambda f: (f.shape, f.focus))
    example = (any(a.example for a in activities.values()) or any(t.example for t in targets)
               or any(s["example"] for s in strategies.values()))
    return FollowUp(organisation, year, in_force, example, sections, targets, sorted(now), change,
                    coverage(store, organisation), own, _checklist(rules, targets, year, asked_by["followUp"]), asked_by,
                    {shape: rules[iri]["quote"] for shape, iri in shapes.items()})


def organisation_iri(store: Store, organisation: str) -> str:
    """The IRI of the organisation that issues a strategy, named by its slug (`ronneby`), its
    official code (`1081`) or its IRI; LookupError naming the ones there are otherwise."""
    found = {str(row.organisation): term_value(row.code) for row in lookup(store, "follow-up-organisations")}
    wanted = organisation.strip()
    for iri, code in found.items():
        if wanted in (iri, iri.rsplit("/", 1)[-1]) or (code is not None and str(code) == wanted):
            return iri
    names = ", ".join(sorted(iri.rsplit("/", 1)[-1] for iri in found))
    raise LookupError(f"no organisation {organisation!r} issues a strategy here (there are: {names})")
