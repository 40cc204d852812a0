"""Who sees which plan item: the items of the units where the user sees the plan (the centre sees the units below)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core.models import User
from pressdesk.core.permissions import UnitForbidden, has_perm, units_for
from pressdesk.planning.models import PlanItem
from pressdesk.planning.plan_fact import with_fact
from pressdesk.planning.registry import PLAN_VIEW


def in_sight(user: User) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(unit__in=units_for(user, PLAN_VIEW))


def access_item(user: User, pk: int, action: str = PLAN_VIEW) -> PlanItem:
    """The item (with its fact) if the user sees its unit's plan (else 404) and may take ``action`` there (else 403)."""
    item = (
        with_fact(in_sight(user), timezone.localdate())
        .select_related("unit", "owner", "campaign", "topic", "event", "material", "created_by")
        .prefetch_related("unit__translations", "event__translations", "material__translations", "topic__translations")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404(_("There is no such plan item."))
    if action != PLAN_VIEW and not has_perm(user, action, item.unit):
        raise UnitForbidden(_("Your role in this unit does not allow this."))
    return item
