"""Staff pages of issued accreditations: one pass with its history and changes, and the register with its export."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pressdesk.accreditation import changes, exporting
from pressdesk.accreditation.forms import GroundForm, NoteForm, RegisterFilter, show_refusal
from pressdesk.accreditation.models import Accreditation, AccreditationStatus
from pressdesk.accreditation.selectors_staff import VIEW, access_pass, register, register_events, register_outlets
from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import tabular

REVIEW, REVOKE = "accreditation.review", "accreditation.revoke"


@dataclass(frozen=True)
class PassChange:
    """One change a pass page offers: its service, form, the action it needs and the states it starts from."""

    service: object
    action: str
    grounds: bool
    starts_from: tuple[str, ...]
    button: str
    done: str

    def form(self, data=None, key: str = "") -> forms.Form:
        if self.grounds:
            return GroundForm(data, prefix=key)
        return NoteForm(data, prefix=key)


ACTIVE, SUSPENDED = AccreditationStatus.ACTIVE, AccreditationStatus.SUSPENDED
CHANGES = {
    "suspend": PassChange(
        changes.accreditation_suspend,
        REVIEW,
        True,
        (ACTIVE,),
        gettext_lazy("Suspend"),
        gettext_lazy("The accreditation is suspended; the holder is told."),
    ),
    "resume": PassChange(
        changes.accreditation_resume,
        REVIEW,
        False,
        (SUSPENDED,),
        gettext_lazy("Resume"),
        gettext_lazy("The accreditation is valid again; the holder is told."),
    ),
    "reissue": PassChange(
        changes.accreditation_reissue,
        REVIEW,
        False,
        (ACTIVE,),
        gettext_lazy("Issue a new pass"),
        gettext_lazy("A new pass is issued and sent to the holder; the old one is refused at the door."),
    ),
    "revoke": PassChange(
        changes.accreditation_revoke,
        REVOKE,
        True,
        (ACTIVE, SUSPENDED),
        gettext_lazy("Revoke"),
        gettext_lazy("The accreditation is revoked; the holder is told."),
    ),
}
CHANGE_TITLES = {
    "suspend": gettext_lazy("Suspend the accreditation"),
    "resume": gettext_lazy("Resume the accreditation"),
    "reissue": gettext_lazy("Issue a new pass"),
    "revoke": gettext_lazy("Revoke the accreditation"),
}


def _pass_page(request: HttpRequest, accreditation: Accreditation, *, bound: dict | None = None) -> HttpResponse:
    bound = bound or {}
    offered = [
        {"key": key, "title": CHANGE_TITLES[key], "change": change, "form": bound.get(key) or change.form(key=key)}
        for key, change in CHANGES.items()
        if accreditation.status in change.starts_from and has_perm(request.user, change.action, accreditation.unit)
    ]
    history = accreditation.history.select_related("ground", "actor").prefetch_related("ground__translations")
    context = {
        "pass": accreditation,
        "application": accreditation.application,
        "history": list(history),
        "offered": offered,
        "valid_today": accreditation.is_valid_on(timezone.localdate()),
    }
    return render(request, "accreditation/pass.html", context, status=400 if bound else 200)


@staff_view(VIEW)
def pass_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _pass_page(request, access_pass(request.user, pk))


@staff_view(VIEW)
@require_POST
def pass_change(request: HttpRequest, pk: int, change: str) -> HttpResponse:
    """Suspend, resume, re-issue or revoke: the action each needs is checked in the pass's unit."""
    step = CHANGES.get(change)
    if step is None:
        raise Http404
    accreditation = access_pass(request.user, pk, step.action)
    form = step.form(request.POST, key=change)
    if form.is_valid():
        try:
            step.service(actor=request.user, accreditation=accreditation, **form.cleaned_data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, str(step.done))
            return redirect("accreditation:pass", accreditation.pk)
    return _pass_page(request, accreditation, bound={change: form})


# The register -----------------------------------------------------------------------------------------------------


def _register_filter(request: HttpRequest, data) -> RegisterFilter:
    # With no filter at all the register opens on the valid accreditations; "Any status" shows every one.
    data = data or {"status": AccreditationStatus.ACTIVE}
    return RegisterFilter(data, outlets=register_outlets(request.user), events=register_events(request.user))


@staff_view(VIEW)
def register_list(request: HttpRequest) -> HttpResponse:
    form = _register_filter(request, request.GET)
    criteria = form.criteria()
    page = Paginator(register(request.user, criteria), 50).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page"])
    return render(
        request,
        "accreditation/register.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "export_query": query or urlencode({"status": AccreditationStatus.ACTIVE}),
            "today": timezone.localdate(),
        },
    )


@staff_view(VIEW)
def register_export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", tabular.CSV)
    if fmt not in (tabular.CSV, tabular.XLSX):
        raise Http404
    data = request.GET.copy()
    data.pop("format", None)
    passes = register(request.user, _register_filter(request, data).criteria())
    name = f"accreditation-register-{timezone.localdate().isoformat()}.{fmt}"
    return tabular.download(
        fmt, exporting.header(), exporting.rows(passes), title=_("Accredited journalists"), filename=name
    )
