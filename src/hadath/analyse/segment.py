"""Paragraphs, sentences, tokens and proclitics, all with offsets into the input.

Line endings are left as given (``\\r\\n``, ``\\r``, ``\\n``, U+2028/2029 all end a
line), so no offset moves. A sentence ends at ``. ! ? ؟ …`` or a line end, never at
the Arabic comma «،» nor inside a number (``1.5``) or a dotted abbreviation
(``سي.ان.بي.سي``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hadath.lang import read_table

from .normalise import normalise

Span = tuple[int, int]

_LINE_RE = re.compile(r"[^\r\n\u2028\u2029]+")
# A sentence: up to a terminator (kept) followed by space/quote/end, or to the line end.
_SENTENCE_END_RE = re.compile(r"(?<!\d)[.!?؟…]+(?=[\s\"'»”)\]]|$)|(?<=\d)[.!?؟…]+(?=\s|$)")
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)  # hyphens split: "الصين-آسيا" is two words


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def paragraphs(text: str) -> list[Span]:
    """Each non-blank line as a span, surrounding whitespace trimmed."""
    out = []
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        s += len(line) - len(line.lstrip())
        e -= len(line) - len(line.rstrip())
        out.append((s, e))
    return out


def sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentence spans inside ``within`` (default: the whole text), paragraph by paragraph."""
    lo, hi = within or (0, len(text))
    out: list[Span] = []
    for ps, pe in paragraphs(text[lo:hi]):
        ps, pe = ps + lo, pe + lo
        start = ps
        for m in _SENTENCE_END_RE.finditer(text, ps, pe):
            end = m.end()
            if text[start:end].strip():
                out.append(_trim(text, start, end))
            start = end
        if text[start:pe].strip():
            out.append(_trim(text, start, pe))
    return out


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)


def tokens(text: str, within: Span | None = None) -> list[Token]:
    """Word tokens (runs of letters and digits) with offsets."""
    lo, hi = within or (0, len(text))
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, lo, hi)]


@lru_cache(maxsize=1)
def _clitic_rules() -> tuple[tuple[str, tuple[str, ...], int], ...]:
    rows = read_table("clitics.tsv")
    rules = [(normalise(r["surface"]), tuple(r["parts"].split()), int(r["min_stem"])) for r in rows]
    return tuple(sorted(rules, key=lambda r: -len(r[0])))


def split_proclitics(word: str, known: frozenset[str] | set[str] = frozenset()) -> tuple[list[str], str]:
    """Split a (normalised) word into proclitics and a stem.

    ``known`` holds stems that must be recognised whole (gazetteer entries). Rules:
    a known word is never split; ``و``/``ف`` come off when at least three letters stay;
    ``ب``/``ل``/``ك`` come off only before the article (``بال``, ``لل``) or when what is
    left is a known word. So وبختيار gives و + بختيار, and كازاخستان stays whole.
    Returns (clitics, stem); for ``لل`` the stem gets its article back (للصين -> الصين).
    """
    if word in known:
        return [], word
    for surface, parts, min_stem in _clitic_rules():
        if not word.startswith(surface):
            continue
        rest = word[len(surface):]
        if len(rest) < min_stem:
            continue
        if parts[-1] == "ال":
            stem = "ال" + rest
            clitics = list(parts[:-1])
            if not clitics:  # a bare article: keep it on the stem
                return [], word
            return clitics, stem
        if rest in known:
            return list(parts), rest
        if parts[-1] in ("ب", "ل", "ك"):
            continue  # only before the article or a known word
        # و / ف: peel, then see whether a known word or an article-word follows
        inner_clitics, inner = split_proclitics(rest, known)
        if inner_clitics and inner_clitics[0] in ("ب", "ل", "ك") and inner not in known and not inner.startswith("ال"):
            return list(parts), rest
        return list(parts) + inner_clitics, inner
    return [], word
