"""The press secretary's page for the lists of reasons (refusals) and grounds (suspension, revocation)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.accreditation import lists
from pressdesk.accreditation.forms import NamesForm, NewEntryForm
from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError

MANAGE = lists.MANAGE


def _list(kind: str):
    if kind not in lists.LISTS:
        raise Http404
    return lists.LISTS[kind]


def _entry(kind: str, pk: int):
    model = _list(kind)[0]
    entry = model.objects.prefetch_related("translations").filter(pk=pk).first()
    if entry is None:
        raise Http404(_("There is no such entry."))
    return entry


def _lists_page(request: HttpRequest, bound: dict | None = None) -> HttpResponse:
    bound = bound or {}
    sections = [
        {
            "kind": kind,
            "title": title,
            "entries": list(model.objects.prefetch_related("translations")),
            "form": bound.get(kind) or NewEntryForm(prefix=kind),
        }
        for kind, (model, _names, title) in lists.LISTS.items()
    ]
    return render(request, "accreditation/lists.html", {"sections": sections}, status=400 if bound else 200)


@staff_view(MANAGE)
def list_page(request: HttpRequest) -> HttpResponse:
    return _lists_page(request)


@staff_view(MANAGE)
@require_POST
def list_add(request: HttpRequest, kind: str) -> HttpResponse:
    _list(kind)
    form = NewEntryForm(request.POST, prefix=kind)
    if form.is_valid():
        try:
            entry = lists.coded_entry_add(
                actor=request.user,
                kind=kind,
                code=form.cleaned_data["code"],
                names=form.names(),
                needs_text=form.cleaned_data["needs_text"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("“%(name)s” is added to the list.") % {"name": entry.name})
            return redirect("accreditation:lists")
    return _lists_page(request, {kind: form})


@staff_view(MANAGE)
def list_entry(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = _entry(kind, pk)
    form = NamesForm(request.POST or None, initial=NamesForm.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        try:
            entry = lists.coded_entry_change(
                actor=request.user,
                kind=kind,
                entry=entry,
                names=form.names(),
                needs_text=form.cleaned_data["needs_text"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": entry.name})
            return redirect("accreditation:lists")
    context = {"entry": entry, "kind": kind, "title": _list(kind)[2], "form": form}
    return render(request, "accreditation/list_entry.html", context, status=400 if form.errors else 200)


@staff_view(MANAGE)
@require_POST
def list_retire(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = _entry(kind, pk)
    in_use = request.POST.get("in_use") == "1"
    try:
        entry = lists.coded_entry_retire(actor=request.user, kind=kind, entry=entry, in_use=in_use)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        done = _("“%(name)s” is in use again.") if in_use else _("“%(name)s” is retired: past decisions keep it.")
        messages.success(request, done % {"name": entry.name})
    return redirect("accreditation:lists")
