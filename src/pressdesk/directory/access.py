"""Who sees and changes which directory records.

The directory is shared down the tree: a record kept by the city akimat is
seen by every department and district below it, and a record kept by a
district by the centre above it (the centre's roles reach the subtree).
Changes are made where the user holds the action over the keeping unit.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import SUBTREE_ROLES, UnitForbidden, get_action, has_perm, memberships


def _ancestor_paths(path: str) -> list[str]:
    return [path[: i + 7] for i in range(0, len(path), 7)]


def visible_q(user: User, action: str = "directory.view", field: str = "unit") -> Q:
    """Records whose keeping unit the user reaches for ``action``, or one above such a unit."""
    allowed = get_action(action).roles
    condition = Q(pk__in=[])
    for membership in memberships(user):
        if membership.role not in allowed:
            continue
        path = membership.unit.path
        if membership.role in SUBTREE_ROLES:
            condition |= Q(**{f"{field}__path__startswith": path})
        else:
            condition |= Q(**{field: membership.unit_id})
        condition |= Q(**{f"{field}__path__in": _ancestor_paths(path)})
    return condition


def visible(user: User, queryset: QuerySet, action: str = "directory.view") -> QuerySet:
    return queryset.filter(visible_q(user, action))


def access(user: User, queryset: QuerySet, pk: int | str, action: str = "directory.view") -> Model:
    """Fetch one record the user may see, then check ``action`` over its keeping unit.

    404 when there is no such record or it is out of sight; 403 when it is
    seen but the user may not do ``action`` to it.
    """
    try:
        obj = visible(user, queryset, "directory.view").get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(_("There is no such record in your directory.")) from None
    if action != "directory.view" and not has_perm(user, action, obj.unit):
        raise UnitForbidden(_("This record is kept by another unit: you have no role there that allows this."))
    return obj


def editable_units(user: User, action: str = "directory.edit") -> QuerySet[Unit]:
    from pressdesk.core.permissions import units_for

    return units_for(user, action).with_names().order_by("path")
