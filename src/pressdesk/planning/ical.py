"""The press plan as iCalendar (RFC 5545): each item an all-day entry over its days.

An item's days are dates, not moments, so they are written as ``VALUE=DATE``
with the day after the last as the (exclusive) end. The status says what became
of it: planned items are tentative, items in work or done confirmed, moved and
cancelled ones cancelled (a moved item's copy is its own entry on the new days).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from pressdesk.planning.models import PlanItem, PlanStatus

STATUS = {
    PlanStatus.PLANNED: "TENTATIVE",
    PlanStatus.IN_WORK: "CONFIRMED",
    PlanStatus.DONE: "CONFIRMED",
    PlanStatus.MOVED: "CANCELLED",
    PlanStatus.CANCELLED: "CANCELLED",
}


def uid(item: PlanItem) -> str:
    return f"plan-{item.pk}@{urlsplit(settings.SITE_URL).hostname or 'pressdesk'}"


def vevent(item: PlanItem, *, url: str = "", stamp: datetime.datetime | None = None) -> VEvent:
    """One entry; ``item`` comes from ``plan_fact.with_fact`` with its unit and owner."""
    entry = VEvent()
    entry.add("uid", uid(item))
    entry.add("dtstamp", stamp or timezone.now())
    entry.add("dtstart", item.starts_on)
    entry.add("dtend", (item.ends_on or item.starts_on) + datetime.timedelta(days=1))
    entry.add("summary", item.title)
    lines = [item.unit.name, dict(PlanStatus.choices)[item.fact]]
    if item.owner_id:
        lines.append(item.owner.full_name)
    if item.description:
        lines.append(item.description)
    entry.add("description", "\n".join(str(line) for line in lines))
    entry.add("status", STATUS[item.fact])
    entry.add("categories", [str(item.get_kind_display())])
    entry.add("last-modified", item.updated_at.astimezone(datetime.UTC))
    if url:
        entry.add("url", url)
    return entry


def calendar(items: Iterable[PlanItem], *, name: str, urls: dict[int, str] | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//pressdesk//press plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for item in items:
        cal.add_component(vevent(item, url=(urls or {}).get(item.pk, ""), stamp=stamp))
    return cal.to_ical()
