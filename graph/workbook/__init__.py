"""Strategies and action plans as workbooks (docs/workbook.md): one XLSX file (or a folder of CSV
files) per strategy, one sheet per kind of thing, read into the strategy's named graph and
written from it, so that a strategist who has never seen RDF can author and correct the data.

    from samsyn.graph.workbook import read_workbook, strategy_to_workbook, workbook_template
    workbook_template("ny-strategi.xlsx")                      # empty, lists from the frameworks
    strategy_to_workbook(store, "ronneby", "ronneby.xlsx")    # or the official code, "1081"
    graph = read_workbook("ronneby.xlsx", source_text="graph/data/sources/ronneby.txt")
    workbook_with_alignment(store, entity, concept, "ronneby.xlsx", note="from a suggestion")
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef, Variable

from ..named_queries import lookup
from ..analysis.resources import graphs_of
from ..namespaces import ID, RDF, SAM, slug
from ..store import Store
from .errors import Problem, WorkbookError
from .reader import read_workbook
from .writer import NOTE, graph_to_tables, write_tables


def workbook_template(path: str | Path, lang: str = "sv") -> Path:
    """An empty workbook (or CSV folder, if the path does not end in .xlsx): every sheet with its
    headers and notes, the drop-down lists filled from the ontology and the bundled frameworks."""
    return write_tables({}, Path(path), lang)


def strategy_to_workbook(source: Store | Graph, organisation: str, path: str | Path, lang: str = "sv") -> Path:
    """An existing strategy as a workbook that reads back as the same named graph.

    `source`: a store, a Dataset, or the strategy's graph; `organisation`: its slug ("ronneby") or
    official code ("1081"). Raises LookupError if no strategy of that organisation is found."""
    graph, iri = strategy_graph(source, organisation)
    return write_tables(graph_to_tables(graph, iri, lang), Path(path), lang)


def workbook_with_alignment(store: Store, entity: str, concept: str, path: str | Path, lang: str = "sv",
                            note: str | None = None) -> Path:
    """The workbook of the strategy that states `entity` (as strategy_to_workbook) with one more
    row: `entity sam:alignsWith concept`, an asserted alignment, marked with `note` (a cell note
    in .xlsx: where the row came from; it states nothing and is not read back). How a strategist
    takes a suggestion into the workbook in one step. Raises LookupError if no one strategy's
    graph states the entity, ValueError if it states the alignment already."""
    owners = {str(row[Variable("graph")]): row[Variable("organisation")]
              for row in lookup(store, "strategy-graphs").bindings}
    # the graph that states the entity, by name: its organisation may issue several strategies
    found = sorted(g for g in graphs_of(store, entity) if g in owners)
    if len(found) != 1:
        raise LookupError(f"{entity} is stated in no single strategy graph")
    iri = owners[found[0]]
    graph = _named_graph(store, URIRef(found[0]))
    organisation = str(iri)
    if (URIRef(entity), None, None) not in graph:
        raise LookupError(f"{entity} is not stated in the strategy of {organisation!r}")
    link = (URIRef(entity), SAM.alignsWith, URIRef(concept))
    if link in graph:
        raise ValueError(f"{entity} already aligns with {concept} in the strategy of {organisation!r}")
    before = graph_to_tables(graph, iri, lang)
    graph.add(link)
    tables = graph_to_tables(graph, iri, lang)
    for sheet, rows in tables.items():  # the new row: on Alignments, or on Other statements if it must
        for row in rows:
            if row not in before[sheet] and note:
                row[NOTE] = note
    return write_tables(tables, Path(path), lang)


def strategy_graph(source: Store | Graph, organisation: str) -> tuple[Graph, URIRef]:
    """The named graph of an organisation's strategy, and the organisation's IRI."""
    if isinstance(source, Store):
        rows = [(row[Variable("graph")], row[Variable("organisation")], row.get(Variable("code")))
                for row in lookup(source, "strategy-graphs").bindings]
        wanted = organisation.strip()
        chosen = [(g, o) for g, o, code in rows
                  if (wanted.isdigit() and code is not None and str(code) == wanted) or o == ID[slug(wanted)]]
        if len({o for _, o in chosen}) > 1:
            raise LookupError(f"no single organisation has the official code {organisation!r}")
        if len(chosen) != 1:
            raise LookupError(_not_one(organisation, [g for g, _ in chosen]))
        graph_name, iri = chosen[0]
        return _named_graph(source, graph_name), iri
    if isinstance(source, Dataset):
        iri = _organisation_in_graph(source, organisation)
        graphs = sorted({g for s, _, _, g in source.quads((None, SAM.issuedBy, iri, None))
                         if (s, RDF.type, SAM.Strategy) in source}, key=str)
        if len(graphs) != 1:
            raise LookupError(_not_one(organisation, graphs))
        return source.graph(graphs[0]), iri
    return source, _organisation_in_graph(source, organisation)


def _named_graph(store: Store, name: URIRef) -> Graph:
    """One named graph of the store, read whole."""
    graph = Graph(identifier=name)
    for triple in lookup(store, "graph-content", resource=name).graph:
        graph.add(triple)
    return graph


def _organisation_in_graph(graph: Graph, organisation: str) -> URIRef:
    if organisation.strip().isdigit():
        found = sorted(set(graph.subjects(SAM.officialCode, Literal(organisation.strip()))), key=str)
        if len(found) != 1:
            raise LookupError(f"no single organisation has the official code {organisation!r}")
        return found[0]
    iri = ID[slug(organisation)]
    if (None, SAM.issuedBy, iri) not in graph:
        raise LookupError(f"no strategy issued by {organisation!r} ({iri})")
    return iri


def _not_one(organisation: str, graphs: list) -> str:
    if not graphs:
        return f"no strategy issued by {organisation!r}"
    return f"{organisation!r} issues strategies in several graphs ({', '.join(map(str, graphs))}); export one graph"


__all__ = ["Problem", "WorkbookError", "read_workbook", "strategy_graph", "strategy_to_workbook",
           "workbook_template", "workbook_with_alignment"]
