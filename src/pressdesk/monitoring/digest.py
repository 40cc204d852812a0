"""The head's daily digest: a unit's day in the media, counted by the database.

**The day** is an Almaty day, midnight to midnight (``day_bounds``): an item published
at 23:30 in Almaty belongs to that day, whatever the UTC date. **The unit's items**
are the clippings published that day that mention one of the unit's own watch
entries (its subunits have their own digests); a clipping that mentions two of them
counts once.

``assemble(unit, day)`` gives ``DayDigest``: the count, by tone, by language and by
outlet type (``GROUP BY`` queries, not Python loops over rows); per Almaty hour and
tone (the chart); the negative items first, reprints folded into their story; the
largest stories with the day's reprints and the earliest outlet; and the pickup of
the unit's materials that went public that day (outlets, their reach, time to the
first pickup). An empty day is a digest that says so.

``due(now)`` and ``deliver(unit, day)`` send it: at ``MONITORING_DIGEST_HOUR``
(Almaty, 8 by default) the previous day's digest of every unit with an active
watch entry, once — the ``Digest`` row is unique per unit and day and its sending
is claimed by a conditional UPDATE of ``sent_at`` — and after downtime the days
missed, up to ``CATCH_UP_DAYS`` back.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Count, Exists, Min, OuterRef, QuerySet
from django.db.models.functions import ExtractHour
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core.models import Membership, Role, Unit, User
from pressdesk.core.permissions import holders
from pressdesk.directory.models import Outlet, OutletKind
from pressdesk.monitoring import charts, pickup
from pressdesk.monitoring.models import Clipping, Digest, Language, Mention, Story, Tone, Watch
from pressdesk.publications.models import Material

log = logging.getLogger(__name__)

DEFAULT_HOUR = 8
CATCH_UP_DAYS = 3
TOP_STORIES = 10
TONES = (Tone.NEGATIVE, Tone.NEUTRAL, Tone.POSITIVE)
TONE_SERIES = {
    Tone.NEGATIVE: dict(colour="#8a1c1c", pattern="hatch"),
    Tone.NEUTRAL: dict(colour="#d9dcdd", pattern="solid"),
    Tone.POSITIVE: dict(colour="#00703c", pattern="dots"),
}
ACTION = "monitoring.digest"


def digest_hour() -> int:
    return getattr(settings, "MONITORING_DIGEST_HOUR", DEFAULT_HOUR)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight to midnight in Almaty."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    return start, datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)


@dataclass
class Figure:
    code: str
    label: str | Promise  # lazy: a digest is assembled once and read in each reader's language
    count: int


@dataclass
class Line:
    """A story of the day (its reprints folded into it), or an item that has no reprint."""

    title: str
    url: str
    outlet: Outlet | None  # the earliest outlet, who had it first (its name read in the reader's language)
    published_at: datetime.datetime
    items: int  # the day's items of the unit in this story
    reach: int | None = None
    summary: str = ""
    material: Material | None = None  # our material it reprints (pickup)


@dataclass
class Release:
    material: Material
    public_at: datetime.datetime | None
    clippings: int
    outlets: int
    reach: int
    time_to_first: datetime.timedelta | None

    @property
    def title(self) -> str:
        return self.material.title

    @property
    def delay(self) -> str:
        """The time to the first pickup in hours and minutes, in the active language; empty when none yet."""
        if self.time_to_first is None:
            return ""
        hours, minutes = divmod(int(self.time_to_first.total_seconds() // 60), 60)
        if hours:
            return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
        return _("%(minutes)s min") % {"minutes": minutes}


@dataclass
class DayDigest:
    unit: Unit
    day: datetime.date
    total: int = 0
    tones: list[Figure] = field(default_factory=list)
    languages: list[Figure] = field(default_factory=list)
    outlet_kinds: list[Figure] = field(default_factory=list)
    hours: dict[str, list[int]] = field(default_factory=dict)  # tone → 24 counts, Almaty hours
    negative: list[Line] = field(default_factory=list)
    stories: list[Line] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.total == 0

    @property
    def negatives(self) -> int:
        return sum(f.count for f in self.tones if f.code == Tone.NEGATIVE)

    def hour_rows(self) -> list[tuple[str, list[int], int]]:
        """The table behind the chart: (hour, counts by tone in TONES order, total), hours with items only."""
        rows = []
        for hour in range(24):
            counts = [self.hours[tone][hour] for tone in TONES]
            if sum(counts):
                rows.append((f"{hour:02d}:00", counts, sum(counts)))
        return rows

    def chart(self) -> SafeString:
        series = [charts.Series(key=tone, label=str(tone.label), **TONE_SERIES[tone]) for tone in TONES]
        return charts.stacked_bars(
            ident=f"digest-{self.unit.pk}-{self.day.isoformat()}",
            title=_("Mentions by hour and tone"),
            description=_("Items per hour of the day, Almaty time, stacked by tone."),
            categories=[f"{hour:02d}" for hour in range(24)],
            series=series,
            values={tone: self.hours[tone] for tone in TONES},
            label_every=3,
        )


def unit_items(unit: Unit, day: datetime.date) -> QuerySet[Clipping]:
    """The clippings published in the Almaty day that mention one of the unit's watch entries, each once."""
    start, end = day_bounds(day)
    mentioned = Mention.objects.filter(clipping=OuterRef("pk"), watch__unit=unit)
    return Clipping.objects.filter(Exists(mentioned), published_at__gte=start, published_at__lt=end)


