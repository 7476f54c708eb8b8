"""Property tests over ``extract_document``: any Unicode in, a record out whose spans hold, the same every time.

Three kinds of input: arbitrary Unicode; Arabic-heavy text built from the words and punctuation of the bundled
seed articles (so that names, cues and dates actually fire); and that Arabic mixed with HTML fragments, bidi and
control characters. ``make test`` runs the default profile (a few hundred cases); ``make fuzz``
(HYPOTHESIS_PROFILE=fuzz) runs 10,000 per property.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hadath.cli import sample_paths
from hadath.ingest.document import Document
from hadath.pipeline import extract_document
from record_checks import span_problems

settings.register_profile("default", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sample_paths())
WORDS = sorted(set(re.findall(r"\w+", SEED_TEXT)))
PUNCTUATION = sorted(set(re.findall(r"[^\w\s]", SEED_TEXT)))
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\u00a0"]
NOISE = ["<p>", "</p>", "<script>alert(1)</script>", "<b>", "\"><img src=x onerror=alert(1)>", "&amp;", "&#1575;",
         "\u202e", "\u202c", "\u200f", "\u200e", "\u2066", "\u2069", "\u200b", "\ufeff", "\u0000", "\u0007", "\u001b",
         "\u0640", "\u064b", "\u0651", "\ufffd", "\U0001f600", "٢٠٢٤", "2024", "/", "(", ")", "«", "»"]


def sequence_of(parts: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(parts, st.sampled_from(SEPARATORS)), max_size=max_size).map(
        lambda pairs: "".join(p + sep for p, sep in pairs))


arabic_news = sequence_of(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(PUNCTUATION)), 250)
arabic_with_noise = sequence_of(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCTUATION), st.sampled_from(NOISE),
                                          st.text(max_size=4)), 200)
any_unicode = st.text(max_size=600)


def check(text: str) -> None:
    first = extract_document(Document(id="fuzz", text=text, date="2024-12-01")).as_dict()
    assert first["text"] == text
    assert span_problems(first) == []
    again = extract_document(Document(id="fuzz", text=text, date="2024-12-01")).as_dict()
    assert again == first, "the same text gave two records"


@given(any_unicode)
def test_any_unicode(text: str):
    check(text)


@given(arabic_news)
def test_arabic_news_words(text: str):
    check(text)


@given(arabic_with_noise)
def test_arabic_with_html_bidi_and_control(text: str):
    check(text)


def test_the_news_strategy_can_reach_entities_and_events():
    """The Arabic strategy is only worth running if its texts can fire the extractor: the seeds re-tokenised as it
    builds texts (its words and punctuation, space and newline separators) do."""
    lines = [" ".join(re.findall(r"\w+|[^\w\s]", line)) for line in SEED_TEXT.splitlines()]
    tokens = {t for line in lines for t in line.split()}
    assert tokens <= set(WORDS) | set(PUNCTUATION)
    record = extract_document(Document(id="seeds", text="\n".join(lines), date="2024-12-01"))
    assert len(record.entities) > 5 and record.events
