"""Alerts: a negative or high-reach mention of a watched organisation or official, told at once.

**When** (``consider``; ``consider_stored`` for the clippings the pipeline stores
together, in the transaction that stores them and their mentions): the clipping is
negative, or its outlet's reach is at least ``MONITORING_ALERT_REACH``; it mentions
an active watch entry of kind organisation or official (topics too when
``MONITORING_ALERT_TOPICS`` is on); and it was published within
``MONITORING_ALERT_MAX_AGE_HOURS`` — a backfill of old items or a new source's
archive never floods anyone. One alert per unit and clipping (the model's
constraint), and one per unit and story a day (an Almaty day): the twelfth reprint
of a story alerted this morning alerts no one. The alert names the unit's watch
entry it is about (organisations before officials before topics).

Units are locked (``SELECT … FOR UPDATE``, in id order) while their alerts are
decided, so two workers storing two reprints at once make one alert, and the
order of a unit's alerts in an hour is the order of their ids.

**Who and how**: the holders of ``monitoring.alerts`` in the watch's unit, by
email (``tasks_alerts.send_alert``, enqueued once the clipping commits) and on
the dashboard card (``cards``) until someone marks them seen.

**Rate limit** (decided here): a unit gets at most ``MONITORING_ALERT_LETTERS_PER_HOUR``
alert letters per clock hour — the first alerts of the hour, by id. Each alert
beyond that waits, unsent, and is listed in one summary letter per unit once the
hour is over (``tasks_alerts.send_alert_summaries``, hourly); the dashboard shows
it at once like any other. A letter that could not be sent is unclaimed and goes
with the next summary. Every letter is claimed first (``sent_at`` set by a
conditional UPDATE), so no alert is ever mailed twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import units_for
from pressdesk.monitoring.models import Alert, AlertReason, Clipping, Mention, Tone, WatchKind

DEFAULT_REACH = 100_000
DEFAULT_LETTERS_PER_HOUR = 10
DEFAULT_MAX_AGE_HOURS = 48
KIND_ORDER = {WatchKind.ORGANISATION: 0, WatchKind.OFFICIAL: 1, WatchKind.TOPIC: 2}
ACTION = "monitoring.alerts"


def reach_threshold() -> int:
    return getattr(settings, "MONITORING_ALERT_REACH", DEFAULT_REACH)


def letters_per_hour() -> int:
    return getattr(settings, "MONITORING_ALERT_LETTERS_PER_HOUR", DEFAULT_LETTERS_PER_HOUR)


def max_age() -> datetime.timedelta:
    return datetime.timedelta(hours=getattr(settings, "MONITORING_ALERT_MAX_AGE_HOURS", DEFAULT_MAX_AGE_HOURS))


def alerting_kinds() -> list[str]:
    kinds = [WatchKind.ORGANISATION, WatchKind.OFFICIAL]
    if getattr(settings, "MONITORING_ALERT_TOPICS", False):
        kinds.append(WatchKind.TOPIC)
    return kinds


def reason_for(clipping: Clipping) -> str | None:
    """Why the clipping would alert (negative first), or None."""
    if clipping.tone == Tone.NEGATIVE:
        return AlertReason.NEGATIVE
    if clipping.reach is not None and clipping.reach >= reach_threshold():
        return AlertReason.REACH
    return None


def local_day_start(moment: datetime.datetime) -> datetime.datetime:
    """Midnight in Almaty of the day ``moment`` falls in."""
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def hour_bounds(moment: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.localtime(moment).replace(minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(hours=1)


def consider(clipping: Clipping, *, now: datetime.datetime | None = None) -> list[Alert]:
    """Make the alerts a stored clipping calls for (none, or one per unit whose watch it mentions); returns them.

    Safe to call again for the same clipping (after a tone correction, say): what was
    alerted stays alerted once.
    """
    return consider_stored([clipping], now=now, new=False)


def consider_stored(
    clippings: Iterable[Clipping], *, now: datetime.datetime | None = None, new: bool = True
) -> list[Alert]:
    """``consider`` for clippings stored together, in their order, with a few queries however many they are.

    ``new``: no alert can name them yet (the pipeline has just stored them), so none is looked for.
    """
    now = now or timezone.now()
    calling = {c.pk: c for c in clippings if reason_for(c) is not None and c.published_at >= now - max_age()}
    if not calling:
        return []
    chosen: dict[int, dict[int, int]] = {}  # clipping → unit → the watch the alert names
    mentions = Mention.objects.filter(clipping__in=list(calling), watch__active=True, watch__kind__in=alerting_kinds())
    rows = mentions.values_list("clipping_id", "watch_id", "watch__unit_id", "watch__kind")
    for clipping_id, watch_id, unit_id, _kind in sorted(rows, key=lambda row: (KIND_ORDER.get(row[3], 9), row[1])):
        chosen.setdefault(clipping_id, {}).setdefault(unit_id, watch_id)
    if not chosen:
        return []
    units = sorted({unit_id for by_unit in chosen.values() for unit_id in by_unit})
    made = []
    with transaction.atomic():
        # The units' locks order their alerts; on SQLite the database's one writer does the same (and FOR UPDATE is not).
        if connections[router.db_for_write(Unit)].features.has_select_for_update:
            list(Unit.objects.select_for_update().filter(pk__in=units).order_by("pk").values_list("pk", flat=True))
        mine = Alert.objects.filter(unit_id__in=units)
        stories = {c.story_id for pk, c in calling.items() if pk in chosen and c.story_id}
        today = set(  # (unit, story): a unit hears of a story once a day
            mine.filter(clipping__story_id__in=stories, created_at__gte=local_day_start(now)).values_list(
                "unit_id", "clipping__story_id"
            )
        )
        ever = set() if new else set(mine.filter(clipping__in=list(chosen)).values_list("unit_id", "clipping_id"))
        for pk, clipping in calling.items():
            for unit_id, watch_id in sorted(chosen.get(pk, {}).items()):
                if (unit_id, pk) in ever or (clipping.story_id and (unit_id, clipping.story_id) in today):
                    continue
                today.add((unit_id, clipping.story_id))
                made.append(
                    Alert(
                        unit_id=unit_id,
                        clipping=clipping,
                        watch_id=watch_id,
                        reason=reason_for(clipping),
                        created_at=now,
                    )
                )
        Alert.objects.bulk_create(made)
        for alert in made:
            transaction.on_commit(lambda pk=alert.pk: _enqueue(pk))
    return made


def _enqueue(alert_id: int) -> None:
    from pressdesk.monitoring.tasks_alerts import send_alert

    send_alert.enqueue(alert_id=alert_id)


# Letters


def within_hourly_letters(alert: Alert) -> bool:
    """Is the alert among the first ``letters_per_hour()`` of its unit in its clock hour?"""
    start, end = hour_bounds(alert.created_at)
    earlier = Alert.objects.filter(unit_id=alert.unit_id, created_at__gte=start, created_at__lt=end, pk__lt=alert.pk)
    return earlier.count() < letters_per_hour()


def claim(alert_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Take the alert's letter for sending; False when another run has it or it went already."""
    return Alert.objects.filter(pk=alert_id, sent_at__isnull=True).update(sent_at=now or timezone.now()) == 1


