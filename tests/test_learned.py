"""The learned person tagger ships with the package and finds names no rule announces."""

from __future__ import annotations

from hadath.extractors.entities import EntityExtractor
from hadath.extractors.learned import person_tagger


def _people(extractor: EntityExtractor, text: str) -> list[str]:
    return [e.name for e in extractor.extract(text, [(0, len(text))]).entities if e.type == "PERSON"]


def test_model_is_package_data_and_tags_bio():
    tagger = person_tagger()
    assert tagger is not None and len(tagger.weights) > 1000
    labels = tagger.tag("والتقى احمد الزعبي بالوفد امس".split())
    assert set(labels) <= {"B", "I", "O"} and labels[0] == "O"


def test_learned_name_without_a_title():
    text = "والتقى أحمد الزعبي بالوفد أمس."
    assert _people(EntityExtractor(use_learned=False), text) == []
    found = EntityExtractor().extract(text, [(0, len(text))])
    (person,) = [e for e in found.entities if e.type == "PERSON"]
    assert person.origin == "learned" and text[slice(*person.mentions[0])] == "أحمد الزعبي"


def test_learned_tagger_leaves_ordinary_words_alone():
    text = "وقالت الحكومة إن المدارس ستبقى مغلقة حتى نهاية الأسبوع."
    assert _people(EntityExtractor(), text) == []


def test_cached_scoring_equals_the_feature_sum(seed_000):
    """The per-word caches give the same labels as summing every feature of ``features``."""
    from hadath.analyse.normalise import normalise
    from hadath.analyse.segment import tokens
    from hadath.extractors.learned import LABELS, features

    tagger = person_tagger()
    words = [t.text for t in tokens(normalise(seed_000))]
    want, prev = [], "<s>"
    for i in range(len(words)):
        s = tagger.scores(features(words, i, prev, tagger.lex))
        label = max(LABELS, key=lambda lab: s[lab])
        if label == "I" and prev not in ("B", "I"):
            label = "B"
        want.append(label)
        prev = label
    assert tagger.tag(words) == want and "B" in want
