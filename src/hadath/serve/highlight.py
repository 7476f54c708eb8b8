"""An article as the dashboard shows it: its lines, each cut into segments at every boundary of an entity
mention, event passage, event cue, quote or relation span, with the annotations covering each segment, and
per line the English glosses of what starts on it.

Spans overlap freely (a name inside a quote inside an event's passage), so the text is cut flat at every
boundary and each piece carries the set of annotations over it: no nesting to get wrong, and the pieces
joined give back the text exactly. The text itself is never interpreted: the template escapes each piece.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hadath.record import Record

from .labels import code_label


@dataclass(slots=True)
class Annotation:
    kind: str            # ent, ev, cue, quote, rel
    key: str             # e6, ev3, q1, r2: the anchor the gloss links to
    start: int
    end: int
    css: str             # classes for the pieces it covers
    gloss: str           # the English of it, for a tooltip


@dataclass(slots=True)
class Piece:
    text: str
    start: int
    classes: str
    keys: list[str]
    title: str
    entity: bool                  # inside an entity mention: rendered as <mark>
    anchors: list[str]            # events, quotes, relations that start here: where their glosses link to


@dataclass(slots=True)
class Line:
    number: int
    start: int
    kind: str                     # title, body, boilerplate kind (navigation, credit ...), or blank
    pieces: list[Piece]
    glosses: list[dict[str, Any]] = field(default_factory=list)


def _valid(span, size: int) -> tuple[int, int] | None:
    try:
        s, e = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        return None
    return (s, e) if 0 <= s < e <= size else None


def annotations(rec: Record) -> tuple[list[Annotation], dict[str, dict[str, Any]]]:
    """Every highlighted span of the record, and the gloss of each key (the English beside the text)."""
    size = len(rec.text)
    anns: list[Annotation] = []
    glosses: dict[str, dict[str, Any]] = {}
    names = {}
    for ent in rec.entities:
        eid, etype = ent.get("id") or "", ent.get("type") or "UNKNOWN"
        names[eid] = ent.get("name") or ent.get("surface") or eid
        detail = ", ".join(x for x in (etype, ent.get("code") or "", ent.get("sector") or "") if x)
        gloss = f"{names[eid]} ({detail})"
        glosses[eid] = {"kind": "ent", "key": eid, "type": etype, "name": names[eid], "code": ent.get("code"),
                        "surface": ent.get("surface"), "text": gloss}
        for span in (ent.get("mentions") or []) + (ent.get("adjective_mentions") or []):
            if (v := _valid(span, size)):
                anns.append(Annotation("ent", eid, *v, f"ent ent-{etype}", gloss))
    for k, ev in enumerate(rec.events, 1):
        key = f"ev{k}"
        src, tgt = ev.get("source") or {}, ev.get("target") or {}
        label = ev.get("name") or code_label(ev.get("code"))
        parties = f"{src.get('name') or src.get('actor') or '?'} → {tgt.get('name') or tgt.get('actor') or '?'}"
        gloss = f"{ev.get('code')} {label}: {parties}"
        glosses[key] = {"kind": "ev", "key": key, "code": ev.get("code"), "label": label, "parties": parties,
                        "source": src.get("actor"), "target": tgt.get("actor"), "date": ev.get("date"),
                        "location": ev.get("location"), "modality": ev.get("modality"), "text": gloss}
        if (v := _valid(ev.get("span"), size)):
            anns.append(Annotation("ev", key, *v, "ev", gloss))
        if (v := _valid(ev.get("cue_span"), size)):
            anns.append(Annotation("cue", key, *v, "cue", gloss))
    for k, q in enumerate(rec.quotes, 1):
        key = f"q{k}"
        speaker = q.get("speaker_name") or names.get(q.get("speaker") or "", "") or "unnamed source"
        gloss = f"quote: {speaker}"
        glosses[key] = {"kind": "quote", "key": key, "speaker": speaker, "how": q.get("how"), "text": gloss}
        if (v := _valid(q.get("span"), size)):
            anns.append(Annotation("quote", key, *v, "quote", gloss))
    for k, r in enumerate(rec.relations, 1):
        key = f"r{k}"
        gloss = f"{r.get('a')}–{r.get('b')}: {r.get('designation')}" + (f" (since {r['since']})" if r.get("since") else "")
        glosses[key] = {"kind": "rel", "key": key, "a": r.get("a"), "b": r.get("b"), "designation": r.get("designation"),
                        "since": r.get("since"), "text": gloss}
        if (v := _valid(r.get("span"), size)):
            anns.append(Annotation("rel", key, *v, "rel", gloss))
    return anns, glosses


_TITLE_ORDER = {"ent": 0, "cue": 1, "ev": 2, "quote": 3, "rel": 4}   # the innermost first in a tooltip


def article_lines(rec: Record) -> list[Line]:
    """The text line by line, cut at every annotation boundary; glosses go on the line their span starts on."""
    text = rec.text
    anns, glosses = annotations(rec)
    kinds = _line_kinds(rec)
    bounds = {0, len(text)}
    for a in anns:
        bounds.update((a.start, a.end))
    pos = 0
    while (nl := text.find("\n", pos)) != -1:      # a line break ends a piece: lines are rendered as blocks
        bounds.update((nl, nl + 1))
        pos = nl + 1
    cuts = sorted(bounds)
    starts = sorted(anns, key=lambda a: a.start)
    active: list[Annotation] = []
    anchored: set[str] = set()
    lines: list[Line] = []
    line = Line(1, 0, kinds.get(0, "body"), [])
    nxt = 0
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        if text[lo:hi] == "\n":
            lines.append(line)
            line = Line(line.number + 1, hi, kinds.get(hi, "body"), [])
            continue
        active = [a for a in active if a.end > lo]
        while nxt < len(starts) and starts[nxt].start <= lo:
            if starts[nxt].end > lo:
                active.append(starts[nxt])
            nxt += 1
        covering = sorted(active, key=lambda a: (_TITLE_ORDER[a.kind], a.start))
        anchors = []
        for a in covering:
            if a.start != lo or a.kind == "cue":
                continue
            if a.kind == "ent":            # an entity is glossed once on each line it is named on
                if all(g["key"] != a.key for g in line.glosses):
                    line.glosses.append(glosses[a.key])
            elif a.key not in anchored:    # an event, quote or relation once, where it starts
                anchored.add(a.key)
                anchors.append(a.key)
                line.glosses.append(glosses[a.key])
        classes = " ".join(dict.fromkeys(c for a in covering for c in a.css.split()))
        keys = list(dict.fromkeys(a.key for a in covering))
        title = "; ".join(dict.fromkeys(a.gloss for a in covering))
        line.pieces.append(Piece(text[lo:hi], lo, classes, keys, title, any(a.kind == "ent" for a in covering), anchors))
    lines.append(line)
    for ln in lines:
        if not "".join(p.text for p in ln.pieces).strip():
            ln.kind = "blank"
        ln.glosses.sort(key=lambda g: _TITLE_ORDER[g["kind"]])
    return lines


def _line_kinds(rec: Record) -> dict[int, str]:
    """Line start offset -> title or the boilerplate kind of the line; body otherwise."""
    kinds: dict[int, str] = {}
    for b in rec.boilerplate:
        if b.get("span"):
            kinds[int(b["span"][0])] = b.get("kind") or "boilerplate"
    if rec.title_span:
        kinds[int(rec.title_span[0])] = "title"
    return kinds
