"""What every record must hold whatever the input: spans inside the text that point at what they claim.

A cue is recorded in its table form (harakat dropped, alef maqsura as written there), so it is compared
with its span's text after the matcher's own folding.

Shared by the bad-input suite and the fuzz tests, so both hold records to the same rules.
"""

from __future__ import annotations

from typing import Any

from hadath.analyse.normalise import normalise


def span_problems(rec: dict[str, Any]) -> list[str]:
    """Every broken span or dangling entity reference in a record (as ``Record.as_dict()`` gives it)."""
    text = rec["text"]
    n = len(text)
    problems: list[str] = []

    def check_cue(where: str, item: dict) -> None:
        check(f"{where}.cue_span", item.get("cue_span"))
        span, cue = item.get("cue_span"), item.get("cue")
        if span and cue and 0 <= span[0] <= span[1] <= n and normalise(text[span[0]:span[1]]) != normalise(cue):
            problems.append(f"{where}: cue {cue!r} but text[{span[0]}:{span[1]}] is {text[span[0]:span[1]]!r}")

    def check(where: str, span, claimed: str | None = None, may_be_empty: bool = False) -> None:
        if span is None:
            return
        start, end = span
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= n):
            problems.append(f"{where}: span {span} outside [0, {n}]")
            return
        if start == end and not may_be_empty:
            problems.append(f"{where}: empty span {span}")
        if claimed is not None and text[start:end] != claimed:
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, the record says {claimed!r}")

    check("title_span", rec["title_span"])
    if rec["title_span"] and rec["title"] is not None and text[slice(*rec["title_span"])].strip() != rec["title"].strip():
        problems.append(f"title {rec['title']!r} is not the text at title_span {rec['title_span']}")
    for i, span in enumerate(rec["body"]):
        check(f"body[{i}]", span)
    for i, b in enumerate(rec["boilerplate"]):
        check(f"boilerplate[{i}]", b["span"])
    if rec["dateline"]:
        check("dateline", rec["dateline"].get("span"))
    for i, d in enumerate(rec["dates"]):
        check(f"dates[{i}]", d["span"], d["text"])
    ids = {e["id"] for e in rec["entities"]}
    for e in rec["entities"]:
        surfaces = set()
        for j, span in enumerate(e["mentions"]):
            check(f"entity {e['id']} mention {j}", span)
            surfaces.add(text[span[0]:span[1]])
        if e.get("surface") and e["mentions"] and e["surface"] not in surfaces:
            problems.append(f"entity {e['id']}: surface {e['surface']!r} is none of its mentions {sorted(surfaces)}")
    for i, ev in enumerate(rec["events"]):
        check(f"events[{i}]", ev["span"])
        check_cue(f"events[{i}]", ev)
        for side in ("source", "target"):
            ref = (ev.get(side) or {}).get("entity")
            if ref and ref not in ids:     # "" or None: an actor without an entity (an office, a group)
                problems.append(f"events[{i}].{side}: entity {ref} not in the record")
    for i, q in enumerate(rec["quotes"]):
        check(f"quotes[{i}]", q["span"])
        check_cue(f"quotes[{i}]", q)
        if q.get("speaker") and q["speaker"] not in ids:
            problems.append(f"quotes[{i}]: speaker {q['speaker']} not in the record")
    for i, r in enumerate(rec["relations"]):
        check(f"relations[{i}]", r["span"])
        check_cue(f"relations[{i}]", r)
        for key in ("a_entity", "b_entity"):
            if r.get(key) and r[key] not in ids:
                problems.append(f"relations[{i}].{key}: entity {r[key]} not in the record")
    return problems
