"""benchmarks/RESULTS.md, the one file every benchmark writes its figures to: a section per
script, between markers that script owns. A run replaces its own section and leaves the others
as they were, so each figure keeps the date and command of the run that measured it.

    from results import write_section   # benchmarks/results.py, beside the scripts
    write_section("search", markdown)    # markdown's headings are one level below the file's title
"""

from __future__ import annotations

import os
import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

#: the sections, in the order the file lists them, with what each holds and the script that writes it
SECTIONS: dict[str, tuple[str, str]] = {
    "scale": ("Scale: load, named queries, SHACL, viewer", "benchmarks/run.py (make bench)"),
    "load-test": ("Load test: the served viewer under concurrency, and a flood", "benchmarks/load.py"),
    "search": ("Search speed", "benchmarks/search.py"),
    "search-pages": ("Search and suggestions in the viewer", "benchmarks/search_pages.py"),
    "suggest": ("Suggested alignments against the Ronneby page-5 table", "benchmarks/suggest.py"),
    "build-suggestions": ("What the suggestions add to a build", "benchmarks/build_suggestions.py"),
}

TITLE = "# Benchmarks"
INTRO = ("Each section is written by the script it names and only by it (benchmarks/results.py); do not edit "
         "by hand. Every ratio compares two figures measured in the same run, against the baseline the "
         "section names; each section gives its command, machine and date.")


def _marker(name: str, end: bool = False) -> str:
    return f"<!-- {'end' if end else 'begin'}: {name} -->"


def sections(text: str) -> dict[str, str]:
    """Name -> the markdown between its markers, from the text of RESULTS.md."""
    found = {}
    for name in SECTIONS:
        match = re.search(re.escape(_marker(name)) + r"\n(.*?)\n" + re.escape(_marker(name, end=True)), text, re.S)
        if match:
            found[name] = match.group(1)
    return found


def render(parts: dict[str, str]) -> str:
    lines = [TITLE, "", INTRO, ""]
    lines += [f"- [{title}](#{_anchor(title)}) — `{script}`" + ("" if name in parts else " (not run yet)")
              for name, (title, script) in SECTIONS.items()]
    for name in SECTIONS:
        if name in parts:
            lines += ["", _marker(name), parts[name].strip("\n"), _marker(name, end=True)]
    return "\n".join(lines) + "\n"


def _anchor(title: str) -> str:
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def demote(markdown: str) -> str:
    """Every heading one level down (a script's `# Title` becomes a section of the file), outside code."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        out.append("#" + line if not fenced and re.match(r"#{1,5} ", line) else line)
    return "\n".join(out)


def write_section(name: str, markdown: str, path: Path = RESULTS) -> None:
    """Replace section `name` of RESULTS.md with `markdown` (a script's report: its own `# title`
    gives way to the section's, its other headings go one level down), atomically; the other
    sections stay as they were."""
    if name not in SECTIONS:
        raise ValueError(f"unknown section {name!r}; the sections are {', '.join(SECTIONS)}")
    parts = sections(path.read_text(encoding="utf-8")) if path.is_file() else {}
    body = markdown.strip("\n")
    if body.startswith("# "):
        body = body.partition("\n")[2].lstrip("\n")
    parts[name] = f"## {SECTIONS[name][0]}\n\n" + demote(body)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(render(parts), encoding="utf-8")
    os.replace(temporary, path)
