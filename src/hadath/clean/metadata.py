"""What an article says of itself: title, outlet, publication time and dateline.

Datelines come in the wire services' forms: "تشنغدو أول ديسمبر 2024 (شينخوا)",
"موسكو 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس" (Hijri with its Gregorian
equivalent), "دبي، الإمارات العربية المتحدة (CNN)--"; publication stamps as
"/مصدر: شينخوا/ 2024:12:02.10:20".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from hadath.analyse.dates import DateResolver
from hadath.analyse.gazetteer import lookup_place
from hadath.analyse.normalise import normalise
from hadath.analyse.segment import Span, paragraphs
from hadath.lang import read_table

from .boilerplate import pattern_kind


@dataclass(slots=True)
class Dateline:
    place: str | None          # English name, when the gazetteer knows the place
    place_ar: str | None       # the place as written
    country_ar: str | None     # "الإمارات العربية المتحدة" in "دبي، الإمارات العربية المتحدة"
    date: str | None           # ISO day the dateline gives, else None
    agency: str | None
    span: Span

    def as_dict(self) -> dict:
        return {"place": self.place, "place_ar": self.place_ar, "country_ar": self.country_ar,
                "date": self.date, "agency": self.agency, "span": list(self.span)}


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    title_span: Span | None = None
    title_index: int | None = None       # paragraph index of the title
    outlet: str | None = None
    outlet_source: str | None = None     # input | dateline | credit | source_line
    published: str | None = None
    published_span: Span | None = None
    dateline: Dateline | None = None
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _outlets() -> tuple[re.Pattern, dict[str, str]]:
    rows = read_table("outlets.tsv")
    names = {normalise(r["surface"]): r["name"] for r in rows}
    alt = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alt})(?![^\W\d_])"), names


_SOURCE_STAMP = re.compile(r"/\s*مصدر\s*:\s*(?P<agency>[^/\n]{1,40}?)\s*/\s*(?P<y>(?:19|20)\d\d)[:\-/.](?P<m>[01]\d)[:\-/.](?P<d>[0-3]\d)(?:[.\sT]+(?P<H>[0-2]\d)[:.](?P<M>[0-5]\d))?")
_PAREN_AGENCY = re.compile(r"\(\s*(?P<agency>[^()\n]{1,30}?)\s*\)\s*(?:[-–—:]+)?")
_PLACE_WORDS = re.compile(r"^[\u0621-\u064A\u0640\u064B-\u0652 ]{2,40}$")
_DATELINE_WINDOW = 160


def extract_metadata(text: str, input_outlet: str | None = None, title_hint: str | None = None) -> Metadata:
    md = Metadata()
    paras = paragraphs(text)
    _find_title(text, paras, md, title_hint)
    _find_published(text, md)
    _find_dateline(text, paras, md)
    _find_outlet(text, paras, md, input_outlet)
    return md


def _find_title(text: str, paras: list[Span], md: Metadata, hint: str | None) -> None:
    """The first line that is not boilerplate, when it reads as a headline: short, and
    set off by a blank line or not ending like a sentence. A container's title wins."""
    for i, (s, e) in enumerate(paras[:6]):
        line = text[s:e]
        if pattern_kind(line):
            continue
        if hint and normalise(line.strip()) != normalise(hint.strip()):
            if i < 5:
                continue
            return
        gap = text[e:paras[i + 1][0]] if i + 1 < len(paras) else "\n\n"
        set_off = gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2
        if len(line) <= 250 and (set_off or not line.rstrip().endswith((".", "،"))):
            md.title, md.title_span, md.title_index = line.strip(), (s, e), i
        return


def _find_published(text: str, md: Metadata) -> None:
    m = _SOURCE_STAMP.search(text, 0, min(len(text), 4000))
    if not m:
        return
    stamp = f"{m['y']}-{m['m']}-{m['d']}"
    if m["H"]:
        stamp += f"T{m['H']}:{m['M']}"
    md.published, md.published_span = stamp, m.span()
    agency = _outlet_name(m["agency"])
    if agency and not md.outlet:
        md.outlet, md.outlet_source = agency, "source_line"


def _outlet_name(surface: str) -> str | None:
    rx, names = _outlets()
    m = rx.search(normalise(surface))
    return names.get(m.group()) if m else None


def _find_dateline(text: str, paras: list[Span], md: Metadata) -> None:
    start = (md.title_index + 1) if md.title_index is not None else 0
    for s, e in paras[start:start + 4]:
        if pattern_kind(text[s:e]):
            continue
        head = text[s:min(e, s + _DATELINE_WINDOW)]
        dl = _parse_dateline(head, s)
        if dl:
            md.dateline = dl
            return


def _parse_dateline(head: str, offset: int) -> Dateline | None:
    rx, names = _outlets()
    agency, cut, end = None, None, None
    m = _PAREN_AGENCY.search(head)
    if m and _outlet_name(m["agency"]):
        agency, cut, end = _outlet_name(m["agency"]), m.start(), m.end()
    dates = DateResolver(None).find(head, (0, cut if cut is not None else len(head)))
    absolute = [d for d in dates if d.kind in ("absolute", "hijri") and d.value]
    if agency is None:
        # unparenthesised agency right after a date: "... 11 أغسطس 2015 م واس"
        if not absolute:
            return None
        after = head[absolute[-1].end:absolute[-1].end + 12]
        am = rx.match(normalise(after.strip()))
        if not am:
            return None
        agency = names[am.group()]
        lead = after[: len(after) - len(after.lstrip())]
        cut, end = absolute[0].start, absolute[-1].end + len(lead) + len(am.group())
    place_end = absolute[0].start if absolute and absolute[0].start < cut else cut
    prefix = head[:place_end].strip()
    place_ar = country_ar = None
    if prefix:
        parts = [p.strip() for p in prefix.split("،")]
        if not all(_PLACE_WORDS.match(p) for p in parts if p) or len(parts[0].split()) > 4:
            return None
        place_ar = parts[0] or None
        country_ar = parts[1] if len(parts) > 1 and parts[1] else None
    gregorian = [d for d in absolute if d.kind == "absolute"] or absolute
    date = gregorian[-1].value if gregorian else None
    place = lookup_place(place_ar) if place_ar else None
    return Dateline(place.name if place else None, place_ar, country_ar, date, agency, (offset, offset + (end or cut)))


def _find_outlet(text: str, paras: list[Span], md: Metadata, input_outlet: str | None) -> None:
    if input_outlet:
        md.outlet, md.outlet_source = input_outlet, "input"
        return
    if md.dateline and md.dateline.agency:
        md.outlet, md.outlet_source = md.dateline.agency, "dateline"
        return
    if md.outlet:
        return
    for s, e in reversed(paras[-6:]):
        line = text[s:e]
        if pattern_kind(line) in ("credit", "app_prompt", "source_line", "copyright"):
            name = _outlet_name(line)
            if name:
                md.outlet, md.outlet_source = name, "credit"
                return
