"""Relations: how two states designate their relationship, traced to the sentence.

A designation from ``lang/ar/relation_designations.tsv`` ("شراكة استراتيجية شاملة",
"مجتمع مصير مشترك", "حليفة") names the kind; qualifiers around it
("في العصر الجديد", "في جميع الأحوال", "موثوقة ودائمة") complete its English name.
The parties are read by the designation's frame:

* ``pair``: the states the sentence names, with the speaker's state; with more than
  two, the speaker's (or the first named) state is paired with each other one
  ("أعلنت الصين مع قرغيزستان وطاجيكستان بناء مجتمع مصير مشترك" gives two relations);
  with one, "البلدين" / "الجانبين" bring back the two states the paragraph named before;
* ``apposition``: "روسيا، الحليف الأكبر للرئيس السوري" -- the state before the word
  and the states right after it.

Only states take part: a region ("بين الصين وآسيا الوسطى") is a summit's framing,
not a bilateral relationship. ``since`` is the month or day the sentence dates it to.
"""

from __future__ import annotations

from dataclasses import dataclass

from hadath.analyse.dates import DateMention

from .cues import Cues, cues
from .entities import Entity, EntityResult
from .lexicon import COUNTRY, LOCATION, PERSON
from .matcher import Match, find_matches
from .structure import Unit

QUALIFIER_WINDOW = 8     # words after a designation in which its qualifiers stand
APPOSITION_BEFORE = 2    # "روسيا، الحليف": the state right before the word
APPOSITION_AFTER = 5     # "حليفة إسرائيل والسعودية", "الحليف الأكبر للرئيس السوري بشار الأسد"
NOT_BILATERAL = {"للبشريه", "البشريه", "الانسانيه", "للانسانيه"}   # "مجتمع مصير مشترك للبشرية"
DECLARE_WINDOW = 8   # words before a designation in which a declaring verb stands
DECLARING = {"اعلن", "اعلنت", "اعلنا", "قرر", "قررت", "رفع", "رفعت", "اقام", "اقامت", "اتفق", "اتفقت", "اتفقا",
             "اسس", "اسست", "اطلق", "اطلقت"}
PARTNER_WINDOW = 3   # "العلاقة المميزة مع": words from a designation to its "مع"/"بين"
PAIR_WORDS = {"البلدين", "الجانبين", "الدولتين", "البلدان", "الجانبان", "الدولتان"}


@dataclass
class Relation:
    a: str
    b: str
    designation: str
    since: str | None
    span: tuple[int, int]        # the sentence
    cue_span: tuple[int, int]    # the designation and its qualifiers
    a_entity: str | None = None
    b_entity: str | None = None
    declared: bool = False       # set up or raised in this sentence ("أعلنت ... بناء"، "رفع مستوى العلاقات إلى")

    def as_dict(self) -> dict:
        d = {"a": self.a, "b": self.b, "designation": self.designation, "since": self.since,
             "span": list(self.span), "cue_span": list(self.cue_span)}
        if self.a_entity:
            d["a_entity"] = self.a_entity
        if self.b_entity:
            d["b_entity"] = self.b_entity
        return d


@dataclass(frozen=True, slots=True)
class _State:
    code: str
    at: int
    entity: Entity


def _state_at(found: EntityResult, k: int) -> _State | None:
    """The state a token names: a country, a person's state, a capital standing for its state."""
    hit = found.mention_at.get(k)
    if hit is not None:
        ent, kind, _ = hit
        if kind != "name":
            return None
        if ent.type == COUNTRY and ent.code and len(ent.code) == 3:
            return _State(ent.code, k, ent)
        if ent.type == LOCATION and ent.stands_for:
            return _State(ent.stands_for, k, ent)
    person = found.person_at.get(k)
    if person is not None and person.type == PERSON and person.country and len(person.country) == 3:
        if k == 0 or found.person_at.get(k - 1) is not person:
            return _State(person.country, k, person)
    return None


def _states(found: EntityResult, first: int, last: int) -> list[_State]:
    out = []
    for k in range(first, last):
        s = _state_at(found, k)
        if s is not None:
            out.append(s)
    return out


