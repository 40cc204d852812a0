"""Changes to the working-day calendar. Each one is audited and refreshes the deadline counting."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit, workdays
from pressdesk.core.models import CalendarDay, DayKind, User
from pressdesk.core.services import DomainError

audit.register_labels({"core.calendar.changed": gettext_lazy("working-day calendar changed")})

NAME_LENGTH = CalendarDay._meta.get_field("name").max_length


def _state(row: CalendarDay | None) -> dict | None:
    return None if row is None else {"date": row.date, "kind": row.kind, "name": row.name}


def _check(day: datetime.date, kind: str, name: str) -> None:
    if kind not in DayKind.values:
        raise DomainError(_("Choose what kind of day this is."))
    weekend = day.weekday() >= 5
    if kind == DayKind.WORKING_DAY and not weekend:
        raise DomainError(
            _("%(date)s is a weekday and so a working day already: only a Saturday or Sunday can be made one.")
            % {"date": day.isoformat()}
        )
    if kind == DayKind.DAY_OFF and weekend:
        raise DomainError(
            _("%(date)s is a Saturday or Sunday and so a day off already: a day off moved here is always a weekday.")
            % {"date": day.isoformat()}
        )
    if kind == DayKind.HOLIDAY and not name:
        raise DomainError(_("Give the name of the holiday, as it is in the law."))
    if len(name) > NAME_LENGTH:
        raise DomainError(_("The name is too long: at most %(limit)d characters.") % {"limit": NAME_LENGTH})


def _changed() -> None:
    # This process counts with the new calendar at once; after the commit again, in case a
    # deadline was counted inside the transaction before it ended.
    workdays.forget()
    transaction.on_commit(workdays.forget)


@transaction.atomic
def calendar_day_set(
    *,
    actor: User | None,
    day: datetime.date,
    kind: str,
    name: str,
    reason: str = "",
    ip: str | None = None,
) -> CalendarDay:
    """Make ``day`` a holiday, a moved day off or a worked weekend day (or change how it is recorded)."""
    name = (name or "").strip()
    _check(day, kind, name)
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    before = _state(row)
    if row is not None and row.kind == kind and row.name == name:
        return row
    if row is None:
        row = CalendarDay(date=day)
    row.kind, row.name, row.changed_by, row.changed_at = kind, name, actor, timezone.now()
    row.save()
    audit.record(
        actor=actor,
        action="core.calendar.changed",
        target=row,
        before=before,
        after=_state(row),
        note=reason,
        ip=ip,
    )
    _changed()
    return row


@transaction.atomic
def calendar_day_clear(*, actor: User | None, day: datetime.date, reason: str = "", ip: str | None = None) -> None:
    """Remove the exception on ``day``: it follows the Monday–Friday week again."""
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    if row is None:
        raise DomainError(_("%(date)s has no exception to remove.") % {"date": day.isoformat()})
    audit.record(
        actor=actor, action="core.calendar.changed", target=row, before=_state(row), after=None, note=reason, ip=ip
    )
    row.delete()
    _changed()
