"""Figures of events: how many by type, month and unit; who spoke; questions; journalists — and one event afterwards.

Everything is counted by the database in a handful of grouped queries, over the
events a user may see, in a period of Almaty days (an event belongs to the month
it starts in, Almaty time, so a briefing at 00:30 on 1 March is a March event).
Speakers, questions and journalists are counted at events that were held.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from pressdesk.core.models import Unit
from pressdesk.events.models import (
    Event,
    EventKind,
    EventStatus,
    Question,
    QuestionStatus,
    Registration,
    RegistrationStatus,
    Speaker,
)

LOCAL = zoneinfo.ZoneInfo(settings.TIME_ZONE)
ASKED = [QuestionStatus.ASKED, QuestionStatus.ANSWERED]
TOP_SPEAKERS = 10
CHART_ROW = 28  # pixels per month in the chart


@dataclass
class Counts:
    """Events in one group, by what became of them."""

    label: str
    key: object = None
    held: int = 0
    planned: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.held + self.planned + self.cancelled

    def add(self, status: str, number: int) -> None:
        setattr(self, status, getattr(self, status) + number)


@dataclass
class SpeakerRow:
    name: str
    staff: bool
    appearances: int


@dataclass
class Figures:
    since: datetime.date
    until: datetime.date
    total: Counts
    by_kind: list[Counts]
    by_month: list[Counts]
    by_unit: list[Counts]
    speakers: int = 0
    appearances: int = 0
    top_speakers: list[SpeakerRow] = field(default_factory=list)
    questions_received: int = 0
    questions_in_advance: int = 0
    questions_asked: int = 0
    questions_answered: int = 0
    registered: int = 0
    present: int = 0

    @property
    def busiest_month(self) -> int:
        """The most events held in one month (at least 1): the scale of the chart."""
        return max((group.held for group in self.by_month), default=0) or 1

    @property
    def chart_height(self) -> int:
        return CHART_ROW * len(self.by_month) + 4


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in Almaty."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LOCAL)


def in_period(
    events: QuerySet[Event],
    since: datetime.date,
    until: datetime.date,
    *,
    unit: Unit | None = None,
    kind: str = "",
) -> QuerySet[Event]:
    """Events starting from ``since`` to ``until`` (both Almaty days, inclusive), in ``unit``'s subtree, of ``kind``."""
    events = events.filter(starts_at__gte=day_start(since), starts_at__lt=day_start(until + datetime.timedelta(days=1)))
    if unit is not None:
        events = events.filter(unit__path__startswith=unit.path)
    if kind:
        events = events.filter(kind=kind)
    return events


def figures(
    events: QuerySet[Event], since: datetime.date, until: datetime.date, *, unit: Unit | None = None, kind: str = ""
) -> Figures:
    """The figures of ``events`` (already limited to what the user may see) for the period and filters."""
    events = in_period(events, since, until, unit=unit, kind=kind)
    result = Figures(since, until, *_counts(events))
    held = events.filter(status=EventStatus.HELD)
    _speakers(result, Speaker.objects.filter(event__in=held))
    _questions(result, Question.objects.filter(event__in=held))
    _journalists(result, held)
    return result


def _counts(events: QuerySet[Event]) -> tuple[Counts, list[Counts], list[Counts], list[Counts]]:
    """One grouped query: all events, and by type, month (Almaty) and unit, each split by status."""
    rows = (
        events.order_by()
        .annotate(month=TruncMonth("starts_at", tzinfo=LOCAL))
        .values("kind", "unit", "month", "status")
        .annotate(number=Count("pk"))
    )
    total = Counts("")
    kinds = {value: Counts(str(label), value) for value, label in EventKind.choices}
    months: dict[datetime.date, Counts] = {}
    units: dict[int, Counts] = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        for group in (
            total,
            kinds[row["kind"]],
            months.setdefault(month, Counts("", month)),
            units.setdefault(row["unit"], Counts("", row["unit"])),
        ):
            group.add(row["status"], row["number"])
    names = {unit.pk: unit.name for unit in Unit.objects.filter(pk__in=units).prefetch_related("translations")}
    for pk, group in units.items():
        group.label = names[pk]
    return (
        total,
        [group for group in kinds.values() if group.total],
        [months[month] for month in sorted(months)],
        sorted(units.values(), key=lambda group: group.label),
    )


