"""Date expressions in Arabic news and their resolution to calendar dates.

Every expression is found with its span in the input and resolved against an
anchor (the dateline's date, else the input ``date``): explicit dates in both
Gregorian month series and the Maghrebi one (يناير / كانون الثاني / جانفي, also
"يونيو/حزيران"), Hijri dates (converted by the Umm al-Qura calendar), weekday
names ("اليوم (الأحد)", "يوم الجمعة"), relative words ("أمس", "أمس الأول",
"الأسبوع الماضي") and month references ("في يوليو من العام الماضي").
What cannot be resolved keeps ``value=None``: a date is never invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from hadath.lang import read_table

from .normalise import normalise, normalise_with_map


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: its span, what it says, and the date it resolves to.

    ``value`` is ISO: ``YYYY-MM-DD`` (granularity day), ``YYYY-Www`` (week),
    ``YYYY-MM`` (month) or ``YYYY`` (year); ``None`` when no anchor resolves it.
    """

    start: int
    end: int
    text: str
    value: str | None
    granularity: str
    kind: str  # absolute | hijri | weekday | relative | month_ref | numeric | year

    def as_dict(self) -> dict:
        return {"span": [self.start, self.end], "text": self.text, "value": self.value,
                "granularity": self.granularity, "kind": self.kind}


