"""Arabic -> Latin for names not in the register: the usual English spelling.

Arab names go through arabic-name-romanizer (MIT; dictionary first, a small ONNX
model behind it), which knows مراد -> Murad-like forms but not Chinese or Korean
names written in Arabic (وانغ يي -> "Wange Yey") nor European ones (ميتشل -> "Mitshell"):
word tables (``lang/ar/romanization.tsv``, ``lang/ar/romanization_names.tsv``) override it
word by word.
"""

from __future__ import annotations

from functools import cache

from hadath.analyse.normalise import normalise
from hadath.lang import read_table


@cache
def _overrides() -> dict[str, str]:
    """Arabic word (normalised) -> Latin: European and American name words (``romanization_names.tsv``),
    then the Chinese, Korean and Central Asian syllables of ``romanization.tsv``."""
    table = {normalise(r["arabic"]): r["latin"] for r in read_table("romanization_names.tsv")}
    table.update((normalise(r["arabic"]), r["latin"]) for r in read_table("romanization.tsv"))
    return table


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


_RUN_CACHE: dict[str, str] = {}   # run of Arabic name words as written -> its romanisation, for the process
RUN_CACHE_LIMIT = 50_000


def romanize_name(surface: str) -> str:
    return romanize_names([surface])[0]


def romanize_names(surfaces: list[str]) -> list[str]:
    """Romanise names in one batch. Words of the override table are taken from it; each run
    of other words goes to the neural romanizer whole, since it reads a word by its
    neighbours ("عبد الله بن زايد" is Abdullah bin Zayed, while "عبد" alone is read as a name
    of its own). Every run is romanised once per process, and all new runs of the batch
    in a single call (its beam search batches well, one call per run does not)."""
    table = _overrides()
    pieces = [_pieces(surface.split(), table) for surface in surfaces]
    todo: list[str] = []
    for parts in pieces:
        for is_run, text in parts:
            if is_run and text not in _RUN_CACHE and text not in todo:
                todo.append(text)
    if todo:
        rom = _romanizer()
        if rom is not None:
            results = rom.transliterate_many(todo)
            romanised = [_english(run, str(r[0] if isinstance(r, list) else r)) for run, r in zip(todo, results, strict=True)]
        else:
            romanised = [" ".join(_basic(w) for w in run.split()) for run in todo]
        if len(_RUN_CACHE) > RUN_CACHE_LIMIT:
            _RUN_CACHE.clear()
        _RUN_CACHE.update(zip(todo, romanised, strict=True))
    return [_join([_RUN_CACHE[text] if is_run else text for is_run, text in parts]) for parts in pieces]


def _pieces(words: list[str], table: dict[str, str]) -> list[tuple[bool, str]]:
    """A name cut into table words (already Latin) and pieces for the romanizer: a run of
    words holding a particle (بن، عبد، أبو، ولد، آل) or the article whole, since those are read
    by their neighbours; any other word alone, so that it is romanised once per process however
    many names it appears in."""
    out: list[tuple[bool, str]] = []
    run: list[str] = []

    def flush() -> None:
        if any(_contextual(normalise(w)) for w in run):
            out.append((True, " ".join(run)))
        else:
            out.extend((True, w) for w in run)
        run.clear()

    for w in words:
        latin = table.get(normalise(w))
        if latin is None:
            run.append(w)
            continue
        flush()
        out.append((False, latin))
    flush()
    return out


def _contextual(word: str) -> bool:
    """A word the romanizer reads by its neighbours: a particle, a word led by one
    ("عبدالملك"), or one with the article ("العجري" is al-Ajri beside a given name)."""
    return word in _particles() or word.startswith(("عبد", "ابو", "ال")) and len(word) > 3


@cache
def _particles() -> frozenset[str]:
    return frozenset(normalise(r["particle"]) for r in read_table("name_particles.tsv") if r["role"] in ("connector", "head"))


# The romanizer writes French-style (Chakib, Djamel, Mouloud); English Wikipedia titles, which
# the records name people by, use sh, j, u.
_FRENCH_TO_ENGLISH = (("Dj", "J"), ("dj", "j"), ("Ch", "Sh"), ("ch", "sh"), ("Ou", "U"), ("ou", "u"))


def _english(arabic: str, latin: str) -> str:
    """English spelling of the romanizer's output for ``arabic``: French digraphs made English,
    and a word that begins with ي written with Y, not the German J (ياكوفنكو -> Yakovenko)."""
    source, target = arabic.split(), [_english_word(t) for t in latin.split()]
    if len(source) == len(target):
        target = [("Y" + t[1:] if t[:1] == "J" and w[:1] == "ي" else t) for w, t in zip(source, target, strict=True)]
    elif source and target and source[0][:1] == "ي" and target[0][:1] == "J":
        target[0] = "Y" + target[0][1:]
    return " ".join(target)


ENGLISH_AS_IS = frozenset({"Ould"})   # French-looking spellings English writes too (Mauritanian "Ould")


def _english_word(word: str) -> str:
    if word in ENGLISH_AS_IS:
        return word
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
