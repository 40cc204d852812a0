"""The inquiries report: the clock kept by unit and by expert over any period, on screen and as CSV or XLSX."""

from __future__ import annotations

import datetime

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core.permissions import staff_view
from pressdesk.directory import tabular
from pressdesk.inquiries import stats
from pressdesk.inquiries.views import in_sight


class PeriodForm(forms.Form):
    since = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The period ends before it begins."))
        return data


def this_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today.replace(day=1), today


def _period(request: HttpRequest) -> tuple[PeriodForm, stats.Report | None]:
    today = timezone.localdate()
    since, until = this_month(today)
    form = PeriodForm(request.GET or None, initial={"since": since, "until": until})
    if form.is_bound:
        if not form.is_valid():
            return form, None
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    return form, stats.report(in_sight(request.user), since, until, today)


@staff_view("inquiries.view")
def inquiry_report(request: HttpRequest) -> HttpResponse:
    form, report = _period(request)
    return render(request, "inquiries/report.html", {"form": form, "report": report, "query": request.GET.urlencode()})


def _header() -> list[str]:
    return [
        _("Unit or expert"),
        _("Received"),
        _("Open"),
        _("Due within two working days"),
        _("Overdue"),
        _("Answered or refused"),
        _("On time"),
        _("On time, %"),
    ]


def _rows(report: stats.Report):
    for kind, rows in ((_("Unit"), report.by_unit), (_("Expert"), report.by_expert)):
        for row in rows:
            share = "" if row.on_time_share is None else f"{row.on_time_share * 100:.0f}"
            yield [
                f"{kind}: {row.label}",
                row.received,
                row.open,
                row.due_soon,
                row.overdue,
                row.closed,
                row.on_time,
                share,
            ]


@staff_view("inquiries.view")
def inquiry_report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form, report = _period(request)
    if report is None:
        return inquiry_report(request)
    name = f"inquiries-{report.since.isoformat()}-{report.until.isoformat()}.{fmt}"
    return tabular.download(fmt, _header(), _rows(report), title=_("Media inquiries"), filename=name)
