"""Coverage: how many of each organisation's goals, priority areas and activities reach each
Europe 2020 flagship and Baltic Sea objective (the coverage cube samsyn infers at build time,
read with the named query `coverage`); the gaps (its zero cells); and the coverage matrix the
viewer's home page shows (organisations as columns, concepts as rows grouped under their broader
concept). The CLI, the viewer and a notebook all read coverage through `coverage()`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..named_queries import run
from ..results import row_dicts
from ..store import Store
from ..vocabulary import COUNT_KEYS, COVERAGE_CLASSES, kind_of
from . import resources

#: the columns of a gap: a coverage row without its (zero) counts
GAP_KEYS = ("organisation", "organisationLabel", "framework", "concept", "conceptLabel")


def coverage(store: Store, organisation: str | None = None) -> list[dict[str, object]]:
    """One row per organisation x flagship / Baltic Sea objective: organisation, framework and
    concept IRIs, their English labels, and the counts goals, priorityAreas, activities (int;
    zeros are gaps). Ordered by organisation label, framework, concept."""
    found = row_dicts(run(store, "coverage", {"organisation": organisation} if organisation else None))
    for row in found:
        for key in COUNT_KEYS.values():
            row[key] = int(row[key] or 0)
    return found


def total(row: Mapping[str, object]) -> int:
    """Goals, priority areas and activities counted in a coverage row."""
    return sum(int(row[key]) for key in COUNT_KEYS.values())


def gaps(store: Store, organisation: str | None = None) -> list[dict[str, object]]:
    """The flagships and Baltic Sea objectives an organisation's work does not reach: the
    coverage rows whose counts are all zero, without the counts."""
    return [{key: row[key] for key in GAP_KEYS} for row in coverage(store, organisation) if not total(row)]


@dataclass(frozen=True)
class MatrixRow:
    """A row of the coverage matrix: a concept with one cell per column (goals, priorityAreas,
    activities, total), or a heading (a broader concept that groups the rows below it)."""

    concept: str
    level: int = 0  # 1: under the row or heading above it
    heading: bool = False
    framework: str | None = None
    reached_by: int = 0  # organisations, of all counted, whose work reaches the concept
    cells: tuple[dict[str, int], ...] = ()


@dataclass(frozen=True)
class CoverageMatrix:
    organisations: list[str]  # the columns, by label
    counted: int  # how many organisations the coverage cube holds (what reached_by counts among)
    sections: dict[str, list[MatrixRow]]  # concept class (vocabulary.COVERAGE_CLASSES) -> rows


def build_matrix(rows: Iterable[Mapping[str, object]], broader: Mapping[str, list[str]],
                 kind: Callable[[str], str], label: Callable[[str], str],
                 organisations: list[str] | None = None) -> CoverageMatrix:
    """The coverage matrix from coverage rows (`coverage()`), each concept's broader concepts
    (`resources.broader_concepts`), its kind and a label to sort by. Columns: every organisation,
    or the given ones. Within a section, a concept whose broader concept is also a row
    (sub-objectives) is nested under it; otherwise the rows are grouped under headings, their
    broader concepts (growth priorities)."""
    cells: dict[tuple[str, str], dict[str, int]] = {}
    concepts: dict[str, dict] = {}
    orgs: list[str] = []
    for row in rows:
        org, concept = str(row["organisation"]), str(row["concept"])
        if org not in orgs:
            orgs.append(org)
        concepts.setdefault(concept, {"iri": concept, "framework": str(row["framework"]), "kind": kind(concept)})
        cells[(org, concept)] = {**{key: int(row[key]) for key in COUNT_KEYS.values()}, "total": total(row)}
    orgs.sort(key=lambda o: label(o).casefold())
    reached_by: dict[str, int] = defaultdict(int)
    for (org, concept), cell in cells.items():
        if cell["total"]:
            reached_by[concept] += 1
    if organisations is not None:
        wanted = set(organisations)
        orgs = [o for o in orgs if o in wanted]
    empty = {**{key: 0 for key in COUNT_KEYS.values()}, "total": 0}

    def row_of(concept: dict, level: int) -> MatrixRow:
        return MatrixRow(concept["iri"], level, framework=concept["framework"],
                         reached_by=reached_by.get(concept["iri"], 0),
                         cells=tuple(cells.get((org, concept["iri"]), empty) for org in orgs))

    def by_label(concept: dict) -> str:
        return label(concept["iri"]).casefold()

    def section(kind_name: str) -> list[MatrixRow]:
        chosen = [c for c in concepts.values() if c["kind"] == kind_name]
        members = {c["iri"] for c in chosen}
        out: list[MatrixRow] = []
        if any(b in members for c in chosen for b in broader.get(c["iri"], [])):
            tops = [c for c in chosen if not any(b in members for b in broader.get(c["iri"], []))]
            for top in sorted(tops, key=by_label):
                out.append(row_of(top, 0))
                children = [c for c in chosen if top["iri"] in broader.get(c["iri"], [])]
                out += [row_of(child, 1) for child in sorted(children, key=by_label)]
            return out
        headings: dict[str, list[dict]] = defaultdict(list)
        for c in chosen:
            parents = broader.get(c["iri"], [])
            headings[parents[0] if parents else ""].append(c)
        for heading in sorted(headings, key=lambda h: label(h).casefold() if h else ""):
            if heading:
                out.append(MatrixRow(heading, heading=True))
            out += [row_of(c, 1 if heading else 0) for c in sorted(headings[heading], key=by_label)]
        return out

    return CoverageMatrix(orgs, len({org for org, _ in cells}),
                          {kind_name: section(kind_name) for kind_name in COVERAGE_CLASSES})


def coverage_matrix(store: Store, organisations: list[str] | None = None, lang: str = "en") -> CoverageMatrix:
    """The coverage matrix of a store (see `build_matrix`), sorted by the labels in `lang`."""
    labels = resources.labels(store)
    types = resources.types(store)
    return build_matrix(coverage(store), resources.broader_concepts(store),
                        lambda iri: kind_of(types.get(iri, ())),
                        lambda iri: resources.label(labels.get(iri), iri, lang), organisations)
