"""A learned person-name tagger for names no title, register or given-name list announces.

An averaged perceptron over token features (the word, its neighbours, affixes, and
whether the lexicon knows the word as a given name, a title word or an ordinary word),
decoded greedily left to right with B/I/O labels. It is trained in this repository by
``tools/train_person_tagger.py`` on the Wojood NER sample and on silver labels the rules
give on the news corpus, and shipped as ``lang/ar/models/person_tagger.json.gz``; at run
time it only loads that file and does dict lookups.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

from .lexicon import TITLE, Lexicon, lexicon

LABELS = ("B", "I", "O")
MODEL = "models/person_tagger.json.gz"


_WORD_SETS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _word_sets(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """Title words and person-register words, as the lexicon index holds them (once per lexicon)."""
    hit = _WORD_SETS.get(id(lex))
    if hit is not None:
        return hit
    titles, people = set(), set()
    for phrases in lex.index.by_first.values():
        for key, entries in phrases.items():
            for e in entries:
                if e.type == TITLE:
                    titles.update(key)
                elif e.type == "PERSON":
                    people.update(key)
    _WORD_SETS[id(lex)] = (frozenset(titles), frozenset(people))
    return _WORD_SETS[id(lex)]


def features(words: list[str], i: int, prev: str, lex: Lexicon) -> list[str]:
    """Feature strings of word ``i`` (normalised words) given the previous label: the bias,
    the word's own, its neighbours', and the previous label's (the parts the tagger caches)."""
    p = words[i - 1] if i > 0 else "<s>"
    n = words[i + 1] if i + 1 < len(words) else "</s>"
    return ["b", *_word_features(words[i], lex), *_neighbour_features("p", p, lex), *_neighbour_features("n", n, lex),
            *_label_features(prev, words[i][:2])]


def _label_features(prev: str, head: str) -> list[str]:
    """The features of ``features`` that depend on the previous label."""
    return ["prev=" + prev, "prev+w=" + prev + head]


CACHE_LIMIT = 50_000   # cached words per part before a cache starts afresh (memory stays bounded)


def _word_features(w: str, lex: Lexicon) -> list[str]:
    """The features of ``features`` that depend on the word alone."""
    titles, people = _word_sets(lex)
    bare = w[1:] if len(w) > 3 and w[0] in "وفبل" else w
    f = ["w=" + w, "s3=" + w[-3:], "s2=" + w[-2:], "p2=" + w[:2], "len=" + str(min(len(w), 8)),
         "al=" + str(w.startswith("ال"))]
    f += _lexicon_tags("", w, lex, titles, people)
    if bare != w and (bare in lex.common_words or bare in lex.function_words):
        f.append("clitic+common")
    return f


def _neighbour_features(side: str, word: str, lex: Lexicon) -> list[str]:
    """The features of ``features`` that a left (``p``) or right (``n``) neighbour gives."""
    titles, people = _word_sets(lex)
    return [side + "=" + word, *_lexicon_tags(side, word, lex, titles, people)]


def _lexicon_tags(tag: str, word: str, lex: Lexicon, titles: frozenset[str], people: frozenset[str]) -> list[str]:
    f = []
    if word in lex.given_names:
        f.append(tag + "given")
    if word in titles:
        f.append(tag + "title")
    if word in people:
        f.append(tag + "person")
    if word in lex.common_words or word in lex.function_words:
        f.append(tag + "common")
    return f


class PersonTagger:
    """B/I/O person tags for a sentence of normalised words."""

    def __init__(self, weights: dict[str, dict[str, float]], lex: Lexicon):
        self.weights = weights
        self.lex = lex

    def scores(self, feats: list[str]) -> dict[str, float]:
        out = dict.fromkeys(LABELS, 0.0)
        for f in feats:
            row = self.weights.get(f)
            if row:
                for label, w in row.items():
                    out[label] += w
        return out

    def tag(self, words: list[str]) -> list[str]:
        """Greedy decoding. The score of a word is the sum of four parts: what the word itself
        says, what it says as a left or a right neighbour (each cached per word for the
        process), and the previous label's features; so a token costs a few dict lookups."""
        labels: list[str] = []
        prev = "<s>"
        bias = self._vector(["b"])
        padded = ["<s>", *words, "</s>"]
        for i, w in enumerate(words):
            local, left, right = self._local(w), self._as_prev(padded[i]), self._as_next(padded[i + 2])
            dyn = self._dynamic(prev, w[:2])
            s = [bias[j] + local[j] + left[j] + right[j] + dyn[j] for j in range(len(LABELS))]
            label = LABELS[max(range(len(LABELS)), key=lambda j: s[j])]
            if label == "I" and prev not in ("B", "I"):
                label = "B"
            labels.append(label)
            prev = label
        return labels

    # the parts of ``features`` each cached on what it depends on
    def _vector(self, feats: list[str]) -> tuple[float, ...]:
        s = self.scores(feats)
        return tuple(s[lab] for lab in LABELS)

    def _cached(self, cache_name: str, key: str, make) -> tuple[float, ...]:
        table = self.__dict__.setdefault(cache_name, {})
        hit = table.get(key)
        if hit is None:
            if len(table) > CACHE_LIMIT:
                table.clear()
            hit = table[key] = self._vector(make(key))
        return hit

    def _local(self, w: str) -> tuple[float, ...]:
        return self._cached("_local_cache", w, lambda w: _word_features(w, self.lex))

    def _as_prev(self, p: str) -> tuple[float, ...]:
        return self._cached("_prev_cache", p, lambda p: _neighbour_features("p", p, self.lex))

    def _as_next(self, n: str) -> tuple[float, ...]:
        return self._cached("_next_cache", n, lambda n: _neighbour_features("n", n, self.lex))

    def _dynamic(self, prev: str, head: str) -> tuple[float, ...]:
        return self._cached("_dyn_cache", prev + "\t" + head, lambda k: _label_features(prev, head))

    def spans(self, words: list[str]) -> list[tuple[int, int]]:
        """Token ranges ``[first, last)`` tagged as a person's name."""
        out, start = [], None
        for i, label in enumerate([*self.tag(words), "O"]):
            if label != "I" and start is not None:
                out.append((start, i))
                start = None
            if label == "B":
                start = i
        return out


def has_model() -> bool:
    return resources.files("hadath.lang").joinpath("ar", MODEL).is_file()


@cache
def person_tagger() -> PersonTagger | None:
    """The shipped tagger, or None when the package carries no model file."""
    if not has_model():
        return None
    with resources.files("hadath.lang").joinpath("ar", MODEL).open("rb") as fh:
        weights = json.loads(gzip.decompress(fh.read()).decode("utf-8"))["weights"]
    return PersonTagger(weights, lexicon())
