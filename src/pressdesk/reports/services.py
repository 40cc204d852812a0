"""Writes with a rule on scheduled reports: create, change, stop and start again — each audited.

A report goes only to people who may read the unit's report (``reports.view``
there), in at least one format. A new schedule (or one started again, or moved
to another frequency) sends its first report at the next period's end, not a
back-fill of periods already past.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import holders
from pressdesk.core.services import DomainError
from pressdesk.reports import delivery
from pressdesk.reports.models import Frequency, Schedule
from pressdesk.reports.registry import VIEW


def _snapshot(schedule: Schedule) -> dict:
    return {
        "frequency": schedule.frequency,
        "recipients": sorted(person.full_name for person in schedule.recipients.all()),
        "send_pdf": schedule.send_pdf,
        "send_xlsx": schedule.send_xlsx,
        "active": schedule.active,
    }


def _check(unit: Unit, frequency: str, recipients: list[User], send_pdf: bool, send_xlsx: bool) -> None:
    if frequency not in Frequency.values:
        raise DomainError(_("Choose how often the report goes."))
    if not (send_pdf or send_xlsx):
        raise DomainError(_("Choose at least one file to attach: PDF or XLSX."))
    if not recipients:
        raise DomainError(_("Choose at least one person to receive the report."))
    allowed = set(holders(VIEW, unit).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in recipients):
        raise DomainError(_("A report goes only to people who may read this unit's report."))


@transaction.atomic
def schedule_create(
    *, actor: User, unit: Unit, frequency: str, recipients: Iterable[User], send_pdf: bool, send_xlsx: bool
) -> Schedule:
    recipients = list(recipients)
    _check(unit, frequency, recipients, send_pdf, send_xlsx)
    schedule = Schedule.objects.create(
        unit=unit,
        frequency=frequency,
        send_pdf=send_pdf,
        send_xlsx=send_xlsx,
        created_by=actor,
        last_period=delivery.due_period(frequency)[0],
    )
    schedule.recipients.set(recipients)
    audit.record(actor=actor, action="reports.schedule.created", target=schedule, unit=unit, after=_snapshot(schedule))
    return schedule


@transaction.atomic
def schedule_change(
    *, actor: User, schedule: Schedule, frequency: str, recipients: Iterable[User], send_pdf: bool, send_xlsx: bool
) -> Schedule:
    schedule = Schedule.objects.select_for_update().get(pk=schedule.pk)
    recipients = list(recipients)
    _check(schedule.unit, frequency, recipients, send_pdf, send_xlsx)
    before = _snapshot(schedule)
    if frequency != schedule.frequency:
        schedule.last_period = delivery.due_period(frequency)[0]
    schedule.frequency, schedule.send_pdf, schedule.send_xlsx = frequency, send_pdf, send_xlsx
    schedule.save(update_fields=["frequency", "send_pdf", "send_xlsx", "last_period"])
    schedule.recipients.set(recipients)
    after = _snapshot(schedule)
    if after != before:
        audit.record(
            actor=actor,
            action="reports.schedule.changed",
            target=schedule,
            unit=schedule.unit,
            before=before,
            after=after,
        )
    return schedule


@transaction.atomic
def schedule_set_active(*, actor: User, schedule: Schedule, active: bool) -> Schedule:
    schedule = Schedule.objects.select_for_update().get(pk=schedule.pk)
    if schedule.active == active:
        return schedule
    before = _snapshot(schedule)
    schedule.active = active
    fields = ["active"]
    if active:
        schedule.last_period = delivery.due_period(schedule.frequency)[0]
        fields.append("last_period")
    schedule.save(update_fields=fields)
    action = "reports.schedule.activated" if active else "reports.schedule.deactivated"
    audit.record(
        actor=actor, action=action, target=schedule, unit=schedule.unit, before=before, after=_snapshot(schedule)
    )
    return schedule
