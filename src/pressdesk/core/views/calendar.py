"""The working-day calendar page: a year of exceptions to the week, kept by the press secretary."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import calendar_services, workdays
from pressdesk.core.models import CalendarDay, DayKind
from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.core.signin import client_ip

FIRST_YEAR, LAST_YEAR = 2000, 2100


class CalendarDayForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What the day is"),
        choices=DayKind.choices,
        help_text=gettext_lazy(
            "A public holiday; a weekday made a day off (a holiday moved from the weekend, or a transfer); "
            "a Saturday or Sunday made a working day by a transfer."
        ),
    )
    name = forms.CharField(
        label=gettext_lazy("Name of the day"),
        max_length=CalendarDay._meta.get_field("name").max_length,
        required=False,
        help_text=gettext_lazy("For example «Наурыз мейрамы» or «Жұмыс күні (демалыс 3 қаңтарға ауыстырылды)»."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the change"),
        max_length=500,
        help_text=gettext_lazy(
            "The law or government decree, with its number and date. It is kept in the audit trail."
        ),
        widget=forms.TextInput(),
    )


@staff_view("core.view_dashboard")
def calendar_year(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """Every staff member may read the calendar deadlines are counted with; only its keepers change it."""
    today = timezone.localdate()
    year = today.year if year is None else year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(
            _("The calendar covers the years %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    can_manage = has_perm(request.user, "core.manage_calendar")
    form = None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Your roles do not allow changing the working-day calendar."))
        form = CalendarDayForm(request.POST)
        if form.is_valid() and _apply(request, form):
            return redirect(reverse("core:calendar_year", args=[form.cleaned_data["date"].year]))
        status = 400
    elif can_manage:
        form = CalendarDayForm(initial=_initial(request, year))
    rows = workdays.year_exceptions(year)
    months = [
        {"first": datetime.date(year, month, 1), "days": [row for row in rows if row.date.month == month]}
        for month in range(1, 13)
    ]
    return render(
        request,
        "core/calendar.html",
        {"year": year, "months": months, "empty": not rows, "form": form, "can_manage": can_manage},
        status=status,
    )


def _initial(request: HttpRequest, year: int) -> dict:
    """Pre-fill the form with a day from the list (``?day=2026-03-24``), or with nothing."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return {}
    row = CalendarDay.objects.filter(date=day).first()
    return {"date": day} if row is None else {"date": day, "kind": row.kind, "name": row.name}


def _apply(request: HttpRequest, form: CalendarDayForm) -> bool:
    data = form.cleaned_data
    common = {"actor": request.user, "day": data["date"], "reason": data["reason"], "ip": client_ip(request)}
    try:
        if request.POST.get("op") == "clear":
            calendar_services.calendar_day_clear(**common)
            messages.success(request, _("%(date)s follows the ordinary week again.") % {"date": data["date"]})
        else:
            calendar_services.calendar_day_set(kind=data["kind"], name=data["name"], **common)
            messages.success(request, _("The calendar is saved: deadlines are counted with it from now on."))
    except DomainError as exc:
        form.add_error(None, str(exc))
        return False
    return True
