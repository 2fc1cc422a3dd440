"""Suggested alignments, from the text alone: for each goal, priority area and activity, the
framework concepts its words most likely align with, kept apart from what documents assert.

The method ("lexical", version 2) reads only text: the entity's labels and quotes, and the
concepts' labels, alternative and hidden labels and definitions. A concept's score for an entity
is how much of one of the concept's texts the entity's text says: each of that text's words
weighted by its rarity (IDF over the entities' and concepts' texts and the source documents'
passages), counted in full when the entity uses the same word (after stemming and folding), at
0.7 as part of a compound and at 0.5 as the beginning of a longer word (analysis.Vocabulary).
Where the entity's words make up much of a long text (a definition), the harmonic mean of both
shares counts, if higher. What the entity says must carry at least the rarity of one rare word
(RARE): one or two common words that happen to make up a short name are no evidence. A word
found only in a long quote, or a quote many entities share, counts less than one in the
entity's own label. A broader concept's text adds to its narrower ones ("Hållbar tillväxt"
speaks for its flagships), though never enough alone; only the most specific concepts are
suggested: their broader ones follow by skos:broader, as reach does.

The candidates are the concepts of the frameworks the entity's strategy refers to
(sam:refersTo), or of every framework; a strategy that refers to no framework with concepts gets
those of every framework that is not one region's own (FALLBACK, said on each suggestion). Below
THRESHOLD nothing is suggested. The links a document asserts (sam:alignsWith) are never read
(see the look-up queries): they are the yardstick (benchmarks/suggest.py), not the input."""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import attrgetter
from typing import TypeVar
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime, timezone

import pyoxigraph as ox
from rdflib import Graph, URIRef, Variable

from ..documents import source_documents
from ..named_queries import lookup
from ..namespaces import GRAPH, ID, PREFIXES, PROV, RDF, RDFS, SAM, XSD
from ..rdf_terms import TermConverter
from ..store import Store
from .analysis import COMPOUND, PREFIX, SAME, WORD, Vocabulary, analyzer, fold

#: what a scored concept carries beside its score (kept)
T = TypeVar("T")

METHOD = "lexical"
VERSION = "2"
#: no suggestion scores below this (scores run from 0 to 1); chosen on the Ronneby table
#: (benchmarks/RESULTS.md shows the others), so the independent gold set is the real test
THRESHOLD = 0.3
#: how much a broader concept's text adds for a narrower concept: below THRESHOLD, so that it
#: alone never suggests every concept under it
BROADER = 0.4
#: a text longer than this many words counts less for each word it holds (a sentence or so)
SHORT = 12
#: a match must carry at least the rarity of one word found in one document in this many: a
#: common word or two ("utveckling", "region") that happen to make up a short name are no evidence
RARE = 60
#: a concept text of at least this many distinct words is long (a definition, not a name)
LONG = 6
#: scores are kept rounded to 4 places: a concept whose score is bound to stay this far below the
#: floor cannot round up to it, whatever the floating-point error of the bound
ROUNDING = 1e-4

#: which concepts an entity's suggestions were chosen among
REFERRED = "the frameworks its strategy refers to"
EVERY = "every framework"
FALLBACK = "every framework that is not one region's own: its strategy refers to none with concepts"
#: how a suggestion says in RDF (sam:chosenAmong) and in CSV which concepts it was chosen among
AMONG_KEYS = {REFERRED: "referred", EVERY: "every", FALLBACK: "fallback"}

#: weight (analysis.Vocabulary.related) -> how the entity's word and the concept's relate
RELATIONS = {SAME: "same word", COMPOUND: "compound part", PREFIX: "begins the word"}


@dataclass(frozen=True)
class Match:
    """One word of the concept's text that the entity's text says, and how."""

    entity_word: str
    concept_word: str
    relation: str  # one of RELATIONS' values
    lang: str  # the language of both texts

    def __str__(self) -> str:
        same = fold(self.entity_word) == fold(self.concept_word)
        return self.entity_word if same else f"{self.entity_word} ~ {self.concept_word}"


@dataclass(frozen=True)
class Suggestion:
    """A concept the entity's text suggests it aligns with: never an asserted link."""

    entity: str
    concept: str
    framework: str
    score: float  # in [its method's threshold, 1]
    evidence: tuple[Match, ...]
    method: str = METHOD
    version: str = VERSION
    #: which concepts it was chosen among (REFERRED, EVERY or FALLBACK); not part of its identity,
    #: so the same suggestion compares equal whichever way its candidates were chosen
    among: str = field(default=REFERRED, compare=False)

    @property
    def evidence_text(self) -> str:
        """The evidence in one line: "klimatförändringarna ~ Klimat; energi"."""
        return "; ".join(str(m) for m in self.evidence)


