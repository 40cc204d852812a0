"""What the staff pages of accreditation read: who sees which application and pass, the queue, the register.

Staff see the applications and passes of the units where they hold
``accreditation.view`` (the centre's roles reach the subtree); anything else
is "not found". A page that acts fetches through ``access_application`` or
``access_pass`` with the action it needs, so a unit's secretary of another
district gets 403 on a pass that is in sight but not theirs to change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.accreditation.models import OPEN_STATUSES, Accreditation, Application
from pressdesk.core import search
from pressdesk.core.models import User
from pressdesk.core.permissions import UnitForbidden, has_perm, units_for
from pressdesk.directory import indexing
from pressdesk.directory.models import Outlet
from pressdesk.events.models import Event

VIEW = "accreditation.view"


def applications_in_sight(user: User) -> QuerySet[Application]:
    return Application.objects.filter(unit__in=units_for(user, VIEW))


def passes_in_sight(user: User) -> QuerySet[Accreditation]:
    return Accreditation.objects.filter(unit__in=units_for(user, VIEW))


def _checked(user: User, obj, action: str):
    if action != VIEW and not has_perm(user, action, obj.unit):
        raise UnitForbidden(_("Your roles do not allow this in the unit that accredits."))
    return obj


def access_application(user: User, pk: int, action: str = VIEW) -> Application:
    """The application if the user sees its unit's applications (else 404) and may take ``action`` (else 403)."""
    application = (
        applications_in_sight(user)
        .for_lists()
        .select_related("account", "reviewer", "decided_by")
        .prefetch_related("journalist__positions__outlet__translations")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404(_("There is no such application."))
    return _checked(user, application, action)


def access_pass(user: User, pk: int, action: str = VIEW) -> Accreditation:
    accreditation = (
        passes_in_sight(user).for_lists().select_related("application", "application__account").filter(pk=pk).first()
    )
    if accreditation is None:
        raise Http404(_("There is no such accreditation."))
    return _checked(user, accreditation, action)


# The review queue -------------------------------------------------------------------------------------------------

QUEUE_VIEWS = ("open", "decided", "all")


def review_queue(user: User, view: str) -> QuerySet[Application]:
    """Open applications by their review deadline (the most overdue first); decided ones, the latest first."""
    applications = applications_in_sight(user).for_lists()
    if view == "open":
        return applications.open().order_by("review_due", "submitted_at", "pk")
    if view == "decided":
        return applications.exclude(status__in=OPEN_STATUSES).order_by("-decided_at", "-pk")
    open_first = Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField())
    return applications.order_by(open_first, "review_due", "-submitted_at", "-pk")


@dataclass(frozen=True)
class QueueCounts:
    open: int
    overdue: int
    due_today: int


def queue_counts(user: User, today: datetime.date | None = None) -> QueueCounts:
    """How many open applications the user's units have, and how many are overdue or due today: one query."""
    today = today or timezone.localdate()
    counts = (
        applications_in_sight(user)
        .open()
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(review_due__lt=today)),
            due_today=Count("pk", filter=Q(review_due=today)),
        )
    )
    return QueueCounts(**counts)


# The register -----------------------------------------------------------------------------------------------------


def register(user: User, criteria: dict) -> QuerySet[Accreditation]:
    """Passes in sight that meet the register's filter (already cleaned by ``RegisterFilter``)."""
    passes = passes_in_sight(user)
    if criteria.get("status"):
        passes = passes.filter(status=criteria["status"])
    if criteria.get("kind"):
        passes = passes.filter(kind=criteria["kind"])
    if criteria.get("outlet"):
        passes = passes.filter(outlet=criteria["outlet"])
    if criteria.get("event"):
        passes = passes.filter(event=criteria["event"])
    if criteria.get("valid_on"):
        day = criteria["valid_on"]
        passes = passes.filter(valid_from__lte=day, valid_until__gte=day)
    if criteria.get("q"):
        # The directory's name index: every Kazakh script and spelling of a name finds the same person.
        terms = indexing.query_terms(criteria["q"])
        passes = passes.filter(journalist__in=search.matching(indexing.JOURNALIST, terms)) if terms else passes.none()
    return passes.for_lists().order_by("journalist__full_name", "-valid_until", "pk")


def register_outlets(user: User) -> QuerySet[Outlet]:
    """The outlets that hold a pass the user sees: the register's outlet filter."""
    return Outlet.objects.filter(pk__in=passes_in_sight(user).values("outlet")).with_names().order_by("pk")


def register_events(user: User) -> QuerySet[Event]:
    """The events with passes the user sees, the latest first: the register's event filter."""
    return (
        Event.objects.filter(pk__in=passes_in_sight(user).exclude(event=None).values("event"))
        .prefetch_related("translations")
        .order_by("-starts_at")
    )


def journalist_passes(journalist_id: int) -> QuerySet[Accreditation]:
    """A journalist's passes and open applications, for the block on the directory's page."""
    return Accreditation.objects.filter(journalist_id=journalist_id).for_lists().order_by("-valid_until", "-pk")


def journalist_open_applications(journalist_id: int) -> QuerySet[Application]:
    return Application.objects.open().filter(journalist_id=journalist_id).for_lists().order_by("review_due")
