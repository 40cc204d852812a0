"""Dates, numbers and plurals as each language writes them; Asia/Almaty time."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("lang", "expected_date", "expected_number"),
    [
        ("kk", "2026 ж. 16 желтоқсан", "1\xa0234\xa0567,5"),
        ("ru", "16 декабря 2026 г.", "1\xa0234\xa0567,5"),
        ("en", "December 16, 2026", "1,234,567.5"),
    ],
)
def test_dates_and_numbers_follow_the_language(lang, expected_date, expected_number):
    template = Template("{{ d|ldate }}|{{ n|lnumber }}")
    with translation.override(lang):
        out = template.render(Context({"d": datetime.date(2026, 12, 16), "n": 1234567.5}))
    # CLDR puts (narrow) no-break spaces where a line must not break; compare the letters.
    assert " ".join(
        out.replace("\u202f", " ").replace("\xa0", " ").split()
    ) == f"{expected_date}|{expected_number}".replace("\xa0", " ")


def test_times_are_shown_in_almaty():
    # 23:30 UTC on 15 December is 04:30 on 16 December in Almaty (UTC+5).
    template = Template("{{ t|ldatetime }}")
    with translation.override("ru"):
        out = template.render(Context({"t": datetime.datetime(2026, 12, 15, 23, 30, tzinfo=UTC)}))
    assert out.startswith("16 дек") and out.endswith("04:30")


@pytest.mark.parametrize(("n", "form"), [(1, 0), (3, 1), (5, 2), (21, 0), (12, 2)])
def test_russian_plural_forms(n, form):
    text = Template(
        "{% load i18n %}{% blocktranslate count n=n %}{{ n }} task waiting.{% plural %}{{ n }} tasks waiting.{% endblocktranslate %}"
    )
    with translation.override("ru"):
        out = text.render(Context({"n": n}))
    words = ["задача", "задачи", "задач"]
    assert words[form] in out, out
