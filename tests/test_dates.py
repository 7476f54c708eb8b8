"""Date expressions resolve against the anchor; what cannot be resolved stays None."""

from __future__ import annotations

import datetime as dt

import pytest

from hadath.analyse.dates import DateResolver

SUNDAY = dt.date(2024, 12, 1)


def one(text: str, anchor: dt.date | None = SUNDAY):
    found = DateResolver(anchor).find(text)
    assert found, f"no date in {text!r}"
    return found[0]


@pytest.mark.parametrize("text,value", [
    ("تشنغدو أول ديسمبر 2024 (شينخوا)", "2024-12-01"),
    ("المنعقد في تشنغدو اليوم (الأحد).", "2024-12-01"),
    ("قال يوم (الجمعة) إن القمة", "2024-11-29"),
    ("وقال أمس إن", "2024-11-30"),
    ("وكان قد التقى أمس الأول", "2024-11-29"),
    ("الخميس الماضي", "2024-11-28"),
    ("الأحد الماضي", "2024-11-24"),
    ("الثلاثاء المقبل", "2024-12-03"),
    ("في 12 يونيو/حزيران 2018", "2018-06-12"),
    ("في الـ 12 من يونيو", "2024-06-12"),
    ("3 كانون الثاني 2019", "2019-01-03"),
    ("3 جانفي 2017", "2017-01-03"),
    ("15 أوت 2016", "2016-08-15"),
])
def test_day_expressions(text, value):
    assert one(text).value == value


@pytest.mark.parametrize("text,value,gran", [
    ("في يوليو من العام الماضي", "2023-07", "month"),
    ("في مايو/أيار الماضي", "2024-05", "month"),
    ("في فيفري 2017", "2017-02", "month"),
    ("الأسبوع الماضي", "2024-W47", "week"),
    ("الشهر المقبل", "2025-01", "month"),
    ("في عام 2013", "2013", "year"),
])
def test_coarser_expressions(text, value, gran):
    d = one(text)
    assert (d.value, d.granularity) == (value, gran)


def test_hijri_dateline_with_gregorian_equivalent():
    found = DateResolver(None).find("موسكو 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس")
    assert [d.value for d in found] == ["2015-08-11", "2015-08-11"]
    assert found[0].kind == "hijri"


def test_relative_dates_without_anchor_stay_unresolved():
    assert one("قال أمس", anchor=None).value is None
    assert one("يوم الجمعة", anchor=None).value is None


def test_spans_point_at_the_expression_even_with_tatweel():
    text = "في الـــ 12 من يونيـو"
    d = one(text)
    assert text[d.start:d.end] == d.text and d.text.startswith("الـ") and d.text.endswith("يونيـو")
