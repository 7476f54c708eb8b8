"""Place names: the gazetteer files read once into dict indexes over normalised forms.

A lookup is one dict access on the normalised surface (proclitics already peeled
by the caller), never a scan of the gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from hadath.lang import read_table

from .normalise import normalise


@dataclass(frozen=True, slots=True)
class Place:
    name: str              # canonical English name (Wikipedia title)
    code: str | None       # ISO 3166-1 alpha-3 for a country, CAMEO code for a region
    country: str | None    # the state a city or province lies in
    type: str              # COUNTRY | REGION | LOCATION | ORG
    kind: str              # name, adjective_m, capital, city, ...


def _has(name: str) -> bool:
    return resources.files("hadath.lang").joinpath("ar", "gazetteer", name).is_file()


@lru_cache(maxsize=1)
def place_index() -> dict[str, Place]:
    """Normalised Arabic form -> Place. A country wins over a city of the same spelling."""
    index: dict[str, Place] = {}
    if _has("cities.tsv"):
        for r in read_table("gazetteer/cities.tsv"):
            index[normalise(r["arabic"])] = Place(r["name_en"], None, r.get("country_iso3") or None, "LOCATION", r.get("kind", "city"))
    if _has("regions.tsv"):
        for r in read_table("gazetteer/regions.tsv"):
            index[normalise(r["arabic"])] = Place(r["name_en"], r["code"], None, "REGION", "name")
    if _has("countries.tsv"):
        for r in read_table("gazetteer/countries.tsv"):
            if r.get("kind", "name") != "name":
                continue
            index[normalise(r["arabic"])] = Place(r["name_en"], r["iso3"], r["iso3"], "COUNTRY", "name")
    return index


def lookup_place(surface: str) -> Place | None:
    """The place an Arabic name stands for, trying it with and without the article ال."""
    key = normalise(surface.strip())
    index = place_index()
    hit = index.get(key)
    if hit is None and key.startswith("ال"):
        hit = index.get(key[2:])
    if hit is None and not key.startswith("ال"):
        hit = index.get("ال" + key)
    return hit
