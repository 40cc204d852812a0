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
    """One all-day entry; ``item`` comes from ``plan_fact.with_fact`` with its unit and owner."""
    lines = [item.unit.name, dict(PlanStatus.choices)[item.fact]]
    if item.owner_id:
        lines.append(item.owner.full_name)
    if item.description:
        lines.append(item.description)
    return VEvent.new(
        uid=uid(item),
        stamp=stamp or timezone.now(),
        start=item.starts_on,
        end=(item.ends_on or item.starts_on) + datetime.timedelta(days=1),
        summary=item.title,
        description="\n".join(str(line) for line in lines),
        status=STATUS[item.fact],
        categories=[str(item.get_kind_display())],
        last_modified=item.updated_at.astimezone(datetime.UTC),
        url=url or None,
    )


def calendar(items: Iterable[PlanItem], *, name: str, urls: dict[int, str] | None = None) -> bytes:
    stamp = timezone.now()
    entries = [vevent(item, url=(urls or {}).get(item.pk, ""), stamp=stamp) for item in items]
    cal = Calendar.new(prodid="-//pressdesk//press plan//EN", calscale="GREGORIAN", name=name, subcomponents=entries)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal.to_ical()