@dataclass(frozen=True)
class Method:
    """What made a set of suggestions, as their provenance says: the method's name (which names
    their graph, graph/suggested/<name>), its version, its threshold and, for a method that reads
    a model, the model's folder name."""

    name: str
    version: str
    threshold: float
    model: str | None = None

    def __str__(self) -> str:
        return f"method {self.name} {self.version}" + (f", model {self.model}" if self.model else "")


LEXICAL = Method(METHOD, VERSION, THRESHOLD)


#: (language, term): how the corpus keys a term
_Key = tuple[str, str]


@dataclass
class _Text:
    """A text as terms: (term, the word as written) in order."""

    lang: str
    words: list[tuple[str, str]]

    @cached_property
    def distinct(self) -> frozenset[str]:
        """Its terms, each once."""
        return frozenset(term for term, _ in self.words)


def terms_of(lang: str, text: str) -> _Text:
    """The text as the lexical analyzer reads it: its terms, each with the word as written."""
    an = analyzer(lang)
    return _Text(an.lang, [(term, word) for word in WORD.findall(text) if (term := an.term(word))])


def _length_weight(text: _Text) -> float:
    return math.sqrt(min(1.0, SHORT / len(text.words))) if text.words else 0.0


class _ConceptText:
    """A concept's text as the scorer needs it: its distinct terms (each with its first spelling),
    their summed rarity and the rarity a match in its language must carry at least."""

    def __init__(self, concept: str, rank: int, own: bool, text: _Text, idf: dict[tuple[str, str], float],
                 informative: float):
        self.concept = concept
        #: its place among all concept texts: by concept IRI, then as its profile orders it
        self.rank = rank
        self.own = own
        self.lang = text.lang
        self.terms: dict[str, str] = {}
        for term, word in text.words:
            self.terms.setdefault(term, word)
        self.keys = frozenset((self.lang, term) for term in self.terms)
        self.total = sum(idf[(self.lang, term)] for term in self.terms)
        self.informative = informative
        #: a definition rather than a name: the entity's share of it counts too (_score)
        self.long = len(self.terms) >= LONG

    def coverage(self, matched: float) -> float:
        """How much of the text the entity says (0..1), the rarity of its words the entity says
        (`matched`) over the rarity of all its words; less when what it says is less telling than
        one rare word."""
        if not self.total:
            return 0.0
        telling = matched / self.informative
        return matched / self.total * (telling if telling < 1.0 else 1.0)


#: each term of a text once, in order, as its key; and of those that speak for concept terms
#: (what _Corpus finds they relate to), the key, the word first written for it and the concept
#: terms with the relation's weight
_Terms = tuple[tuple[_Key, ...], tuple[tuple[_Key, str, tuple[tuple[_Key, float], ...]], ...]]


def _terms_read(text: _Text, speaking: dict[_Key, tuple[tuple[_Key, float], ...]], keys: dict[_Key, _Key]
                ) -> _Terms:
    """The text's terms as the scorer reads them: a term said again adds nothing to the text.
    `keys` gives the one tuple kept for each key: the corpus holds many texts."""
    first: dict[str, str] = {}
    for term, word in text.words:
        first.setdefault(term, word)
    own = tuple(keys[(text.lang, term)] for term in first)
    return own, tuple((key, word, speaking[key]) for key, word in zip(own, first.values()) if key in speaking)


@dataclass(frozen=True)
class _Postings:
    """The corpus's postings (term -> the concept texts that hold it) among one set of candidate
    concepts: of all their texts, and of their long texts only."""

    every: dict[_Key, tuple[_ConceptText, ...]]
    long: dict[_Key, tuple[_ConceptText, ...]]


