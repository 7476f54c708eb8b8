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
    """Feature strings of word ``i`` (normalised words) given the previous label."""
    titles, people = _word_sets(lex)
    w = words[i]
    p = words[i - 1] if i > 0 else "<s>"
    n = words[i + 1] if i + 1 < len(words) else "</s>"
    bare = w[1:] if len(w) > 3 and w[0] in "وفبل" else w
    f = [
        "b", "w=" + w, "p=" + p, "n=" + n, "s3=" + w[-3:], "s2=" + w[-2:], "p2=" + w[:2],
        "len=" + str(min(len(w), 8)), "prev=" + prev, "prev+w=" + prev + w[:2],
        "al=" + str(w.startswith("ال")),
    ]
    for tag, word in (("", w), ("p", p), ("n", n)):
        if word in lex.given_names:
            f.append(tag + "given")
        if word in titles:
            f.append(tag + "title")
        if word in people:
            f.append(tag + "person")
        if word in lex.common_words or word in lex.function_words:
            f.append(tag + "common")
    if bare != w and (bare in lex.common_words or bare in lex.function_words):
        f.append("clitic+common")
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
        labels: list[str] = []
        prev = "<s>"
        for i in range(len(words)):
            s = self.scores(features(words, i, prev, self.lex))
            label = max(LABELS, key=lambda lab: s[lab])
            if label == "I" and prev not in ("B", "I"):
                label = "B"
            labels.append(label)
            prev = label
        return labels

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
