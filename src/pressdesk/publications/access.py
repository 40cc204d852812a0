"""Who sees which material on the staff side: the pages and the API share these two."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from pressdesk.core.models import User
from pressdesk.core.permissions import UnitForbidden, has_perm, units_for
from pressdesk.publications.models import Material


def in_sight(user: User) -> QuerySet[Material]:
    return Material.objects.filter(unit__in=units_for(user, "publications.view"))


def access_material(user: User, pk: int, action: str = "publications.view") -> Material:
    """The material if the user sees it (else 404) and may take ``action`` in its unit (else 403)."""
    material = in_sight(user).select_related("unit", "author", "spokesperson", "approved_by").filter(pk=pk).first()
    if material is None:
        raise Http404(_("There is no such material."))
    if action != "publications.view" and not has_perm(user, action, material.unit):
        raise UnitForbidden(_("Your role in this unit does not allow this."))
    return material
