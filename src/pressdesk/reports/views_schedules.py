"""Reports by email: the list of schedules, a new one for a unit, changing one, stopping and starting it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import staff_view, unit_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.reports import delivery, services
from pressdesk.reports.forms_schedules import ScheduleForm
from pressdesk.reports.models import Schedule
from pressdesk.reports.registry import SCHEDULE


def access_schedule(user: User, pk: int) -> Schedule:
    """A schedule of a unit where the user keeps schedules, else 404."""
    schedule = (
        Schedule.objects.filter(unit__in=units_for(user, SCHEDULE))
        .select_related("unit")
        .prefetch_related("unit__translations")
        .filter(pk=pk)
        .first()
    )
    if schedule is None:
        raise Http404(_("There is no such scheduled report."))
    return schedule


@staff_view(SCHEDULE)
def schedules(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user, SCHEDULE).prefetch_related("translations").order_by("path")
    if request.GET.get("unit"):
        unit = units.filter(pk=request.GET["unit"]).first() if request.GET["unit"].isdigit() else None
        if unit is not None:
            return redirect("reports:schedule_new", unit_id=unit.pk)
        messages.error(request, _("Choose one of your units."))
    rows = list(
        Schedule.objects.filter(unit__in=units)
        .select_related("unit")
        .prefetch_related("unit__translations", "recipients", "deliveries")
    )
    for schedule in rows:
        schedule.next_day = delivery.next_sending(schedule) if schedule.active else None
        schedule.last_delivery = next(iter(schedule.deliveries.all()), None)
    return render(request, "reports/schedules.html", {"schedules": rows, "units": units})


def _save(request: HttpRequest, form: ScheduleForm, write) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        write(**form.values())
    except DomainError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, _("The scheduled report is saved."))
    return redirect("reports:schedules")


@unit_view(SCHEDULE)
def schedule_new(request: HttpRequest, unit: Unit) -> HttpResponse:
    form = ScheduleForm(request.POST if request.method == "POST" else None, unit=unit)

    def write(**values):
        return services.schedule_create(actor=request.user, unit=unit, **values)

    done = _save(request, form, write)
    return done or render(request, "reports/schedule_form.html", {"form": form, "unit": unit, "schedule": None})


@staff_view(SCHEDULE)
def schedule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = access_schedule(request.user, pk)
    form = ScheduleForm(request.POST if request.method == "POST" else None, unit=schedule.unit, schedule=schedule)

    def write(**values):
        return services.schedule_change(actor=request.user, schedule=schedule, **values)

    done = _save(request, form, write)
    context = {"form": form, "unit": schedule.unit, "schedule": schedule}
    return done or render(request, "reports/schedule_form.html", context)


@require_POST
@staff_view(SCHEDULE)
def schedule_active(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = access_schedule(request.user, pk)
    active = request.POST.get("active") == "1"
    services.schedule_set_active(actor=request.user, schedule=schedule, active=active)
    if active:
        messages.success(request, _("The scheduled report goes again."))
    else:
        messages.success(request, _("The scheduled report is stopped: nobody receives it until it is started again."))
    return redirect("reports:schedules")
