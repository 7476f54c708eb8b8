"""Offices as mentions of the people who hold them, inside one article.

"نظيره الكازاخستاني" and "الرئيس الفرنسي" (an office with its state) are mentions of the
one person of that state the article names in that office; a bare office ("الوزير",
"الرئيس") is a mention of the last person named before it who holds it. Surnames are
resolved earlier, in ``entities.py``; this pass runs once the people are known.
"""

from __future__ import annotations

from .actors import person_for_title, title_actors
from .entities import Entity, EntityResult
from .lexicon import PERSON, TITLE

BARE_TITLE_WORDS = 2   # "الوزير", "الرئيس التنفيذي": an office of at most two words on its own


def resolve_offices(found: EntityResult) -> None:
    """Add office mentions to the people they stand for (events and quotes read offices on
    their own, through ``actors.title_actors``)."""
    toks = found.tokens
    titled = title_actors(found)
    covered: set[int] = set()
    for actor in titled:
        holder = person_for_title(found, actor)
        covered.update(range(actor.first, actor.last))
        if holder is not None:
            _mention(found, holder, actor.first, actor.last)
    people_at = sorted(found.person_at.items())
    for m in found.matches:
        if m.entry.type != TITLE or m.entry.form != "title" or m.first in covered or m.first in found.role_at:
            continue
        if m.last - m.first > BARE_TITLE_WORDS or not toks[m.first].norm.startswith("ال"):
            continue
        named = found.person_at.get(m.last) if m.last < len(toks) else None
        if named is not None and named.type == PERSON and m.entry.name in named.roles and not toks[m.last].gap.strip():
            end = m.last
            while end < len(toks) and found.person_at.get(end) is named:
                end += 1
            _mention(found, named, m.first, end)   # "الرئيس شي": the office with the holder's family name
            continue
        if m.last < len(toks) and (m.last in found.person_at or m.last in found.mention_at):
            continue   # a title chain that goes on to a name or a state: not a bare office
        holder = _last_holder(people_at, m.first, m.entry.name)
        if holder is not None:
            last = m.last
            if last < len(toks) and toks[last].norm in holder.name_tokens and not toks[last].gap.strip():
                last += 1   # "الرئيس شي": the office with a word of the holder's name
            _mention(found, holder, m.first, last)


def _last_holder(people_at: list[tuple[int, Entity]], before: int, role: str) -> Entity | None:
    for k, ent in reversed(people_at):
        if k >= before:
            continue
        if ent.type == PERSON and role in ent.roles:
            return ent
    return None


def _mention(found: EntityResult, person: Entity, first: int, last: int) -> None:
    toks = found.tokens
    span = (toks[first].stem_start, toks[last - 1].end)
    if span not in person.mentions:
        person.mentions.append(span)
