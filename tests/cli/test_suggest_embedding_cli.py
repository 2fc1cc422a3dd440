"""`samsyn suggest --method embedding --model DIR`: a real model2vec model made here (a word-level
tokenizer over the Exempelby and framework words, vectors that put the words of one topic near each
other), read from its folder by the command, in every format; and a bad --model as one line, exit 2."""

from __future__ import annotations

import csv
import io
import json
import sys
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pytest
from rdflib import Graph, Literal

from samsyn.graph import build
from samsyn.graph.cli import main
from samsyn.graph.namespaces import ID, PROV, RDF, SAM
from samsyn.graph.text.analysis import WORD, analyzer
from samsyn.graph.text.suggest import Texts
from samsyn.graph.text.suggest_embedding import INSTALL, THRESHOLD, VERSION

EXEMPELBY = str(Path(__file__).parents[1] / "fixtures" / "exempelby.ttl")
needs_model2vec = pytest.mark.skipif(find_spec("model2vec") is None,
                                     reason="model2vec is not installed (the embedding extra): "
                                            "pip install -e '.[embedding]'; make test installs it")

#: words that begin so are near each other in the model made here: one direction per topic
TOPICS = {"youth": ("ung", "youth", "young"),
          "jobs": ("jobb", "job", "arbetstillf", "employ", "syssels", "skill", "kompetens"),
          "sea": ("hav", "sea", "kust", "coast", "strand", "beach", "vatten", "water")}
