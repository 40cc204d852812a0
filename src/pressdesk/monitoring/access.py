"""Who sees what in monitoring; every page fetches through these helpers, never by a bare id.

* Clippings, stories and sources are shared by the whole installation: anyone with
  ``monitoring.view`` reads them. Changing a source needs ``monitoring.sources`` over
  the unit that keeps its outlet in the directory.
* Watch entries belong to units: a person sees the entries of the units they reach
  with ``monitoring.view`` (a district its own, the centre the whole tree) and keeps
  those where they hold ``monitoring.watch``. A clipping's matches are shown for the
  entries in sight only.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import UnitForbidden, has_perm, units_for
from pressdesk.directory import access as directory_access
from pressdesk.directory.models import Outlet
from pressdesk.monitoring.models import Clipping, Source, Watch
from pressdesk.monitoring.registry import SOURCES, VIEW, WATCH


def watches_in_sight(user: User) -> QuerySet[Watch]:
    return Watch.objects.filter(unit__in=units_for(user, VIEW))


def watch_units(user: User) -> QuerySet[Unit]:
    """The units whose watchlist the user keeps, highest in the tree first."""
    return units_for(user, WATCH).with_names().order_by("path")


def access_watch(user: User, pk: int, action: str = VIEW) -> Watch:
    """The entry if its unit is in sight (else 404) and the user may take ``action`` there (else 403)."""
    watch = watches_in_sight(user).select_related("unit").filter(pk=pk).first()
    if watch is None:
        raise Http404(_("There is no such watch entry."))
    if action != VIEW and not has_perm(user, action, watch.unit):
        raise UnitForbidden(_("This watch entry belongs to another unit: your role there does not allow this."))
    return watch


def access_clipping(user: User, pk: int) -> Clipping:
    clipping = (
        Clipping.objects.select_related(
            "outlet", "source__feed", "story__first__outlet", "story__material", "entered_by"
        )
        .prefetch_related("outlet__translations", "story__first__outlet__translations")
        .filter(pk=pk)
        .first()
    )
    if clipping is None:
        raise Http404(_("There is no such clipping."))
    return clipping


def access_source(user: User, pk: int, action: str = VIEW) -> Source:
    source = (
        Source.objects.select_related("feed__outlet__unit").prefetch_related("feed__outlet__translations").filter(pk=pk)
    ).first()
    if source is None:
        raise Http404(_("There is no such source."))
    if action != VIEW and not has_perm(user, action, source.feed.outlet.unit):
        raise UnitForbidden(
            _("The outlet of this source is kept by another unit: your role there does not allow this.")
        )
    return source


def source_outlets(user: User) -> QuerySet[Outlet]:
    """The active outlets whose sources the user may add: kept by a unit where they hold ``monitoring.sources``."""
    return Outlet.objects.active().filter(unit__in=units_for(user, SOURCES)).with_names().order_by("pk")


def entry_outlets(user: User) -> QuerySet[Outlet]:
    """The active outlets an item may be entered for: those of the user's directory."""
    return directory_access.visible(user, Outlet.objects.active()).with_names().order_by("pk")
