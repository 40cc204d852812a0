"""The analytics page and the same report as PDF and XLSX: parse the filter, build the report, show it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from pressdesk.core.permissions import has_perm, staff_view, units_for
from pressdesk.reports import pdf, report, tables, xlsx
from pressdesk.reports.forms import ReportForm
from pressdesk.reports.registry import SCHEDULE, VIEW


def _report(request: HttpRequest) -> tuple[ReportForm, report.Report | None]:
    visible = units_for(request.user, VIEW)
    form = ReportForm(request.GET or None, units=visible, today=timezone.localdate())
    if form.is_bound and not form.is_valid():
        return form, None
    unit = form.unit_chosen()
    return form, report.build(unit, form.period_chosen(), visible=visible)


def _page(request: HttpRequest, form: ReportForm, found: report.Report | None) -> HttpResponse:
    query = request.GET.urlencode()
    context = {
        "form": form,
        "report": found,
        "sections": tables.sections(found) if found else [],
        "query": query,
        "may_schedule": has_perm(request.user, SCHEDULE),
    }
    return render(request, "reports/analytics.html", context, status=200 if found else 400)


@staff_view(VIEW)
def analytics(request: HttpRequest) -> HttpResponse:
    form, found = _report(request)
    return _page(request, form, found)


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(VIEW)
def report_pdf(request: HttpRequest) -> HttpResponse:
    form, found = _report(request)
    if found is None:
        return _page(request, form, found)
    content = pdf.render(found, translation.get_language())
    return _attachment(content, "application/pdf", report.filename(found, "pdf"))


@staff_view(VIEW)
def report_xlsx(request: HttpRequest) -> HttpResponse:
    form, found = _report(request)
    if found is None:
        return _page(request, form, found)
    content = xlsx.workbook(found, translation.get_language())
    return _attachment(content, xlsx.CONTENT_TYPE, report.filename(found, "xlsx"))
