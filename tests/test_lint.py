"""No dead code the machine can find: no unused import or variable, no undefined name, no
redefinition ([tool.ruff.lint] in pyproject.toml selects pyflakes' rules)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).parent / "ruff"


def test_pyflakes_finds_nothing():
    run = subprocess.run([str(RUFF), "check", "--no-cache", "--output-format", "concise", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