def unclaim(alert_ids: Iterable[int]) -> None:
    """The letter did not go: the next summary takes it."""
    Alert.objects.filter(pk__in=list(alert_ids)).update(sent_at=None)


def unsent_before(moment: datetime.datetime) -> dict[int, list[Alert]]:
    """Alerts made before ``moment`` and not mailed, by unit id, oldest first (what the summaries send)."""
    waiting: dict[int, list[Alert]] = {}
    rows = (
        Alert.objects.filter(sent_at__isnull=True, created_at__lt=moment)
        .select_related("unit", "clipping__outlet", "watch")
        .prefetch_related("unit__translations", "clipping__outlet__translations")
        .order_by("created_at", "pk")
    )
    for alert in rows:
        waiting.setdefault(alert.unit_id, []).append(alert)
    return waiting


def loaded(alert_id: int) -> Alert | None:
    return (
        Alert.objects.select_related("unit", "clipping__outlet", "watch")
        .prefetch_related("unit__translations", "clipping__outlet__translations")
        .filter(pk=alert_id)
        .first()
    )


# The dashboard


def for_user(user: User):
    """The alerts of the units where ``user`` receives them."""
    return Alert.objects.filter(unit__in=units_for(user, ACTION))


def mark_seen(*, actor: User, alert_ids: Iterable[int] | None = None, now: datetime.datetime | None = None) -> int:
    """Mark the user's unseen alerts (or those of ``alert_ids`` among them) seen; returns how many.

    Seen is shared by the unit: once one press secretary has looked, the card of the
    others stops counting the alert as new.
    """
    unseen = for_user(actor).filter(seen_at__isnull=True)
    if alert_ids is not None:
        unseen = unseen.filter(pk__in=list(alert_ids))
    return unseen.update(seen_at=now or timezone.now())
