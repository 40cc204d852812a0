"""Pages of analyses: the list, making one (of an event, a campaign, a period), the page, its PDF and XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import has_perm, staff_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.core.submissions import once
from pressdesk.directory import tabular
from pressdesk.events.access import in_sight as events_in_sight
from pressdesk.events.models import EventStatus
from pressdesk.planning import analysis, documents
from pressdesk.planning.analysis_reading import read
from pressdesk.planning.forms_analysis import CAMPAIGN, EVENT, PERIOD, ConclusionsForm, MakeForm
from pressdesk.planning.models import AnalysisStatus, PlanItem, PlanKind
from pressdesk.planning.registry import ANALYSE, PLAN_VIEW

CHOICES_SHOWN = 100


@staff_view(PLAN_VIEW)
def analysis_list(request: HttpRequest) -> HttpResponse:
    rows = analysis.in_sight(request.user).select_related("unit").prefetch_related("unit__translations")
    return render(
        request,
        "planning/analysis/list.html",
        {"analyses": list(rows[:200]), "can_make": has_perm(request.user, ANALYSE)},
    )


def _options(request: HttpRequest) -> dict:
    """The events and campaigns offered (the latest, in the units where the user analyses) and those units."""
    units = units_for(request.user, ANALYSE)
    events = (
        events_in_sight(request.user)
        .filter(status=EventStatus.HELD, unit__in=units)
        .prefetch_related("translations")
        .order_by("-starts_at", "-pk")[:CHOICES_SHOWN]
    )
    campaigns = PlanItem.objects.filter(kind=PlanKind.CAMPAIGN, unit__in=units).order_by("-starts_on", "-pk")
    return {"events": list(events), "campaigns": list(campaigns[:CHOICES_SHOWN]), "units": units}


def _forms(request: HttpRequest, options: dict, bound: MakeForm | None = None) -> list[MakeForm]:
    initial = {EVENT: {"event": request.GET.get("event")}, CAMPAIGN: {"campaign": request.GET.get("campaign")}}
    return [
        bound
        if bound is not None and bound.subject == subject
        else MakeForm(subject=subject, initial=initial.get(subject), **options)
        for subject in (EVENT, CAMPAIGN, PERIOD)
    ]


def _subject(request: HttpRequest, form: MakeForm) -> dict:
    """The event or campaign chosen, fetched among those the user sees; a form error when there is none."""
    data = form.cleaned_data
    if form.subject == EVENT:
        event = events_in_sight(request.user).select_related("unit").filter(pk=data["event"]).first()
        if event is None:
            raise DomainError(_("There is no such event among those you see."))
        return {"event": event}
    if form.subject == CAMPAIGN:
        visible = PlanItem.objects.filter(unit__in=units_for(request.user, PLAN_VIEW))
        campaign = visible.select_related("unit").filter(pk=data["campaign"]).first()
        if campaign is None:
            raise DomainError(_("There is no such campaign among those you see."))
        return {"campaign": campaign}
    return {"unit": data["unit"]}


@staff_view(ANALYSE)
def analysis_new(request: HttpRequest) -> HttpResponse:
    bound = None
    options = _options(request)
    if request.method == "POST":
        subject = request.POST.get("subject")
        subject = subject if subject in (EVENT, CAMPAIGN, PERIOD) else PERIOD
        bound = MakeForm(request.POST, subject=subject, **options)
        if bound.is_valid():
            data = bound.cleaned_data

            def make() -> str:
                made = analysis.analysis_make(
                    actor=request.user,
                    first=data["first_day"],
                    last=data["last_day"],
                    title=data["title"],
                    **_subject(request, bound),
                )
                return reverse("planning:analysis", args=[made.pk])

            done = _("The analysis is made: read the figures, then write the conclusions.")
            try:
                return redirect(once(request, make, done=done))
            except DomainError as error:
                bound.add_error(None, str(error))
    status = 400 if bound is not None else 200
    return render(request, "planning/analysis/new.html", {"forms": _forms(request, options, bound)}, status=status)


def _page(request: HttpRequest, pk: int, form: ConclusionsForm | None = None, status: int = 200) -> HttpResponse:
    item = analysis.access_analysis(request.user, pk)
    editable = item.status == AnalysisStatus.DRAFT and has_perm(request.user, ANALYSE, item.unit)
    if form is None and editable:
        form = ConclusionsForm(
            initial={"title": item.title, "conclusions": item.conclusions, "next_time": item.next_time}
        )
    context = {"analysis": item, "r": read(item), "editable": editable, "form": form}
    return render(request, "planning/analysis/detail.html", context, status=status)


@staff_view(PLAN_VIEW)
def analysis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


@staff_view(ANALYSE)
@require_POST
def analysis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = analysis.access_analysis(request.user, pk, ANALYSE)
    form = ConclusionsForm(request.POST)
    if form.is_valid():
        try:
            analysis.analysis_change(actor=request.user, analysis=item, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The conclusions are saved."))
            return redirect("planning:analysis", item.pk)
    return _page(request, pk, form, status=400)


def _step(request: HttpRequest, pk: int, service, message: str) -> HttpResponse:
    item = analysis.access_analysis(request.user, pk, ANALYSE)
    try:
        service(actor=request.user, analysis=item)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect("planning:analysis", item.pk)


@staff_view(ANALYSE)
@require_POST
def analysis_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, analysis.analysis_refresh, _("The figures are assembled again from today's data."))


@staff_view(ANALYSE)
@require_POST
def analysis_final(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, analysis.analysis_finalise, _("The analysis is final."))


@staff_view(PLAN_VIEW)
def analysis_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = analysis.access_analysis(request.user, pk)
    data = documents.analysis_pdf(item, request.LANGUAGE_CODE)
    return documents.pdf_response(data, documents.analysis_filename(item, "pdf"))


@staff_view(PLAN_VIEW)
def analysis_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    item = analysis.access_analysis(request.user, pk)
    rows = documents.xlsx_rows(read(item))
    name = documents.analysis_filename(item, "xlsx")
    return tabular.download(tabular.XLSX, documents.xlsx_header(), rows, title=_("Analysis"), filename=name)
