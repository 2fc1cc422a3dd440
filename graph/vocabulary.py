"""The data contract's vocabulary as the code uses it, in one place: the kinds of resource (the
local names of sam: classes), which side of the alignment each kind is on, the layers of the
traceability graph, the prefixes, and the short forms of IRIs (DESIGN.md, "The data contract").

Every module that asks "is this a goal, a priority area or an activity?", "is this a framework
concept?" or "what is this IRI's prefixed name?" asks here."""

from __future__ import annotations

from collections.abc import Iterable

from .namespaces import PREFIXES, SAM

#: what a strategy states on its own side of the alignment, from the top (the order lists and
#: counts follow: goals, then priority areas, then activities)
STRATEGY_KINDS: tuple[str, ...] = ("Goal", "PriorityArea", "Activity")

#: strategy-side kind -> the key its count goes under (as in the coverage query's columns)
COUNT_KEYS: dict[str, str] = {"Goal": "goals", "PriorityArea": "priorityAreas", "Activity": "activities"}

#: classes whose instances are framework concepts (what an alignment reaches)
CONCEPT_CLASSES: tuple[str, ...] = ("Flagship", "BalticObjective", "BalticPriorityArea", "BalticHorizontalAction",
                                    "GrowthPriority", "HeadlineTarget", "RegionalFocusArea")

#: the concept classes the coverage cube counts, each a section of the coverage matrix
COVERAGE_CLASSES: tuple[str, ...] = ("Flagship", "BalticObjective")

#: the layer of the framework concepts an alignment names (and of kinds not listed in LAYERS)
CONCEPT_LAYER = 3

#: the kinds on the traceability graph, from the bottom layer (0) up: activity -> priority area
#: -> goal -> concept -> broader concept -> framework
LAYERS: dict[str, int] = {
    "Activity": 0,
    "PriorityArea": 1,
    "Goal": 2,
    "Flagship": CONCEPT_LAYER, "BalticObjective": CONCEPT_LAYER, "RegionalFocusArea": CONCEPT_LAYER,
    "HeadlineTarget": CONCEPT_LAYER, "BalticPriorityArea": CONCEPT_LAYER, "BalticHorizontalAction": CONCEPT_LAYER,
    "GrowthPriority": CONCEPT_LAYER + 1,
    "Framework": CONCEPT_LAYER + 2,
}

#: when a resource has several sam: classes, the first of these it has names its kind
_KIND_PREFERENCE: tuple[str, ...] = (
    "Municipality", "Region", "Activity", "PriorityArea", "Goal", *CONCEPT_CLASSES, "Framework", "Strategy",
    "Partnership", "OrganisationalUnit", "Organisation", "CrossCuttingPerspective")


def is_strategy_kind(kind: str | None) -> bool:
    """A goal, priority area or activity (what an organisation's strategy states)."""
    return kind in STRATEGY_KINDS


def strategy_order(kind: str | None) -> int:
    """Sort key putting goals first, then priority areas, then activities, then anything else."""
    return STRATEGY_KINDS.index(kind) if kind in STRATEGY_KINDS else len(STRATEGY_KINDS)


def layer_of(kind: str) -> int:
    """The traceability graph's layer (column) of a kind; unknown kinds sit with the concepts."""
    return LAYERS.get(kind, CONCEPT_LAYER)


def kind_of(types: Iterable[str]) -> str:
    """The kind (sam: class local name) of a resource with these rdf:type IRIs: the most specific
    one where it has several, '' where it has none in sam:."""
    sam = str(SAM)
    kinds = sorted(t[len(sam):] for t in types if t.startswith(sam))
    return next((k for k in _KIND_PREFERENCE if k in kinds), kinds[0] if kinds else "")


def compact(iri: str) -> str:
    """The prefixed name of an IRI where a known prefix (namespaces.PREFIXES) fits, the longest
    namespace winning ('sam:Goal', 'id:ronneby'); else the IRI itself."""
    best, name = "", ""
    for prefix, namespace in PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, prefix
    return f"{name}:{iri[len(best):]}" if best else iri


def local_name(iri: str) -> str:
    """The last segment of an IRI (after '#' or '/'), or the IRI where it has none."""
    for separator in ("#", "/"):
        if separator in iri:
            tail = iri.rsplit(separator, 1)[1]
            if tail:
                return tail
    return iri


__all__ = [
    "PREFIXES", "STRATEGY_KINDS", "COUNT_KEYS", "CONCEPT_CLASSES", "COVERAGE_CLASSES", "CONCEPT_LAYER", "LAYERS",
    "is_strategy_kind", "strategy_order", "layer_of", "kind_of", "compact", "local_name",
]
