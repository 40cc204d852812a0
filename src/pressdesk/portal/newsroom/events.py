"""Announcements of public events in the newsroom: the coming ones, one event's page and its .ics file.

Only ``Event.objects.public()`` is announced (public, planned or held, never an
interview). One exception, for those who already saw or saved an announcement:
an announced event that was then cancelled keeps its address, which answers
410 with the word "cancelled", and its .ics says STATUS:CANCELLED so a calendar
that imported it removes it. The cancellation's reason is internal and not shown.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from pressdesk.events import ical
from pressdesk.events.models import PRIVATE_KINDS, Event, EventStatus
from pressdesk.portal.newsroom.caching import newsroom_view
from pressdesk.portal.newsroom.views import absolute, not_found, page

LISTED = 100


def _with_details(events):
    return events.select_related("venue").prefetch_related("translations", "venue__translations", "speakers__user")


def _announced(pk: int) -> Event | None:
    """The public event, or an announced one that was cancelled afterwards."""
    found = _with_details(Event.objects.public().filter(pk=pk)).first()
    if found is None:
        cancelled = Event.objects.filter(pk=pk, status=EventStatus.CANCELLED, is_public=True)
        found = _with_details(cancelled.exclude(kind__in=PRIVATE_KINDS)).first()
    return found


@newsroom_view
def announcements(request: HttpRequest) -> HttpResponse:
    coming = Event.objects.public().filter(status=EventStatus.PLANNED, ends_at__gte=timezone.now())
    return page(request, "newsroom/events.html", {"events": list(_with_details(coming)[:LISTED])})


@newsroom_view
def announcement(request: HttpRequest, pk: int) -> HttpResponse:
    event = _announced(pk)
    if event is None:
        return not_found(request)
    cancelled = event.status == EventStatus.CANCELLED
    context = {
        "event": event,
        "text": event.translated(request.LANGUAGE_CODE),
        "cancelled": cancelled,
        "canonical": absolute(reverse("newsroom:event", args=[event.pk])),
    }
    return page(request, "newsroom/event.html", context, status=410 if cancelled else 200)


@newsroom_view
def announcement_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = _announced(pk)
    if event is None:
        return not_found(request)
    url = absolute(reverse("newsroom:event", args=[event.pk]))
    event = ical.with_sequence(Event.objects.filter(pk=event.pk)).select_related("venue").get()
    body = ical.calendar([event], name=event.title, urls={event.pk: url})
    return ical.response(body, f"event-{event.pk}.ics")
