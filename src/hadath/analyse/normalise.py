"""Arabic normalisation for matching, with a map back to the original offsets.

Matching compares normalised strings (alef and hamza variants folded, ta marbuta to
ha, alef maqsura to ya, tatweel and harakat dropped, Arabic-Indic digits to ASCII),
but every span hadath reports points into the text exactly as given. Folding is
one character to one character; only deletions (harakat, tatweel, bidi marks) shift
positions, so the map is a list of original indexes, or ``None`` when nothing was
deleted (the common case in news copy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ي": "ي", "ھ": "ه",
}
_FOLD.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_FOLD.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Eastern Arabic-Indic digits
# Deleted: harakat and Quranic marks, tatweel, zero-width and bidi controls.
_DELETE_RANGES = [(0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640),
                  (0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF)]
_DELETE = "".join(chr(c) for lo, hi in _DELETE_RANGES for c in range(lo, hi + 1))
_TABLE = str.maketrans({**{k: v for k, v in _FOLD.items()}, **{c: None for c in _DELETE}})
_DELETE_RE = re.compile("[" + re.escape(_DELETE) + "]")


def normalise(text: str) -> str:
    """The matching form of ``text`` (no offset map: for lexicon keys and queries)."""
    return text.translate(_TABLE)


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text and the way back: ``original_index(i)`` for each position."""

    text: str
    index_map: list[int] | None  # None: identity, nothing was deleted
    original_length: int

    def original_index(self, i: int) -> int:
        if self.index_map is None:
            return i
        if i >= len(self.index_map):
            return self.original_length
        return self.index_map[i]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised ``[start, end)`` came from."""
        if self.index_map is None:
            return start, end
        if end <= start:
            s = self.original_index(start)
            return s, s
        return self.original_index(start), self.original_index(end - 1) + 1


def normalise_with_map(text: str) -> Normalised:
    folded = text.translate(_TABLE)
    if len(folded) == len(text):
        return Normalised(folded, None, len(text))
    deleted = {m.start() for m in _DELETE_RE.finditer(text)}
    index_map = [i for i in range(len(text)) if i not in deleted]
    return Normalised(folded, index_map, len(text))
