"""What accreditation does when something upstream changes: an event moves, a journalist's record is erased.

Neither events nor the directory know accreditation: ``registry`` registers
these handlers with their hooks (``events.hooks.on_moved``,
``directory.hooks.on_erase``), and their services call them inside their own
transactions, so a change and what follows from it commit together.

When an event moves to other days, its open applications ask for the new
days (and their review is due by the new day at the latest), and its passes
still in force are dated for the new days and issued again: the serial goes
up, so the card printed for the old date is refused at the door as replaced,
and each holder gets a letter with the new date (and the new pass, while the
accreditation is not suspended). A move within the same days changes nothing.

When a journalist's record is erased at their request, their open
applications are withdrawn and their passes in force end, revoked on the
ground "erased" (no letter: there is nobody left to write to); the photos and
editor's letters are deleted from storage once the erasure commits, with the
applications' file fields, the original file name and the link to the portal
account. The rows themselves stay — number, kind, outlet, dates, status,
decisions with their coded reasons and notes, history and scans — because the
rules want the record of who was accredited, refused or deprived, and when;
they name nobody once the directory record is anonymised. The audit trail's
copies of the applications' names are rewritten the same way.
"""

from __future__ import annotations

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from pressdesk.accreditation import services
from pressdesk.accreditation.changes import history, record, set_status
from pressdesk.accreditation.models import (
    Accreditation,
    AccreditationStatus,
    Application,
    ApplicationStatus,
    Change,
    DeprivationGround,
)
from pressdesk.core import audit
from pressdesk.core.models import AuditEntry, User
from pressdesk.directory.models import Journalist
from pressdesk.events.models import Event

log = logging.getLogger(__name__)

IN_FORCE = (AccreditationStatus.ACTIVE, AccreditationStatus.SUSPENDED)
ERASED = "erased"  # the deprivation ground of migration 0004
FILE_FIELDS = ("letter", "photo", "photo_small")


def event_moved(*, event: Event, actor: User, old_start: datetime.datetime, old_end: datetime.datetime) -> None:
    start, end = timezone.localdate(event.starts_at), timezone.localdate(event.ends_at)
    if (start, end) == (timezone.localdate(old_start), timezone.localdate(old_end)):
        return
    for application in Application.objects.open().filter(event=event).select_for_update().order_by("pk"):
        fields = ["requested_from", "requested_until", "review_due"]
        before = audit.snapshot(application, fields)
        application.requested_from, application.requested_until = start, end
        application.review_due = services.review_due(application.submitted_at, event)
        application.save(update_fields=fields)
        record(
            actor,
            "accreditation.application.redated",
            application,
            application.unit,
            before=before,
            after=audit.snapshot(application, fields),
        )
    for accreditation in Accreditation.objects.filter(event=event, status__in=IN_FORCE).select_for_update():
        before = audit.snapshot(accreditation, ["valid_from", "valid_until", "serial"])
        accreditation.valid_from, accreditation.valid_until = start, end
        accreditation.serial += 1
        accreditation.changed_at = timezone.now()
        accreditation.save(update_fields=["valid_from", "valid_until", "serial", "changed_at"])
        history(accreditation, Change.MOVED, actor, before=before)


def journalist_erased(*, journalist: Journalist, actor: User) -> None:
    for accreditation in Accreditation.objects.filter(journalist=journalist, status__in=IN_FORCE).select_for_update():
        ground = DeprivationGround.objects.get(code=ERASED)
        before = set_status(accreditation, AccreditationStatus.REVOKED)
        history(accreditation, Change.REVOKED, actor, before=before, ground=ground, notify=False)
    files: list[str] = []
    applications = Application.objects.filter(journalist=journalist).select_for_update().order_by("pk")
    for application in applications:
        if application.is_open:
            services.decide(application, ApplicationStatus.WITHDRAWN, actor, "accreditation.application.withdrawn")
        files += [getattr(application, name).name for name in FILE_FIELDS if getattr(application, name).name]
        for name in FILE_FIELDS:
            setattr(application, name, "")
        application.letter_name, application.account = "", None
        application.save(update_fields=[*FILE_FIELDS, "letter_name", "account"])
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Application), target_id=str(application.pk)
        ).update(target_repr=str(application)[:300])
    transaction.on_commit(lambda: _delete(files))


def _delete(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # the erasure stands; a file left behind is reported for the administrator to remove
            log.exception("accreditation file %s of an erased journalist could not be deleted", name)