def _alt(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


@dataclass(frozen=True)
class _Lexicon:
    gregorian: dict[str, int]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    relative: dict[str, tuple[str, int]]
    patterns: tuple[tuple[str, re.Pattern], ...]


# no letter before, or one proclitic (و ف ب ل) that itself starts the word: "وأمس الأول"
_W = r"(?:(?<![^\W\d_])|(?<=(?<![^\W\d_])[وفبل]))"
_E = r"(?![^\W\d_])"    # no letter after


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    greg: dict[str, int] = {}
    hijri: dict[str, int] = {}
    for r in read_table("months.tsv"):
        (hijri if r["calendar"] == "hijri" else greg)[normalise(r["surface"])] = int(r["month"])
    weekdays = {normalise(r["surface"]): int(r["weekday"]) for r in read_table("weekdays.tsv")}
    ordinals = {normalise(r["surface"]): int(r["day"]) for r in read_table("day_ordinals.tsv")}
    relative = {normalise(r["surface"]): (r["unit"], int(r["offset"])) for r in read_table("relative_dates.tsv")}
    G, H, WD = _alt(greg), _alt(hijri), _alt(weekdays)
    day = r"(?:ال\s*)?(?P<day>[0-3]?\d|" + _alt(ordinals) + r")"
    month_pair = rf"(?P<month>{G})(?:\s*[/\\(]\s*(?P<month2>{G})\s*\)?)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    of_year = rf"(?:\s*،?\s*(?:من\s+)?(?:(?:عام|العام|سنه|السنه)\s+)?{year}(?:\s*م{_E})?)"
    pats = [
        ("hijri", re.compile(rf"{_W}{day}\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{H}){_E}"
                             rf"(?:\s+(?:(?:عام|لعام|سنه)\s+)?(?P<year>1[34]\d\d))?\s*(?:ه{_E}|هـ|هجري(?:ه|ا)?{_E})")),
        ("absolute", re.compile(rf"{_W}{day}\s+(?:من\s+)?(?:شهر\s+)?{month_pair}{_E}{of_year}?")),
        ("month_ref", re.compile(rf"{_W}(?:شهر\s+)?{month_pair}{_E}\s+(?:(?:من|في)\s+)?(?P<rel>العام الماضي|العام المنصرم|السنه الماضيه|العام المقبل|العام القادم|العام الجاري|العام الحالي|هذا العام|الماضي|المنصرم|المقبل|القادم){_E}")),
        ("month_year", re.compile(rf"{_W}(?:شهر\s+)?{month_pair}{_E}{of_year}")),
        ("numeric", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[:\-/.](?P<mon>[01]?\d)[:\-/.](?P<day>[0-3]?\d)(?!\d)")),
        ("numeric_dmy", re.compile(r"(?<!\d)(?P<day>[0-3]?\d)[\-/.](?P<mon>[01]?\d)[\-/.](?P<year>(?:19|20)\d\d)(?!\d)")),
        ("weekday", re.compile(rf"{_W}(?:(?P<today>اليوم)\s*)?(?:(?:يوم|نهار|صباح|مساء|ليله|فجر|ظهر)\s*)?\(?\s*(?P<weekday>{WD})\s*\)?"
                               rf"(?:\s+(?P<rel>الماضي|المنصرم|المقبل|القادم){_E})?{_E}")),
        ("relative", re.compile(rf"{_W}(?P<rel>{_alt(relative)}){_E}")),
        ("year", re.compile(rf"{_W}(?:(?:في\s+)?(?:عام|العام|سنه|السنه)\s+){year}(?!\d)")),
    ]
    return _Lexicon(greg, hijri, weekdays, ordinals, relative, tuple(pats))


def _add_months(d: dt.date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _hijri_to_gregorian(y: int, m: int, d: int) -> dt.date | None:
    from hijridate import Hijri  # small, imported on first Hijri date only

    try:
        return Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _gregorian_to_hijri_year(d: dt.date) -> int | None:
    from hijridate import Gregorian

    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


class DateResolver:
    """Finds and resolves date expressions; ``anchor`` is the day the text speaks from."""

    def __init__(self, anchor: dt.date | None):
        self.anchor = anchor
        self.lex = _lexicon()

    def find(self, text: str, within: tuple[int, int] | None = None) -> list[DateMention]:
        lo, hi = within or (0, len(text))
        norm = normalise_with_map(text[lo:hi])
        found: list[tuple[int, int, str, re.Match]] = []
        for kind, pat in self.lex.patterns:
            for m in pat.finditer(norm.text):
                found.append((m.start(), m.end(), kind, m))
        # leftmost-longest, no overlaps; earlier pattern wins a tie
        order = {k: i for i, (k, _) in enumerate(self.lex.patterns)}
        found.sort(key=lambda f: (f[0], -(f[1] - f[0]), order[f[2]]))
        out: list[DateMention] = []
        taken_until = -1
        for s, e, kind, m in found:
            if s < taken_until:
                continue
            value, gran = self._resolve(kind, m)
            os_, oe = norm.original_span(s, e)
            os_, oe = os_ + lo, oe + lo
            out.append(DateMention(os_, oe, text[os_:oe], value, gran, kind.split("_")[0]))
            taken_until = e
        return out

    # -- resolution -------------------------------------------------------
    def _day_number(self, raw: str) -> int:
        return int(raw) if raw.isdigit() else self.lex.ordinals[raw]

    def _resolve(self, kind: str, m: re.Match) -> tuple[str | None, str]:
        g = m.groupdict()
        a = self.anchor
        if kind == "hijri":
            hy = int(g["year"]) if g.get("year") else (_gregorian_to_hijri_year(a) if a else None)
            if hy is None:
                return None, "day"
            d = _hijri_to_gregorian(hy, self.lex.hijri[g["month"]], self._day_number(g["day"]))
            return (d.isoformat() if d else None), "day"
        if kind == "absolute":
            month = self.lex.gregorian[g["month"]]
            year = int(g["year"]) if g.get("year") else (a.year if a else None)
            if year is None:
                return None, "day"
            d = _safe_date(year, month, self._day_number(g["day"]))
            return (d.isoformat() if d else None), "day"
        if kind == "month_year":
            return f"{int(g['year']):04d}-{self.lex.gregorian[g['month']]:02d}", "month"
        if kind == "month_ref":
            if a is None:
                return None, "month"
            month = self.lex.gregorian[g["month"]]
            rel = g["rel"]
            if rel in ("الماضي", "المنصرم"):
                year = a.year if month < a.month else a.year - 1
            elif rel in ("المقبل", "القادم"):
                year = a.year if month > a.month else a.year + 1
            elif "الماضي" in rel or "المنصرم" in rel:
                year = a.year - 1
            elif "المقبل" in rel or "القادم" in rel:
                year = a.year + 1
            else:
                year = a.year
            return f"{year:04d}-{month:02d}", "month"
        if kind in ("numeric", "numeric_dmy"):
            d = _safe_date(int(g["year"]), int(g["mon"]), int(g["day"]))
            return (d.isoformat() if d else None), "day"
        if kind == "weekday":
            if a is None:
                return None, "day"
            want = self.lex.weekdays[g["weekday"]]
            back = (a.isoweekday() - want) % 7
            rel = g.get("rel")
            if rel in ("المقبل", "القادم"):
                return (a + dt.timedelta(days=(want - a.isoweekday()) % 7 or 7)).isoformat(), "day"
            if rel in ("الماضي", "المنصرم"):
                back = back or 7
            return (a - dt.timedelta(days=back)).isoformat(), "day"
        if kind == "relative":
            if a is None:
                return None, "day"
            unit, offset = self.lex.relative[g["rel"]]
            if unit == "day":
                return (a + dt.timedelta(days=offset)).isoformat(), "day"
            if unit == "week":
                y, w, _ = (a + dt.timedelta(weeks=offset)).isocalendar()
                return f"{y:04d}-W{w:02d}", "week"
            if unit == "month":
                y, mo = _add_months(a, offset)
                return f"{y:04d}-{mo:02d}", "month"
            return f"{a.year + offset:04d}", "year"
        if kind == "year":
            return g["year"], "year"
        return None, "day"


def parse_iso_date(value: str | None) -> dt.date | None:
    """The day of an ISO date or datetime string; None for anything else."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
