"""Build the knowledge graph: parse every source and run the inference rules once, into a fresh
in-memory Oxigraph store, then hand that dataset to the store, which adopts it all or nothing.

`build` is the one function that writes into a store. Everything that only reads the graph
(every command but `samsyn build`, the viewer, a notebook) opens it with `open_for_reading`, which
never writes into a persistent store (oxigraph:DIR, sparql+http://…): a store a user built is
read as it is, never rebuilt behind their back."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from .inference import infer
from .integrity import check_strategies
from .rdf_terms import to_ox
from .sources import Source, SourceError, all_sources, load_source
from .store import DEFAULT_STORE, Status, Store, StoreSpec, holds_graph, new_store, open_store
from .workbook import WorkbookError, read_workbook

Progress = Callable[[Source], None]


def prepare(sources: list[Source], progress: Progress | None = None, status: Status | None = None,
            infer_graphs: bool = True, allow_empty: bool = False, suggestions: bool = True) -> ox.Store:
    """The dataset every backend adopts: each source parsed by Oxigraph into its named graph of a
    fresh in-memory store, and the inferred graphs and the catalog (graph.inference) unless
    infer_graphs is false, then the suggested alignments (graph/suggested/..., with their
    provenance) unless either is false. The first bad source raises SourceError, before anything
    is written anywhere; so does an empty one, unless allow_empty (sources.load_source), and so do
    strategy sources that describe what is not theirs (graph.integrity), every such statement named."""
    dataset = ox.Store()
    for source in sources:
        if progress:
            progress(source)
        load(dataset, source, allow_empty)
    with ThreadPoolExecutor(max_workers=1) as checker:
        # the check reads the sources' graphs while the rules write their own: Oxigraph lets both
        # run at once and releases Python's lock while it evaluates a rule
        checked = None if allow_empty else checker.submit(check_strategies, dataset, sources)
        try:
            if infer_graphs:
                if status:
                    status("inferring")
                infer(dataset)
        finally:  # a source that may not be loaded is the error to report, whatever the rules did
            if checked is not None:  # allow_empty is data that is no strategy (--data-only): nothing to protect
                checked.result()
    if infer_graphs:
        if suggestions:
            if status:
                status("suggesting")
            # after the rules, so that none of them reads a suggestion; imported here: numpy and
            # the stemmers load only for a build that suggests
            from .text.suggested import add_suggestions
            add_suggestions(dataset)
    return dataset


def load(store: ox.Store, source: Source, allow_empty: bool = False) -> None:
    """One source into its named graph of `store`: an RDF file parsed by Oxigraph, a workbook read
    by graph.workbook; SourceError if it cannot be (allow_empty: sources.load_source)."""
    if source.is_workbook:
        load_workbook(store, source)
    else:
        load_source(store, source, allow_empty)


def load_workbook(store: ox.Store, source: Source) -> None:
    """A workbook read by graph.workbook into the source's named graph; its problems, every one,
    as one SourceError (the first line says how many, then one line each)."""
    graph = ox.NamedNode(str(source.graph_iri))
    try:
        read = read_workbook(source.path)
    except WorkbookError as error:
        count = len(error.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in this workbook",
                 *(f"{source.path}: {p.describe()}" for p in error.problems)]
        raise SourceError(source.path, "\n".join(lines), problems=tuple(error.problems)) from None
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in read)
    if next(store.quads_for_pattern(None, None, None, graph), None) is None:
        raise SourceError(source.path, "no statements in this workbook: samsyn refuses an empty source; fill it "
                                       "in, or leave it out")


def build(strategies: list[str | Path] | None = None, store: str | StoreSpec | Store = DEFAULT_STORE,
          progress: Progress | None = None, status: Status | None = None, infer: bool = True,
          suggestions: bool = True) -> Store:
    """Build the knowledge graph from the bundled data (or the given strategy files) into a store
    and return it. The store's writer lock is taken before anything is read or written (a
    second build on the same folder fails at once with StoreError); a bad source raises
    SourceError and leaves the store as it was. `progress` hears each source as it is parsed,
    `status` what happens next (inferring, uploading, swapping in). `infer=False` leaves the
    inferred graphs out (no shape reads them: `samsyn validate`), but only for a store that ends
    with the process: a persistent store always gets them, as its later readers expect.
    `suggestions=False` (or `infer=False` where it holds) leaves the suggested alignments out
    (`samsyn build --no-suggestions`): a reader then finds none."""
    sources = all_sources(strategies)
    target = store if isinstance(store, Store) else new_store(store)
    with target.writing():
        target.adopt(prepare(sources, progress, status, infer or target.persistent, suggestions=suggestions), status)
    return target


def open_for_reading(store: str | StoreSpec | Store = DEFAULT_STORE, strategies: list[str | Path] | None = None,
                     progress: Progress | None = None, status: Status | None = None, infer: bool = True) -> Store:
    """The knowledge graph to read, never written into a persistent store:

    - a store that holds a samsyn graph, with no strategy files given: that store, as it is;
    - an in-memory store (memory, oxigraph): the bundled data or the given files built into it;
    - a persistent store that holds no samsyn graph yet, or strategy files given with a
      persistent store: the graph is built into a new in-memory Oxigraph store instead, the
      persistent store is left untouched, and `status` hears why (only `samsyn build` writes
      into a persistent store). `infer` as for build."""
    target = store if isinstance(store, Store) else open_store(store)
    if not strategies and holds_graph(target):
        return target
    if not target.persistent:
        return build(strategies, target, progress, status, infer)
    if status:
        status(f"{target.spec} is only written by `samsyn build`: "
               + ("reading the given sources in memory" if strategies else
                  "it holds no samsyn graph, reading the bundled data in memory"))
    return build(strategies, StoreSpec("oxigraph"), progress, status, infer)
