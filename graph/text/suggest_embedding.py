"""Suggested alignments from a local sentence-embedding model: the method "embedding" (version 1),
an optional extra beside the default "lexical" one (graph.text.suggest), installed with
`pip install 'samsyn[embedding]'` (model2vec: static embeddings on numpy, tokenizers and
safetensors, no torch).

The candidates are chosen as the lexical method chooses them (suggest.Texts.choices: the
frameworks the entity's strategy refers to, every framework, or the fallback), and the
suggestions are the same Suggestion, with the same table, CSV, JSON and Turtle. An entity's text
is its labels and quotes joined, a concept's text its own labels and definitions joined; the model
embeds each, and the score is their cosine, a negative one counted as 0. The evidence is the words
both texts share after the lexical analyzer (the same word after stemming and folding, in one
language): the score does not rest on them, but a reader still sees what the texts have in common.

Nothing is downloaded: the model is a folder on this machine that the user points to (EmbeddingModel.load
refuses anything else), and no model ships with samsyn. THRESHOLD is not tuned: no real model was
measured here (benchmarks/suggest.py --model PATH measures one against the same gold set)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..store import Store
from .analysis import SAME
from .suggest import RELATIONS, Match, Method, Suggestion, Texts, kept, terms_of

METHOD = "embedding"
VERSION = "1"
#: no suggestion scores below this cosine; a guess, not tuned on a real model here: measure a
#: model with benchmarks/suggest.py --model PATH before relying on it
THRESHOLD = 0.5
#: how to install what the method needs
INSTALL = "pip install 'samsyn[embedding]'"


class ModelError(ValueError):
    """The model cannot be read: one line saying what is wrong and what to do."""


@dataclass(frozen=True)
class EmbeddingModel:
    """A model2vec model read from a local folder, and that folder's name (for the provenance)."""

    name: str
    model: object  # model2vec.StaticModel

    @classmethod
    def load(cls, path: str | Path) -> EmbeddingModel:
        """The model2vec model in the folder `path`; ModelError if it is no folder here, if
        model2vec is not installed, or if the folder holds no model2vec model. Never downloads."""
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise ModelError(f"--model {path}: not a folder on this machine; samsyn downloads no model: "
                             "give the folder of a model2vec model saved or copied here")
        try:
            from model2vec import StaticModel
        except ImportError:
            raise ModelError(f"the embedding method needs model2vec, which is not installed: {INSTALL}") from None
        try:
            # an existing folder is read as it is: model2vec goes to its hub only for a name that is no folder
            model = StaticModel.from_pretrained(folder)
        except Exception as error:  # model2vec, safetensors and tokenizers each raise their own kinds
            reason = " ".join(str(error).split()) or type(error).__name__
            raise ModelError(f"--model {path}: not a model2vec model folder ({reason}); give a folder with its "
                             "model.safetensors, tokenizer.json and config.json") from None
        return cls(folder.resolve().name, model)

    def method(self) -> Method:
        return Method(METHOD, VERSION, THRESHOLD, self.name)

    def unit_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, of length 1 (0 where the model knows none of its words)."""
        vectors = np.asarray(self.model.encode(list(texts)), dtype=np.float64).reshape(len(texts), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def suggest_embedding(store: Store, model: EmbeddingModel, entities: Iterable[str] | None = None,
                      all_frameworks: bool = False, threshold: float = THRESHOLD) -> list[Suggestion]:
    """As suggest.suggest, scored by the model: for each goal, priority area and activity (or the
    `entities` given), the candidate concepts whose text's cosine with its text is at THRESHOLD
    (or the `threshold` given) or above; by entity, best first."""
    texts = Texts(store)
    choices = list(texts.choices(entities, all_frameworks))
    if not choices:
        return []
    concepts = sorted(set().union(*(candidates for _, _, candidates in choices)))
    entity_vectors = model.unit_vectors(["\n".join(text for _, _, text in texts.entities[e]) for e, _, _ in choices])
    concept_vectors = model.unit_vectors(["\n".join(text for _, text in texts.concepts[c]) for c in concepts])
    row = {concept: index for index, concept in enumerate(concepts)}
    out: list[Suggestion] = []
    for (entity, among, candidates), vector in zip(choices, entity_vectors):
        ordered = sorted(candidates)
        scores = np.clip(concept_vectors[[row[c] for c in ordered]] @ vector, 0.0, 1.0)
        for concept, score, _ in kept(((c, float(score), None) for c, score in zip(ordered, scores)), threshold):
            out.append(Suggestion(entity, concept, texts.framework[concept], score,
                                  shared_words(texts.entities[entity], texts.concepts[concept]),
                                  METHOD, VERSION, among=among))
    return out


def shared_words(entity_texts: Iterable[tuple[str, str, str]], concept_texts: Iterable[tuple[str, str]]
                 ) -> tuple[Match, ...]:
    """The words of the concept's texts (language, text) that the entity's texts (kind, language,
    text) say too, after the lexical analyzer, in the concept's order, each with the entity's
    first spelling of it."""
    said: dict[tuple[str, str], str] = {}
    for _, lang, text in entity_texts:
        analysed = terms_of(lang, text)
        for term, word in analysed.words:
            said.setdefault((analysed.lang, term), word)
    out: dict[tuple[str, str], Match] = {}
    for lang, text in concept_texts:
        analysed = terms_of(lang, text)
        for term, word in analysed.words:
            key = (analysed.lang, term)
            if key in said and key not in out:
                out[key] = Match(said[key], word, RELATIONS[SAME], analysed.lang)
    return tuple(out.values())
