"""What accreditation does when something upstream changes: an event moves.

The events app knows nothing of accreditation: ``registry`` registers these
handlers with its hook (``events.hooks.on_moved``), and the events service
calls them inside its own transaction, so a move and what follows from it
commit together.

When an event moves to other days, its open applications ask for the new
days (and their review is due by the new day at the latest), and its passes
still in force are dated for the new days and issued again: the serial goes
up, so the card printed for the old date is refused at the door as replaced,
and each holder gets a letter with the new date (and the new pass, while the
accreditation is not suspended). A move within the same days changes nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from pressdesk.accreditation import services
from pressdesk.accreditation.changes import history, record
from pressdesk.accreditation.models import Accreditation, AccreditationStatus, Application, Change
from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.events.models import Event

IN_FORCE = (AccreditationStatus.ACTIVE, AccreditationStatus.SUSPENDED)


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
