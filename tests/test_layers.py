"""DESIGN.md "Layers": ontology <- graph <- shapes <- viewer, each importing only the layers below
it, and no import cycle inside a package. The contracts live in pyproject.toml
([tool.importlinter]); import-linter checks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


def test_the_layers_hold_and_no_package_has_a_cycle():
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The four packages copied as `samsyn` under a fresh folder, with pyproject.toml beside."""
    folder = tmp_path_factory.mktemp("layers")
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
    for package, source in mapping.items():
        shutil.copytree(ROOT / source, folder / "src" / Path(*package.split(".")),
                        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "data"))
    shutil.copy(ROOT / "pyproject.toml", folder)
    return folder


@pytest.mark.parametrize("module, line, broken", [
    ("graph/synth.py", "from samsyn.viewer import web", "samsyn.graph is not allowed to import samsyn.viewer"),
    ("ontology/__init__.py", "import samsyn.graph.namespaces", "samsyn.ontology is not allowed to import samsyn.graph"),
    ("viewer/i18n.py", "from . import web", "No cycles are allowed in samsyn.viewer"),
])
def test_the_contracts_catch_an_upward_import_and_a_cycle(copy, module, line, broken):
    """The same contracts, run on a copy of the code with one bad import added, break."""
    target = copy / "src" / "samsyn" / module
    original = target.read_text(encoding="utf-8")
    target.write_text(original + f"\n{line}\n", encoding="utf-8")
    try:
        env = {**os.environ, "PYTHONPATH": str(copy / "src")}  # the copy, not the installed samsyn
        run = _lint(copy, env)
    finally:
        target.write_text(original, encoding="utf-8")
    assert run.returncode == 1, run.stdout + run.stderr
    assert broken in run.stdout
