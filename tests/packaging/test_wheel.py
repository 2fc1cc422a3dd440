"""The distribution installs one import name, `samsyn`, and a notebook's own `graph.py` does
not shadow it (DESIGN.md "Layout")."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("ontology", "graph", "shapes", "viewer")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True, cwd=out)
    (found,) = out.glob("samsyn-*.whl")
    return found


def test_the_wheel_holds_one_top_level_name_and_every_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} == {"samsyn"}
    # every folder of the four layers that holds Python code is in the wheel (none forgotten in pyproject)
    for layer in LAYERS:
        for init in (ROOT / layer).rglob("*.py"):
            assert f"samsyn/{init.relative_to(ROOT).as_posix()}" in names, init
    assert "samsyn/graph/queries/coverage.rq" in names and "samsyn/ontology/samsyn.ttl" in names


def test_a_notebook_with_its_own_graph_py_imports_the_library(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    # the dependencies come from the test environment's site-packages, added as a plain path
    # (a .pth line: its own .pth files, the editable samsyn among them, are not processed)
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    notebook = tmp_path / "notebook"
    notebook.mkdir()
    for layer in LAYERS:
        (notebook / f"{layer}.py").write_text("raise SystemExit('the notebook module was imported')\n")
    script = ("import samsyn.graph, samsyn.shapes, samsyn.viewer\n"
              "from samsyn.graph import build\n"
              "store = build()\n"
              "print(samsyn.graph.__file__)\n"
              "print(len(store) > 1000)\n")
    run = subprocess.run([python, "-c", script], cwd=notebook, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    where, big = run.stdout.split()
    assert str(env_dir) in where and big == "True"
