"""Suggestions measured against the Ronneby page-5 table: python benchmarks/suggest.py [--seed 2024] [--scale N].

The gold set is the table's links: Ronneby's priority areas' sam:alignsWith (21 links, 5 areas).
They are removed from the data the suggester is given (it never reads them anyway; the unit
tests check that), and so, in the second condition, is the table's own text: each priority
area's quote of its table row names the concepts the gold links go to, so the first condition
measures reading the table back, the second what the prose alone supports.

Per condition, beside the suggester (samsyn.graph.suggest, its published threshold applied), two
baselines in the same run over the same candidates (the most specific concepts of the frameworks
the strategy refers to): shared label words only (lower-cased words of the entity's and the
concept's labels, stop words left out, no stemming, quotes unread; concepts sharing none are not
suggested) and random (every candidate, shuffled with a fixed seed). Precision@3 (of the first
three suggestions, the share in the gold set; a missing suggestion is a miss) and recall@5 (of the
gold links, the share among the first five), averaged over the areas, per framework and overall.
Per framework, an area counts where the table gives it a link in that framework; precision@3 then
cannot exceed min(3, links)/3, shown as the ceiling.

Also the share of purely procedural entities (listed below, with why) for which no suggestion
clears the threshold, among the frameworks their strategies refer to and among all frameworks.

With --model PATH (a model2vec model in a local folder; pip install 'samsyn[embedding]'), the
embedding method (graph/text/suggest_embedding.py) as well, in the same run and table, over the
same gold set and candidates, cut at its own threshold; without it the report says it was not run.

With --scale N, also the time and memory of `suggest` over N synthetic organisations
(graph/synth.py), once, in a fresh process.

Results go to the suggest section of benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from results import write_section  # benchmarks/results.py, beside this script

from rdflib import Graph, Variable

from samsyn.graph import build, suggest
from samsyn.graph.named_queries import lookup
from samsyn.graph.namespaces import ID, SAM
from samsyn.graph.sources import bundled_strategies
from samsyn.graph.synth import write_synthetic
from samsyn.graph.text.analysis import ANALYZERS, WORD
from samsyn.graph.documents import source_documents
from samsyn.graph.text.suggest import METHOD, THRESHOLD, VERSION
from samsyn.graph.text.suggest_embedding import EmbeddingModel, ModelError, suggest_embedding

ROOT = Path(__file__).resolve().parents[1]
RONNEBY = "ronneby"
TABLE_PAGE = 5
#: thresholds the report shows the suggester at, beside the published one
SWEEP = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
FRAMEWORKS = {str(ID["eu2020"]): "Europe 2020", str(ID["eusbsr"]): "EUSBSR", str(ID["blekingestrategin"]): "Blekingestrategin"}

#: entities whose text is only about how the international work is done (informing, monitoring,
#: visiting, answering consultations, keeping contacts), not about what it is for
PROCEDURAL = {
    "hylte/activity/information-och-kommunikation": "informing politicians and the executive board",
    "hylte/activity/omvarldsbevakning": "monitoring developments abroad",
    "hylte/activity/internationella-besok": "receiving and making visits",
    "kungsbacka/activity/kontinuerlig-omvarldsbevakning": "monitoring developments abroad",
    "kungsbacka/priority-area/omvarlds-och-intressebevakning": "monitoring developments and interests",
    "kungsbacka/priority-area/internationella-kontakter": "keeping international contacts",
    "orebro-lans-landsting/activity/samrad-och-bevakning": "answering the Commission's consultations, monitoring",
    "orebro-lans-landsting/activity/officiella-kontakter": "official contacts and networks",
    "ronneby/activity/omvarldsbevakning": "monitoring developments abroad",
    "ronneby/goal/bidra-till-visioner-och-mal": "contribute to the council's visions and goals",
    "varmdo/activity/studiebesok": "study visits",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def prepare(folder: Path, hide_table: bool) -> tuple[list[Path], dict[str, set[str]], int]:
    """Copies of the bundled strategies with Ronneby's sam:alignsWith taken out (returned as the
    gold set) and, with hide_table, every Ronneby quote that is text of the table's page."""
    folder.mkdir(parents=True)
    page = " ".join(norm(p.text) for d in source_documents().values() if d.stem == RONNEBY
                    for p in d.passages() if p.page == TABLE_PAGE)
    paths, gold, hidden = [], {}, 0
    for source in bundled_strategies():
        graph = Graph().parse(source.path, format="turtle")
        if source.path.stem == RONNEBY:
            for entity in set(graph.subjects(SAM.alignsWith, None)):
                gold[str(entity)] = {str(c) for c in graph.objects(entity, SAM.alignsWith)}
            graph.remove((None, SAM.alignsWith, None))
            if hide_table:
                for entity, quote in list(graph.subject_objects(SAM.sourceText)):
                    if norm(str(quote)) in page:
                        graph.remove((entity, SAM.sourceText, quote))
                        hidden += 1
        path = folder / source.path.name
        graph.serialize(path, format="turtle")
        paths.append(path)
    return paths, gold, hidden


