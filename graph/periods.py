"""Strategy periods compared (issue 13): when an organisation has two strategies, a new period
or a revised one, which goals and priority areas the later one keeps, adds and drops, which
alignments it gains and loses, what its work reaches anew and no longer, and the coverage row of
each strategy.

Pairs: a strategy marked `dcterms:replaces` or `prov:wasRevisionOf` another of the organisation's
is compared with that one; a strategy without such a mark with the one before it by period (by
`sam:validFrom`, a strategy without one first).

Matching, plainly: an entity of the later strategy is the same goal or priority area as one of the
earlier where the data says so: it is marked `prov:wasRevisionOf` or `dcterms:replaces` the earlier
one, or `skos:exactMatch` between the two (either way). What is left is matched only as a
*suggestion*, one to one and the same kind, by the words of the labels (Swedish and English, the
better of the two) and of the quotes (`sam:sourceText`; for example data that quotes no document,
its `dcterms:description`): each word stemmed and folded by the Swedish and English analyzers of
the search (graph/text/matching.py over graph/text/analysis.py), compound parts counting 0.7 and a longer
word a word begins 0.5, each word weighted by its rarity among the two strategies' goals and
priority areas. The score is the weighted share of both texts' words the other says (0 to 1):
the labels' and the quotes' halved where both have quotes, the labels' alone otherwise. Pairs
score from the highest down; none below THRESHOLD is suggested. Unmatched entities of the earlier
strategy are dropped, of the later added.

An alignment (`sam:alignsWith` of a goal or priority area) is gained when the later entity aligns
with a concept its earlier match did not (or it has no match), lost the other way round. Reach is
the inferred graph's (`sam:reaches`, through goals served and contributions, and broader
concepts), of all the strategy's goals, priority areas and activities. The coverage row of a
strategy is the named query `compare-coverage`: the counts `coverage` gives the organisation when
the strategy is its only document."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from .analysis.follow_up import year_of
from .named_queries import lookup, run
from .namespaces import DCTERMS, PROV, SKOS
from .results import row_dicts, term_value
from .store import Store
from .text.matching import TextMatcher
from .vocabulary import COUNT_KEYS

#: the kinds of entity compared
KINDS = ("Goal", "PriorityArea")
#: the marks that say two entities (or two strategies) are the same or one a revision of the other
MARKS = (str(PROV.wasRevisionOf), str(DCTERMS.replaces), str(SKOS.exactMatch))
#: how a pair of strategies without a mark is made: one period after the other
BY_PERIOD = "period"
#: how a match is made without a mark
SUGGESTED = "suggested"
#: no suggestion scores below this
THRESHOLD = 0.3


@dataclass(frozen=True)
class StrategyPeriod:
    iri: str
    start: int | None  # years
    end: int | None
    replaces: dict[str, str]  # strategy IRI -> the mark (dcterms:replaces or prov:wasRevisionOf)
    example: bool


@dataclass(frozen=True)
class Pair:
    """Two of an organisation's strategies to compare: the earlier, the later, and how they pair
    (the mark's IRI, or BY_PERIOD)."""

    before: str
    after: str
    how: str


@dataclass(frozen=True)
class Entity:
    """A goal or priority area as the comparison reads it."""

    iri: str
    kind: str  # one of KINDS
    labels: dict[str, str]  # language -> label
    texts: tuple[str, ...]  # its quotes, or its description
    aligns: frozenset[str]
    marks: dict[str, str]  # entity IRI of another strategy -> the mark's IRI
    example: bool


@dataclass(frozen=True)
class Match:
    """An entity of the earlier strategy kept in the later one: marked so (`how` is the mark's
    IRI, `score` None) or suggested (`how` SUGGESTED, with its score and the words shared)."""

    before: str
    after: str
    kind: str
    how: str
    score: float | None
    words: tuple[str, ...]
    aligns_gained: tuple[str, ...]
    aligns_lost: tuple[str, ...]

    @property
    def suggested(self) -> bool:
        return self.how == SUGGESTED


@dataclass(frozen=True)
class Comparison:
    organisation: str
    before: StrategyPeriod
    after: StrategyPeriod
    how: str  # how the two pair (Pair.how)
    entities: dict[str, Entity]  # both strategies' goals and priority areas
    kept: list[Match]
    added: list[str]  # entities of the later strategy
    dropped: list[str]  # entities of the earlier
    aligns_gained: list[tuple[str, str]]  # (later entity, concept)
    aligns_lost: list[tuple[str, str]]  # (earlier entity, concept)
    reached_before: dict[str, list[str]]  # concept -> the earlier strategy's entities reaching it
    reached_after: dict[str, list[str]]
    coverage_before: list[dict[str, object]]  # compare-coverage's rows
    coverage_after: list[dict[str, object]]
    example: bool = False  # either strategy, or one of their entities, is example data
    pairs: list[Pair] = field(default_factory=list)  # every pair the organisation's strategies make

    @property
    def reached_gained(self) -> list[str]:
        return sorted(set(self.reached_after) - set(self.reached_before))

    @property
    def reached_lost(self) -> list[str]:
        return sorted(set(self.reached_before) - set(self.reached_after))


def periods(store: Store, organisation: str) -> list[StrategyPeriod]:
    """The organisation's strategies, by period (start year, then IRI)."""
    found: dict[str, dict] = {}
    for row in lookup(store, "periods-strategies", organisation=URIRef(organisation)):
        strategy = found.setdefault(str(row.strategy), {
            "start": year_of(term_value(row.validFrom)), "end": year_of(term_value(row.validUntil)),
            "replaces": {},
            "example": bool(term_value(row.example))})
        if row.replaces is not None:
            strategy["replaces"].setdefault(str(row.replaces), str(row.how))
    out = [StrategyPeriod(iri, v["start"], v["end"], v["replaces"], v["example"]) for iri, v in found.items()]
    return sorted(out, key=lambda s: (s.start if s.start is not None else -1, s.iri))


def pairs(strategies: list[StrategyPeriod]) -> list[Pair]:
    """The pairs to compare: each strategy with the one it is marked to replace or revise; a
    strategy marked to replace none of them with the one before it by period. Latest last."""
    known = {s.iri for s in strategies}
    out = [Pair(old, s.iri, how) for s in strategies for old, how in sorted(s.replaces.items()) if old in known]
    marked = {p.after for p in out}
    for earlier, later in zip(strategies, strategies[1:]):
        if later.iri not in marked:
            out.append(Pair(earlier.iri, later.iri, BY_PERIOD))
    order = {s.iri: i for i, s in enumerate(strategies)}
    return sorted(out, key=lambda p: (order[p.after], order[p.before]))


def _entities(store: Store, strategy: str) -> dict[str, Entity]:
    found: dict[str, dict] = {}
    for row in lookup(store, "periods-entities", strategy=URIRef(strategy)):
        entity = found.setdefault(str(row.entity), {
            "kind": str(row["class"]).rsplit("#", 1)[-1], "labels": {}, "texts": [], "aligns": set(),
            "marks": {}, "example": False})
        entity["example"] = entity["example"] or bool(term_value(row.example))
        kind, value = (None if row.field is None else str(row.field)), row.value
        if kind == "label":
            entity["labels"][value.language or "und"] = str(value)
        elif kind == "text" and str(value) not in entity["texts"]:
            entity["texts"].append(str(value))
        elif kind == "alignsWith":
            entity["aligns"].add(str(value))
        elif kind in MARKS:
            entity["marks"].setdefault(str(value), kind)
    return {iri: Entity(iri, v["kind"], v["labels"], tuple(sorted(v["texts"])), frozenset(v["aligns"]),
                        v["marks"], v["example"]) for iri, v in found.items()}


def _matches(before: dict[str, Entity], after: dict[str, Entity]) -> list[Match]:
    """Marked matches first, then suggestions one to one among what is left (see the module's text)."""
    # a mark stated on either side: on the later entity (prov:wasRevisionOf, dcterms:replaces), on
    # the earlier (skos:exactMatch), or the other way round when a comparison is asked reversed
    found: dict[tuple[str, str], str] = {}
    for entity in after.values():
        for other, mark in sorted(entity.marks.items()):
            if other in before:
                found.setdefault((other, entity.iri), mark)
    for entity in before.values():
        for other, mark in sorted(entity.marks.items()):
            if other in after:
                found.setdefault((entity.iri, other), mark)
    marked = [(b, a, mark) for (b, a), mark in found.items()]
    taken_before = {b for b, _, _ in marked}
    taken_after = {a for _, a, _ in marked}
    left_before = [e for e in before.values() if e.iri not in taken_before]
    left_after = [e for e in after.values() if e.iri not in taken_after]
    words = TextMatcher({e.iri: {("label", "sv"): [e.labels.get("sv", "")], ("label", "en"): [e.labels.get("en", "")],
                                 ("text", "sv"): list(e.texts)} for e in (*before.values(), *after.values())})
    candidates = []
    for old in left_before:
        for new in left_after:
            if old.kind == new.kind:
                score, shared = words.similarity(old.iri, new.iri, "label", "text")
                if score >= THRESHOLD:
                    candidates.append((score, old.iri, new.iri, shared))
    suggested = []
    for score, old, new, shared in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if old not in taken_before and new not in taken_after:
            taken_before.add(old)
            taken_after.add(new)
            suggested.append((old, new, score, shared))

    def match(old: str, new: str, how: str, score: float | None, shared: tuple[str, ...]) -> Match:
        return Match(old, new, after[new].kind, how, score, shared,
                     tuple(sorted(after[new].aligns - before[old].aligns)),
                     tuple(sorted(before[old].aligns - after[new].aligns)))

    return ([match(b, a, how, None, ()) for b, a, how in marked]
            + [match(b, a, SUGGESTED, score, shared) for b, a, score, shared in suggested])


def _reached(store: Store, strategy: str) -> dict[str, list[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in lookup(store, "periods-reach", strategy=URIRef(strategy)):
        found[str(row.concept)].add(str(row.entity))
    return {concept: sorted(entities) for concept, entities in sorted(found.items())}


def strategy_coverage(store: Store, strategy: str) -> list[dict[str, object]]:
    """The coverage row of one strategy (the named query `compare-coverage`): one row per Europe
    2020 flagship and Baltic Sea objective, with framework, concept, conceptLabel and the counts
    goals, priorityAreas, activities (int)."""
    rows = row_dicts(run(store, "compare-coverage", {"strategy": strategy}))
    for row in rows:
        for key in COUNT_KEYS.values():
            row[key] = int(row[key] or 0)
    return rows


def compare(store: Store, organisation: str, before: str | None = None, after: str | None = None) -> Comparison:
    """Compare two of the organisation's strategies (IRIs): by default the latest pair (`pairs`).
    LookupError when the organisation has fewer than two strategies, or names one it does not issue."""
    strategies = periods(store, organisation)
    by_iri = {s.iri: s for s in strategies}
    found = pairs(strategies)
    for named in (before, after):
        if named is not None and named not in by_iri:
            raise LookupError(f"{named} is not a strategy of {organisation} (its strategies: "
                              f"{', '.join(sorted(by_iri)) or 'none'})")
    if before is None or after is None:
        chosen = [p for p in found if (before is None or p.before == before) and (after is None or p.after == after)]
        if not chosen:
            raise LookupError(f"{organisation} has {len(strategies)} strateg{'y' if len(strategies) == 1 else 'ies'}: "
                              "two are needed to compare periods")
        pair = chosen[-1]
    else:
        # the pair as marked, asked in either order
        how = next((p.how for p in found if {p.before, p.after} == {before, after}), BY_PERIOD)
        pair = Pair(before, after, how)
    old, new = _entities(store, pair.before), _entities(store, pair.after)
    kept = _matches(old, new)
    kept_before = {m.before for m in kept}
    kept_after = {m.after for m in kept}
    carried = defaultdict(set)  # later entity -> the concepts its earlier matches aligned with
    for m in kept:
        carried[m.after] |= old[m.before].aligns
    carried_back = defaultdict(set)
    for m in kept:
        carried_back[m.before] |= new[m.after].aligns
    gained = sorted((e.iri, c) for e in new.values() for c in e.aligns if c not in carried[e.iri])
    lost = sorted((e.iri, c) for e in old.values() for c in e.aligns if c not in carried_back[e.iri])
    example = (by_iri[pair.before].example or by_iri[pair.after].example
               or any(e.example for e in (*old.values(), *new.values())))
    return Comparison(
        organisation, by_iri[pair.before], by_iri[pair.after], pair.how, {**old, **new},
        sorted(kept, key=lambda m: (KINDS.index(m.kind), m.suggested, m.before, m.after)),
        sorted((iri for iri in new if iri not in kept_after), key=lambda i: (KINDS.index(new[i].kind), i)),
        sorted((iri for iri in old if iri not in kept_before), key=lambda i: (KINDS.index(old[i].kind), i)),
        gained, lost, _reached(store, pair.before), _reached(store, pair.after),
        strategy_coverage(store, pair.before), strategy_coverage(store, pair.after), example, found)
