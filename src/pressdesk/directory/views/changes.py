"""Changes in the media (the press secretary's feed) and the duplicates to merge."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pressdesk.core.audit_display import with_readable_changes
from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import access, selectors, services
from pressdesk.directory.models import Journalist


@staff_view("directory.view")
def changes(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.media_changes(request.user), 50).get_page(request.GET.get("page"))
    with_readable_changes(page.object_list)
    stale = selectors.stale_contacts(request.user)
    return render(
        request,
        "directory/changes.html",
        {"page": page, "stale": stale[:50], "stale_count": stale.count()},
    )


@staff_view("directory.edit")
def duplicates(request: HttpRequest) -> HttpResponse:
    pairs = selectors.duplicate_pairs(request.user)
    return render(request, "directory/duplicates.html", {"pairs": pairs})


@staff_view("directory.edit")
def merge(request: HttpRequest) -> HttpResponse:
    """Confirm and merge two records: ``keep`` survives, ``other`` points to it."""
    source = request.POST if request.method == "POST" else request.GET
    keep = access.access(request.user, Journalist.objects.present(), source.get("keep"), "directory.edit")
    other = access.access(request.user, Journalist.objects.present(), source.get("other"), "directory.edit")
    if request.method == "POST":
        try:
            services.journalist_merge(actor=request.user, keep=keep, other=other)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The records are merged. Both histories are kept."))
            return redirect("directory:journalist", keep.pk)
    return render(request, "directory/merge.html", {"keep": keep, "other": other})
