"""Cue indexes for events, speech and relations, built once from ``lang/ar``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from hadath.analyse.normalise import normalise
from hadath.lang import read_table

from .lexicon import Entry, PhraseIndex


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad: int
    plover_event: str
    plover_mode: str


@dataclass(frozen=True)
class Cues:
    events: PhraseIndex      # Entry.name = CAMEO code, Entry.form = frame, Entry.roles = (pos,)
    speech: PhraseIndex      # Entry.form = say | handover
    relations: PhraseIndex   # Entry.name = English designation, Entry.form = pair | apposition
    qualifiers: PhraseIndex  # Entry.name = English, Entry.form = prefix | suffix
    cameo: dict[str, CameoCode]
    modifiers: dict[str, tuple[str, str]]   # normalised word -> (kind, where)
    masculine_states: frozenset[str] = frozenset()   # ISO3 of states whose name can be masculine

    def say_verbs(self) -> frozenset[str]:
        """One-word verbs of saying ("قال", "أفاد"), normalised."""
        return frozenset(key[0] for bucket in self.speech.by_first.values() for key, entries in bucket.items()
                         if len(key) == 1 and any(e.form in ("say", "announce") for e in entries))

    def first_tokens(self) -> frozenset[str]:
        """Cue words the tokenizer must keep whole under a proclitic (لدعم -> ل + دعم)."""
        return (self.events.first_tokens() | self.speech.first_tokens() | self.relations.first_tokens()
                | frozenset(self.modifiers))


NOUN_SUFFIXES = ("ه", "ها", "هما", "هم")   # his, her, their (two), their


def noun_forms(word: str) -> list[str]:
    """The forms of a one-word verbal noun cue that the table need not list: with a pronoun
    suffix ("رغبة" -> "رغبتهما", "دعم" -> "دعمهم"). Read on normalised words, where ة is
    written ه. (The accusative "هجوما" is left to the table: it is mostly a verb's object,
    "قد تشن هجوما", whose own modality the cue would not see.)"""
    if " " in word or word.startswith("ال") or len(word) < 3 or word[-1] in "اىءئؤ":
        return []
    if word.endswith("ه"):
        return [word[:-1] + "ت" + s for s in NOUN_SUFFIXES]
    return [word + s for s in NOUN_SUFFIXES]


OBJECT_SUFFIX = "object-suffix"   # Entry.source of a verb cue read with an object pronoun ("استقبله")
# cues whose object is a party (met him, described her as, accused them); the object of most
# others is a thing ("تدعمها لجنة", "الاتفاق الذي وقعته"), and "رفضه" is also a noun: his refusal
OBJECT_FRAMES = ("meet", "describe", "sign")   # ("الصفقة التي وقعتها": no party, but a verb that ends the clause)
OBJECT_CODES = ("112",)


def verb_object_forms(word: str) -> list[str]:
    """A one-word verb cue with an object pronoun: "استقبله" (received him), "اتهمها" (accused
    her). The pronoun is the target, named before the verb ("ألمانيا التي اتهمها بأنها").
    Verbs ending in a long vowel change their stem before a suffix and are left to the table."""
    if " " in word or len(word) < 3 or word[-1] in "اىءئؤيو":
        return []
    return [word + s for s in NOUN_SUFFIXES]


@cache
def cues() -> Cues:
    ev, sp, rel, qual = PhraseIndex(), PhraseIndex(), PhraseIndex(), PhraseIndex()
    rows = read_table("event_cues.tsv")
    listed = {normalise(r["cue"]) for r in rows}
    derived: set[str] = set()
    for r in rows:
        entry = Entry(f"EVENT:{r['code']}:{r['cue']}", "EVENT", r["code"], form=r["frame"], roles=(r["pos"],))
        ev.add(r["cue"], entry)
        if r["pos"] == "noun":
            for form in noun_forms(normalise(r["cue"])):
                if form not in listed:
                    ev.add(form, entry)
                    derived.add(form)
    for r in rows:
        if r["pos"] != "verb" or not (r["frame"] in OBJECT_FRAMES or r["code"] in OBJECT_CODES):
            continue
        entry = Entry(f"EVENT:{r['code']}:{r['cue']}", "EVENT", r["code"], form=r["frame"], roles=(r["pos"],),
                      source=OBJECT_SUFFIX)
        for form in verb_object_forms(normalise(r["cue"])):
            if form not in listed and form not in derived:
                ev.add(form, entry)
    for r in read_table("speech_cues.tsv"):
        sp.add(r["cue"], Entry(f"SPEECH:{r['cue']}", "SPEECH", r["cue"], form=r["kind"]))
    for r in read_table("relation_designations.tsv"):
        rel.add(r["arabic"], Entry(f"REL:{r['designation']}", "RELATION", r["designation"], form=r.get("frame") or "pair"))
    for r in read_table("relation_qualifiers.tsv"):
        qual.add(r["arabic"], Entry(f"QUAL:{r['english']}", "QUALIFIER", r["english"], form=r["position"]))
    cameo = {r["code"]: CameoCode(r["code"], r["name"], float(r["goldstein"]), int(r["quad"]), r["plover_event"], r["plover_mode"])
             for r in read_table("cameo_codes.tsv")}
    modifiers = {normalise(r["word"]): (r["kind"], r["where"]) for r in read_table("event_modifiers.tsv")}
    masculine = frozenset(r["iso3"] for r in read_table("gazetteer/state_gender.tsv") if "m" in r["gender"])
    return Cues(ev, sp, rel, qual, cameo, modifiers, masculine)
