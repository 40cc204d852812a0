"""Staff pages of the work around an event: questions, press-centre duties with the run sheet, logistics."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.models import User
from pressdesk.core.permissions import UnitForbidden, has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import access as directory_access
from pressdesk.directory.models import Journalist
from pressdesk.events import logistics, questions, run_sheet, staffing
from pressdesk.events.access import access_event
from pressdesk.events.forms_work import AnswerForm, ArrangementForm, DutyForm, EntryForm, RejectForm
from pressdesk.events.models import Arrangement, Duty, EventStatus, Question, QuestionStatus
from pressdesk.events.services import NeedsConfirmation

VIEW, PLAN = "events.view", "events.plan"


def _form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["Cache-Control"] = "private, no-store"
    return response


# --- questions -----------------------------------------------------------------------------------------


@staff_view(VIEW)
def question_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    may_plan = has_perm(request.user, PLAN, event.unit)
    form = EntryForm(request.POST or None, event=event)
    if request.method == "POST":
        if not may_plan:
            raise UnitForbidden(_("Your roles do not allow this in the event's unit."))
        if form.is_valid():
            try:
                questions.enter(actor=request.user, event=event, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The question is entered as asked."))
                return redirect("events:questions", event.pk)
    rows = list(
        Question.objects.filter(event=event)
        .select_related("journalist", "answered_by__user")
        .order_by("created_at", "pk")
    )
    groups = [(status, label, [q for q in rows if q.status == status]) for status, label in QuestionStatus.choices]
    context = {
        "event": event,
        "counts": questions.counts(event),
        "groups": groups,
        "may_plan": may_plan,
        "started": event.status != EventStatus.CANCELLED and event.starts_at <= timezone.now(),
        "entry_form": form,
        "speakers": list(event.speakers.select_related("user")),
    }
    return render(request, "events/work/questions.html", context)


def _accept(request: HttpRequest, question: Question) -> str:
    questions.moderate(actor=request.user, question=question, accept=True)
    return _("The question is accepted for the speakers.")


def _reject(request: HttpRequest, question: Question) -> str:
    form = RejectForm(request.POST, prefix=f"q{question.pk}")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    questions.moderate(actor=request.user, question=question, accept=False, reason=reason)
    return _("The question is rejected.")


def _asked(request: HttpRequest, question: Question) -> str:
    questions.mark_asked(actor=request.user, question=question)
    return _("The question is marked asked.")


def _answered(request: HttpRequest, question: Question) -> str:
    form = AnswerForm(request.POST, event=question.event, prefix=f"q{question.pk}")
    speaker = form.cleaned_data["speaker"] if form.is_valid() else None
    questions.mark_answered(actor=request.user, question=question, speaker=speaker)
    return _("The question is marked answered.")


STEPS: dict[str, Callable[[HttpRequest, Question], str]] = {
    "accept": _accept,
    "reject": _reject,
    "asked": _asked,
    "answered": _answered,
}


@require_POST
@staff_view(PLAN)
def question_step(request: HttpRequest, pk: int, question_pk: int, step: str) -> HttpResponse:
    event = access_event(request.user, pk, PLAN)
    question = Question.objects.filter(event=event, pk=question_pk).first()
    if question is None or step not in STEPS:
        raise Http404(_("There is no such question."))
    question.event = event
    try:
        done = STEPS[step](request, question)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(f"{reverse('events:questions', args=[event.pk])}#question-{question.pk}")


# --- duties and the run sheet ---------------------------------------------------------------------------


@staff_view(VIEW)
def duty_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    may_plan = has_perm(request.user, PLAN, event.unit) and event.status == EventStatus.PLANNED
    form = DutyForm(request.POST or None, eligible=staffing.eligible(event))
    warnings: list = []
    if request.method == "POST":
        if not has_perm(request.user, PLAN, event.unit):
            raise UnitForbidden(_("Your roles do not allow this in the event's unit."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                staffing.assign(
                    actor=request.user,
                    event=event,
                    user=data["user"],
                    role=data["role"],
                    note=data["note"],
                    confirmed=data["confirmed"],
                )
            except NeedsConfirmation as warning:
                warnings = warning.clashes
                confirm = request.POST.copy()
                confirm["confirmed"] = "True"
                form = DutyForm(confirm, eligible=staffing.eligible(event))
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The duty is given."))
                return redirect("events:duties", event.pk)
    context = {
        "event": event,
        "groups": staffing.by_role(event),
        "form": form,
        "warnings": warnings,
        "may_plan": may_plan,
    }
    return render(request, "events/work/duties.html", context)


@require_POST
@staff_view(PLAN)
def duty_remove(request: HttpRequest, pk: int, duty_pk: int) -> HttpResponse:
    event = access_event(request.user, pk, PLAN)
    duty = Duty.objects.filter(event=event, pk=duty_pk).first()
    if duty is None:
        raise Http404(_("There is no such duty."))
    try:
        staffing.remove(actor=request.user, duty=duty)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The duty is removed."))
    return redirect("events:duties", event.pk)


@staff_view(VIEW)
def run_sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    return _pdf(run_sheet.render(event, request.LANGUAGE_CODE), run_sheet.filename(event))


# --- logistics ------------------------------------------------------------------------------------------


def _journalists(user: User) -> QuerySet[Journalist]:
    return directory_access.visible(user, Journalist.objects.present()).order_by("full_name", "pk")


def _plan(data: dict) -> logistics.Plan:
    return logistics.Plan(**data)


@staff_view(VIEW)
def arrangement_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    may_plan = has_perm(request.user, PLAN, event.unit) and event.status != EventStatus.CANCELLED
    form = ArrangementForm(request.POST or None, journalists=_journalists(request.user))
    if request.method == "POST":
        if not has_perm(request.user, PLAN, event.unit):
            raise UnitForbidden(_("Your roles do not allow this in the event's unit."))
        if form.is_valid():
            try:
                logistics.add(actor=request.user, event=event, plan=_plan(form.cleaned_data))
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The arrangement is added."))
                return redirect("events:logistics", event.pk)
    context = {
        "event": event,
        "arrangements": event.arrangements.select_related("journalist"),
        "totals": logistics.totals(event),
        "form": form,
        "may_plan": may_plan,
    }
    return render(request, "events/work/logistics.html", context)


def _arrangement(user: User, pk: int, arrangement_pk: int) -> Arrangement:
    event = access_event(user, pk, PLAN)
    arrangement = Arrangement.objects.filter(event=event, pk=arrangement_pk).select_related("journalist").first()
    if arrangement is None:
        raise Http404(_("There is no such arrangement."))
    arrangement.event = event
    return arrangement


@staff_view(PLAN)
def arrangement_edit(request: HttpRequest, pk: int, arrangement_pk: int) -> HttpResponse:
    arrangement = _arrangement(request.user, pk, arrangement_pk)
    journalists = _journalists(request.user) | Journalist.objects.filter(pk=arrangement.journalist_id)
    form = ArrangementForm(request.POST or None, instance=arrangement, journalists=journalists.distinct())
    if request.method == "POST" and form.is_valid():
        try:
            logistics.change(actor=request.user, arrangement=arrangement, plan=_plan(form.cleaned_data))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The arrangement is changed."))
            return redirect("events:logistics", arrangement.event.pk)
    return render(request, "events/work/arrangement.html", {"event": arrangement.event, "form": form})


@require_POST
@staff_view(PLAN)
def arrangement_remove(request: HttpRequest, pk: int, arrangement_pk: int) -> HttpResponse:
    arrangement = _arrangement(request.user, pk, arrangement_pk)
    try:
        logistics.remove(actor=request.user, arrangement=arrangement)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The arrangement is removed."))
    return redirect("events:logistics", arrangement.event.pk)


@staff_view(VIEW)
def logistics_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    return _pdf(run_sheet.render_logistics(event, request.LANGUAGE_CODE), run_sheet.filename(event, "logistics"))
