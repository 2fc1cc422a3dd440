"""Helpers for the data tests (tests/data): the source texts, their pages, and the encoded graphs.

rdflib only, so that the data can be checked before and without the rest of the library."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Namespace, URIRef

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "graph" / "data"
SOURCES = DATA / "sources"
STRATEGIES = DATA / "strategies"
FRAMEWORKS = DATA / "frameworks"

SAM = Namespace("https://w3id.org/samsyn/ns#")
ID = "https://w3id.org/samsyn/id/"
STEMS = ["ronneby", "hylte", "orebro-lans-landsting", "kungsbacka", "varmdo"]
# the files the data owner writes (the lead writes eu2020, eusbsr, blekingestrategin)
LEAD_FRAMEWORKS = {"eu2020.ttl", "eusbsr.ttl", "blekingestrategin.ttl"}

_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """Whitespace-normalise: the only difference allowed between sam:sourceText and the source."""
    return _WS.sub(" ", text).strip()


@dataclass
class Source:
    stem: str
    meta: dict
    text: str
    proper_lines: list[str]
    proper: str  # the document proper, whitespace-normalised
    pages: dict[int, str] = field(default_factory=dict)  # page number -> normalised text


def split_pages(lines: list[str]) -> dict[int, str]:
    """Page N runs from the line starting with "N " to before the line starting with "N+1 "."""
    starts: list[int] = []
    for idx, line in enumerate(lines):
        if line.startswith(f"{len(starts) + 1} "):
            starts.append(idx)
    pages = {}
    for n, start in enumerate(starts, start=1):
        end = starts[n] if n < len(starts) else len(lines)
        pages[n] = norm("\n".join(lines[start:end]))
    return pages


def load_sources() -> dict[str, Source]:
    meta = tomllib.loads((SOURCES / "sources.toml").read_text(encoding="utf-8"))["document"]
    out = {}
    for m in meta:
        text = (SOURCES / f"{m['stem']}.txt").read_text(encoding="utf-8")
        lines = text.splitlines()[: m["end_line"]]
        src = Source(m["stem"], m, text, lines, norm("\n".join(lines)))
        if m["has_pages"]:
            src.pages = split_pages(lines)
        out[m["stem"]] = src
    return out


def load_graphs() -> dict[str, Graph]:
    out = {}
    for stem in STEMS:
        g = Graph()
        g.parse(STRATEGIES / f"{stem}.ttl", format="turtle")
        out[stem] = g
    return out


def load_framework_graphs() -> dict[str, Graph]:
    out = {}
    for path in sorted(FRAMEWORKS.glob("*.ttl")):
        if path.name in LEAD_FRAMEWORKS:
            continue
        g = Graph()
        g.parse(path, format="turtle")
        out[path.stem] = g
    return out


def iri(path: str) -> URIRef:
    return URIRef(ID + path)


def local(node) -> str:
    """The part of an instance IRI after .../id/."""
    s = str(node)
    assert s.startswith(ID), s
    return s[len(ID):]
