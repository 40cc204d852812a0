"""Partner pages: organisations the press service works with, and their contact people."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import access, services
from pressdesk.directory.forms import PartnerForm, PersonForm
from pressdesk.directory.models import Partner, PartnerPerson
from pressdesk.directory.views.journalists import _history


@staff_view("directory.view")
def partner_list(request: HttpRequest) -> HttpResponse:
    partners = access.visible(request.user, Partner.objects.all()).prefetch_related("translations", "people")
    return render(
        request,
        "directory/partner_list.html",
        {"partners": partners, "can_edit": has_perm(request.user, "directory.edit")},
    )


def _save(request: HttpRequest, partner: Partner | None) -> HttpResponse:
    initial = None
    if partner is not None:
        initial = {"unit": partner.unit, "kind": partner.kind, "website": partner.website, "notes": partner.notes}
        initial |= {f"name_{row.language}": row.name for row in partner.translations.all()}
    form = PartnerForm(request.POST or None, initial=initial)
    units = access.editable_units(request.user)
    form.set_units(units.filter(pk=partner.unit_id) if partner else units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partner = services.partner_save(
                actor=request.user,
                unit=data["unit"],
                names=form.names(),
                kind=data["kind"],
                website=data["website"],
                notes=data["notes"],
                partner=partner,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("directory:partner", partner.pk)
    return render(request, "directory/partner_form.html", {"form": form, "partner": partner})


@staff_view("directory.edit")
def partner_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@staff_view("directory.edit")
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, access.access(request.user, Partner.objects.all(), pk, "directory.edit"))


@staff_view("directory.view")
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = access.access(request.user, Partner.objects.select_related("unit"), pk)
    return render(
        request,
        "directory/partner_detail.html",
        {
            "partner": partner,
            "people": partner.people.prefetch_related("contacts"),
            "history": _history(partner),
            "can_edit": has_perm(request.user, "directory.edit", partner.unit),
            "form": PersonForm(),
        },
    )


@staff_view("directory.edit")
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    partner = access.access(request.user, Partner.objects.all(), pk, "directory.edit")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_person_add(
                actor=request.user,
                partner=partner,
                full_name=form.cleaned_data["full_name"],
                position=form.cleaned_data["position"],
                contacts=form.contacts(),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Contact person added."))
            return redirect("directory:partner", partner.pk)
    return render(request, "directory/person_form.html", {"form": form, "partner": partner})


@require_POST
@staff_view("directory.edit")
def person_remove(request: HttpRequest, pk: int) -> HttpResponse:
    partners = access.visible(request.user, Partner.objects.all())
    person = get_object_or_404(PartnerPerson.objects.filter(partner__in=partners), pk=pk)
    access.access(request.user, Partner.objects.all(), person.partner_id, "directory.edit")
    services.partner_person_remove(actor=request.user, person=person)
    messages.success(request, _("Contact person removed."))
    return redirect("directory:partner", person.partner_id)
