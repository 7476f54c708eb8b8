"""Actors: the CAMEO code a mention stands for (CHNGOV, KAZ, IGOUNO, CAS) and where
actors stand in a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from .cues import cues
from .entities import Entity, EntityResult
from .lexicon import COUNTRY, LOCATION, NATIONALITY, ORG, PERSON, REGION, TITLE

TITLE_CHAIN = 4   # "وزير الخارجية الصيني": words after an office that may name its state
ACTOR_SECTORS = {"GOV", "MIL", "OPP", "REB", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "CVL", "REL", "PTY"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    first: int        # token range of the mention
    last: int
    entity: Entity | None   # None for an office whose body the article does not name apart
    code: str
    kind: str         # name | adjective | title
    role: str | None = None   # the office, for an official named only by it
    generic: bool = False     # a title that stands for whoever holds it ("نظيره", "الوزير")

    @property
    def party(self) -> str:
        """The first three letters, or the body after IGO: what the scorer compares."""
        return self.code[3:6] if self.code.startswith("IGO") else self.code[:3]


def actor_code(ent: Entity) -> str | None:
    if ent.type == PERSON:
        country = ent.country
        if not country:
            return None
        if country.startswith("IGO"):
            return country
        sector = ent.sector if ent.sector in ACTOR_SECTORS else None
        return country + (sector or "")
    if ent.type in (COUNTRY, REGION):
        return ent.code
    if ent.type == LOCATION:
        return ent.stands_for + "GOV" if ent.stands_for else None
    if ent.type == ORG:
        return ent.code if ent.code and ent.code.startswith("IGO") else None
    return None


def actors_in(found: EntityResult, first: int, last: int, adjectives: bool = False) -> list[ActorMention]:
    """Actor mentions whose first token lies in ``[first, last)``, in text order."""
    out = []
    for k in range(first, last):
        hit = found.mention_at.get(k)
        if hit is None:
            continue
        ent, kind, end = hit
        if kind == "adjective" and not adjectives:
            continue
        if ent.type == LOCATION and (_is_place(found, k) or _names_a_thing(found, k)):
            continue
        if ent.type == COUNTRY and k > 0 and found.tokens[k - 1].norm in WITHIN_WORDS:
            continue   # "في إسبانيا": where it happened, not a party
        if ent.type == ORG and k > 0 and found.tokens[k - 1].norm in WITHIN_WORDS[1:]:
            continue   # "بإجماع داخل الاتحاد الأوروبي": inside the body, not the body acting
        code = actor_code(ent)
        if code:
            out.append(ActorMention(k, end, ent, code, kind))
    return out


WITHIN_WORDS = ("في", "داخل", "خارج")   # "in", "inside", "outside": a state or body there is a place
PLACE_WORDS = {"في", "مدينه", "العاصمه", "بمدينه", "بالعاصمه", "الي", "من"}


def _names_a_thing(found: EntityResult, k: int) -> bool:
    """"قانون دبلن", "اتفاق أوسلو": a city that names a treaty or a process is no party."""
    if k == 0:
        return False
    mod = cues().modifiers.get(found.tokens[k - 1].norm) or cues().modifiers.get(found.tokens[k - 1].stem)
    return mod is not None and mod[0] == "named_after"


def _is_place(found: EntityResult, k: int) -> bool:
    """"في موسكو", "بالعاصمة بكين": the city is where it happened, not who acted."""
    tok = found.tokens[k]
    return "ب" in tok.clitics or (k > 0 and found.tokens[k - 1].stem in PLACE_WORDS)


def title_actors(found: EntityResult) -> list[ActorMention]:
    """Officials named only by their office: "وزير الخارجية الصيني" stands for CHNGOV."""
    if found.offices is not None:
        return found.offices
    out: list[ActorMention] = []
    toks = found.tokens
    by_first = {m.first: m for m in found.matches}
    covered = -1
    for m in found.matches:
        if m.entry.type != TITLE or m.first <= covered or m.first in found.role_at or m.entry.form == "honorific":
            continue
        sector = m.entry.sector or "GOV"
        k, country, stop = m.last, None, min(len(toks), m.last + TITLE_CHAIN)
        while k < stop:
            nxt = by_first.get(k)
            if nxt is None or nxt.entry.type not in (TITLE, NATIONALITY, COUNTRY, ORG):
                break
            if nxt.entry.type == ORG:
                # "رئيس المجلس الأوروبي"، "الأمين العام للأمم المتحدة": an office of an international body
                if country is None and (nxt.entry.code or "").startswith("IGO") and k not in found.role_at:
                    hit = found.mention_at.get(k)
                    country = hit[0] if hit else None
                    k = nxt.last
                break
            if nxt.entry.type in (TITLE, NATIONALITY, COUNTRY) and country is not None:
                break   # "وزير الخارجية المصري نظيره التونسي": a second office begins; "... الكازاخستاني الصين": the object
            if k in found.role_at:
                country = None
                break
            if nxt.entry.type != TITLE and country is None:
                hit = found.mention_at.get(k)
                country = hit[0] if hit else None
            k = nxt.last
        covered = k - 1
        role, generic = m.entry.name, m.entry.form == "generic"   # "نظيره": whoever the counterpart is
        if country is None and m.entry.code:
            # "الأمين العام لحلف شمال الأطلسي": the title names its state or body itself
            body = m.entry.code
            ent = next((e for e in found.entities if e.code == body and e.type in (COUNTRY, ORG)), None)
            code = body if body.startswith("IGO") else body + (sector if sector in ACTOR_SECTORS else "GOV")
            out.append(ActorMention(m.first, k, ent, code, "title", role, generic))
            continue
        if country is not None and country.code and len(country.code) == 3:
            sector = sector if sector in ACTOR_SECTORS else "GOV"
            out.append(ActorMention(m.first, k, country, country.code + sector, "title", role, generic))
        elif country is not None and country.type == ORG and (country.code or "").startswith("IGO"):
            out.append(ActorMention(m.first, k, country, country.code, "title", role, generic))
    found.offices = out
    return out


def person_for_title(found: EntityResult, actor: ActorMention) -> Entity | None:
    """The person of the article an office stands for: "قال الرئيس الفرنسي" after Macron was named.

    Only when one person of that state holds that office (or is the only one of that state).
    """
    if actor.code.startswith("IGO"):
        # an office of a body: its holder has the role "President of the European Council", or
        # acts for the body itself
        body = actor.entity.name if actor.entity is not None else ""
        wanted = {f"{actor.role} of the {body}", f"{actor.role} of {body}", actor.role} if actor.role else set()
        holders = [e for e in found.entities if e.type == PERSON and (wanted & set(e.roles))]
        if not holders:
            holders = [e for e in found.entities if e.type == PERSON and e.country == actor.code]
        return holders[0] if len(holders) == 1 else None
    state = actor.code[:3]
    same = [e for e in found.entities if e.type == PERSON and e.country == state]
    role = (actor.role or "").lower()
    holders = [e for e in same if role and role in {r.lower() for r in e.roles}]   # "Kremlin spokesperson" / "Spokesperson"
    if len(holders) == 1:
        return holders[0]
    if len(same) == 1 and not holders and (actor.generic or _may_hold(same[0], actor.role)):
        return same[0]
    return None


def _may_hold(person: Entity, role: str | None) -> bool:
    """Whether the one person of a state may be the holder of an office the text names by
    title: no role is known on either side, or one role is a kind of the other ("Supreme
    Leader" for "الزعيم"); a president is not his state's "وزير الإعلام"."""
    if not role or not person.roles:
        return True
    low = role.lower()
    return any(r.lower().endswith(low) or low.endswith(r.lower()) for r in person.roles)
    return None
