"""Regenerate the README's example outputs from the real commands.

    .venv/bin/python docs/readme_examples.py          # rewrite README.md in place
    .venv/bin/python docs/readme_examples.py --check  # exit 1 if README.md is out of date

Each example is a block in README.md between `<!-- example: ARGS -->` and `<!-- /example -->`;
ARGS are the samsyn arguments. tests/cli/test_readme.py runs the check."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from samsyn.graph.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- example: (?P<args>.*?) -->\n)(?P<body>.*?)(<!-- /example -->)", re.S)


def run(args: str) -> str:
    result = CliRunner().invoke(main, shlex.split(args))
    body = result.output
    exit_note = f"\n(exit {result.exit_code})" if result.exit_code else ""
    return f"```console\n$ samsyn {args}\n{body.rstrip()}{exit_note}\n```\n"


def render(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + run(m.group("args")) + m.group(4), text)


def main_(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    fresh = render(text)
    if "--check" in argv:
        return 0 if fresh == text else 1
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1:]))
