"""`samsyn validate` builds without inference when its store ends with the process (no shape
reads what inference adds), so its findings are those of the full graph in every output format;
a store that outlives the command keeps its inferred graphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF

from samsyn.graph.building import build
from samsyn.graph.cli import main
from samsyn.graph.inference import INFERRED_GRAPHS
from samsyn.graph.namespaces import SH
from samsyn.graph.store import open_store
from samsyn.graph.synth import write_synthetic
from samsyn.shapes import validate
from samsyn.shapes.report import Finding, ValidationReport

pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return write_synthetic(6, tmp_path_factory.mktemp("synth") / "synth-6.ttl", seed=11)


@pytest.fixture(scope="module")
def full_report(synthetic) -> ValidationReport:
    """The findings on the whole graph, inference included."""
    store = build([synthetic], store="oxigraph")
    assert set(INFERRED_GRAPHS) <= set(store.graph_names())
    return validate(store)


def test_no_shape_reads_what_inference_adds(synthetic, full_report):
    asserted = build([synthetic], store="oxigraph", infer=False)
    assert not set(INFERRED_GRAPHS) & set(asserted.graph_names())
    assert [f.key() for f in validate(asserted).findings] == [f.key() for f in full_report.findings]
    assert full_report.findings, "the synthetic data has defects"


def keys_of_turtle(text: str) -> list[tuple]:
    graph = Graph().parse(data=text, format="turtle")
    report = graph.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    return sorted((str(graph.value(r, SH.focusNode)), str(graph.value(r, SH.sourceShape)),
                   str(graph.value(r, SH.resultSeverity)).removeprefix(str(SH)),
                   str(graph.value(r, SH.sourceConstraintComponent)),
                   str(graph.value(r, SH.resultPath)) if graph.value(r, SH.resultPath) else None)
                  for r in graph.objects(report, SH.result))


def test_every_output_format_gives_the_full_graphs_findings(synthetic, full_report):
    runner = CliRunner()
    out = {fmt: runner.invoke(main, ["validate", "--source", str(synthetic), "--format", fmt])
           for fmt in ("turtle", "json", "text")}
    assert {result.exit_code for result in out.values()} == {1}
    assert keys_of_turtle(out["turtle"].output) == sorted(f.key()[:5] for f in full_report.findings)
    assert [Finding(**f).key() for f in json.loads(out["json"].output)["findings"]] == \
        [f.key() for f in full_report.findings]
    assert out["text"].output == full_report.to_text("sv")


def test_a_store_that_outlives_the_command_keeps_its_inference(synthetic, tmp_path):
    """infer=False is honoured only where the store ends with the process: a persistent store
    always gets its inferred graphs, and validate reading it leaves them there."""
    folder = tmp_path / "store"
    build([synthetic], store=f"oxigraph:{folder}", infer=False)
    assert set(INFERRED_GRAPHS) <= set(open_store(f"oxigraph:{folder}").graph_names())
    result = CliRunner().invoke(main, ["validate", "--store", f"oxigraph:{folder}"])
    assert result.exit_code == 1, result.output
    assert set(INFERRED_GRAPHS) <= set(open_store(f"oxigraph:{folder}").graph_names())
