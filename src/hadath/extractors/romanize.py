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


ROMANIZER_THREADS = 1   # ONNX threads: one per process, so a worker is one core and scale-out adds cores


@cache
def _romanizer():
    """The neural romanizer with its models on one thread each (its default of two threads
    spins a second core for little gain on this workload)."""
    try:
        from arabic_name_romanizer.api import Transliterator, default_resources_dir
        from arabic_name_romanizer.inference import OnnxModel
    except ImportError:  # optional: without it, names keep a rule-based romanisation
        return None
    res = default_resources_dir()
    try:
        model = OnnxModel(res, intra_op_threads=ROMANIZER_THREADS)
        persian = OnnxModel(res / "persian", intra_op_threads=ROMANIZER_THREADS) if (res / "persian" / "meta.json").exists() else None
    except (OSError, ValueError, KeyError):
        return Transliterator()   # a model layout this code does not know: the library's own defaults
    return Transliterator(model=model, persian_model=persian)


_WORD_CACHE: dict[str, str] = {}   # Arabic word as written -> its romanisation, for the process
WORD_CACHE_LIMIT = 50_000


def romanize_name(surface: str) -> str:
    return romanize_names([surface])[0]


def romanize_names(surfaces: list[str]) -> list[str]:
    """Romanise names in one batch: each word once per process, and all the words no table
    or cache knows in a single call of the neural romanizer (its beam search batches well,
    one call per word does not)."""
    table = _overrides()
    split = [surface.split() for surface in surfaces]
    todo: list[str] = []
    for words in split:
        for w in words:
            if w not in _WORD_CACHE and normalise(w) not in table and w not in todo:
                todo.append(w)
    if todo:
        rom = _romanizer()
        if rom is not None:
            results = rom.transliterate_many(todo)
            romanised = [_english(str(r[0] if isinstance(r, list) else r)) for r in results]
        else:
            romanised = [_basic(w) for w in todo]
        if len(_WORD_CACHE) > WORD_CACHE_LIMIT:
            _WORD_CACHE.clear()
        _WORD_CACHE.update(zip(todo, romanised, strict=True))
    out = []
    for words in split:
        parts = []
        for w in words:
            n = normalise(w)
            parts.append(table[n] if n in table else _WORD_CACHE[w])
        out.append(_join(parts))
    return out


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
