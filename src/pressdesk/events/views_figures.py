"""The events figures (on screen, as CSV or XLSX) and the page of one event afterwards."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core.permissions import has_perm, staff_view, units_for
from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.directory import tabular
from pressdesk.events import stats
from pressdesk.events.access import in_sight as visible
from pressdesk.events.forms_figures import FiguresForm
from pressdesk.publications.models import Material

VIEW = "events.view"


def _figures(request: HttpRequest) -> tuple[FiguresForm, stats.Figures | None]:
    form = FiguresForm(request.GET or None, units=units_for(request.user, VIEW), today=timezone.localdate())
    if form.is_bound and not form.is_valid():
        return form, None
    return form, stats.figures(visible(request.user), **form.filters())


@staff_view(VIEW)
def figures(request: HttpRequest) -> HttpResponse:
    form, result = _figures(request)
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "events/figures/figures.html", {"form": form, "figures": result, "query": query.urlencode()})


def _header() -> list[str]:
    return [_("Section"), _("Name"), _("Held"), _("Planned"), _("Cancelled"), _("Total")]


def _rows(result: stats.Figures):
    """The figures as one table: the events by type, month and unit, then speakers, questions and journalists."""
    groups = (
        (_("By type"), result.by_kind, lambda group: group.label),
        (_("By month"), result.by_month, lambda group: ldate(group.key, "LLLL y")),
        (_("By unit"), result.by_unit, lambda group: group.label),
    )
    for section, rows, label in groups:
        for group in rows:
            yield [section, label(group), group.held, group.planned, group.cancelled, group.total]
    yield [_("All events"), "", result.total.held, result.total.planned, result.total.cancelled, result.total.total]
    for label, number in (
        (_("Speakers"), result.speakers),
        (_("Appearances of speakers"), result.appearances),
        (_("Questions received"), result.questions_received),
        (_("Questions received in advance"), result.questions_in_advance),
        (_("Questions asked"), result.questions_asked),
        (_("Questions answered"), result.questions_answered),
        (_("Journalists registered"), result.registered),
        (_("Journalists present"), result.present),
    ):
        yield [_("At events held"), label, number, "", "", ""]
    for row in result.top_speakers:
        yield [_("Top speakers"), row.name, row.appearances, "", "", ""]


@staff_view(VIEW)
def figures_export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", tabular.CSV)
    if fmt not in (tabular.CSV, tabular.XLSX):
        raise Http404
    form, result = _figures(request)
    if result is None:
        return figures(request)
    name = f"events-{result.since.isoformat()}-{result.until.isoformat()}.{fmt}"
    return tabular.download(fmt, _header(), _rows(result), title=_("Events"), filename=name)


@staff_view(VIEW)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        visible(request.user).select_related("unit", "venue").prefetch_related("translations", "venue__translations"),
        pk=pk,
    )
    result = stats.event_report(event, Material.objects.public())
    for material in result.materials:
        material.staff_may_read = has_perm(request.user, "publications.view", material.unit)
    return render(request, "events/figures/report.html", {"event": event, "report": result})