def _counted(items: QuerySet[Clipping], field_name: str) -> dict[str | None, int]:
    return dict(items.order_by().values_list(field_name).annotate(n=Count("pk")).values_list(field_name, "n"))


def assemble(unit: Unit, day: datetime.date) -> DayDigest:
    items = unit_items(unit, day)
    digest = DayDigest(unit=unit, day=day, hours={tone: [0] * 24 for tone in TONES})
    by_hour = (
        items.order_by()
        .annotate(hour=ExtractHour("published_at", tzinfo=timezone.get_default_timezone()))
        .values_list("hour", "tone")
        .annotate(n=Count("pk"))
    )
    for hour, tone, count in by_hour:
        digest.hours.setdefault(tone, [0] * 24)[hour] += count
    digest.total = sum(sum(counts) for counts in digest.hours.values())
    digest.tones = [Figure(tone, tone.label, sum(digest.hours[tone])) for tone in TONES]
    languages = _counted(items, "language")
    digest.languages = [Figure(code, label, languages.get(code, 0)) for code, label in Language.choices]
    kinds = _counted(items, "outlet__kind")
    digest.outlet_kinds = [Figure(code, str(label), kinds[code]) for code, label in OutletKind.choices if code in kinds]
    if None in kinds:
        digest.outlet_kinds.append(Figure("", gettext_lazy("Outlet not known"), kinds[None]))
    digest.negative = _negative(items)
    digest.stories = _stories(items)
    digest.releases = releases(unit, day)
    return digest


def _negative(items: QuerySet[Clipping]) -> list[Line]:
    """Negative items, one line per story (its earliest negative item of the day), most reprinted and widest first."""
    rows = (
        items.filter(tone=Tone.NEGATIVE)
        .select_related("outlet", "story__material")
        .prefetch_related("outlet__translations", "story__material__translations")
        .order_by("published_at", "pk")
    )
    lines: dict[object, Line] = {}
    for clipping in rows:
        key = clipping.story_id or f"clipping-{clipping.pk}"
        line = lines.get(key)
        if line is None:
            lines[key] = Line(
                title=clipping.title,
                url=clipping.url,
                outlet=clipping.outlet,
                published_at=clipping.published_at,
                items=1,
                reach=clipping.reach,
                summary=clipping.summary,
                material=clipping.story.material if clipping.story else None,
            )
        else:
            line.items += 1
            line.reach = max(line.reach or 0, clipping.reach or 0) or None
    return sorted(lines.values(), key=lambda line: (-line.items, -(line.reach or 0), line.published_at))


