"""Words to terms, for search and suggestions alike, in Swedish and English.

A word becomes a term by lower-casing, dropping stop words, Snowball stemming in the text's
language (PyStemmer: "vänorter", "vänorterna" -> "vänort") and folding diacritics (å/ä -> a,
ö -> o), so a query typed without them still matches. Swedish writes compounds as one word
("vänortsutbyte") and no stemmer splits them: `Vocabulary.related` finds, among the terms a
corpus uses, those that hold a term as the first or last part of a compound ("utbyt" ->
"vanortsutbyt"), the known parts a compound is made of, and, at a lower weight, longer words
a term begins: forms the stemmer left inflected ("ostersjon" -> "ostersjoregion") and compounds
whose rest the corpus never uses on its own ("klimat" -> "klimatforandring")."""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import Stemmer
from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SWEDISH

#: language tag -> Snowball algorithm
LANGUAGES = {"sv": "swedish", "en": "english"}

#: how much a related term counts beside the term itself: the same, a compound part, a longer word
SAME, COMPOUND, PREFIX = 1.0, 0.7, 0.5

#: the shortest part of a compound that counts on its own ("ort" in "sport" does not)
MIN_PART = 4
#: the shortest term that finds longer words it begins without a known rest ("klimat|forandring")
MIN_PREFIX = 5
#: the shortest term whose inflected leftovers are matched by prefix ("ostersjo|n" ~ "ostersjo|region")
MIN_INFLECTED = 8

#: how the rest of a longer word starts when the word is a derivation, not a compound: Swedish
#: derivational suffixes start with a vowel or are one of these ("intern|ationell", "kommun|ikation",
#: "digital|isering", "interna|tionell" are other words than "intern", "kommun", "digital", "interna")
DERIVATIONS = ("a", "e", "i", "o", "u", "y", "het", "lig", "skap", "ning", "dom", "tion")

#: words whose terms an analyzer remembers
CACHE_LIMIT = 500_000

#: a word: letters and digits (hyphens, slashes and underscores split words)
WORD = re.compile(r"[^\W_]+")
_EXTRA_FOLDS = str.maketrans({"ø": "o", "æ": "ae", "ł": "l", "ß": "ss", "đ": "d"})


