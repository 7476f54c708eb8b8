"""Which lines of a page are the article and which are boilerplate.

Three kinds of evidence, in order: the pattern table (``lang/ar/boilerplate.tsv``:
navigation, cookie banners, app prompts, wire tails, credit lines); blocks of
other stories' headlines inserted mid-article (two or more short headline-like
lines in a row); and other stories' lead paragraphs appended at the end (a run
of standalone lead paragraphs, "أعلنت مصر، الخميس، ..."). Everything else is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hadath.analyse.normalise import normalise
from hadath.analyse.segment import Span, paragraphs
from hadath.lang import read_table


@dataclass(frozen=True, slots=True)
class Boilerplate:
    start: int
    end: int
    kind: str

    def as_dict(self) -> dict:
        return {"span": [self.start, self.end], "kind": self.kind}


@dataclass(frozen=True)
class _Rules:
    prefix: tuple[tuple[str, str], ...]
    line: dict[str, str]
    contains: tuple[tuple[str, str], ...]
    regex: tuple[tuple[re.Pattern, str], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    prefix, contains, regex = [], [], []
    line: dict[str, str] = {}
    for r in read_table("boilerplate.tsv"):
        pat, kind = r["pattern"], r["kind"]
        if r["match"] == "prefix":
            prefix.append((normalise(pat), kind))
        elif r["match"] == "line":
            line[normalise(pat)] = kind
        elif r["match"] == "contains":
            contains.append((normalise(pat), kind))
        elif r["match"] == "regex":
            regex.append((re.compile(pat), kind))
        else:
            raise ValueError(f"boilerplate.tsv: unknown match type {r['match']!r}")
    return _Rules(tuple(prefix), line, tuple(contains), tuple(regex))


def pattern_kind(line: str) -> str | None:
    """The boilerplate kind of one line by the pattern table, or None."""
    rules = _rules()
    raw = line.strip()
    norm = normalise(raw)
    if norm in rules.line:
        return rules.line[norm]
    for p, kind in rules.prefix:
        if norm.startswith(p):
            return kind
    for c, kind in rules.contains:
        if c in norm:
            return kind
    for rx, kind in rules.regex:
        if rx.search(raw):
            return kind
    return None


_WEEKDAY = "الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد"
# A news lead: subject, then ", <weekday>," early in the paragraph (CNN, AFP style).
_LEAD_RE = re.compile(rf"^[^\n]{{0,90}}?،\s*(?:(?:صباح|مساء|ليل|ظهر|فجر)\s+)?(?:يوم\s+)?(?:{_WEEKDAY})(?:\s+الماضي)?\s*،")
_CONTINUES = re.compile(r"^[\"«“']?(?:و|ف|كما|لكن|غير|إلا|الا|أما|اما)")


@lru_cache(maxsize=1)
def _lead_verbs() -> frozenset[str]:
    return frozenset(normalise(r["surface"]) for r in read_table("lead_verbs.tsv"))


def _is_lead(paragraph: str) -> bool:
    """A story's opening paragraph: ", <weekday>," early, or a lead verb then a comma soon."""
    if _LEAD_RE.match(paragraph):
        return True
    first = normalise(paragraph.split(maxsplit=1)[0]) if paragraph.strip() else ""
    return first in _lead_verbs() and "،" in paragraph[:80]


def _headline_like(text: str) -> bool:
    t = text.strip()
    return len(t) <= 110 and 4 <= len(t.split()) <= 16 and not t.endswith((".", "،", ":", "\u060c", '"', "»"))


def classify(text: str, first_body_index: int = 1) -> tuple[list[Span], list[Boilerplate]]:
    """Split ``text`` into body spans and boilerplate lines.

    ``first_body_index`` is the paragraph where the article proper starts (after the
    title); headline blocks and appended leads are looked for only after it.
    """
    paras = paragraphs(text)
    kinds: list[str | None] = [pattern_kind(text[s:e]) for s, e in paras]
    start_at = _first_content(kinds, first_body_index)
    # related-story headline blocks in the middle of the article
    i = start_at + 1
    while i < len(paras):
        j = i
        while j < len(paras) and kinds[j] is None and _headline_like(text[paras[j][0]:paras[j][1]]):
            j += 1
        if j - i >= 2 and j < len(paras) + 1:
            for k in range(i, j):
                kinds[k] = "related_headlines"
        i = max(j, i + 1)
    # other stories' leads appended at the end
    end = len(paras)
    while end > 0 and kinds[end - 1] is not None:
        end -= 1
    run_start = end
    while run_start - 1 > start_at and kinds[run_start - 1] is None and not _CONTINUES.match(text[paras[run_start - 1][0]:paras[run_start - 1][1]]):
        run_start -= 1
    dated_leads = [k for k in range(run_start, end) if _LEAD_RE.match(text[paras[k][0]:paras[k][1]])]
    leads = [k for k in range(run_start, end) if _is_lead(text[paras[k][0]:paras[k][1]])]
    if len(dated_leads) >= 2:
        for k in range(leads[0], end):
            kinds[k] = "other_story"
    body: list[Span] = []
    boiler: list[Boilerplate] = []
    previous_was_body = False
    for (s, e), kind in zip(paras, kinds, strict=False):
        if kind is not None:
            boiler.append(Boilerplate(s, e, kind))
            previous_was_body = False
        elif previous_was_body:
            body[-1] = (body[-1][0], e)  # consecutive body lines form one span
        else:
            body.append((s, e))
            previous_was_body = True
    return body, boiler


def _first_content(kinds: list[str | None], first_body_index: int) -> int:
    i = min(first_body_index, max(0, len(kinds) - 1))
    while i < len(kinds) and kinds[i] is not None:
        i += 1
    return i