class Texts:
    """What every method reads from a store: each goal's, priority area's and activity's texts
    and strategies, each concept's texts, framework and broader concepts, and the concepts each
    entity's suggestions are chosen among (`choices`). The links a document asserts are never read."""

    def __init__(self, store: Store):
        v = {name: Variable(name) for name in ("entity", "strategy", "property", "text", "concept", "framework",
                                                "broader", "regional")}
        answer = lookup(store, "suggest-entities")
        # the answer's own variables: a row finds its values by identity, not by rdflib's __eq__
        own_vars = {str(var): var for var in answer.vars or ()}
        entity_var, strategy_var, property_var, text_var = (own_vars[name] for name in
                                                            ("entity", "strategy", "property", "text"))
        source_text = SAM.sourceText  # looked up once: there is a row per text
        self.strategies: dict[str, set[str]] = defaultdict(set)
        entity_texts: dict[str, dict[tuple[str, str, str], None]] = defaultdict(dict)
        for row in answer.bindings:
            entity = str(row[entity_var])
            strategy = row.get(strategy_var)
            if strategy is not None:
                self.strategies[entity].add(str(strategy))
            literal = row[text_var]
            kind = "quote" if row[property_var] == source_text else "label"
            entity_texts[entity][(kind, literal.language or "sv", str(literal))] = None
        #: entity -> its texts as (kind: "label" or "quote", language, text), in a fixed order
        #: whatever order the store answers in: labels first, Swedish first
        self.entities: dict[str, list[tuple[str, str, str]]] = {
            entity: sorted(texts, key=lambda t: (t[0], t[1] != "sv", t[1], t[2])) for entity, texts in entity_texts.items()}

        self.framework: dict[str, str] = {}
        concept_texts: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
        #: frameworks that are one region's own (their concepts are sam:RegionalFocusArea)
        self.regional: set[str] = set()
        for row in lookup(store, "suggest-concepts").bindings:
            concept = str(row[v["concept"]])
            self.framework[concept] = str(row[v["framework"]])
            if v["regional"] in row:
                self.regional.add(self.framework[concept])
            literal = row[v["text"]]
            concept_texts[concept][(literal.language or "sv", str(literal))] = None
        #: concept -> its own texts as (language, text), Swedish first
        self.concepts: dict[str, list[tuple[str, str]]] = {
            c: sorted(texts, key=lambda t: (t[0] != "sv", t)) for c, texts in concept_texts.items()}
        self.broader: dict[str, set[str]] = defaultdict(set)
        narrower: set[str] = set()
        for row in lookup(store, "broader").bindings:
            concept, parent = str(row[v["concept"]]), str(row[v["broader"]])
            if concept in self.framework and parent in self.framework:
                self.broader[concept].add(parent)
                narrower.add(parent)
        #: the concepts that can be suggested: only the most specific, their broader ones follow
        #: by skos:broader, as reach does
        self.leaves = sorted(c for c in self.concepts if c not in narrower)
        self.refers: dict[str, set[str]] = defaultdict(set)
        for row in lookup(store, "strategy-frameworks").bindings:
            self.refers[str(row[v["strategy"]])].add(str(row[v["framework"]]))

    def candidates(self, frameworks: set[str] | frozenset[str] | None) -> frozenset[str]:
        """The concepts in the frameworks given (None: every framework)."""
        return frozenset(c for c in self.leaves if frameworks is None or self.framework[c] in frameworks)

    def fallback(self) -> frozenset[str]:
        """The concepts of every framework that is not one region's own: a regional development
        strategy binds its region, not every organisation that names no framework."""
        return frozenset(c for c in self.leaves if self.framework[c] not in self.regional)

    def choices(self, entities: Iterable[str] | None = None, all_frameworks: bool = False
                ) -> Iterator[tuple[str, str, frozenset[str]]]:
        """Each entity (every one, or those given that have text), which concepts its suggestions
        are chosen among (REFERRED, EVERY or FALLBACK) and those concepts; none without any.
        Entities whose strategies refer to the same frameworks get the same set of candidates."""
        chosen = sorted(self.entities) if entities is None else sorted(set(entities) & set(self.entities))
        every = (EVERY, self.candidates(None)) if all_frameworks else None
        referred: dict[frozenset[str], tuple[str, frozenset[str]]] = {}
        for entity in chosen:
            if every:
                among, candidates = every
            else:
                frameworks = frozenset().union(*(self.refers[s] for s in self.strategies[entity]))
                if frameworks not in referred:
                    concepts = self.candidates(frameworks)
                    referred[frameworks] = (REFERRED, concepts) if concepts else (FALLBACK, self.fallback())
                among, candidates = referred[frameworks]
            if candidates:
                yield entity, among, candidates


