"""Background work of accreditation: thin shells that load by id, claim, and call the mailer or the service.

A letter is claimed before it goes (``notified_at`` set by a conditional
update), so a task run twice sends nothing twice; a letter the server refused
(or that failed on the way) is unclaimed for the next run.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from pressdesk.accreditation import changes, mail
from pressdesk.accreditation.models import Application, ApplicationStatus, HistoryEntry


def _claimed(model, pk: int, **still) -> bool:
    return model.objects.filter(pk=pk, notified_at__isnull=True, **still).update(notified_at=timezone.now()) == 1


def _unclaimed_unless_sent(model, pk: int, send) -> bool:
    """Send; if the letter did not go (refused, or an error on the way), give the claim back for the next run."""
    sent = False
    try:
        sent = send()
    finally:
        if not sent:
            model.objects.filter(pk=pk).update(notified_at=None)
    return sent


@task()
def send_rejection(application_id: int) -> bool:
    if not _claimed(Application, application_id, status=ApplicationStatus.REJECTED):
        return False
    application = Application.objects.select_related("journalist", "account", "reason").get(pk=application_id)
    return _unclaimed_unless_sent(Application, application_id, lambda: mail.rejection(application))


@task()
def send_pass_letter(entry_id: int) -> bool:
    """The holder's letter about one change; a pass re-issued again meanwhile goes with the later letter only."""
    entry = (
        HistoryEntry.objects.select_related(
            "accreditation__application__account", "accreditation__journalist", "accreditation__outlet", "ground"
        )
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or not _claimed(HistoryEntry, entry_id):
        return False
    if entry.change in mail.WITH_PASS and entry.serial != entry.accreditation.serial:
        return False
    return _unclaimed_unless_sent(HistoryEntry, entry_id, lambda: mail.change(entry))


@task()
def expire_due(period_start: str) -> int:
    """Daily: passes past their last day become expired (their holders are told)."""
    return changes.expire_due()
