"""Watchlist pages: the entries by kind, adding and changing one with its test on recent items, retiring one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError
from pressdesk.monitoring import selectors, services
from pressdesk.monitoring.access import access_watch, watch_units
from pressdesk.monitoring.forms import WatchForm
from pressdesk.monitoring.models import Watch, WatchKind
from pressdesk.monitoring.registry import VIEW, WATCH

PREVIEW, SAVE = "preview", "save"


@staff_view(VIEW)
def watch_list(request: HttpRequest) -> HttpResponse:
    watches = list(selectors.watchlist(request.user))
    groups = [(label, [w for w in watches if w.kind == kind]) for kind, label in WatchKind.choices]
    keeps = {unit.pk for unit in watch_units(request.user)}
    for watch in watches:
        watch.can_edit = watch.unit_id in keeps
    return render(
        request,
        "monitoring/watchlist.html",
        {"groups": groups, "count": len(watches), "can_add": bool(keeps)},
    )


def _form_page(request: HttpRequest, watch: Watch | None) -> HttpResponse:
    units = watch_units(request.user)
    initial = WatchForm.initial_for(watch) if watch else None
    form = WatchForm(request.POST or None, initial=initial, units=units, editing=watch is not None)
    preview = None
    if request.method == "POST" and form.is_valid():
        entry = form.entry()
        try:
            if request.POST.get("action") == PREVIEW:
                draft = services.draft_entry(**{k: v for k, v in entry.items() if k != "label"})
                preview = selectors.preview(draft, form.cleaned_data["days"] or 7)
            elif watch is None:
                watch = services.watch_create(actor=request.user, unit=form.cleaned_data["unit"], **entry)
                messages.success(request, _("The entry is watched from now on."))
                return redirect("monitoring:watchlist")
            else:
                services.watch_change(actor=request.user, watch=watch, **entry)
                messages.success(request, _("The entry is changed; new items are matched with it."))
                return redirect("monitoring:watchlist")
        except DomainError as error:
            form.add_error(None, str(error))
    return render(request, "monitoring/watch_form.html", {"form": form, "watch": watch, "preview": preview})


@staff_view(WATCH)
def watch_new(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@staff_view(WATCH)
def watch_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, access_watch(request.user, pk, WATCH))


@staff_view(WATCH)
@require_POST
def watch_active(request: HttpRequest, pk: int) -> HttpResponse:
    watch = access_watch(request.user, pk, WATCH)
    active = request.POST.get("active") == "1"
    try:
        services.watch_set_active(actor=request.user, watch=watch, active=active)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        done = _("“%(label)s” is watched again.") if active else _("“%(label)s” is retired: its mentions stay.")
        messages.success(request, done % {"label": watch.label})
    return redirect("monitoring:watchlist")