def fold(text: str) -> str:
    """Lower-case without diacritics: "Östersjön" -> "ostersjon"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_EXTRA_FOLDS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_STOPWORDS = {
    "sv": frozenset(STOPWORDS_SWEDISH) | {fold(w) for w in STOPWORDS_SWEDISH},
    "en": frozenset(STOPWORDS_EN),
}


@dataclass(frozen=True)
class Word:
    """A word of a text: where it is (character offsets) and the term it stands for."""

    start: int
    end: int
    term: str


class Analyzer:
    """Terms of texts in one language. Safe to share between threads (each thread gets its own
    stemmer: PyStemmer's keep state); terms are cached per word."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"no analyzer for language {lang!r}: use one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self._stopwords = _STOPWORDS[lang]
        self._local = threading.local()
        self._cache: dict[str, str | None] = {}

    def _stemmer(self) -> Stemmer.Stemmer:
        stemmer = getattr(self._local, "stemmer", None)
        if stemmer is None:
            stemmer = self._local.stemmer = Stemmer.Stemmer(LANGUAGES[self.lang])
        return stemmer

    def term(self, word: str) -> str | None:
        """The term for one word, or None for a stop word or a single letter."""
        try:
            return self._cache[word]
        except KeyError:
            pass
        lower = word.lower()
        if len(lower) < 2 or lower in self._stopwords:
            term = None
        else:
            term = fold(self._stemmer().stemWord(lower))
        if len(self._cache) >= CACHE_LIMIT:  # queries bring new words for as long as a server runs
            self._cache.clear()
        self._cache[word] = term
        return term

    def words(self, text: str) -> list[Word]:
        """The text's words that are not stop words, with their offsets."""
        out = []
        for match in WORD.finditer(text):
            term = self.term(match.group())
            if term:
                out.append(Word(match.start(), match.end(), term))
        return out

    def terms(self, text: str) -> list[str]:
        """The text's terms in order (what `words` gives, without the offsets: faster)."""
        return [t for t in map(self.term, WORD.findall(text)) if t]


ANALYZERS = {lang: Analyzer(lang) for lang in LANGUAGES}


def analyzer(lang: str | None) -> Analyzer:
    """The analyzer for a language tag ("sv", "en", "sv-SE"); Swedish for anything else, as the
    documents are Swedish."""
    return ANALYZERS.get((lang or "sv").split("-")[0].lower(), ANALYZERS["sv"])


class Vocabulary:
    """The terms of a corpus, for finding the terms related to a term through Swedish
    compounding. `known` are further words (folded surface forms) accepted as compound parts:
    the first part of a compound is usually the bare word ("kompetens|utveckling"), not its stem."""

    def __init__(self, terms: Iterable[str], known: Iterable[str] = ()):
        self.terms = sorted(set(terms))
        self._set = frozenset(self.terms)
        self._reversed = sorted(t[::-1] for t in self.terms)
        self._known = self._set | frozenset(known)

    def __contains__(self, term: str) -> bool:
        return term in self._set

    def __len__(self) -> int:
        return len(self.terms)

    def _is_word(self, piece: str) -> bool:
        """A piece is a word the corpus uses, or an inflected form of one ("forandring" for the
        stem "forandr" of "förändringar")."""
        shortest = max(MIN_PART, len(piece) - 3)
        return any(piece[:cut] in self._known for cut in range(len(piece), shortest - 1, -1))

    def _is_head(self, piece: str) -> bool:
        """The rest of a compound after its first part is a word of its own (after a linking s)."""
        return len(piece) >= 3 and (self._is_word(piece) or (piece.startswith("s") and self._is_word(piece[1:])))

    def _is_modifier(self, piece: str) -> bool:
        """The first part of a compound is a word of its own, maybe with a linking s ("vänort|s|");
        not a prefix such as "sam" (samarbete) or "ut" (utbyte)."""
        return len(piece) >= MIN_PART and (piece in self._known or (piece.endswith("s") and piece[:-1] in self._known))

    def _starting(self, prefix: str) -> list[str]:
        i = bisect_left(self.terms, prefix)
        out = []
        while i < len(self.terms) and self.terms[i].startswith(prefix):
            out.append(self.terms[i])
            i += 1
        return out

    def _ending(self, suffix: str) -> list[str]:
        backwards = suffix[::-1]
        i = bisect_left(self._reversed, backwards)
        out = []
        while i < len(self._reversed) and self._reversed[i].startswith(backwards):
            out.append(self._reversed[i][::-1])
            i += 1
        return out

    def related_word(self, term: str, word: str) -> dict[str, float]:
        """`related` for a word: its term's and its own (folded) form's, the better weight of the
        two. A compound is built on the bare word ("klimat|förändring"), which the stemmer may cut
        ("klimat" -> "klim")."""
        out = self.related(term)
        bare = fold(word)
        if bare != term:
            for other, weight in self.related(bare).items():
                if out.get(other, 0.0) < weight:
                    out[other] = weight
        return out

    def related(self, term: str) -> dict[str, float]:
        """Terms of the vocabulary related to `term`, each with its weight: the term itself
        (SAME); a compound made of it and another word, or a part of it when it is a compound
        (COMPOUND); a longer word it begins, or a long term less its last two letters begins
        (PREFIX)."""
        out: dict[str, float] = {}
        if term in self._set:
            out[term] = SAME
        if len(term) < MIN_PART:
            return out

        def add(other: str, weight: float) -> None:
            if out.get(other, 0.0) < weight:
                out[other] = weight

        # compounds holding the term as their first part ("vanort" -> "vanortssamarbet"), or
        # longer words it begins
        for other in self._starting(term):
            rest = other[len(term):]
            if other != term and self._is_head(rest):
                add(other, COMPOUND)
            elif other != term and len(term) >= MIN_PREFIX and len(rest) >= 3 and not rest.startswith(DERIVATIONS):
                add(other, PREFIX)
        # ... or as their last part ("utbyt" -> "vanortsutbyt")
        # (not when the term is also a derivational ending: "utanför|skap" is no compound of "skapa")
        for other in self._ending(term) if term not in DERIVATIONS else ():
            if other != term and self._is_modifier(other[: len(other) - len(term)]):
                add(other, COMPOUND)
        # the parts of the term, when it is a compound of known words
        for cut in range(MIN_PART, len(term) - MIN_PART + 1):
            head, tail = term[:cut], term[cut:]
            if head in self._set and self._is_head(tail):
                add(head, COMPOUND)
            if tail in self._set and self._is_modifier(head):
                add(tail, COMPOUND)
        # long stems with an ending the stemmer keeps ("östersjön" vs "östersjöregionen")
        # and only as another inflection of it or a compound of it ("internet" does not begin
        # "internationell")
        if len(term) >= MIN_INFLECTED:
            stem = term[:-2]
            for other in self._starting(stem):
                rest = other[len(stem):]
                if other != term and (len(rest) <= 3 or any(self._is_head(rest[cut:]) for cut in range(3))):
                    add(other, PREFIX)
        return out
