"""Dates and numbers as each language writes them (Babel's CLDR data).

Django ships no Kazakh formats and only part of the Kazakh month names;
Babel has complete CLDR data for kk, ru and en. Times are shown in
Asia/Almaty.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from django import template
from django.utils import timezone, translation

register = template.Library()


def _locale() -> str:
    return (translation.get_language() or "kk").split("-")[0]


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def ldate(value: datetime.date | datetime.datetime | None, style: str = "long") -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return format_date(value, style, locale=_locale())


@register.filter
def ldatetime(value: datetime.datetime | None, style: str = "medium") -> str:
    if value is None or value == "":
        return ""
    value = _local(value)
    return (
        f"{format_date(value.date(), style, locale=_locale())}, {format_time(value.time(), 'HH:mm', locale=_locale())}"
    )


@register.filter
def ltime(value: datetime.datetime | None) -> str:
    if value is None or value == "":
        return ""
    return format_time(_local(value).time(), "HH:mm", locale=_locale())


@register.filter
def lnumber(value: float | int | None) -> str:
    if value is None or value == "":
        return ""
    return format_decimal(value, locale=_locale())


@register.simple_tag
def today_full() -> str:
    return format_date(timezone.localdate(), "full", locale=_locale())