def candidates(store, entities: set[str]) -> tuple[dict[str, list[str]], dict[str, str], dict[str, set[str]]]:
    """Per entity the candidate concepts (as the suggester has them), each concept's framework,
    and every entity's and concept's labels."""
    strategy, concept_framework, labels = {}, {}, defaultdict(set)
    for row in lookup(store, "suggest-entities").bindings:
        entity = str(row[Variable("entity")])
        if Variable("strategy") in row:
            strategy[entity] = str(row[Variable("strategy")])
        if row[Variable("property")] != SAM.sourceText:
            labels[entity].add(row[Variable("text")])
    for row in lookup(store, "suggest-concepts").bindings:
        concept = str(row[Variable("concept")])
        concept_framework[concept] = str(row[Variable("framework")])
        if "definition" not in str(row[Variable("property")]):
            labels[concept].add(row[Variable("text")])
    narrower = {str(row[Variable("broader")]) for row in lookup(store, "broader").bindings}
    refers = defaultdict(set)
    for row in lookup(store, "strategy-frameworks").bindings:
        refers[str(row[Variable("strategy")])].add(str(row[Variable("framework")]))
    out = {e: sorted(c for c, f in concept_framework.items() if f in refers[strategy.get(e, "")] and c not in narrower)
           for e in entities}
    return out, concept_framework, labels


def label_words(literals: set) -> set[str]:
    words = set()
    for literal in literals:
        stop = ANALYZERS.get((literal.language or "sv")[:2], ANALYZERS["sv"])
        words.update(w.lower() for w in WORD.findall(str(literal)) if stop.term(w))
    return words


def shared_label_words(cands, labels) -> dict[str, list[str]]:
    out = {}
    for entity, concepts in cands.items():
        mine = label_words(labels[entity])
        scored = [(len(mine & label_words(labels[c])), c) for c in concepts]
        out[entity] = [c for n, c in sorted(scored, key=lambda x: (-x[0], x[1])) if n > 0]
    return out


