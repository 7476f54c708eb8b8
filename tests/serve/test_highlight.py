"""The article cut for highlighting: the pieces give back the text exactly, and each annotation covers its span."""

from __future__ import annotations

import pytest

import hadath
from hadath.serve.highlight import annotations, article_lines


@pytest.fixture(scope="module")
def record(seed_000):
    return hadath.extract(seed_000, date="2024-12-02", id="000")


def test_pieces_and_line_breaks_give_back_the_text(record):
    lines = article_lines(record)
    assert "\n".join("".join(p.text for p in ln.pieces) for ln in lines) == record.text
    assert len(lines) == record.text.count("\n") + 1


def test_every_annotation_covers_exactly_its_span(record):
    anns, _ = annotations(record)
    covered: dict[str, set[int]] = {}
    for ln in article_lines(record):
        for p in ln.pieces:
            for key in p.keys:
                covered.setdefault(key, set()).update(range(p.start, p.start + len(p.text)))
    for a in anns:
        inside = set(range(a.start, a.end)) - {i for i in range(a.start, a.end) if record.text[i] == "\n"}
        assert inside <= covered[a.key], a


def test_each_event_is_glossed_once_where_it_starts(record):
    glossed = [g["key"] for ln in article_lines(record) for g in ln.glosses if g["kind"] == "ev"]
    assert sorted(glossed) == sorted(f"ev{k}" for k in range(1, len(record.events) + 1) if record.events[k - 1].get("span"))
    title = next(ln for ln in article_lines(record) if ln.kind == "title")
    assert [g["label"] for g in title.glosses if g["kind"] == "ev"] == ["Host a visit"] * 3
    assert "Wang Yi" in {g["name"] for g in title.glosses if g["kind"] == "ent"}
