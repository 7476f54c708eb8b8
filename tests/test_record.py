"""Records carry the contract's shape and every span points at the characters it claims."""

from __future__ import annotations

import hadath

CONTRACT_KEYS = {"id", "title", "outlet", "published", "dateline", "body", "entities", "events", "quotes", "relations"}


def _spans(rec):
    yield from rec.body
    for e in rec.entities:
        yield from (tuple(m) for m in e["mentions"])
    for key in ("events", "quotes", "relations"):
        for item in getattr(rec, key):
            yield tuple(item["span"])
            yield tuple(item["cue_span"])
    for b in rec.boilerplate:
        yield tuple(b["span"])
    for d in rec.dates:
        yield tuple(d["span"])
    if rec.title_span:
        yield rec.title_span


def test_contract_shape_and_every_layer_filled(seed_texts):
    for text in seed_texts.values():
        d = hadath.extract(text).as_dict()
        assert CONTRACT_KEYS <= set(d)
        for key in ("entities", "events", "quotes", "relations"):
            assert d[key], key
        ids = {e["id"] for e in d["entities"]}
        assert all(q["speaker"] in ids for q in d["quotes"])
        assert all(ev["source"].get("entity", next(iter(ids))) in ids for ev in d["events"])


def test_every_span_in_bounds_and_pointing_at_its_text(seed_texts):
    for text in seed_texts.values():
        rec = hadath.extract(text, date="2024-12-02")
        for s, e in _spans(rec):
            assert 0 <= s < e <= len(text)
        for d in rec.dates:
            assert text[d["span"][0]:d["span"][1]] == d["text"]
        assert text[rec.title_span[0]:rec.title_span[1]] == rec.title


def test_crlf_input_keeps_offsets(seed_000):
    crlf = seed_000.replace("\n", "\r\n")
    a, b = hadath.extract(seed_000), hadath.extract(crlf)
    assert a.title == b.title and a.published == b.published
    assert [seed_000[s:e].replace("\n", "") for s, e in a.body] == [crlf[s:e].replace("\r\n", "") for s, e in b.body]


def test_date_anchor_is_the_dateline_not_the_publication_day(seed_000):
    rec = hadath.extract(seed_000, date="2024-12-05")
    today = next(d for d in rec.dates if d["text"].startswith("اليوم"))
    assert today["value"] == "2024-12-01"