def extract_relations(text: str, found: EntityResult, sentences: list[Unit], paragraphs: list[Unit],
                      speaker_of: dict[int, Entity], dates: list[DateMention]) -> list[Relation]:
    table = cues()
    toks = found.tokens
    out: list[Relation] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    matches = find_matches(toks, table.relations)
    if not matches:
        return out
    para_of = _index_of(paragraphs, len(toks))
    sent_of = _index_of(sentences, len(toks))
    for m in matches:
        si = sent_of[m.first]
        if si is None:
            continue
        sent = sentences[si]
        if m.last < sent.last and toks[m.last].norm in NOT_BILATERAL:
            continue
        designation, cue_end = _designation(toks, table, m, sent)
        pi = para_of[m.first]
        speaker = speaker_of.get(pi) if pi is not None else None
        if m.entry.form == "apposition":
            pairs = _apposition(found, m, sent)
        else:
            pairs = _pair(found, m, sent, paragraphs[pi] if pi is not None else None, speaker)
        since = _since(dates, sent)
        for a, b in pairs:
            key = (m.entry.name, frozenset((a.code, b.code)))   # one relation per kind and pair
            if a.code == b.code or key in seen:
                continue
            seen.add(key)
            declared = any(toks[k].stem in DECLARING for k in range(max(sent.first, m.first - DECLARE_WINDOW), m.first))
            out.append(Relation(a.code, b.code, designation, since, sent.span, (m.span[0], cue_end),
                                (a.entity.id if a.entity else None) or None, (b.entity.id if b.entity else None) or None, declared))
    return out


def _index_of(units: list[Unit], n: int) -> list[int | None]:
    idx: list[int | None] = [None] * n
    for i, u in enumerate(units):
        for k in range(u.first, min(u.last, n)):
            idx[k] = i
    return idx


def _designation(toks, table: Cues, m: Match, sent: Unit) -> tuple[str, int]:
    """The English designation with its qualifiers, and where the cue ends in the input."""
    prefixes: list[str] = []
    suffixes: list[str] = []
    end = m.span[1]
    window = toks[m.last:min(sent.last, m.last + QUALIFIER_WINDOW)]
    for q in find_matches(window, table.qualifiers):
        name = q.entry.name
        target = prefixes if q.entry.form == "prefix" else suffixes
        if name not in target:
            target.append(name)
            end = max(end, q.span[1])
    return " ".join([*prefixes, m.entry.name, *suffixes]), end


def _apposition(found: EntityResult, m: Match, sent: Unit) -> list[tuple[_State, _State]]:
    before = _states(found, max(sent.first, m.first - APPOSITION_BEFORE), m.first)
    after = _states(found, m.last, min(sent.last, m.last + APPOSITION_AFTER))
    if not before or not after:
        return []
    a = before[-1]
    return [(a, b) for b in after if b.code != a.code]


def _pair(found: EntityResult, m: Match, sent: Unit, para: Unit | None, speaker: Entity | None):
    toks = found.tokens
    # "العلاقة المميزة مع بريطانيا"، "العلاقة الاستراتيجية بين الرياض والقاهرة": the parties the
    # designation itself introduces
    for k in range(m.last, min(sent.last, m.last + PARTNER_WINDOW)):
        if toks[k].norm in ("مع", "بين") or toks[k].stem in ("مع", "بين"):
            after = _states(found, k + 1, min(sent.last, k + 1 + APPOSITION_AFTER))
            if not after:
                break
            if toks[k].stem == "بين" or toks[k].norm == "بين":
                return [(after[0], b) for b in after[1:]] if len(after) > 1 else []
            before = _states(found, sent.first, m.first)
            a = before[-1] if before else (_State(speaker.country, -1, speaker)
                                           if speaker is not None and speaker.country and len(speaker.country) == 3 else None)
            return [(a, after[0])] if a is not None else []
    states = _states(found, sent.first, sent.last)
    if speaker is not None and speaker.country and len(speaker.country) == 3:
        states.insert(0, _State(speaker.country, -1, speaker))
    distinct: list[_State] = []
    for s in states:
        if all(s.code != d.code for d in distinct):
            distinct.append(s)
    if len(distinct) < 2 and para is not None and _says_pair(found, sent):
        for s in _states(found, para.first, sent.first):
            if all(s.code != d.code for d in distinct):
                distinct.append(s)
    if len(distinct) < 2 and _says_pair(found, sent):
        for s in _main_states(found):   # "البلدين" with no state named near: the article's two states
            if all(s.code != d.code for d in distinct):
                distinct.append(s)
            if len(distinct) == 2:
                break
    if len(distinct) < 2:
        return []
    anchor = distinct[0]
    return [(anchor, other) for other in distinct[1:]]


def _main_states(found: EntityResult) -> list[_State]:
    """The two states the article names most (by mentions), for a bare "البلدين"."""
    counted = sorted((e for e in found.entities if e.type == COUNTRY and e.code and len(e.code) == 3),
                     key=lambda e: -len(e.mentions))
    return [_State(e.code, -1, e) for e in counted[:2] if e.mentions]


def _says_pair(found: EntityResult, sent: Unit) -> bool:
    return any(found.tokens[k].stem in PAIR_WORDS or found.tokens[k].norm in PAIR_WORDS
               for k in range(sent.first, sent.last))


def _since(dates: list[DateMention], sent: Unit) -> str | None:
    for d in dates:
        if d.value and d.granularity in ("month", "day") and sent.span[0] <= d.start < sent.span[1]:
            return d.value
    return None
