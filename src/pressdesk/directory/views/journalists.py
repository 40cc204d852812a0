"""Journalist pages: the searchable list, the record with its history, and the changes to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pressdesk.core.audit_display import with_readable_changes
from pressdesk.core.models import AuditEntry
from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import access, filters, services
from pressdesk.directory.forms import (
    ContactForm,
    EraseForm,
    JournalistFilterForm,
    JournalistForm,
    MoveForm,
    NewJournalistForm,
    ReasonForm,
)
from pressdesk.directory.models import Journalist
from pressdesk.directory.selectors import active_outlets, likely_duplicates_of

PAGE_SIZE = 50


def filtered_journalists(request: HttpRequest) -> tuple[JournalistFilterForm, dict, object]:
    """The list's filter form, the cleaned criteria and the matching journalists in sight."""
    form = JournalistFilterForm(request.GET or None)
    criteria: dict = {}
    if form.is_valid():
        criteria = filters.clean_criteria(form.criteria())
    journalists = filters.apply(access.visible(request.user, Journalist.objects.present()), criteria)
    return form, criteria, journalists


@staff_view("directory.view")
def journalist_list(request: HttpRequest) -> HttpResponse:
    form, criteria, journalists = filtered_journalists(request)
    page = Paginator(journalists.select_related("unit").for_lists().order_by("full_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/journalist_list.html",
        {
            "form": form,
            "page": page,
            "criteria": criteria,
            "query": query.urlencode(),
            "segment_url": reverse("directory:segment_create") + "?" + urlencode(criteria, doseq=True),
            "can_edit": has_perm(request.user, "directory.edit"),
            "can_export": has_perm(request.user, "directory.export"),
        },
    )


def _editable_units(request: HttpRequest):
    return access.editable_units(request.user)


@staff_view("directory.edit")
def journalist_create(request: HttpRequest) -> HttpResponse:
    form = NewJournalistForm(request.POST or None)
    form.set_units(_editable_units(request))
    form.fields["outlet"].queryset = active_outlets(request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            journalist = services.journalist_create(
                actor=request.user,
                unit=data["unit"],
                full_name=data["full_name"],
                name_variants=data["name_variants"],
                languages=data["languages"],
                preferred_language=data["preferred_language"],
                beats=data["beats"],
                consent_basis=data["consent_basis"],
                consent_on=data["consent_on"],
                notes=data["notes"],
                contacts=form.contacts(),
                outlet=data["outlet"],
                title=data["title"],
                since=data["since"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The journalist is in the directory."))
            return redirect("directory:journalist", journalist.pk)
    return render(request, "directory/journalist_form.html", {"form": form, "journalist": None})


def _history(record) -> list[AuditEntry]:
    entries = AuditEntry.objects.for_object(record).select_related("target_type").order_by("-at", "-pk")[:100]
    return with_readable_changes(entries)


@staff_view("directory.view")
def journalist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = access.access(request.user, Journalist.objects.select_related("unit", "trusted_by", "merged_into"), pk)
    positions = journalist.positions.select_related("outlet").prefetch_related("outlet__translations")
    user = request.user
    return render(
        request,
        "directory/journalist_detail.html",
        {
            "journalist": journalist,
            "positions": positions,
            "current": [p for p in positions if p.until is None],
            "contacts": journalist.contacts.all(),
            "beats": journalist.beats.prefetch_related("translations"),
            "history": _history(journalist),
            "duplicates": likely_duplicates_of(request.user, journalist) if not journalist.erased_at else [],
            "can_edit": has_perm(user, "directory.edit", journalist.unit),
            "can_trust": has_perm(user, "directory.trust", journalist.unit),
            "can_erase": has_perm(user, "directory.erase", journalist.unit),
            "contact_form": ContactForm(),
            "add_contact_url": reverse("directory:contact_add", args=[journalist.pk]),
        },
    )


@staff_view("directory.edit")
def journalist_edit(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = access.access(request.user, Journalist.objects.all(), pk, "directory.edit")
    initial = {
        "unit": journalist.unit,
        "full_name": journalist.full_name,
        "name_variants": journalist.name_variants,
        "languages": journalist.language_codes,
        "preferred_language": journalist.preferred_language,
        "beats": list(journalist.beats.all()),
        "consent_basis": journalist.consent_basis,
        "consent_on": journalist.consent_on,
        "notes": journalist.notes,
    }
    form = JournalistForm(request.POST or None, initial=initial)
    form.set_units(access.editable_units(request.user).filter(pk=journalist.unit_id))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.journalist_update(
                actor=request.user,
                journalist=journalist,
                languages=data["languages"],
                beats=data["beats"],
                **{key: data[key] for key in services.JOURNALIST_FIELDS if key != "languages"},
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("directory:journalist", journalist.pk)
    return render(request, "directory/journalist_form.html", {"form": form, "journalist": journalist})


@staff_view("directory.edit")
def journalist_move(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = access.access(request.user, Journalist.objects.all(), pk, "directory.edit")
    form = MoveForm(request.POST or None)
    form.fields["outlet"].queryset = active_outlets(request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.journalist_move(
                actor=request.user, journalist=journalist, outlet=data["outlet"], title=data["title"], on=data["on"]
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The move is recorded."))
            return redirect("directory:journalist", journalist.pk)
    return render(request, "directory/journalist_move.html", {"form": form, "journalist": journalist})


@staff_view("directory.trust")
def journalist_trust(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = access.access(request.user, Journalist.objects.all(), pk, "directory.trust")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            journalist = services.journalist_trust(
                actor=request.user,
                journalist=journalist,
                trusted=not journalist.trusted,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The journalist is in the trusted pool.")
                if journalist.trusted
                else _("The journalist is out of the trusted pool."),
            )
            return redirect("directory:journalist", journalist.pk)
    return render(request, "directory/journalist_trust.html", {"form": form, "journalist": journalist})


@staff_view("directory.erase")
def journalist_erase(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = access.access(request.user, Journalist.objects.all(), pk, "directory.erase")
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.journalist_erase(actor=request.user, journalist=journalist, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The personal data is erased. The anonymised record stays for the counts."))
            return redirect("directory:journalist", journalist.pk)
    return render(request, "directory/journalist_erase.html", {"form": form, "journalist": journalist})