class _Corpus:
    """What the lexical method derives from the texts once for all entities."""

    def __init__(self, texts: Texts):
        self.framework = texts.framework
        # a quote many entities share says little about each of them
        shared: dict[tuple[str, str], int] = defaultdict(int)
        for items in texts.entities.values():
            for kind, lang, text in items:
                if kind == "quote":
                    shared[(lang, text)] += 1
        # each distinct text is read once: labels repeat across languages, and entities share quotes
        analysed: dict[tuple[str, str], _Text] = {}

        def read(lang: str, text: str) -> _Text:
            found = analysed.get((lang, text))
            if found is None:
                found = analysed[(lang, text)] = terms_of(lang, text)
            return found

        # entity -> its texts and how much each counts, in its order: of two texts that score the
        # same, the first gives the evidence (the Swedish one)
        entity_texts: dict[str, list[tuple[tuple[str, str], float]]] = {}
        for entity, items in texts.entities.items():
            out = []
            for kind, lang, text in items:
                weight = _length_weight(read(lang, text)) / (shared[(lang, text)] if kind == "quote" else 1)
                out.append(((lang, text), weight))
            entity_texts[entity] = out
        own = {c: [read(lang, text) for lang, text in items] for c, items in texts.concepts.items()}
        #: concept -> its texts, each marked as its own (True) or a broader concept's (False)
        profiles: dict[str, list[tuple[bool, _Text]]] = {}
        for concept in texts.leaves:
            profile = [(True, t) for t in own[concept] if t.words]
            for ancestor in sorted(_ancestors(concept, texts.broader)):
                profile += [(False, t) for t in own.get(ancestor, []) if t.words]
            profiles[concept] = profile

        # rarity of each term over the entities, the concepts and the passages of the source
        # texts (each one document): the documents' own prose tells common words from telling ones
        strategies = set().union(*texts.strategies.values())
        passages = [[read("sv", p.text)] for d in source_documents().values() if d.strategy in strategies
                     for p in d.passages()]
        df: dict[tuple[str, str], int] = defaultdict(int)
        # per language, over the documents with text in it: the English labels are few, and a
        # word of them is not rare for being absent from the Swedish-only passages
        n: dict[str, int] = defaultdict(int)
        documents = [[analysed[key] for key, _ in items] for items in entity_texts.values()] \
            + [list(t) for t in own.values()] + passages
        for texts in documents:
            by_lang: dict[str, list[frozenset[str]]] = defaultdict(list)
            for t in texts:
                if t.words:
                    by_lang[t.lang].append(t.distinct)
            for lang, held_terms in by_lang.items():
                n[lang] += 1
                for term in frozenset().union(*held_terms):
                    df[(lang, term)] += 1
        self.idf = {key: _idf(n[key[0]], count) for key, count in df.items()}
        #: the rarity a match must carry at least, per language
        self.informative = {lang: _idf(count, count / RARE) for lang, count in n.items()}

        #: (language, concept term) -> the concept texts that hold it, ready to score
        self.postings: dict[_Key, list[_ConceptText]] = defaultdict(list)
        rank = 0
        for concept in sorted(profiles):
            for is_own, text in profiles[concept]:
                ready = _ConceptText(concept, rank, is_own, text, self.idf, self.informative[text.lang])
                rank += 1
                for term in ready.terms:
                    self.postings[(text.lang, term)].append(ready)

        # each entity term -> the concept terms it speaks for, and how much
        reverse: dict[_Key, list[tuple[_Key, float]]] = defaultdict(list)
        for lang in {analysed[key].lang for items in entity_texts.values() for key, _ in items}:
            words = {w for t in analysed.values() if t.lang == lang for _, w in t.words}
            vocabulary = Vocabulary({term for (code, term) in df if code == lang}, {fold(w) for w in words})
            concept_words = {(term, word) for profile in profiles.values() for _, t in profile if t.lang == lang
                             for term, word in t.words}
            related: dict[str, dict[str, float]] = defaultdict(dict)
            for concept_term, word in concept_words:
                for entity_term, weight in vocabulary.related_word(concept_term, word).items():
                    if weight == COMPOUND and lang != "sv":
                        continue  # English writes compounds apart: "member|ship" is no ship
                    related[concept_term][entity_term] = max(weight, related[concept_term].get(entity_term, 0.0))
            for concept_term in sorted(related):
                for entity_term, weight in sorted(related[concept_term].items()):
                    reverse[(lang, entity_term)].append(((lang, concept_term), weight))
        speaking = {key: tuple(found) for key, found in reverse.items()}

        # each distinct text an entity holds, as the scorer reads it
        held = dict.fromkeys(key for items in entity_texts.values() for key, _ in items)
        keys = {key: key for key in df}
        terms_read = {key: _terms_read(analysed[key], speaking, keys) for key in held}
        #: entity -> its texts as the scorer reads them, each with how much it counts
        self.entities: dict[str, list[tuple[_Terms, float]]] = {
            entity: [(terms_read[key], weight) for key, weight in items] for entity, items in entity_texts.items()}

    def among(self, candidates: frozenset[str]) -> _Postings:
        """`postings` of the candidates' texts only."""
        every: dict[_Key, tuple[_ConceptText, ...]] = {}
        long: dict[_Key, tuple[_ConceptText, ...]] = {}
        for key, texts in self.postings.items():
            chosen = tuple(text for text in texts if text.concept in candidates)
            if chosen:
                every[key] = chosen
            chosen_long = tuple(text for text in chosen if text.long)
            if chosen_long:
                long[key] = chosen_long
        return _Postings(every, long)


