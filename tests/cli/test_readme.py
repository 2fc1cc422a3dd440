"""The README shows the real output of the commands it quotes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_examples_are_current():
    spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "docs" / "readme_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = module.BLOCK.findall(text)
    assert len(blocks) >= 5, "the README quotes each command"
    assert module.render(text) == text, "README examples are stale: run .venv/bin/python docs/readme_examples.py"
