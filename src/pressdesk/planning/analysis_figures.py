"""The figures of an analysis, assembled from the data: events, attendance, questions, materials, coverage, pickup.

**What is counted** depends on the subject:

* an event — that event, and the materials linked to it;
* a campaign — the events and materials its plan items (the campaign and its
  parts) were turned into, and the parts themselves, planned against done;
* a free period — the events of the unit and the units below it in the period,
  and the unit's materials that went public in it.

Attendance and questions are the events figures (``events.stats``: journalists
checked in, else the count entered by hand; questions asked and answered at
events held). Coverage is the clippings of the period that mention the unit's
watch entries (``analysis_media``), and pickup is monitoring's (``pickup.pickups``:
the stories that reprint each public material).

The result is plain JSON data kept on the analysis (a snapshot), with titles in
every language they were written in, so the page reads in the reader's language
and the numbers do not move under the conclusions until someone refreshes them.
"""

from __future__ import annotations

import datetime

from django.db.models import Max, Min, Q, QuerySet
from django.utils import timezone

from pressdesk.events import stats
from pressdesk.events.models import Event
from pressdesk.monitoring import pickup
from pressdesk.monitoring.digest import day_bounds
from pressdesk.planning import analysis_media
from pressdesk.planning.models import Analysis, PlanItem
from pressdesk.publications.models import Material

EVENT_ROWS = 30  # events listed one by one; the totals count them all


def titles(item) -> dict[str, str]:
    """An event's or material's title in each language it has (``translations`` prefetched)."""
    return {row.language: row.title for row in item.translations.all()}


def subject_events(analysis: Analysis) -> QuerySet[Event]:
    if analysis.event_id:
        return Event.objects.filter(pk=analysis.event_id)
    if analysis.campaign_id:
        linked = Q(plan_items=analysis.campaign_id) | Q(plan_items__campaign=analysis.campaign_id)
        return Event.objects.filter(pk__in=Event.objects.filter(linked).values("pk"))
    events = Event.objects.filter(unit__path__startswith=analysis.unit.path)
    return stats.in_period(events, analysis.first_day, analysis.last_day)


def subject_materials(analysis: Analysis, events: QuerySet[Event]) -> QuerySet[Material]:
    if analysis.campaign_id:
        linked = (
            Q(plan_items=analysis.campaign_id) | Q(plan_items__campaign=analysis.campaign_id) | Q(events__in=events)
        )
    elif analysis.event_id:
        linked = Q(events__in=events)
    else:
        start, end = day_bounds(analysis.first_day)[0], day_bounds(analysis.last_day)[1]
        public = Material.objects.public(end).with_public_time().filter(shown_at__gte=start, shown_at__lt=end)
        linked = Q(pk__in=public.filter(unit__path__startswith=analysis.unit.path).values("pk"))
    return Material.objects.filter(pk__in=Material.objects.filter(linked).values("pk"))


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _events(analysis: Analysis, events: QuerySet[Event]) -> dict:
    span = events.aggregate(first=Min("starts_at"), last=Max("starts_at"))
    if span["first"] is None:
        return {"count": 0, "rows": []}
    # A campaign's events may lie outside the days analysed: count each of them, whatever its day.
    since = min(analysis.first_day, _local_day(span["first"]))
    until = max(analysis.last_day, _local_day(span["last"]))
    total = stats.figures(events, since, until)
    rows = []
    for event in events.prefetch_related("translations").order_by("starts_at", "pk")[:EVENT_ROWS]:
        day = _local_day(event.starts_at)
        one = stats.figures(Event.objects.filter(pk=event.pk), day, day)
        rows.append(
            {
                "id": event.pk,
                "titles": titles(event),
                "kind": event.kind,
                "starts_at": event.starts_at.isoformat(),
                "status": event.status,
                "registered": one.registered,
                "present": one.present,
                "asked": one.questions_asked,
                "answered": one.questions_answered,
            }
        )
    return {
        "count": total.total.total,
        "held": total.total.held,
        "cancelled": total.total.cancelled,
        "registered": total.registered,
        "present": total.present,
        "questions_received": total.questions_received,
        "questions_asked": total.questions_asked,
        "questions_answered": total.questions_answered,
        "speakers": total.speakers,
        "rows": rows,
    }


def _materials(materials: QuerySet[Material]) -> tuple[list[dict], dict]:
    now = timezone.now()
    listed = list(materials.prefetch_related("translations").order_by("pk"))
    public = set(Material.objects.public(now).filter(pk__in=[m.pk for m in listed]).values_list("pk", flat=True))
    figures = pickup.pickups([m for m in listed if m.pk in public])
    rows = []
    for material in listed:
        row = {
            "id": material.pk,
            "titles": titles(material),
            "kind": material.kind,
            "public": material.pk in public,
            "public_at": material.public_at.isoformat() if material.pk in public and material.public_at else None,
        }
        if material.pk in figures:
            taken = figures[material.pk]
            delay = taken.time_to_first
            row |= {
                "clippings": taken.clippings,
                "outlets": taken.outlets,
                "reach": taken.reach,
                "minutes_to_first": int(delay.total_seconds() // 60) if delay is not None else None,
            }
        rows.append(row)
    picked = sum(1 for row in rows if row.get("clippings"))
    return rows, {"public": len(figures), "picked_up": picked}


def _parts(campaign_id: int) -> list[dict]:
    parts = PlanItem.objects.filter(campaign_id=campaign_id).order_by("starts_on", "pk")
    return [
        {
            "title": part.title,
            "kind": part.kind,
            "status": part.status,
            "starts_on": part.starts_on.isoformat(),
            "event": part.event_id,
            "material": part.material_id,
        }
        for part in parts
    ]


def assemble(analysis: Analysis) -> dict:
    """The figures of the analysis's subject and period, as they are now."""
    events = subject_events(analysis)
    material_rows, pickup_totals = _materials(subject_materials(analysis, events))
    coverage = analysis_media.unit_coverage(analysis.unit, analysis.first_day, analysis.last_day)
    return {
        "assembled_at": timezone.now().isoformat(),
        "events": _events(analysis, events),
        "materials": material_rows,
        "pickup": pickup_totals,
        "coverage": analysis_media.count(coverage, analysis.first_day, analysis.last_day),
        "parts": _parts(analysis.campaign_id) if analysis.campaign_id else [],
    }
