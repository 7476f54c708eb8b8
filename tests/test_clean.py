"""Title, body spans, boilerplate and metadata on the seeds and on real page shapes."""

from __future__ import annotations

import hadath
from hadath.clean.boilerplate import classify
from hadath.clean.metadata import extract_metadata


def _outside_body(rec, needle: str) -> bool:
    i = rec.text.index(needle)
    return not any(s <= i < e for s, e in rec.body)


def test_seed_000_metadata(seed_000):
    rec = hadath.extract(seed_000)
    assert rec.title == "وزير الخارجية الصيني يلتقي نظرائه من كازاخستان وطاجيكستان وأوزبكستان"
    assert rec.outlet == "Xinhua"
    assert rec.published == "2024-12-02T10:20"
    assert rec.dateline["place_ar"] == "تشنغدو" and rec.dateline["date"] == "2024-12-01"


def test_seed_000_boilerplate_outside_body(seed_000):
    rec = hadath.extract(seed_000)
    assert _outside_body(rec, "الصفحة الرئيسية >> التبادلات الدولية")
    assert _outside_body(rec, "صور ساخنة")
    assert not _outside_body(rec, "التقى وزير الخارجية الصيني وانغ يي")


def test_seed_002_cookie_banner_outside_body(seed_002):
    rec = hadath.extract(seed_002, date="2023-05-19")
    for line in ("بيان الخصوصية وسياسة ملفات تعريف الارتباط", "من خلال الاستمرار في تصفح موقعنا", "أوافق"):
        assert _outside_body(rec, line)
    assert rec.title.startswith("وزير الخارجية الصيني: قمة الصين-آسيا الوسطى")
    assert rec.dateline is None


def test_hijri_dateline_and_unparenthesised_agency():
    text = "عنوان الخبر\n\nموسكو 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\nالتقى وزير الخارجية نظيره الروسي."
    md = extract_metadata(text)
    assert md.dateline.place_ar == "موسكو"
    assert md.dateline.date == "2015-08-11"
    assert md.dateline.agency == "Saudi Press Agency"


def test_cnn_dateline_place_and_country():
    text = "عنوان\n\nدبي، الإمارات العربية المتحدة (CNN)-- أعلنت الرئاسة المصرية، الخميس، أن ..."
    md = extract_metadata(text)
    assert md.dateline.place_ar == "دبي"
    assert md.dateline.country_ar == "الإمارات العربية المتحدة"
    assert md.dateline.date is None and md.outlet == "CNN"


def test_read_also_wire_tail_and_credit_lines():
    text = ("العنوان\n\nقال الوزير إن التعاون مهم.\nاقرأ أيضا: خبر آخر عن شيء آخر\n"
            "وأضاف أن البلدين سيوقعان اتفاقا.\n// انتهى //\nفرانس 24/أ ف ب\n")
    body, boiler = classify(text, first_body_index=1)
    kinds = {text[b.start:b.end]: b.kind for b in boiler}
    assert kinds == {"اقرأ أيضا: خبر آخر عن شيء آخر": "read_also", "// انتهى //": "wire_tail", "فرانس 24/أ ف ب": "credit"}
    body_text = " ".join(text[s:e] for s, e in body)
    assert "وأضاف أن البلدين" in body_text and "قال الوزير" in body_text


def test_related_headlines_block_mid_article():
    text = ("ترامب يغيب عن الجنازة\n\nأقيمت جنازة باربرا بوش، زوجة الرئيس الأسبق، في هيوستن بحضور الآلاف من المشيعين.\n"
            "باربرا بوش: جمهورية مدافعة عن الأمريكيين الأفارقة والنساء\n"
            "وفاة باربرا بوش سيدة الولايات المتحدة الأولى السابقة\n"
            "وعانت سيدة أمريكا الأولى من مشاكل صحية وسط تقارير عن رفضها العلاج في المستشفى.\n"
            "تشديدات أمنية\n"
            "وشهدت الجنازة تشديدات أمنية كبيرة خارج الكنيسة.\n")
    body, boiler = classify(text, first_body_index=1)
    assert [b.kind for b in boiler] == ["related_headlines", "related_headlines"]
    assert any("تشديدات أمنية\n" in text[s:e + 1] for s, e in body)  # a lone subhead stays


def test_other_stories_leads_appended_at_the_end():
    text = ("العنوان\n\nدبي، الإمارات العربية المتحدة (CNN)-- أجرى الرئيس اتصالا هاتفيا، الخميس، مع نظيره.\n"
            "وأوضح المتحدث أن الرئيسين اتفقا على التنسيق.\n"
            "أعلنت مصر، الخميس، إرسال مساعدات إنسانية عاجلة إلى الخرطوم.\n"
            "قال أمير قطر، إن بلاده تقف إلى جانب تركيا.\n"
            "اتهم رئيس السلطة الفلسطينية، الأربعاء، حركة حماس بأنها ليس لديها الرغبة.\n")
    body, boiler = classify(text, first_body_index=1)
    assert [b.kind for b in boiler] == ["other_story"] * 3
    assert text[body[-1][0]:body[-1][1]].endswith("على التنسيق.")


def test_breadcrumb_navigation_but_not_a_bulleted_column():
    text = "الصفحة الرئيسية >> التبادلات الدولية\n\nالعنوان\n\n>> الدوري سيعود بعد عودة المنتخب من سويسرا، نتعشم أن تكون العودة جيدة.\n"
    body, boiler = classify(text, first_body_index=0)
    assert [b.kind for b in boiler] == ["navigation"]
