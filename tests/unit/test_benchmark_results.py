"""benchmarks/RESULTS.md: one file, a section per benchmark script, each run replacing only its own."""

import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"
_spec = importlib.util.spec_from_file_location("benchmark_results", BENCHMARKS / "results.py")
results = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(results)


def test_a_run_replaces_its_own_section_and_keeps_the_others(tmp_path):
    path = tmp_path / "RESULTS.md"
    results.write_section("search", "# Search speed\n\nfirst run\n\n## 5 organisations\n\n| a |", path)
    results.write_section("scale", "# Benchmarks\n\nscale figures\n", path)
    results.write_section("search", "# Search speed\n\nsecond run\n", path)
    text = path.read_text(encoding="utf-8")
    parts = results.sections(text)
    assert set(parts) == {"scale", "search"}
    assert "second run" in parts["search"] and "first run" not in text
    assert "scale figures" in parts["scale"]
    assert text.index("<!-- begin: scale -->") < text.index("<!-- begin: search -->")  # the file's order
    assert "(not run yet)" in text.split("<!-- begin")[0]  # the index says which have not run


def test_a_scripts_headings_go_one_level_down_under_the_sections_title(tmp_path):
    path = tmp_path / "RESULTS.md"
    results.write_section("suggest", "# Whatever the script calls it\n\n## With the table\n\n```\n# not a heading\n```", path)
    part = results.sections(path.read_text(encoding="utf-8"))["suggest"]
    assert part.startswith(f"## {results.SECTIONS['suggest'][0]}\n")
    assert "### With the table" in part and "\n# not a heading" in part and "Whatever" not in part


def test_an_unknown_section_is_refused_naming_the_known_ones(tmp_path):
    with pytest.raises(ValueError, match="scale"):
        results.write_section("speed", "x", tmp_path / "RESULTS.md")
    assert not (tmp_path / "RESULTS.md").exists()


def test_the_committed_file_is_what_the_writer_writes():
    text = (BENCHMARKS / "RESULTS.md").read_text(encoding="utf-8")
    assert results.render(results.sections(text)) == text, "RESULTS.md was edited outside benchmarks/results.py"
