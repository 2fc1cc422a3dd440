"""How alike two short texts are, for matching one strategy's goals and priority areas with
another's (graph/periods.py): the words each says, as the search's analyzer makes them terms
(analysis.py: stemmed, folded, stop words dropped), the other's words it says counting 1 when the
same, 0.7 as part of a compound and 0.5 as the beginning of a longer word (analysis.Vocabulary),
each weighted by its rarity among the items compared."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .analysis import Vocabulary, analyzer

#: a part of an item: (what it is, e.g. "label" or "text"; its language)
Part = tuple[str, str]


class TextMatcher:
    """Items (any key) with texts by part; `similarity` of two items over parts of the same name.
    Every part's language has its analyzer and a vocabulary of the terms of all the items."""

    def __init__(self, items: Mapping[str, Mapping[Part, Sequence[str]]]):
        self.terms: dict[tuple[str, Part], set[str]] = {}
        self.surface: dict[str, str] = {}  # term -> the first word that gave it, as written
        self.languages: dict[str, set[str]] = defaultdict(set)  # part name -> its languages
        vocabulary: dict[str, set[str]] = defaultdict(set)
        seen: dict[str, int] = defaultdict(int)
        for key, parts in items.items():
            bag: set[str] = set()
            for part, texts in parts.items():
                lang = part[1]
                self.languages[part[0]].add(lang)
                terms = set()
                for text in texts:
                    for found in analyzer(lang).words(text):
                        terms.add(found.term)
                        self.surface.setdefault(found.term, text[found.start:found.end].lower())
                self.terms[(key, part)] = terms
                vocabulary[lang] |= terms
                bag |= terms
            for term in bag:
                seen[term] += 1
        self.vocabularies = {lang: Vocabulary(terms) for lang, terms in vocabulary.items()}
        count = max(len(items), 1)
        self.weight = {term: math.log(1 + count / n) for term, n in seen.items()}

    def _said(self, term: str, other: set[str], lang: str) -> float:
        """How far `other` says `term`: 1 the same word, less a compound part or a longer word, 0 not."""
        return max((weight for related, weight in self.vocabularies[lang].related(term).items() if related in other),
                   default=0.0)

    def overlap(self, a: str, b: str, part: Part) -> tuple[float | None, set[str]]:
        """The weighted share of both items' words in `part` the other says, and the terms shared;
        None when either says nothing there."""
        ta, tb = self.terms.get((a, part), set()), self.terms.get((b, part), set())
        if not ta or not tb:
            return None, set()
        said, total, shared = 0.0, 0.0, set()
        for mine, theirs in ((ta, tb), (tb, ta)):
            for term in mine:
                weight = self.weight.get(term, 1.0)
                found = self._said(term, theirs, part[1])
                said += weight * found
                total += weight
                if found:
                    shared.add(term)
        return said / total, shared

    def similarity(self, a: str, b: str, labels: str, texts: str) -> tuple[float, tuple[str, ...]]:
        """How alike items a and b are (0 to 1): the best of their `labels` parts' overlaps (one a
        language), averaged with their `texts` parts' where both have texts; and the words shared,
        as written."""
        label_scores = [self.overlap(a, b, (labels, lang)) for lang in sorted(self.languages[labels])]
        scored = [(score, words) for score, words in label_scores if score is not None]
        label, words = max(scored, key=lambda sw: sw[0]) if scored else (0.0, set())
        text_scores = [self.overlap(a, b, (texts, lang)) for lang in sorted(self.languages[texts])]
        text_scored = [(score, words) for score, words in text_scores if score is not None]
        if text_scored:
            text, text_words = max(text_scored, key=lambda sw: sw[0])
            return round((label + text) / 2, 3), tuple(sorted({self.surface[t] for t in words | text_words}))
        return round(label, 3), tuple(sorted({self.surface[t] for t in words}))
