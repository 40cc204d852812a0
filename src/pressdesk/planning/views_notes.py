"""Pages of advice notes: the list, writing and changing, evidence from monitoring, giving to the head, the decision.

Every page reaches a note through ``access_note``: a note the user may not read
is "not found", whatever the address.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import has_perm, staff_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.core.submissions import once
from pressdesk.monitoring import search
from pressdesk.monitoring.models import Clipping
from pressdesk.planning import documents, notes
from pressdesk.planning.analysis_reading import Coverage
from pressdesk.planning.forms_notes import AttachForm, DecisionForm, EvidenceSearchForm, NoteForm
from pressdesk.planning.models import AdviceNote
from pressdesk.planning.notes_access import access_note, in_sight, may_decide, may_edit
from pressdesk.planning.registry import NOTES_READ, NOTES_WRITE, PLAN_VIEW

FOUND_SHOWN = 20


@staff_view(PLAN_VIEW)
def note_list(request: HttpRequest) -> HttpResponse:
    if not (has_perm(request.user, NOTES_READ) or has_perm(request.user, NOTES_WRITE)):
        raise PermissionDenied(_("Your roles do not allow advice notes."))
    rows = in_sight(request.user).select_related("unit", "author").prefetch_related("unit__translations")
    return render(
        request,
        "planning/notes/list.html",
        {"notes": list(rows), "can_write": has_perm(request.user, NOTES_WRITE)},
    )


@staff_view(NOTES_WRITE)
def note_new(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user, NOTES_WRITE)
    form = NoteForm(request.POST or None, units=units, initial={"unit": units.order_by("path").first()})
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            note = notes.note_write(actor=request.user, unit=form.cleaned_data["unit"], text=form.text())
            return reverse("planning:note", args=[note.pk])

        done = _("The note is saved as a draft. Add evidence, then give it to the head.")
        try:
            return redirect(once(request, write, done=done))
        except DomainError as error:
            form.add_error(None, str(error))
    return render(request, "planning/notes/form.html", {"form": form, "note": None})


@staff_view(PLAN_VIEW)
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = access_note(request.user, pk)
    if not may_edit(request.user, note):
        messages.error(request, _("This note can no longer be changed, or not by you."))
        return redirect("planning:note", note.pk)
    initial = {
        name: getattr(note, name) for name in ("title", "issue", "expected_reaction", "recommended_line", "risks")
    }
    form = NoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            notes.note_change(actor=request.user, note=note, text=form.text())
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The note is saved."))
            return redirect("planning:note", note.pk)
    return render(request, "planning/notes/form.html", {"form": form, "note": note})


def _note_page(request: HttpRequest, note: AdviceNote, *, status: int = 200, **forms) -> HttpResponse:
    editable = may_edit(request.user, note)
    search_form = forms.get("search_form") or EvidenceSearchForm(
        request.GET if "evidence-since" in request.GET else None, today=timezone.localdate()
    )
    found = None
    if editable and search_form.is_bound and search_form.is_valid():
        data = search_form.cleaned_data
        criteria = search.Criteria(q=data["q"], since=data["since"], until=data["until"])
        rows = search.find(Clipping.objects.all(), criteria).select_related("outlet")
        found = search.highlighted(list(rows.prefetch_related("outlet__translations")[:FOUND_SHOWN]), data["q"])
    context = {
        "note": note,
        "evidence": list(note.clippings.select_related("outlet").prefetch_related("outlet__translations")),
        "coverage": Coverage(note.figures, f"note-{note.pk}-tone") if note.figures else None,
        "editable": editable,
        "may_decide": may_decide(request.user, note),
        "search_form": search_form,
        "figures_form": search_form.hidden_copy(),
        "found": found,
        "attach_form": forms.get("attach_form"),
        "decision_form": forms.get("decision_form") or DecisionForm(),
    }
    return render(request, "planning/notes/detail.html", context, status=status)


@staff_view(PLAN_VIEW)
def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _note_page(request, access_note(request.user, pk))


def _back_to_search(note: AdviceNote, search_form: EvidenceSearchForm) -> str:
    """The note's address with the search the user came from, so its results stay on the page after attaching."""
    address = reverse("planning:note", args=[note.pk])
    if not search_form.is_valid():
        return address
    data = search_form.cleaned_data
    query = {"evidence-q": data["q"], "evidence-since": data["since"], "evidence-until": data["until"]}
    return f"{address}?{urlencode(query)}#find-title"


def _done(request: HttpRequest, note: AdviceNote, step, message: str, *, to: str = "", **kwargs) -> HttpResponse | None:
    """Run one service step; on success a message and back to the note (or ``to``), else None with the error shown."""
    try:
        step(actor=request.user, note=note, **kwargs)
    except DomainError as error:
        messages.error(request, str(error))
        return None
    messages.success(request, message)
    return redirect(to or reverse("planning:note", args=[note.pk]))


@staff_view(PLAN_VIEW)
@require_POST
def note_attach(request: HttpRequest, pk: int) -> HttpResponse:
    note = access_note(request.user, pk)
    form = AttachForm(request.POST)
    if form.is_valid():
        clippings = list(form.cleaned_data["clippings"])
        back = _back_to_search(note, EvidenceSearchForm(request.POST, today=timezone.localdate()))
        message = _("The evidence is added.")
        if done := _done(request, note, notes.note_add_evidence, message, to=back, clippings=clippings):
            return done
        return redirect(back)
    return _note_page(request, note, status=400, attach_form=form)


@staff_view(PLAN_VIEW)
@require_POST
def note_detach(request: HttpRequest, pk: int, clipping_id: int) -> HttpResponse:
    note = access_note(request.user, pk)
    _done(request, note, notes.note_remove_evidence, _("The clipping is taken off the note."), clipping_id=clipping_id)
    return redirect("planning:note", note.pk)


@staff_view(PLAN_VIEW)
@require_POST
def note_figures(request: HttpRequest, pk: int) -> HttpResponse:
    note = access_note(request.user, pk)
    form = EvidenceSearchForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _note_page(request, note, status=400, search_form=form)
    data = form.cleaned_data
    message = _("The figures of this search are kept with the note.")
    step = notes.note_take_figures
    if done := _done(request, note, step, message, query=data["q"], first=data["since"], last=data["until"]):
        return done
    return redirect("planning:note", note.pk)


@staff_view(PLAN_VIEW)
@require_POST
def note_give(request: HttpRequest, pk: int) -> HttpResponse:
    note = access_note(request.user, pk)
    _done(request, note, notes.note_give, _("The note is given to the head, who is told by email."))
    return redirect("planning:note", note.pk)


@staff_view(PLAN_VIEW)
@require_POST
def note_decide(request: HttpRequest, pk: int) -> HttpResponse:
    note = access_note(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        if done := _done(request, note, notes.note_decide, _("The decision is recorded."), decision=decision):
            return done
        return redirect("planning:note", note.pk)
    return _note_page(request, note, status=400, decision_form=form)


@staff_view(PLAN_VIEW)
def note_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    note = access_note(request.user, pk)
    return documents.pdf_response(documents.note_pdf(note, request.LANGUAGE_CODE), documents.note_filename(note))