def shuffled(cands, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    out = {}
    for entity in sorted(cands):
        order = list(cands[entity])
        rng.shuffle(order)
        out[entity] = order
    return out


def metrics(ranked: dict[str, list[str]], gold: dict[str, set[str]], framework_of: dict[str, str],
            framework: str | None) -> tuple[float, float, float, int]:
    """Precision@3, recall@5, the precision@3 ceiling, and how many entities count."""
    p3, r5, ceiling = [], [], []
    for entity, links in gold.items():
        wanted = {c for c in links if framework is None or framework_of.get(c) == framework}
        if not wanted:
            continue
        got = [c for c in ranked.get(entity, []) if framework is None or framework_of.get(c) == framework]
        p3.append(len(set(got[:3]) & wanted) / 3)
        r5.append(len(set(got[:5]) & wanted) / len(wanted))
        ceiling.append(min(3, len(wanted)) / 3)
    return statistics.mean(p3), statistics.mean(r5), statistics.mean(ceiling), len(p3)


def run_condition(folder: Path, hide_table: bool, seed: int, model: EmbeddingModel | None = None) -> dict:
    paths, gold, hidden = prepare(folder, hide_table)
    store = build(paths, suggestions=False)  # the suggester is what is timed here
    times = []
    for _ in range(3):
        start = time.perf_counter()
        found = suggest(store)
        times.append(time.perf_counter() - start)
    cands, framework_of, labels = candidates(store, set(gold))
    lexical = defaultdict(list)
    for s in found:
        if s.entity in gold:
            lexical[s.entity].append(s.concept)
    methods = {f"{METHOD} {VERSION} (threshold {THRESHOLD})": dict(lexical)}
    if model is not None:
        embedded = defaultdict(list)
        for s in suggest_embedding(store, model, entities=gold):
            embedded[s.entity].append(s.concept)
        made = model.method()
        methods[f"{made.name} {made.version} (threshold {made.threshold}, model {made.model})"] = dict(embedded)
    methods["shared label words"] = shared_label_words(cands, labels)
    methods[f"random (seed {seed})"] = shuffled(cands, seed)
    table = {}
    for name, ranked in methods.items():
        table[name] = {scope: metrics(ranked, gold, framework_of, framework)
                       for scope, framework in [("overall", None), *((v, k) for k, v in FRAMEWORKS.items())]}
    procedural = [str(ID[p]) for p in PROCEDURAL]
    quiet = {}
    for flag in (False, True):
        suggested = {s.entity for s in suggest(store, entities=procedural, all_frameworks=flag)}
        quiet[flag] = (sum(1 for p in procedural if p not in suggested), sorted(suggested))
    # the same scores cut at other thresholds: what choosing THRESHOLD on this table trades
    everything = suggest(store, threshold=0.0)
    loud = suggest(store, entities=procedural, threshold=0.0)
    sweep = []
    for cut in SWEEP:
        ranked: dict[str, list[str]] = defaultdict(list)
        for s in everything:
            if s.entity in gold and s.score >= cut:
                ranked[s.entity].append(s.concept)
        p3, r5, _, _ = metrics(ranked, gold, framework_of, None)
        sweep.append((cut, p3, r5, len(procedural) - len({s.entity for s in loud if s.score >= cut})))
    examples = {e: [(s.concept, s.score, s.evidence_text) for s in found if s.entity == e][:6] for e in sorted(gold)}
    return {"gold": gold, "hidden": hidden, "table": table, "quiet": quiet, "sweep": sweep,
            "time": statistics.median(times),
            "suggestions": len(found), "examples": examples, "candidates": statistics.mean(len(c) for c in cands.values())}


def short(iri: str) -> str:
    return iri.split("/id/", 1)[-1]


def scale_worker(data: str) -> dict:
    store = build([data], suggestions=False)  # computed below, timed and measured alone
    start = time.perf_counter()
    found = suggest(store)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "suggestions": len(found),
            "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_scale(n: int, scratch: Path) -> dict:
    data = write_synthetic(n, scratch / f"synthetic-{n}.ttl", 2024)
    run = subprocess.run([sys.executable, __file__, "--scale-worker", str(data)], check=True,
                         capture_output=True, text=True)
    return {"organisations": n, **json.loads(run.stdout), "loadavg": os.getloadavg()[0]}


def report(results: dict[str, dict], seed: int, scale: dict | None = None, model: EmbeddingModel | None = None) -> str:
    packages = ("bm25s", "PyStemmer", "numpy", "rdflib", "pyoxigraph") + (("model2vec",) if model else ())
    versions = ", ".join(f"{p} {version(p)}" for p in packages)
    gold = next(iter(results.values()))["gold"]
    scaled = (" --model PATH" if model else "") + (f" --scale {scale['organisations']}" if scale else "")
    lines = [
        "# Suggested alignments against the Ronneby page-5 table",
        "",
        f"`python benchmarks/suggest.py --seed {seed}{scaled}`, "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC}, "
        f"Python {platform.python_version()}, {versions}.",
        "",
        f"Gold set: the table's {sum(len(v) for v in gold.values())} links from Ronneby's {len(gold)} priority "
        "areas (their sam:alignsWith, removed from the data given to the suggester). Candidates per area: the "
        "most specific concepts of the frameworks Ronneby's strategy refers to "
        f"({next(iter(results.values()))['candidates']:.0f}). Precision@3 and recall@5 are averaged over the "
        "areas; per framework, over the areas the table links to that framework, where precision@3 cannot exceed "
        "the ceiling shown. The suggester's lists are cut at its published threshold "
        f"({THRESHOLD}); the baselines' are not (random ranks every candidate).",
        "",
        (f"The embedding method read the model in the folder {model.name} (given with --model; no model ships with "
         f"samsyn), cut at its own threshold ({model.method().threshold}), which was not tuned."
         if model else "The embedding method was not run (no model given: --model PATH)."),
        "",
    ]
    titles = {True: "Without the table's text (the prose alone)", False: "With the table's text (as the data has it)"}
    for key, result in results.items():
        hide = key == "prose"
        lines += [f"## {titles[hide]}", ""]
        if hide:
            lines += [f"The {result['hidden']} quotes that are text of page {TABLE_PAGE} (each area's table row) are "
                      "removed as well: what is left of each area is its label (sv, en) and its description on page 4.", ""]
        else:
            lines += ["Each priority area quotes its own row of the table, which names the concepts the gold links go "
                      "to: this condition measures reading the table back, not inferring alignment.", ""]
        lines += ["| method | scope | areas | precision@3 | (ceiling) | recall@5 |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        for method, scopes in result["table"].items():
            for scope, (p3, r5, ceiling, n) in scopes.items():
                lines.append(f"| {method} | {scope} | {n} | {p3:.2f} | {ceiling:.2f} | {r5:.2f} |")
        total = len(PROCEDURAL)
        (refers_quiet, _), (all_quiet, all_hit) = result["quiet"][False], result["quiet"][True]
        lines += ["", f"Procedural entities with no suggestion at or above the threshold: {refers_quiet}/{total} "
                  f"({refers_quiet / total:.0%}) by default (among the frameworks their strategies refer to, or every "
                  f"framework that is not one region's own where they refer to none with concepts), {all_quiet}/{total} "
                  f"({all_quiet / total:.0%}) among all frameworks"
                  + (f" (suggested for: {', '.join(short(e) for e in all_hit)})" if all_hit else "") + ".",
                  "", "The suggester's scores cut at other thresholds (overall; procedural entities quiet by default):", "",
                  "| threshold | precision@3 | recall@5 | procedural quiet |", "| ---: | ---: | ---: | ---: |",
                  *(f"| {cut:.2f}{' (published)' if cut == THRESHOLD else ''} | {p3:.2f} | {r5:.2f} | {q}/{total} |"
                    for cut, p3, r5, q in result["sweep"]),
                  "", f"`suggest` over the five bundled strategies: {result['suggestions']} suggestions in "
                  f"{result['time'] * 1000:.0f} ms (median of 3).", "", "What the suggester gives each area:", ""]
        for entity, found in result["examples"].items():
            wanted = gold[entity]
            shown = "; ".join(f"{'**' if c in wanted else ''}{short(c)}{'**' if c in wanted else ''} {s:.2f} ({ev})"
                              for c, s, ev in found) or "nothing above the threshold"
            lines.append(f"- {short(entity)}: {shown}")
        lines.append("")
    lines += ["Gold links in bold.", ""]
    if scale:
        lines += ["## Speed at scale", "",
                  f"`suggest` over {scale['organisations']:,} synthetic organisations (graph/synth.py, seed 2024; their "
                  f"strategies refer to 1-3 of the three frameworks): {scale['suggestions']:,} suggestions in "
                  f"{scale['seconds']:.0f} s, process peak {scale['peak']:.0f} MB with the store (one run, load average "
                  f"{scale['loadavg']:.1f} on {os.cpu_count()} cores).", ""]
    lines += ["## The procedural entities", "",
              *(f"- {e}: {why}" for e, why in PROCEDURAL.items()), "",
              "## What this says", "",
              "Read with the table's text, the suggester finds the table's links (it reads the concepts' names back). "
              "With the prose alone, an area's description shares few words with the texts of the concepts the table "
              "ties it to (\"Aktivt åldrande är en möjlighet att åldras i Ronneby som en delaktig samhällsmedborgare\" "
              "against \"En digital agenda för Europa\", \"Östersjöstrategin bidrar till implementeringen av Europa "
              "2020 strategin\", \"Livskvalitet\"), and half the gold links go to concepts no description names in any "
              "words: Livskvalitet is tied to all five areas, the implementation of Europe 2020 to three, and none of the "
              "twelve Baltic sub-objectives has an official definition samsyn could read (docs/frameworks.md). What the "
              "words do support (youth on the move for Unga på väg, the platform against poverty for Minskat "
              "utanförskap through its English label, the resource-efficient Europe for Hållbara städer) the suggester "
              "finds; lowering the threshold buys recall with suggestions for procedural text (the sweep above). "
              "THRESHOLD was chosen on this table, so these figures flatter it: the independent gold set on the other "
              "four documents is the real test.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2024, help="seed of the random baseline")
    parser.add_argument("--scale", type=int, default=0, help="also time suggest over this many synthetic organisations")
    parser.add_argument("--model", metavar="PATH",
                        help="also run the embedding method with the model2vec model in this local folder")
    parser.add_argument("--scale-worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale_worker:
        print(json.dumps(scale_worker(args.scale_worker)))
        return 0
    model = None
    if args.model:
        try:
            model = EmbeddingModel.load(args.model)
        except ModelError as error:
            print(f"suggest.py: error: {error}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="samsyn-suggest-") as scratch:
        results = {}
        for key, hide in (("table", False), ("prose", True)):
            log(f"condition: {key}")
            results[key] = run_condition(Path(scratch) / key, hide, args.seed, model)
        scale = None
        if args.scale:
            log(f"suggest over {args.scale} synthetic organisations")
            scale = measure_scale(args.scale, Path(scratch))
    text = report(results, args.seed, scale, model)
    write_section("suggest", text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
