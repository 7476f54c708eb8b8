"""Longest-match lookup of lexicon phrases over a document's normalised tokens.

Proclitics are peeled off a word only to find a lexicon entry (وبختيار -> بختيار,
للصين -> الصين), and a mention's span covers the name, not the clitics before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from hadath.analyse.normalise import Normalised, normalise_with_map
from hadath.analyse.segment import Span, split_proclitics, tokens

from .lexicon import Entry, PhraseIndex

# "#ولي_العهد_السعودي", "دونالد #ترمب": hashtag marks join words as a space would
HASHTAG_GAP = str.maketrans({"#": " ", "_": " "})


@dataclass(slots=True)
class Tok:
    """A word of the document: its normalised form, stem without proclitics, span in the input."""

    norm: str
    stem: str
    start: int          # input offsets of the whole word
    end: int
    stem_start: int     # input offset where the stem's letters begin
    clitics: tuple[str, ...] = ()
    gap: str = " "      # what stands between the previous word and this one (punctuation, space)


@dataclass(slots=True)
class Match:
    first: int          # token index range [first, last)
    last: int
    entries: list[Entry]
    span: Span          # input offsets

    @property
    def entry(self) -> Entry:
        return self.entries[0]


@lru_cache(maxsize=65_536)
def _split(word: str, known: frozenset[str]) -> tuple[tuple[str, ...], str]:
    """``split_proclitics`` once per distinct word (and set of known stems) for the process."""
    clitics, stem = split_proclitics(word, known)
    return tuple(clitics), stem


def tokenize(text: str, known: frozenset[str], within: Span | None = None) -> list[Tok]:
    """Tokens of ``text[within]`` with stems, mapped back to input offsets."""
    lo, hi = within or (0, len(text))
    norm: Normalised = normalise_with_map(text[lo:hi])
    out: list[Tok] = []
    prev_end = 0
    for t in tokens(norm.text):
        clitics, stem = _split(t.text, known) if len(t.text) > 2 else ((), t.text)
        s, e = norm.original_span(t.start, t.end)
        # the stem's letters: the word minus its proclitics (لل + صين keeps one lam for the article)
        shift = len(t.text) - len(stem) if t.text.endswith(stem) else max(0, len(t.text) - len(stem) + 1)
        ss, _ = norm.original_span(t.start + shift, t.end)
        gap = norm.text[prev_end:t.start].translate(HASHTAG_GAP)
        out.append(Tok(t.text, stem, s + lo, e + lo, ss + lo, clitics, gap))
        prev_end = t.end
    return out


def find_matches(toks: list[Tok], index: PhraseIndex) -> list[Match]:
    """Non-overlapping, longest-first phrase matches, left to right."""
    by_first, max_len = index.by_first, index.max_len
    out: list[Match] = []
    i, n = 0, len(toks)
    while i < n:
        best: tuple[int, list[Entry], bool] | None = None
        tok = toks[i]
        candidates = [(tok.norm, False)] + ([(tok.stem, True)] if tok.stem != tok.norm else [])
        for cand, clitic in candidates:
            phrases = by_first.get(cand)
            if not phrases:
                continue
            for length in range(min(max_len[cand], n - i), 0, -1):
                if length > 1 and any(_breaks(toks[i + k].gap) for k in range(1, length)):
                    continue
                key = (cand, *(toks[i + k].norm for k in range(1, length)))
                hit = phrases.get(key)
                if hit:
                    if best is None or length > best[0]:
                        best = (length, hit, clitic)
                    break
        if best:
            length, entries, clitic = best
            start = tok.stem_start if clitic else tok.start
            out.append(Match(i, i + length, entries, (start, toks[i + length - 1].end)))
            i += length
        else:
            i += 1
    return out


def _breaks(gap: str) -> bool:
    """Punctuation between two words ends a phrase (a hyphen or a space does not)."""
    return any(c not in " \u00a0-‐\t" for c in gap)
