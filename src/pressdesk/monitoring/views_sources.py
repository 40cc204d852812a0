"""Source pages: every source with its health, adding one for an outlet, one source's reads, schedule, pause, resume."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.monitoring import selectors, services, sources
from pressdesk.monitoring.access import access_source, source_outlets
from pressdesk.monitoring.forms import ScheduleForm, SourceForm
from pressdesk.monitoring.models import SourceHealth
from pressdesk.monitoring.registry import SOURCES


@staff_view(SOURCES)
def source_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.source_list()
    failing = sum(1 for row in rows if row.source.health == SourceHealth.FAILING)
    return render(request, "monitoring/sources.html", {"rows": rows, "failing": failing})


@staff_view(SOURCES)
def source_new(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None, outlets=source_outlets(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source = sources.source_add(
                actor=request.user,
                outlet=data["outlet"],
                url=data["url"],
                kind=data["kind"],
                every_minutes=data["every_minutes"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The source is added; it is read within a minute."))
            return redirect("monitoring:source", source.pk)
    return render(request, "monitoring/source_form.html", {"form": form})


def _source_page(request: HttpRequest, source, schedule: ScheduleForm, status: int = 200) -> HttpResponse:
    (health,) = sources.health([source])
    return render(
        request,
        "monitoring/source.html",
        {
            "source": source,
            "health": health,
            "reads": selectors.recent_reads(source),
            "schedule": schedule,
            "can_change": has_perm(request.user, SOURCES, source.feed.outlet.unit),
        },
        status=status,
    )


@staff_view(SOURCES)
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = access_source(request.user, pk)
    return _source_page(request, source, ScheduleForm(initial={"every_minutes": source.every_minutes}))


@staff_view(SOURCES)
@require_POST
def source_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    source = access_source(request.user, pk, SOURCES)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            sources.source_schedule(actor=request.user, source=source, every_minutes=form.cleaned_data["every_minutes"])
        except DomainError as error:
            form.add_error("every_minutes", str(error))
        else:
            messages.success(request, _("The schedule is changed."))
            return redirect("monitoring:source", source.pk)
    return _source_page(request, source, form, status=400)


@staff_view(SOURCES)
@require_POST
def source_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Pause, resume, or read now."""
    source = access_source(request.user, pk, SOURCES)
    step = request.POST.get("step")
    try:
        if step == "pause":
            sources.source_pause(actor=request.user, source=source, note=request.POST.get("note", "")[:500])
            messages.success(request, _("The source is paused: nothing is read from it until it is resumed."))
        elif step == "resume":
            sources.source_resume(actor=request.user, source=source)
            messages.success(request, _("The source is read again, starting now."))
        elif step == "read":
            services.source_read_now(actor=request.user, source=source)
            messages.success(request, _("The source will be read within a minute."))
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("monitoring:source", source.pk)
