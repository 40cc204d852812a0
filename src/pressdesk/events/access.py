"""Who sees which event on the staff side: every events page uses these two."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from pressdesk.core.models import User
from pressdesk.core.permissions import UnitForbidden, has_perm, units_for
from pressdesk.events.models import Event

VIEW = "events.view"


def in_sight(user: User) -> QuerySet[Event]:
    return Event.objects.filter(unit__in=units_for(user, VIEW))


def access_event(user: User, pk: int, action: str = VIEW) -> Event:
    """The event if the user sees its unit's events (else 404) and may take ``action`` there (else 403)."""
    event = (
        in_sight(user)
        .select_related("unit", "venue", "created_by")
        .prefetch_related("translations", "venue__translations", "speakers__user", "unit__translations")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404(_("There is no such event."))
    if action != VIEW and not has_perm(user, action, event.unit):
        raise UnitForbidden(_("Your role in this unit does not allow this."))
    return event
