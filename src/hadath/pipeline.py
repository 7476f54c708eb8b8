"""The pipeline: ingest -> clean -> analyse -> (entities -> events) -> record.

``extract_document`` is the one extraction function every entry point uses (the
CLI, the Python API, the server and the scale-out engines), so all give the same
record for the same input.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from hadath import __version__
from hadath.analyse.dates import DateResolver, parse_iso_date
from hadath.clean.boilerplate import classify
from hadath.clean.metadata import extract_metadata
from hadath.extractors.coref import resolve_offices
from hadath.extractors.cues import cues
from hadath.extractors.entities import EntityExtractor
from hadath.extractors.events import events_from_relations, extract_events
from hadath.extractors.quotes import extract_quotes
from hadath.extractors.relations import extract_relations
from hadath.extractors.structure import units
from hadath.ingest.document import Document
from hadath.record import Record


@dataclass
class StageTimer:
    """Seconds spent per stage over a run, for benchmarks; cheap enough to keep on."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - since
        return now


_EXTRACTOR: EntityExtractor | None = None


def _entity_extractor() -> EntityExtractor:
    """One extractor per process: the lexicon loads once, not per document."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = EntityExtractor(extra_known=cues().first_tokens(), say_verbs=cues().say_verbs())
    return _EXTRACTOR


def extract_document(doc: Document, timer: StageTimer | None = None) -> Record:
    t = time.perf_counter()
    text = doc.text
    md = extract_metadata(text, input_outlet=doc.outlet, title_hint=doc.title_hint)
    first_body = (md.title_index + 1) if md.title_index is not None else 0
    body, boiler = classify(text, first_body_index=first_body)
    if timer:
        t = timer.add("clean", t)
    anchor = parse_iso_date(md.dateline.date if md.dateline else None) or parse_iso_date(doc.date) or parse_iso_date(md.published)
    resolver = DateResolver(anchor)
    date_mentions = [d for span in body for d in resolver.find(text, span)]
    if timer:
        t = timer.add("analyse", t)
    found = _entity_extractor().extract(text, body)
    resolve_offices(found)
    entities = [e.as_dict() for e in found.entities]
    if timer:
        t = timer.add("entities", t)
    paras, sents = units(text, body, found.tokens)
    quotes, speaker_of = extract_quotes(text, found, paras)
    default_date = anchor.isoformat() if anchor else None
    default_place = md.dateline.place if md.dateline else None
    events = extract_events(text, found, sents, paras, speaker_of, date_mentions, default_date, default_place,
                            md.dateline.span if md.dateline else None)
    relations = extract_relations(text, found, sents, paras, speaker_of, date_mentions)
    events += events_from_relations(relations, found, events, default_date, default_place)
    if timer:
        t = timer.add("events", t)
    record = Record(
        id=doc.id,
        text=text,
        title=md.title,
        title_span=md.title_span,
        outlet=md.outlet,
        published=md.published or doc.date,
        dateline=md.dateline.as_dict() if md.dateline else None,
        body=body,
        boilerplate=[b.as_dict() for b in boiler],
        dates=[d.as_dict() for d in date_mentions],
        entities=entities,
        events=[e.as_dict(cues()) for e in events],
        quotes=[q.as_dict() for q in quotes],
        relations=[r.as_dict() for r in relations],
        input={
            "date": doc.date, "outlet": doc.outlet, "url": doc.url, "source": doc.source,
            "encoding": doc.encoding, "encoding_note": doc.encoding_note,
            "published_from": "text" if md.published else ("input" if doc.date else None),
            "anchor_date": anchor.isoformat() if anchor else None,
            "hadath": __version__,
            **({"extra": doc.extra} if doc.extra else {}),
        },
    )
    if timer:
        timer.add("write", t)
    return record
