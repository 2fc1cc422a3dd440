"""Ranked search over labels in both languages, definitions, quotes and the source texts.

`SearchIndex(store)` reads the store once (two look-up queries and the source texts) and ranks
with BM25 (bm25s); build it once per store and keep it (the viewer caches it), then each
`index.search(...)` is cheap. Swedish is handled by the analysis module: stemming ("vänort"
finds "vänorter"), folding ("ostersjon" finds "Östersjön") and compound parts ("utbyte" finds
"vänortsutbyte", at a lower weight than the word itself). An exact label match comes first.

A hit carries its snippet as plain text with the matched words as character offsets: whoever
shows it escapes the text and marks the spans."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from rdflib import Variable

from ..named_queries import lookup
from ..namespaces import RDFS, SAM, SKOS
from ..store import Store
from .analysis import ANALYZERS, WORD, Vocabulary, analyzer, fold
from ..documents import source_documents

#: property -> the field a hit names
FIELDS = {
    str(RDFS.label): "label", str(SKOS.prefLabel): "label", str(SKOS.altLabel): "altLabel",
    str(SKOS.hiddenLabel): "hiddenLabel", str(SKOS.definition): "definition", str(SAM.sourceText): "quote",
}
#: field -> how much a match in it counts (a name says more about a thing than a sentence quoting it)
FIELD_WEIGHTS = {"label": 1.0, "altLabel": 0.9, "hiddenLabel": 0.9, "definition": 0.7, "quote": 0.6, "source": 0.5}
#: the longest snippet cut from a longer text, in characters
SNIPPET = 200
#: the longest query searched, in characters (a sentence or two; each word costs a pass over the index)
MAX_QUERY = 300


@dataclass(frozen=True)
class Hit:
    """One search result. `highlights` are [start, end) offsets into `snippet`."""

    iri: str  # the entity; for a source-text passage, the strategy the document is
    kind: str  # the entity's class, e.g. PriorityArea, Flagship, Strategy
    label: str  # the entity's label (in the language asked for, else Swedish)
    field: str  # what matched: label, altLabel, hiddenLabel, definition, quote or source
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float
    lang: str | None = None  # the language of the matched text
    document: str | None = None  # for a source-text passage: the document's stem
    page: int | None = None  # ... its page, where the document has pages
    line: int | None = None  # ... and its line (1-based)


@dataclass(frozen=True)
class _Passage:
    document: str
    title: str
    strategy: str
    page: int | None
    line: int


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class SearchIndex:
    """The search index of one store's content (and the source texts of its strategies)."""

    def __init__(self, store: Store, source_dirs: Iterable[Path] = ()):
        """Read the store, and the source texts in the bundled folder and `source_dirs` (each a
        folder with <stem>.txt files and their sources.toml; the first folder naming a stem wins)."""
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        docs: dict[tuple[str, str, str], int] = {}  # (field, lang, text) -> doc id
        self._texts: list[str] = []
        self._langs: list[str] = []
        self._fields: list[str] = []
        owners: list[list[int]] = []
        self._targets: list[str | _Passage] = []  # an entity IRI or a passage
        target_ids: dict[str, int] = {}

        def add_doc(field: str, lang: str, text: str, target: int) -> None:
            key = (field, lang, text)
            doc = docs.get(key)
            if doc is None:
                doc = docs[key] = len(self._texts)
                self._texts.append(text)
                self._langs.append(lang)
                self._fields.append(field)
                owners.append([])
            if not owners[doc] or owners[doc][-1] != target:
                owners[doc].append(target)

        kinds: dict[str, list[str]] = defaultdict(list)
        resource, kind, prop, literal = (Variable(v) for v in ("resource", "class", "property", "text"))
        for row in lookup(store, "search-texts").bindings:  # plain dicts: no row objects for 500 k rows
            iri, field, text = str(row[resource]), FIELDS[str(row[prop])], str(row[literal])
            if kind in row:
                kinds[iri].append(str(row[kind]))
            lang = (row[literal].language or "sv").split("-")[0].lower()
            if field == "label":
                labels[iri].setdefault(lang, text)  # rdfs:label and skos:prefLabel agree by contract
            target = target_ids.get(iri)
            if target is None:
                target = target_ids[iri] = len(self._targets)
                self._targets.append(iri)
            add_doc(field, lang if lang in ANALYZERS else "sv", text, target)
        self._labels = dict(labels)
        # a sam: class before a skos: one ("Flagship", not "Concept")
        self._kinds = {iri: _local_name(sorted(set(types), key=lambda t: (not t.startswith(str(SAM)), t))[0])
                       for iri, types in kinds.items()}
        for document in source_documents(source_dirs).values():
            if document.strategy not in target_ids:
                continue  # a document whose strategy is not in this store
            for passage in document.passages():
                self._targets.append(_Passage(document.stem, document.title, document.strategy,
                                              passage.page, passage.line))
                add_doc("source", "sv", passage.text, len(self._targets) - 1)
        self._owners = owners

        corpus, surface, exact, df = [], set(), defaultdict(list), Counter()
        for doc, text in enumerate(self._texts):
            words = WORD.findall(text)
            surface.update(words)
            terms = [t for t in map(analyzer(self._langs[doc]).term, words) if t]
            corpus.append(terms or [""])
            df.update(set(terms))
            if self._fields[doc] in ("label", "altLabel", "hiddenLabel") and terms:
                exact[tuple(terms)].append(doc)
        self._exact = dict(exact)
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus, show_progress=False)
        # words of their own (not stop words) may be parts of compounds
        known = {fold(w) for w in surface if any(a.term(w) for a in ANALYZERS.values())}
        self.vocabulary = Vocabulary((t for t in self._bm25.vocab_dict if t), known)
        # BM25's rarity (Lucene's idf, as bm25s computes it) of each term
        n = len(self._texts)
        self._idf = {term: math.log(1 + (n - count + 0.5) / (count + 0.5)) for term, count in df.items()}
        self._rarest = math.log(1 + (n + 0.5) / 0.5)
        self._field_weight = np.array([FIELD_WEIGHTS[f] for f in self._fields], dtype=np.float32)
        self._lang_mask = {lang: np.array([x == lang for x in self._langs]) for lang in ANALYZERS}

    def __len__(self) -> int:
        """The number of distinct texts indexed."""
        return len(self._texts)

    def _query_words(self, query: str, lang: str | None) -> list[dict[str, float]]:
        """Per query word, the index terms it matches and their weights."""
        langs = [lang] if lang in ANALYZERS else list(ANALYZERS)
        out = []
        for match in WORD.finditer(query):
            related: dict[str, float] = {}
            for code in langs:
                term = ANALYZERS[code].term(match.group())
                if not term:
                    continue
                # a related word counts no more than the word asked for would: a rare compound
                # ("tillvaxtkommun") must not outrank the common word itself ("kommun")
                asked = self._idf.get(term, self._rarest)
                for other, weight in self.vocabulary.related_word(term, match.group()).items():
                    if other != term:
                        weight *= min(1.0, asked / self._idf[other])
                    related[other] = max(related.get(other, 0.0), weight)
            if related:
                out.append(related)
            elif any(ANALYZERS[code].term(match.group()) for code in langs):
                out.append({})  # a word the index does not know: it still counts as asked for
        return out

    def search(self, query: str, lang: str | None = None, limit: int = 20) -> list[Hit]:
        """The best `limit` hits for the query, best first. `lang` ("sv" or "en") keeps to texts
        in that language; None searches both."""
        if lang is not None and lang not in ANALYZERS:
            raise ValueError(f"unknown language {lang!r}: use one of {', '.join(ANALYZERS)}, or none for both")
        if len(query) > MAX_QUERY:
            raise ValueError(f"the query is {len(query)} characters long: give at most {MAX_QUERY}")
        words = self._query_words(query, lang)
        if not words or limit <= 0 or not any(words):
            return []
        vocab = self._bm25.vocab_dict
        scores = np.zeros(len(self._texts), dtype=np.float32)
        matched = np.zeros(len(self._texts), dtype=np.int32)
        for related in words:
            by_weight: dict[float, list[int]] = defaultdict(list)
            for term, weight in related.items():
                by_weight[weight].append(vocab[term])
            word_scores = np.zeros(len(self._texts), dtype=np.float32)
            for weight, ids in by_weight.items():
                word_scores += weight * self._bm25.get_scores_from_ids(ids)
            scores += word_scores
            matched += word_scores > 0
        scores *= self._field_weight * (matched / len(words))
        if lang in self._lang_mask:
            scores *= self._lang_mask[lang]
        # every query word found counts first: a text with all of them before one with some
        step = float(scores.max()) + 1.0
        rank = np.where(scores > 0, scores + matched * step, 0.0)
        keys = {tuple(t for t in (ANALYZERS[c].term(m.group()) for m in WORD.finditer(query)) if t)
                for c in ([lang] if lang in ANALYZERS else ANALYZERS)}
        for key in keys:
            for doc in self._exact.get(key, ()):
                if scores[doc] > 0:
                    rank[doc] += (len(words) + 1) * step  # an exact label match comes first
        return self._hits(rank, scores, words, lang, limit)

    def _hits(self, rank: np.ndarray, scores: np.ndarray, words: list[dict[str, float]],
              lang: str | None, limit: int) -> list[Hit]:
        found = int(np.count_nonzero(rank))
        if not found:
            return []
        hits: list[Hit] = []
        seen: set[int] = set()
        wanted = limit * 4
        while True:
            top = min(found, wanted)
            docs = np.argpartition(-rank, top - 1)[:top] if top < len(rank) else np.arange(len(rank))
            docs = sorted((d for d in docs.tolist() if rank[d] > 0), key=lambda d: (-rank[d], d))
            for doc in docs:
                for target in self._owners[doc]:
                    if target not in seen:
                        seen.add(target)
                        hits.append(self._hit(doc, target, float(scores[doc]), words, lang))
                        if len(hits) == limit:
                            return hits
            if top >= found:
                return hits
            hits.clear()
            seen.clear()
            wanted *= 4

    def _hit(self, doc: int, target: int, score: float, words: list[dict[str, float]], lang: str | None) -> Hit:
        text, field, text_lang = self._texts[doc], self._fields[doc], self._langs[doc]
        wanted = set().union(*words)
        spans = [(w.start, w.end) for w in analyzer(text_lang).words(text) if w.term in wanted]
        owner = self._targets[target]
        if isinstance(owner, _Passage):
            iri, label = owner.strategy, owner.title
        else:
            iri, label = owner, self._label(owner, lang)
        if field == "hiddenLabel":  # hidden labels are for finding, not for showing
            text, spans = label, []
        snippet, highlights = _snippet(text, spans)
        passage = owner if isinstance(owner, _Passage) else None
        return Hit(iri, self._kinds.get(iri, "Resource"), label, field, snippet, highlights, round(score, 4),
                   text_lang, passage.document if passage else None, passage.page if passage else None,
                   passage.line if passage else None)

    def _label(self, iri: str, lang: str | None) -> str:
        labels = self._labels.get(iri, {})
        for code in (lang, "sv", "en"):
            if code in labels:
                return labels[code]
        return next(iter(labels.values()), _local_name(iri))


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text, or a window of about SNIPPET characters around its first match, cut at spaces;
    the spans moved to the window's offsets ("…" marks a cut)."""
    if len(text) <= SNIPPET:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET // 4)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return prefix + text[start:end] + suffix, inside


def search(store: Store, query: str, lang: str | None = None, limit: int = 20) -> list[Hit]:
    """Search a store once; to search it again and again, build a SearchIndex and keep it."""
    return SearchIndex(store).search(query, lang, limit)
