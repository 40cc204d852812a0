"""Events as iCalendar (RFC 5545): the staff feed of a unit and the newsroom's one-event download.

Times are written in UTC (``…Z``), which every calendar program reads without
a VTIMEZONE block. SEQUENCE grows with every change: it counts the changes and
the cancellation in the event's audit trail (``with_sequence``), so a moved or
cancelled event replaces the copy a calendar keeps under the same UID.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.http import HttpResponse
from django.utils import timezone, translation
from icalendar import Calendar
from icalendar import Event as VEvent

from pressdesk.core.models import AuditEntry
from pressdesk.events.models import Event, EventStatus

CONTENT_TYPE = "text/calendar; charset=utf-8"
# The audited changes a calendar must take over its copy for.
REVISIONS = ("events.event.changed", "events.event.cancelled")
STATUS = {EventStatus.PLANNED: "CONFIRMED", EventStatus.HELD: "CONFIRMED", EventStatus.CANCELLED: "CANCELLED"}


def uid(event: Event) -> str:
    return f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname or 'pressdesk'}"


def with_sequence(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with ``ical_sequence``: how many times it was changed or cancelled (one subquery)."""
    changes = (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Event),
            target_id=Cast(OuterRef("pk"), CharField()),
            action__in=REVISIONS,
        )
        .order_by()
        .values("target_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return events.annotate(ical_sequence=Coalesce(Subquery(changes, output_field=IntegerField()), 0))


def location(event: Event) -> str:
    if event.venue_id:
        return f"{event.venue.name}, {event.venue.address}"
    return event.online_url


def vevent(event: Event, *, url: str = "", stamp: datetime.datetime | None = None) -> VEvent:
    """One VEVENT in the active language (the title falls back to another language when it has none).

    ``event`` comes from ``with_sequence``."""
    text = event.translated()
    item = VEvent()
    item.add("uid", uid(event))
    item.add("dtstamp", stamp or timezone.now())
    item.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    item.add("dtend", event.ends_at.astimezone(datetime.UTC))
    item.add("summary", text.title if text else "")
    if text and text.description:
        item.add("description", text.description)
    if where := location(event):
        item.add("location", where)
    if url:
        item.add("url", url)
    item.add("status", STATUS[event.status])
    item.add("sequence", event.ical_sequence)
    item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    item.add("categories", [event.get_kind_display()])
    return item


def calendar(events: Iterable[Event], *, name: str, urls: dict[int, str] | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//pressdesk//events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        cal.add_component(vevent(event, url=(urls or {}).get(event.pk, ""), stamp=stamp))
    return cal.to_ical()


def response(body: bytes, filename: str) -> HttpResponse:
    answer = HttpResponse(body, content_type=CONTENT_TYPE)
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    answer["Content-Language"] = translation.get_language()
    return answer
