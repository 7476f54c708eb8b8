"""Normalisation keeps a map back to the input; segmentation keeps offsets and names whole."""

from __future__ import annotations

from hadath.analyse.normalise import normalise, normalise_with_map
from hadath.analyse.segment import paragraphs, sentences, split_proclitics, tokens


def test_fold_alef_hamza_ta_marbuta_alef_maqsura_digits():
    assert normalise("أإآا") == "اااا"
    assert normalise("الدولة") == "الدوله"
    assert normalise("مستوى") == "مستوي"
    assert normalise("٢٠٢٤") == "2024"


def test_deletions_keep_a_map_to_the_input():
    text = "قالَ وزيــر الخارجيّة"
    n = normalise_with_map(text)
    assert n.text == "قال وزير الخارجيه"
    i = n.text.index("الخارجيه")
    s, e = n.original_span(i, i + len("الخارجيه"))
    assert text[s:e] == "الخارجيّة"
    s, e = n.original_span(0, 3)
    assert text[s:e] == "قالَ"[:3] or text[s:e].startswith("قال")


def test_no_deletion_means_identity_map():
    assert normalise_with_map("وزير الخارجية").index_map is None


def test_arabic_comma_does_not_end_a_sentence(seed_000):
    first_para = next(p for p in paragraphs(seed_000) if seed_000[p[0]:p[1]].startswith("وخلال اجتماعه مع نورتلو"))
    spans = sentences(seed_000, first_para)
    assert len(spans) == 1
    assert seed_000[spans[0][0]:spans[0][1]].endswith("الوثيقة.")


def test_sentences_split_on_terminators_not_in_numbers_or_abbreviations():
    text = "ارتفع بنسبة 1.5 في المئة. وقال لمحطة سي.ان.بي.سي إنه مستعد؟ نعم"
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["ارتفع بنسبة 1.5 في المئة.", "وقال لمحطة سي.ان.بي.سي إنه مستعد؟", "نعم"]


def test_crlf_offsets_point_into_the_input():
    text = "العنوان\r\n\r\nالتقى وانغ يي نظيره.\r\nوأضاف أن التعاون مهم."
    for s, e in paragraphs(text):
        assert "\r" not in text[s:e] and "\n" not in text[s:e]
    assert [text[s:e] for s, e in sentences(text)] == ["العنوان", "التقى وانغ يي نظيره.", "وأضاف أن التعاون مهم."]


def test_tokens_carry_offsets(seed_000):
    for t in tokens(seed_000)[:500]:
        assert seed_000[t.start:t.end] == t.text


def test_proclitics_leave_names_whole():
    known = {"كازاخستان", "الصين"}
    assert split_proclitics("وبختيار", known) == (["و"], "بختيار")
    assert split_proclitics("كازاخستان", known) == ([], "كازاخستان")
    assert split_proclitics("وكازاخستان", known) == (["و"], "كازاخستان")
    assert split_proclitics("لكازاخستان", known) == (["ل"], "كازاخستان")
    assert split_proclitics("للصين", known) == (["ل"], "الصين")
    assert split_proclitics("وللصين", known) == (["و", "ل"], "الصين")
    assert split_proclitics("بالصين", known) == (["ب"], "الصين")
    assert split_proclitics("بكين", known) == ([], "بكين")