def _idf(documents: int, holding: float) -> float:
    """Rarity of a term that `holding` of the `documents` hold (BM25's IDF)."""
    return math.log(1 + (documents - holding + 0.5) / (holding + 0.5))


def _ancestors(concept: str, broader: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(broader.get(concept, ()))
    while todo:
        parent = todo.pop()
        if parent not in seen:
            seen.add(parent)
            todo.extend(broader.get(parent, ()))
    return seen


def _score(corpus: _Corpus, texts: list[tuple[_Terms, float]], postings: _Postings, floor: float = 0.0
           ) -> list[tuple[str, float, tuple[Match, ...]]]:
    """The candidates (those `postings` are among) the entity's texts reach, each with its score
    and evidence, from `floor` up."""
    idf, long_postings = corpus.idf, postings.long
    # concept term -> (how much the entity says it, the entity's word, the relation)
    best: dict[_Key, tuple[float, str, float]] = {}
    nothing = (0.0,)
    # concept term of a long text -> the entity terms that speak for it, with the relation's weight
    speaks: dict[_Key, list[tuple[_Key, float]]] = defaultdict(list)
    for (_, speaking), text_weight in texts:
        for own, word, speaks_for in speaking:
            for key, weight in speaks_for:
                value = weight * text_weight
                if key in long_postings:
                    speaks[key].append((own, weight))
                if value > best.get(key, nothing)[0]:
                    best[key] = (value, word, weight)
    # what the entity says (_said), worked out once a long text needs it
    said: dict[_Key, float] | None = None
    mass: dict[str, float] = {}
    # per concept text the entity's words reach: the rarity of it they say
    matched: dict[_ConceptText, float] = defaultdict(float)
    every = postings.every
    for key, (value, _, _) in best.items():
        holding = every.get(key)
        if holding:
            gain = idf[key] * value
            for text in holding:
                matched[text] += gain
    out = []
    for concept, reached in groupby(sorted(matched, key=_RANK), key=_CONCEPT):
        covered = [(text, text.coverage(matched[text])) for text in reached]
        if _at_most(covered) < floor - ROUNDING:
            continue  # the entity's share of a long text cannot lift the concept to the floor
        own, own_text, wider, wider_text = 0.0, None, 0.0, None
        for text, score in covered:
            if score and text.long:
                if said is None:
                    said, mass = _said(texts, idf)
                if mass.get(text.lang):
                    # a long text the entity's words make up much of counts for more than the share
                    # of it they say (the harmonic mean of both shares, never less than the first)
                    share = _told(text, speaks, said, idf) / mass[text.lang]
                    score = max(score, 2 * score * share / (score + share))
            if text.own and score > own:
                own, own_text = score, text
            elif not text.own and score > wider:
                wider, wider_text = score, text
        # the broader concept's text adds to what the concept's own text has (a noisy or)
        score = 1.0 - (1.0 - own) * (1.0 - BROADER * wider)
        if score > 0 and round(score, 4) >= floor:
            own_evidence = _evidence(own_text, best) if own else ()
            wider_evidence = _evidence(wider_text, best) if wider else ()
            evidence = own_evidence + tuple(m for m in wider_evidence if m not in own_evidence)
            out.append((concept, score, evidence))
    return out


_RANK, _CONCEPT = attrgetter("rank"), attrgetter("concept")


def _said(texts: list[tuple[_Terms, float]], idf: dict[_Key, float]) -> tuple[dict[_Key, float], dict[str, float]]:
    """How much the entity says each of its terms (its best text's weight) and, per language,
    the rarity of all it says (each term by how much it says it)."""
    said: dict[_Key, float] = {}
    for (keys, _), text_weight in texts:
        for own in keys:
            said[own] = max(said.get(own, 0.0), text_weight)
    mass: dict[str, float] = defaultdict(float)
    for key, weight in said.items():
        mass[key[0]] += idf[key] * weight
    return said, mass


def _at_most(covered: list[tuple[_ConceptText, float]]) -> float:
    """The most a concept can score whose texts the entity's words cover so (_score): a long
    text's share of the entity's words (the second share) is at most 1."""
    own = wider = 0.0
    for text, coverage in covered:
        bound = 2 * coverage / (coverage + 1) if text.long else coverage
        if text.own:
            own = max(own, bound)
        else:
            wider = max(wider, bound)
    return 1.0 - (1.0 - own) * (1.0 - BROADER * wider)


def _told(text: _ConceptText, speaks: dict[_Key, list[tuple[_Key, float]]], said: dict[_Key, float],
          idf: dict[_Key, float]) -> float:
    """The rarity of the entity's words the long text speaks to, each counted once, by how much
    the entity says it and as closely as the text's terms relate to it: summed in the order the
    entity first says the text's terms."""
    got: dict[_Key, float] = {}
    for key, speakers in speaks.items():
        if key in text.keys:
            for own, weight in speakers:
                value = weight * said[own] * idf[own]
                if value > got.get(own, 0.0):
                    got[own] = value
    return sum(got.values())


def _evidence(text: _ConceptText, best: dict[tuple[str, str], tuple[float, str, float]]) -> tuple[Match, ...]:
    """The words of the concept's text the entity says, in the text's order, with the entity's words."""
    return tuple(Match(best[(text.lang, term)][1], word, RELATIONS[best[(text.lang, term)][2]], text.lang)
                 for term, word in text.terms.items() if (text.lang, term) in best)


def suggest(store: Store, entities: Iterable[str] | None = None, all_frameworks: bool = False,
            threshold: float = THRESHOLD) -> list[Suggestion]:
    """For each goal, priority area and activity (or the `entities` given), the concepts of the
    frameworks its strategy refers to (of every framework with `all_frameworks`) that its text
    suggests, at THRESHOLD (or the `threshold` given, to measure others) or above; by entity,
    best first. An entity whose strategy refers to no framework with concepts gets the concepts
    of every framework that is not one region's own (its suggestions say so: `among` is FALLBACK)."""
    texts = Texts(store)
    corpus = _Corpus(texts)
    out: list[Suggestion] = []
    # entities whose strategies refer to the same frameworks share their candidates' postings
    postings: dict[frozenset[str], _Postings] = {}
    for entity, among, candidates in texts.choices(entities, all_frameworks):
        if candidates not in postings:
            postings[candidates] = corpus.among(candidates)
        scored = _score(corpus, corpus.entities[entity], postings[candidates], threshold)
        for concept, score, evidence in kept(scored, threshold):
            out.append(Suggestion(entity, concept, corpus.framework[concept], min(score, 1.0), evidence, among=among))
    return out


def kept(scored: Iterable[tuple[str, float, T]], threshold: float) -> list[tuple[str, float, T]]:
    """The scored concepts (concept, score, what goes with it) whose score, rounded to 4 places as
    the outputs give it, is at the threshold or above: best first, ties by concept IRI."""
    rounded = [(concept, round(score, 4), extra) for concept, score, extra in scored]
    return [item for item in sorted(rounded, key=lambda item: (-item[1], item[0])) if item[1] >= threshold]


def suggestion_iri(suggestion: Suggestion) -> URIRef:
    """A stable IRI per method, entity and concept (the same pair keeps its IRI across runs)."""
    digest = hashlib.sha1(f"{suggestion.entity}\n{suggestion.concept}".encode()).hexdigest()[:16]
    return ID[f"suggestion/{suggestion.method}/{digest}"]


def suggestion_quads(suggestions: Iterable[Suggestion], generated: datetime | None = None,
                     method: Method = LEXICAL, used: Iterable[str] = ()) -> Iterator[ox.Quad]:
    """The suggestions as the named graph graph/suggested/<method>, with their provenance: each
    a sam:Suggestion (never a sam:alignsWith triple) generated by one prov:Activity that names
    the method, its version, the threshold, the model (sam:model, where the method reads one),
    the time and (prov:used) the named graphs it read, and derived from the entity and the concept. Oxigraph terms: a build puts them straight
    into its dataset."""
    suggestions = list(suggestions)
    other = {(s.method, s.version) for s in suggestions} - {(method.name, method.version)}
    if other:
        raise ValueError(f"one method per graph: got {sorted(other)[0]} in a graph for {method.name} {method.version}")
    when = (generated or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    def iri(term: URIRef) -> ox.NamedNode:
        return ox.NamedNode(str(term))

    graph = iri(GRAPH[f"suggested/{method.name}"])
    decimal = iri(XSD.decimal)
    run = iri(ID[f"suggestion/{method.name}/run/{when.strftime('%Y-%m-%d-%H%M%S')}"])  # slug: lower case
    a = iri(RDF.type)
    yield ox.Quad(run, a, iri(PROV.Activity), graph)
    yield ox.Quad(run, iri(RDFS.label), ox.Literal(f"samsyn suggest, {method}", language="en"), graph)
    yield ox.Quad(run, iri(SAM.method), ox.Literal(method.name), graph)
    yield ox.Quad(run, iri(SAM.methodVersion), ox.Literal(method.version), graph)
    yield ox.Quad(run, iri(SAM.threshold), ox.Literal(str(method.threshold), datatype=decimal), graph)
    if method.model:
        yield ox.Quad(run, iri(SAM.model), ox.Literal(method.model), graph)
    yield ox.Quad(run, iri(PROV.endedAtTime), ox.Literal(when.isoformat().replace("+00:00", "Z"),
                                                         datatype=iri(XSD.dateTime)), graph)
    for name in used:
        yield ox.Quad(run, iri(PROV.used), ox.NamedNode(name), graph)
    # the terms every suggestion repeats, made once
    suggestion_class = iri(SAM.Suggestion)
    suggested_entity, suggested_concept = iri(SAM.suggestedEntity), iri(SAM.suggestedConcept)
    score, chosen_among = iri(SAM.score), iri(SAM.chosenAmong)
    generated_by, derived_from = iri(PROV.wasGeneratedBy), iri(PROV.wasDerivedFrom)
    has_evidence, entity_word = iri(SAM.evidence), iri(SAM.entityWord)
    concept_word, match_kind = iri(SAM.conceptWord), iri(SAM.matchKind)
    among = {value: ox.Literal(key) for value, key in AMONG_KEYS.items()}
    for suggestion in suggestions:
        node = iri(suggestion_iri(suggestion))
        entity, concept = ox.NamedNode(suggestion.entity), ox.NamedNode(suggestion.concept)
        yield ox.Quad(node, a, suggestion_class, graph)
        yield ox.Quad(node, suggested_entity, entity, graph)
        yield ox.Quad(node, suggested_concept, concept, graph)
        yield ox.Quad(node, score, ox.Literal(f"{suggestion.score:.4f}", datatype=decimal), graph)
        yield ox.Quad(node, generated_by, run, graph)
        yield ox.Quad(node, derived_from, entity, graph)
        yield ox.Quad(node, derived_from, concept, graph)
        yield ox.Quad(node, chosen_among, among[suggestion.among], graph)
        for match in suggestion.evidence:
            evidence = ox.BlankNode()
            yield ox.Quad(node, has_evidence, evidence, graph)
            yield ox.Quad(evidence, entity_word, ox.Literal(match.entity_word, language=match.lang), graph)
            yield ox.Quad(evidence, concept_word, ox.Literal(match.concept_word, language=match.lang), graph)
            yield ox.Quad(evidence, match_kind, ox.Literal(match.relation), graph)


def suggestions_graph(suggestions: Iterable[Suggestion], generated: datetime | None = None,
                      method: Method = LEXICAL, used: Iterable[str] = ()) -> Graph:
    """suggestion_quads as an rdflib graph (for Turtle output), its prefixes bound."""
    graph = Graph(identifier=GRAPH[f"suggested/{method.name}"])
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    convert = TermConverter()
    graph.addN((convert(q.subject), convert(q.predicate), convert(q.object), graph)
               for q in suggestion_quads(suggestions, generated, method, used))
    return graph
