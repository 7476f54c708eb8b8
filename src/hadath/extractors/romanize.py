"""Arabic -> Latin for names not in the register: the usual English spelling.

Arab names go through arabic-name-romanizer (MIT; dictionary first, a small ONNX
model behind it), which knows مراد -> Murad-like forms but not Chinese or Korean
names written in Arabic (وانغ يي -> "Wange Yey"): a word table
(``lang/ar/romanization.tsv``) overrides it word by word.
"""

from __future__ import annotations

from functools import cache

from hadath.analyse.normalise import normalise
from hadath.lang import read_table


@cache
def _overrides() -> dict[str, str]:
    return {normalise(r["arabic"]): r["latin"] for r in read_table("romanization.tsv")}


@cache
def _romanizer():
    try:
        import arabic_name_romanizer
    except ImportError:  # optional: without it, names keep a rule-based romanisation
        return None
    return arabic_name_romanizer


@cache
def romanize_name(surface: str) -> str:
    words = surface.split()
    table = _overrides()
    norm = [normalise(w) for w in words]
    if all(w in table for w in norm):
        return _join([table[w] for w in norm])
    out: list[str] = []
    rom = _romanizer()
    for w, n in zip(words, norm, strict=True):
        if n in table:
            out.append(table[n])
        elif rom is not None:
            out.append(_english(str(rom.transliterate(w))))
        else:
            out.append(_basic(w))
    return _join(out)


# The romanizer writes French-style (Chakib, Djamel, Mouloud); English Wikipedia titles, which
# the records name people by, use sh, j, u.
_FRENCH_TO_ENGLISH = (("Dj", "J"), ("dj", "j"), ("Ch", "Sh"), ("ch", "sh"), ("Ou", "U"), ("ou", "u"))


def _english(word: str) -> str:
    for a, b in _FRENCH_TO_ENGLISH:
        word = word.replace(a, b)
    return word


def _join(parts: list[str]) -> str:
    text = " ".join(p for p in parts if p)
    # Chinese and Korean syllables that belong to one given name: "Jin ping" -> "Jinping"
    for a, b in (("Jin ping", "Jinping"), ("Chun ying", "Chunying"), ("Jong un", "Jong-un"), ("Jae in", "Jae-in")):
        text = text.replace(a, b)
    return text[:1].upper() + text[1:]


_BASIC = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ى": "a", "ة": "a", "ء": "", "ؤ": "", "ئ": "",
})


def _basic(word: str) -> str:
    return word.translate(_BASIC).capitalize()