def _speakers(result: Figures, speakers: QuerySet[Speaker]) -> None:
    """Staff speakers are one person by account; external ones by the name they were introduced with."""
    rows = (
        speakers.order_by()
        .values("user", "user__full_name", "name")
        .annotate(appearances=Count("pk"))
        .values_list("user", "user__full_name", "name", "appearances")
    )
    people: Counter = Counter()
    names: dict[tuple, str] = {}
    for user, full_name, name, appearances in rows:
        key = ("user", user) if user else ("name", " ".join(name.split()).casefold())
        people[key] += appearances
        names.setdefault(key, full_name if user else name)
    result.speakers = len(people)
    result.appearances = sum(people.values())
    ranked = sorted(people.items(), key=lambda item: (-item[1], names[item[0]]))[:TOP_SPEAKERS]
    result.top_speakers = [SpeakerRow(names[key], key[0] == "user", number) for key, number in ranked]


def _questions(result: Figures, questions: QuerySet[Question]) -> None:
    numbers = questions.aggregate(
        received=Count("pk"),
        in_advance=Count("pk", filter=Q(in_advance=True)),
        asked=Count("pk", filter=Q(status__in=ASKED)),
        answered=Count("pk", filter=Q(status=QuestionStatus.ANSWERED)),
    )
    result.questions_received = numbers["received"]
    result.questions_in_advance = numbers["in_advance"]
    result.questions_asked = numbers["asked"]
    result.questions_answered = numbers["answered"]


def _journalists(result: Figures, held: QuerySet[Event]) -> None:
    """Present: those checked in; at an event where nobody was, the count entered by hand."""
    rows = (
        held.order_by()
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
            checked_in=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
        .values_list("registered", "checked_in", "attendance_manual")
    )
    for registered, checked_in, manual in rows:
        result.registered += registered
        result.present += checked_in or manual or 0


# One event afterwards --------------------------------------------------------------------------------------------


@dataclass
class EventReport:
    event: Event
    came: list[Registration]
    registered: int
    present: int | None  # None: nobody checked in and no count was entered
    counted_by_hand: bool
    questions: list[Question]
    received: int
    asked: int
    answered: int
    speakers: list[Speaker]
    materials: list  # publications.Material, each with .is_public set


def event_report(event: Event, public_materials: QuerySet) -> EventReport:
    """Who came, the questions and answers, the speakers and the materials of ``event``.

    ``public_materials`` is the newsroom's rule (``Material.objects.public()``), passed in so
    that the rule stays in one place.
    """
    registrations = list(event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("journalist"))
    came = sorted((r for r in registrations if r.checked_in_at), key=lambda r: r.journalist.full_name)
    present = len(came) if came else event.attendance_manual
    questions = list(event.questions.select_related("journalist", "answered_by__user").order_by("created_at", "pk"))
    speakers = list(event.speakers.select_related("user").annotate(answer_count=Count("answers")))
    materials = list(event.materials.prefetch_related("translations").select_related("unit").order_by("pk"))
    public = set(public_materials.filter(pk__in=[m.pk for m in materials]).values_list("pk", flat=True))
    for material in materials:
        material.is_public = material.pk in public
    return EventReport(
        event=event,
        came=came,
        registered=len(registrations),
        present=present,
        counted_by_hand=not came and event.attendance_manual is not None,
        questions=[q for q in questions if q.status in ASKED],
        received=len(questions),
        asked=sum(q.status in ASKED for q in questions),
        answered=sum(q.status == QuestionStatus.ANSWERED for q in questions),
        speakers=speakers,
        materials=materials,
    )
