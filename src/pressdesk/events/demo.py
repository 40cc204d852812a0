"""Demo events: a season of the city akimat's press service, three months back and the coming month.

About twenty-five events already held (speakers from the demo staff and some
from outside, journalists from the demo directory registered and checked in or
counted by hand, questions asked and answered, the releases that followed) and
about ten coming (public and not, an interview, a waiting list on a press tour
with few seats, a cancelled one), in the akimat's press centre (40 seats) and a
district hall, and a speaker away on a trip.

Planning goes through ``events.services`` like the pages. The service refuses
the past, so an event that was held is planned in the far future first and then
moved back to its day with everything stamped on the way (``_shift``). No
invitations are made, so no letter is written. A second run finds each event by
its Kazakh topic and adds nothing.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core.models import AuditEntry, Unit, User
from pressdesk.directory.models import Journalist
from pressdesk.events import services
from pressdesk.events.demo_texts import ABSENCE, COMING, ONLINE, PAST, VENUES, Occasion
from pressdesk.events.models import (
    Absence,
    Event,
    EventText,
    Question,
    QuestionStatus,
    Registration,
    Venue,
    VenueName,
)
from pressdesk.events.services import Plan, SpeakerInput
from pressdesk.publications.models import Material

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
# Where events that were held are planned before they are moved back: far enough ahead to meet nothing real.
PARKING = datetime.timedelta(days=400)
HOUR = datetime.timedelta(hours=1)
QUESTIONS_KK = [
    "Жұмыс қашан аяқталады?",
    "Бұған қанша қаржы бөлінді?",
    "Тұрғындар бұл туралы қалай біледі?",
    "Мердігер қалай таңдалды?",
]
QUESTIONS_RU = [
    "Когда завершатся работы?",
    "Сколько на это выделено средств?",
    "Как об этом узнают жители?",
    "Как выбирали подрядчика?",
]


def register() -> None:
    core_demo.register_loader(load)


def _user(local: str) -> User:
    return User.objects.get(email=core_demo.demo_email(local))


def _moment(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate(timezone=ALMATY) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ALMATY)


@transaction.atomic
def load(units: dict[str, Unit]) -> dict[str, int]:
    press = _user("press")
    venues = _venues(units)
    _absence(press)
    journalists = list(Journalist.objects.present().order_by("pk")[:60])
    materials = list(Material.objects.public().order_by("pk")[:8])
    existing = set(EventText.objects.filter(language="kk").values_list("title", flat=True))
    for number, occasion in enumerate(PAST):
        if occasion.kk not in existing:
            _held(
                occasion, number, press=press, units=units, venues=venues, journalists=journalists, materials=materials
            )
    for number, occasion in enumerate(COMING):
        if occasion.kk not in existing:
            _coming(occasion, number, press=press, units=units, venues=venues, journalists=journalists)
    return {"events": Event.objects.count(), "venues": Venue.objects.count()}


def _venues(units: dict[str, Unit]) -> dict[str, Venue]:
    venues = {}
    for key, unit_code, names, address, seats in VENUES:
        venue = Venue.objects.filter(unit=units[unit_code], address=address).first()
        if venue is None:
            venue = Venue.objects.create(unit=units[unit_code], address=address, capacity=seats)
            VenueName.objects.bulk_create(VenueName(parent=venue, language=code, name=n) for code, n in names.items())
        venues[key] = venue
    return venues


def _absence(press: User) -> None:
    local, start, end, reason = ABSENCE
    person = _user(local)
    if not Absence.objects.filter(user=person, reason=reason).exists():
        Absence.objects.create(user=person, starts_at=_moment(start, 0), ends_at=_moment(end, 23), reason=reason)


def _plan(occasion: Occasion, starts_at: datetime.datetime, venues: dict[str, Venue]) -> Plan:
    speakers = [
        SpeakerInput(user=_user(person))
        if isinstance(person, str)
        else SpeakerInput(name=person[0], position=person[1])
        for person in occasion.speakers
    ]
    return Plan(
        kind=occasion.kind,
        starts_at=starts_at,
        ends_at=starts_at + (3 * HOUR if occasion.kind == "press_tour" else HOUR),
        texts={"kk": (occasion.kk, ""), "ru": (occasion.ru, "")},
        venue=venues.get(occasion.venue or ""),
        online_url=ONLINE if occasion.venue == "online" else "",
        languages=["kk", "ru"],
        interpretation="kk ↔ ru",
        capacity=occasion.capacity,
        is_public=occasion.public,
        speakers=speakers,
    )


def _coming(occasion: Occasion, number: int, *, press, units, venues, journalists) -> None:
    plan = _plan(occasion, _moment(occasion.days, occasion.hour), venues)
    event = services.plan_event(actor=press, unit=units[occasion.unit], plan=plan, confirmed=True)
    for journalist in _some(journalists, number, occasion.registrations):
        services.register(event=event, journalist=journalist)
    if occasion.cancelled:
        services.cancel_event(actor=press, event=event, reason=occasion.cancelled)


def _some(journalists: list[Journalist], number: int, count: int) -> list[Journalist]:
    """``count`` journalists, a different handful for each event, the same on every run."""
    if not journalists:
        return []
    start = (number * 7) % len(journalists)
    return (journalists[start:] + journalists[:start])[: min(count, len(journalists))]


def _held(occasion: Occasion, number: int, *, press, units, venues, journalists, materials) -> None:
    when = _moment(occasion.days, occasion.hour)
    parked = _moment(PARKING.days, 8) + number * 4 * HOUR  # one slot each: no room is booked twice
    started = timezone.now()
    event = services.plan_event(
        actor=press, unit=units[occasion.unit], plan=_plan(occasion, parked, venues), confirmed=True
    )
    if occasion.cancelled:
        services.cancel_event(actor=press, event=event, reason=occasion.cancelled)
        _shift(event, since=started, by=when - timezone.now() - 48 * HOUR)
        _shift_times(event, to=when)
        return
    came = _attendance(event, number, journalists, press)
    _questions(event, number, came)
    # Demo only: the event was planned ahead of its day; its story now moves back to the weeks before it.
    _shift(event, since=started, by=when - timezone.now() - 7 * 24 * HOUR)
    _shift_times(event, to=when)
    started = timezone.now()
    counted = None if came else 6 + number % 9
    services.mark_held(actor=press, event=event, attendance=counted)
    linked = [materials[number % len(materials)]] if materials and number % 3 == 0 else []
    if linked:
        services.link_materials(actor=press, event=event, materials=linked)
    _shift(event, since=started, by=when + 2 * HOUR - timezone.now())


def _attendance(event: Event, number: int, journalists: list[Journalist], press: User) -> list[Journalist]:
    """Registered journalists; at every other event they are checked in at the door, else counted by hand."""
    if event.is_private:
        return []
    registered = _some(journalists, number, 5 + number % 8)
    for journalist in registered:
        services.register(event=event, journalist=journalist)
    if number % 2:
        return []
    came = registered[: max(len(registered) - 2, 0)]
    for registration in event.registrations.filter(journalist__in=came):
        services.check_in(actor=press, registration=registration)
    return came


def _questions(event: Event, number: int, came: list[Journalist]) -> None:
    """Questions sent ahead and asked in the room; most answered by the first speaker."""
    speaker = event.speakers.first()
    asked = 4 + (number * 5) % 11
    answered = asked - number % 3
    rows = []
    for n in range(asked + number % 2):
        kazakh = n % 2 == 0
        status = QuestionStatus.ANSWERED if n < answered else QuestionStatus.ASKED
        if n >= asked:
            status = QuestionStatus.REJECTED
        rows.append(
            Question(
                event=event,
                text=(QUESTIONS_KK if kazakh else QUESTIONS_RU)[n % 4],
                language="kk" if kazakh else "ru",
                journalist=came[n % len(came)] if came else None,
                asked_by="" if came else "Журналист",
                in_advance=n % 4 == 3,
                status=status,
                answered_by=speaker if status == QuestionStatus.ANSWERED else None,
                created_at=event.starts_at + n * datetime.timedelta(minutes=3),
            )
        )
    # Entered as the room heard them; the questions module's services stamp "now" and want a started event.
    Question.objects.bulk_create(rows)


def _shift(event: Event, *, since: datetime.datetime, by: datetime.timedelta) -> None:
    """Move what was stamped "now" since ``since`` (the event's record and its trail) by ``by``."""
    stamped = [
        (Event.objects.filter(pk=event.pk), ["created_at", "updated_at"]),
        (Registration.objects.filter(event=event), ["created_at"]),
        (
            AuditEntry.objects.filter(target_type=ContentType.objects.get_for_model(Event), target_id=str(event.pk)),
            ["at"],
        ),
    ]
    for rows, fields in stamped:
        for name in fields:
            rows.filter(**{f"{name}__gte": since}).update(**{name: F(name) + by})


def _shift_times(event: Event, *, to: datetime.datetime) -> None:
    """The event itself, its check-ins and its questions: from the far-future slot to its real day."""
    by = to - event.starts_at
    Event.objects.filter(pk=event.pk).update(starts_at=F("starts_at") + by, ends_at=F("ends_at") + by)
    Registration.objects.filter(event=event, checked_in_at__isnull=False).update(
        checked_in_at=to - datetime.timedelta(minutes=10)
    )
    Question.objects.filter(event=event).update(created_at=F("created_at") + by)
