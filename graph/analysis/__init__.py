"""Analysis over a built store, as plain functions a notebook, the CLI and the viewer share:
coverage and gaps and the coverage matrix (coverage), reach per organisation (reach), the
alignment graph and its aggregated overview (overview), and what is known about each resource
(resources). The source texts are graph.documents'."""

from .coverage import CoverageMatrix, MatrixRow, build_matrix, coverage, coverage_matrix, gaps
from .overview import OTHERS, aggregate, alignment_graph, concept_selection, concept_totals
from .reach import reach, reaching_of, traces_to

__all__ = [
    "CoverageMatrix", "MatrixRow", "build_matrix", "coverage", "coverage_matrix", "gaps",
    "OTHERS", "aggregate", "alignment_graph", "concept_selection", "concept_totals",
    "reach", "reaching_of", "traces_to",
]
