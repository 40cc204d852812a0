"""Materials under embargo, for the journalists they were sent to: readable before their time, never public.

A journalist sees a material here while it is scheduled and its embargo runs,
when their directory record (the one linked to their portal account) is among
its recipients. Everyone else, signed in or not, gets "not found". The pages
are never stored by any cache.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from pressdesk.core.models import User
from pressdesk.directory.models import Journalist
from pressdesk.portal.views import journalist_view
from pressdesk.publications.models import Material, Status
from pressdesk.publications.models.materials import INTERNAL_KINDS


def embargoed_for(user: User) -> QuerySet[Material]:
    """Materials still under embargo that were shared with this journalist, soonest first."""
    records = Journalist.objects.present().filter(account=user)
    return (
        Material.objects.filter(
            status=Status.SCHEDULED, embargo_until__gt=timezone.now(), embargo_recipients__in=records
        )
        .exclude(kind__in=INTERNAL_KINDS)
        .distinct()
        .prefetch_related("translations")
        .order_by("embargo_until", "pk")
    )


@never_cache
@journalist_view
def embargoed_list(request: HttpRequest) -> HttpResponse:
    return render(request, "newsroom/embargoed_list.html", {"materials": embargoed_for(request.user)})


@never_cache
@journalist_view
def embargoed_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = embargoed_for(request.user).filter(pk=pk).first()
    if material is None:
        raise Http404(_("There is no such material under embargo for you."))
    return render(
        request,
        "newsroom/embargoed_detail.html",
        {"material": material, "version": material.translated(request.LANGUAGE_CODE)},
    )