def _stories(items: QuerySet[Clipping]) -> list[Line]:
    """The day's largest stories (two items or more), each with the earliest outlet that had it."""
    counts = list(
        items.exclude(story=None)
        .order_by()
        .values_list("story")
        .annotate(n=Count("pk"), first_at=Min("published_at"))
        .filter(n__gte=2)
        .order_by("-n", "first_at", "story")
        .values_list("story", "n")[:TOP_STORIES]
    )
    stories = Story.objects.select_related("first__outlet", "material").prefetch_related(
        "first__outlet__translations", "material__translations"
    )
    by_id = {story.pk: story for story in stories.filter(pk__in=[pk for pk, _n in counts])}
    lines = []
    for story_id, count in counts:
        story = by_id[story_id]
        first = story.first
        lines.append(
            Line(
                title=story.title,
                url=first.url if first else "",
                outlet=first.outlet if first else None,
                published_at=first.published_at if first else story.created_at,
                items=count,
                reach=first.reach if first else None,
                material=story.material,
            )
        )
    return lines


def releases(unit: Unit, day: datetime.date) -> list[Release]:
    """The pickup of the unit's materials that went public in the day (as counted now)."""
    start, end = day_bounds(day)
    materials = list(
        Material.objects.public(end)
        .with_public_time()
        .filter(unit=unit, shown_at__gte=start, shown_at__lt=end)
        .prefetch_related("translations")
        .order_by("shown_at", "pk")
    )
    figures = pickup.pickups(materials)
    return [
        Release(
            material=material,
            public_at=material.public_at,
            clippings=figures[material.pk].clippings,
            outlets=figures[material.pk].outlets,
            reach=figures[material.pk].reach,
            time_to_first=figures[material.pk].time_to_first,
        )
        for material in materials
    ]


# Sending


def recipients(unit: Unit) -> list[User]:
    """The unit's head and whoever holds ``monitoring.digest`` there; heads first."""
    head_ids = Membership.objects.active().filter(unit=unit, role=Role.HEAD).values("user")
    heads = list(User.objects.filter(pk__in=head_ids, is_active=True).order_by("full_name"))
    others = [person for person in holders(ACTION, unit) if person not in heads]
    return heads + others


def due(now: datetime.datetime | None = None) -> list[tuple[int, datetime.date]]:
    """(unit id, day) of every digest that should have gone by ``now`` and has not, oldest day first.

    The last day due is yesterday once the digest hour has come, else the day before;
    the days missed before it are caught up to ``CATCH_UP_DAYS`` back, but never a day
    before the unit watched anything.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    last = local.date() - datetime.timedelta(days=1 if local.hour >= digest_hour() else 2)
    first = last - datetime.timedelta(days=CATCH_UP_DAYS - 1)
    watching = Watch.objects.filter(active=True).order_by().values_list("unit").annotate(since=Min("created_at"))
    sent = set(Digest.objects.filter(day__gte=first, sent_at__isnull=False).values_list("unit_id", "day"))
    out = []
    for unit_id, since in watching:
        day = max(first, timezone.localtime(since).date())
        while day <= last:
            if (unit_id, day) not in sent:
                out.append((unit_id, day))
            day += datetime.timedelta(days=1)
    return sorted(out, key=lambda pair: (pair[1], pair[0]))


def deliver(unit: Unit, day: datetime.date, *, now: datetime.datetime | None = None) -> bool:
    """Make, keep and send the unit's digest of the day, unless another run has it; True when this run sent it.

    When no letter could be sent (the mail server is down) the claim is given back
    and the next run tries again.
    """
    from pressdesk.monitoring import digest_pdf, mail

    row, _created = Digest.objects.get_or_create(unit=unit, day=day)
    if Digest.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=now or timezone.now()) != 1:
        return False
    try:
        figures = assemble(unit, day)
        people = recipients(unit)
        pdfs: dict[str, bytes] = {}

        def pdf(language: str) -> bytes:
            if language not in pdfs:
                pdfs[language] = digest_pdf.render(figures, language)
            return pdfs[language]

        kept_language = mail.language_of(people[0]) if people else settings.LANGUAGE_CODE
        name = digest_pdf.filename(figures)
        row.pdf.save(name, ContentFile(pdf(kept_language)), save=False)
        Digest.objects.filter(pk=row.pk).update(pdf=row.pdf.name)
        sent = mail.digest(figures, people, pdf, name)
    except Exception:
        Digest.objects.filter(pk=row.pk).update(sent_at=None)
        raise
    if people and not sent:
        Digest.objects.filter(pk=row.pk).update(sent_at=None)
        return False
    return True
