"""Actors: the CAMEO code a mention stands for (CHNGOV, KAZ, IGOUNO, CAS) and where
actors stand in a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from .entities import Entity, EntityResult
from .lexicon import COUNTRY, LOCATION, ORG, PERSON, REGION

ACTOR_SECTORS = {"GOV", "MIL", "OPP", "REB", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "CVL", "REL", "PTY"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    first: int        # token range of the mention
    last: int
    entity: Entity
    code: str
    kind: str         # name | adjective

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
        if ent.type == LOCATION and _is_place(found, k):
            continue
        code = actor_code(ent)
        if code:
            out.append(ActorMention(k, end, ent, code, kind))
    return out


PLACE_WORDS = {"في", "مدينه", "العاصمه", "بمدينه", "بالعاصمه", "الي", "من"}


def _is_place(found: EntityResult, k: int) -> bool:
    """"في موسكو", "بالعاصمة بكين": the city is where it happened, not who acted."""
    tok = found.tokens[k]
    return "ب" in tok.clitics or (k > 0 and found.tokens[k - 1].stem in PLACE_WORDS)
