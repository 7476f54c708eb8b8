"""The phrase index every matcher uses, built once per process from ``lang/ar``.

Each gazetteer, register and title file becomes entries keyed by their normalised
token tuples, grouped by first token, so matching a document costs one dict lookup
per token (plus a few for the longest phrase), never a scan of the lexicon.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from hadath.analyse.normalise import normalise
from hadath.analyse.segment import tokens
from hadath.lang import read_table

# Entry types: the entity types of the contract, plus the cues that are not entities.
PERSON, COUNTRY, REGION, ORG, LOCATION = "PERSON", "COUNTRY", "REGION", "ORG", "LOCATION"
NATIONALITY, TITLE = "NATIONALITY", "TITLE"
_TYPE_RANK = {COUNTRY: 0, REGION: 1, ORG: 2, PERSON: 3, NATIONALITY: 4, LOCATION: 5, TITLE: 6}


@dataclass(frozen=True, slots=True)
class Entry:
    key: str                 # one entity, e.g. "COUNTRY:CHN", "PERSON:Wang Yi", "TITLE:Foreign Minister"
    type: str
    name: str                # canonical English name (role name for a title)
    code: str | None = None  # ISO alpha-3 / CAMEO region / CAMEO IGO code
    country: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    form: str = "name"       # name, adjective, full, variant, short, alias; title kind for titles
    source: str = ""


def phrase_key(surface: str) -> tuple[str, ...]:
    norm = normalise(surface)
    return tuple(t.text for t in tokens(norm))


class PhraseIndex:
    """first token -> {token tuple -> entries}, with the longest phrase length per first token."""

    def __init__(self) -> None:
        self.by_first: dict[str, dict[tuple[str, ...], list[Entry]]] = defaultdict(dict)
        self.max_len: dict[str, int] = defaultdict(int)

    def add(self, surface: str, entry: Entry) -> None:
        key = phrase_key(surface)
        if not key:
            return
        bucket = self.by_first[key[0]].setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
            bucket.sort(key=lambda e: _TYPE_RANK.get(e.type, 9))
        self.max_len[key[0]] = max(self.max_len[key[0]], len(key))

    def first_tokens(self) -> frozenset[str]:
        return frozenset(self.by_first)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_first.values())


def _files(folder: str) -> list[str]:
    root = resources.files("hadath.lang").joinpath("ar", folder)
    if not root.is_dir():
        return []
    return sorted(f"{folder}/{p.name}" for p in root.iterdir() if p.name.endswith(".tsv"))


def _has(name: str) -> bool:
    return resources.files("hadath.lang").joinpath("ar", name).is_file()


@dataclass(frozen=True)
class Lexicon:
    index: PhraseIndex
    first_tokens: frozenset[str]
    function_words: frozenset[str]
    given_names: frozenset[str]
    name_tails: frozenset[str]
    common_words: frozenset[str]    # frequent non-name words: a title-pattern name stops there
    country_names: dict[str, str]   # iso3 -> English name
    people_by_country: dict[str, tuple[tuple[str, Entry], ...]] = field(default_factory=dict)
    family_first: frozenset[str] = frozenset()   # ISO3 of states whose names start with the family name
    female_names: frozenset[str] = frozenset()   # given names of women: "وأضافت" continues her, not him
    name_links: frozenset[str] = frozenset()     # particles inside a name that a name never ends on (بن، آل، عبد)
    # register people's full and variant spellings (normalised, two words or more) by state, for
    # names a title announces in a spelling the register lacks ("مايك بوميو")


@cache
def lexicon() -> Lexicon:
    idx = PhraseIndex()
    country_names: dict[str, str] = {}
    for name in ("gazetteer/countries.tsv", "gazetteer/country_variants.tsv"):
        if not _has(name):
            continue
        for r in read_table(name):
            kind = r.get("kind") or "name"
            country_names.setdefault(r["iso3"], r["name_en"])
            etype = COUNTRY if kind != "adjective" else NATIONALITY
            idx.add(r["arabic"], Entry(f"COUNTRY:{r['iso3']}", etype, country_names[r["iso3"]], code=r["iso3"],
                                       country=r["iso3"], form="adjective" if kind == "adjective" else "name",
                                       source=r.get("source", "")))
    if _has("gazetteer/regions.tsv"):
        for r in read_table("gazetteer/regions.tsv"):
            idx.add(r["arabic"], Entry(f"REGION:{r['code']}:{r['name_en']}", REGION, r["name_en"], code=r["code"],
                                       source=r.get("source", "")))
    if _has("gazetteer/igos.tsv"):
        for r in read_table("gazetteer/igos.tsv"):
            idx.add(r["arabic"], Entry(f"ORG:{r['name_en']}", ORG, r["name_en"], code=r["code"], sector="IGO",
                                       source=r.get("source", "")))
    if _has("gazetteer/organisations.tsv"):
        for r in read_table("gazetteer/organisations.tsv"):
            country = r.get("country") or None
            idx.add(r["arabic"], Entry(f"ORG:{r['name_en']}", ORG, r["name_en"], code=None, country=country,
                                       sector=r.get("sector") or None, source=r.get("source", "")))
    if _has("gazetteer/cities.tsv"):
        for r in read_table("gazetteer/cities.tsv"):
            idx.add(r["arabic"], Entry(f"LOCATION:{r['name_en']}", LOCATION, r["name_en"], country=r.get("country_iso3") or None,
                                       form=r.get("kind") or "city", source=r.get("source", "")))
    for name in _files("people"):
        for r in read_table(name):
            roles = tuple(x for x in r.get("roles", "").split(";") if x)
            country = r.get("country") or None
            code = country if country and not country.startswith("IGO") else None
            idx.add(r["arabic"], Entry(f"PERSON:{r['person']}", PERSON, r["person"], code=code, country=country,
                                       sector=r.get("sector") or None, roles=roles, form=r.get("form") or "full",
                                       source=r.get("source", "")))
    if _has("titles.tsv"):
        for r in read_table("titles.tsv"):
            idx.add(r["arabic"], Entry(f"TITLE:{r['role_en']}", TITLE, r["role_en"], sector=r.get("sector") or None,
                                       code=r.get("body") or None, form=r.get("kind") or "office",
                                       source=r.get("source", "")))
    function_words = frozenset(normalise(r["word"]) for r in read_table("function_words.tsv"))
    given = frozenset(normalise(r["arabic"]) for r in read_table("given_names.tsv")) if _has("given_names.tsv") else frozenset()
    tails = frozenset(normalise(r["particle"]) for r in read_table("name_particles.tsv") if r["role"] == "tail")
    common = frozenset(r["word"] for r in read_table("common_words.tsv")) if _has("common_words.tsv") else frozenset()
    people: dict[str, list[tuple[str, Entry]]] = {}
    for phrases in idx.by_first.values():
        for key, entries in phrases.items():
            for e in entries:
                if e.type == PERSON and e.form in ("full", "variant") and len(key) >= 2:
                    people.setdefault(e.country or "", []).append((" ".join(key), e))
    return Lexicon(idx, idx.first_tokens(), function_words, given, tails, common_words=common, country_names=country_names,
                   people_by_country={c: tuple(v) for c, v in people.items()},
                   family_first=frozenset(r["iso3"] for r in read_table("family_first_states.tsv")),
                   name_links=frozenset(normalise(r["particle"]) for r in read_table("name_particles.tsv")
                                        if r["role"] in ("connector", "head")),
                   female_names=frozenset(normalise(r["arabic"]) for r in read_table("given_names.tsv") if r["gender"] == "f")
                   if _has("given_names.tsv") else frozenset())