UNGA = str(ID["exempelby/priority-area/unga"])
JOBS = str(ID["exempelby/goal/fler-jobb"])
BEACH = str(ID["exempelby/activity/strandstadning"])
CLEAN_SEA = str(ID["exempelby/goal/rent-hav"])
YOUTH_ON_THE_MOVE = str(ID["eu2020/flagship/youth-on-the-move"])
NEW_SKILLS = str(ID["eu2020/flagship/agenda-for-new-skills-and-jobs"])
CLEAR_WATER = str(ID["eusbsr/sub-objective/clear-water-in-the-sea"])


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory) -> Path:
    """A model2vec model saved by model2vec: every word of the texts the suggester reads (stop
    words left out, so the model drops them as unknown), each a vector of its own, the words of
    one topic along that topic's direction."""
    from model2vec import StaticModel
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    texts = Texts(build([EXEMPELBY]))
    written = [(lang, text) for items in texts.entities.values() for _, lang, text in items]
    written += [item for items in texts.concepts.values() for item in items]
    words = sorted({w.lower() for lang, text in written for w in WORD.findall(text) if analyzer(lang).term(w)})
    rng = np.random.default_rng(2024)
    dimensions = 32
    topic = {name: rng.standard_normal(dimensions) for name in TOPICS}
    vectors = [np.zeros(dimensions)]  # [UNK]: dropped by the model anyway
    for word in words:
        own = rng.standard_normal(dimensions)
        near = [name for name, starts in TOPICS.items() if word.startswith(starts)]
        vectors.append(topic[near[0]] * 3 + own if near else own)
    tokenizer = Tokenizer(models.WordLevel({"[UNK]": 0, **{w: i + 1 for i, w in enumerate(words)}}, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    folder = tmp_path_factory.mktemp("models") / "tiny-topics"
    StaticModel(np.asarray(vectors, dtype=np.float32), tokenizer, normalize=True).save_pretrained(folder)
    return folder


def run(runner, *args: str):
    return runner.invoke(main, ["suggest", "--source", EXEMPELBY, *args])


def rows(runner, model_folder, *args: str) -> list[dict]:
    result = run(runner, "--method", "embedding", "--model", str(model_folder), "--format", "csv", *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def best(found: list[dict], entity: str) -> dict:
    return next(row for row in found if row["entity"] == entity)  # by entity, best first


@needs_model2vec
def test_the_concept_whose_words_the_entity_says_ranks_first(runner, model_folder):
    found = rows(runner, model_folder)
    assert list(found[0])[:4] == ["entity", "concept", "score", "evidence"]
    assert all(THRESHOLD <= float(row["score"]) <= 1 for row in found)
    assert all(row["method"] == "embedding" and row["version"] == VERSION and row["among"] == "referred"
               for row in found)
    unga, jobs = best(found, UNGA), best(found, JOBS)
    assert unga["concept"] == YOUTH_ON_THE_MOVE and "Unga" in unga["evidence"].split("; ")
    assert jobs["concept"] == NEW_SKILLS and "jobs" in jobs["evidence"].split("; ")
    # Exempelby refers to Europe 2020 alone: no Baltic Sea concept among its candidates
    assert not any(row["framework"] == str(ID["eusbsr"]) for row in found)


@needs_model2vec
def test_near_words_suggest_a_concept_without_a_shared_word(runner, model_folder):
    """What the lexical method cannot do: "Strandstädning" (beach clean-up) says no word of the
    clean-water sub-objective, whose words the model puts near "beach"; "Rent hav" says some, and
    its evidence shows them as the lexical analyzer reads them ("hav" is "havet" stemmed)."""
    found = rows(runner, model_folder, "--all-frameworks", "--entity", BEACH, "--entity", CLEAN_SEA)
    beach, sea = best(found, BEACH), best(found, CLEAN_SEA)
    assert beach["concept"] == CLEAR_WATER and beach["evidence"] == "" and beach["among"] == "every"
    assert sea["concept"] == CLEAR_WATER and "hav ~ havet" in sea["evidence"].split("; ")
    scores = [float(row["score"]) for row in found if row["entity"] == BEACH]
    assert scores == sorted(scores, reverse=True)
    lexical = runner.invoke(main, ["suggest", "--source", EXEMPELBY, "--all-frameworks", "--entity", BEACH,
                                   "--format", "csv"])
    assert lexical.exit_code == 0 and CLEAR_WATER not in lexical.stdout


@needs_model2vec
def test_every_format_says_the_same_suggestions(runner, model_folder):
    found = rows(runner, model_folder)
    model = ["--method", "embedding", "--model", str(model_folder)]
    records = json.loads(run(runner, *model, "--format", "json").stdout)
    assert [(r["entity"], r["concept"], r["score"]) for r in records] == \
        [(r["entity"], r["concept"], float(r["score"])) for r in found]
    assert all({"entityWord", "conceptWord", "relation", "lang"} == set(m) for r in records for m in r["evidence"])
    table = run(runner, *model).stdout
    assert "method embedding 1, model tiny-topics" in table and "Unga på väg" in table
    graph = Graph().parse(data=run(runner, *model, "--format", "turtle").stdout, format="turtle")
    [activity] = graph.subjects(RDF.type, PROV.Activity)
    assert graph.value(activity, SAM.method) == Literal("embedding")
    assert graph.value(activity, SAM.methodVersion) == Literal(VERSION)
    assert graph.value(activity, SAM.model) == Literal("tiny-topics")
    assert float(graph.value(activity, SAM.threshold)) == THRESHOLD
    nodes = set(graph.subjects(RDF.type, SAM.Suggestion))
    assert {(str(graph.value(n, SAM.suggestedEntity)), str(graph.value(n, SAM.suggestedConcept))) for n in nodes} \
        == {(r["entity"], r["concept"]) for r in found}
    assert all(str(n).startswith(str(ID["suggestion/embedding/"])) for n in nodes)
    assert all(graph.value(n, PROV.wasGeneratedBy) == activity for n in nodes)
    assert not list(graph.triples((None, SAM.alignsWith, None)))


def one_line_error(result) -> str:
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("samsyn: error: ")
    return line


@pytest.mark.parametrize("args, expected", [
    (["--method", "embedding"], "--method embedding needs --model PATH"),
    (["--method", "embedding", "--model", "minishlab/potion-multilingual-128M"],
     "--model minishlab/potion-multilingual-128M: not a folder on this machine; samsyn downloads no model"),
    (["--model", "."], "--model is read only by --method embedding"),
])
def test_a_model_that_is_no_local_folder_is_one_line_and_exit_2(runner, args, expected):
    assert expected in one_line_error(run(runner, *args))


@needs_model2vec
def test_a_folder_without_a_model_is_one_line_and_exit_2(runner, tmp_path):
    (tmp_path / "config.json").write_text("{}")
    line = one_line_error(run(runner, "--method", "embedding", "--model", str(tmp_path)))
    assert f"--model {tmp_path}: not a model2vec model folder" in line


def test_without_model2vec_the_error_says_how_to_install_it(runner, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "model2vec", None)  # what Python does for a package not installed
    line = one_line_error(run(runner, "--method", "embedding", "--model", str(tmp_path)))
    assert line.endswith(f"is not installed: {INSTALL}")
