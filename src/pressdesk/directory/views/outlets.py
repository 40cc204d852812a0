"""Outlet pages: the list, the record with its journalists and history, closing and merging."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pressdesk.core import search
from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import access, indexing, services
from pressdesk.directory.forms import CloseOutletForm, ContactForm, OutletFilterForm, OutletForm
from pressdesk.directory.models import Outlet, OutletStatus
from pressdesk.directory.selectors import active_outlets
from pressdesk.directory.views.journalists import _history

PAGE_SIZE = 50


def filtered_outlets(request: HttpRequest):
    form = OutletFilterForm(request.GET or {"status": OutletStatus.ACTIVE})
    outlets = access.visible(request.user, Outlet.objects.all())
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            terms = indexing.query_terms(data["q"])
            outlets = outlets.filter(pk__in=search.matching(indexing.OUTLET, terms)) if terms else outlets.none()
        for key in ("kind", "level", "status"):
            if data[key]:
                outlets = outlets.filter(**{key: data[key]})
        if data["language"]:
            outlets = outlets.filter(languages__contains=f",{data['language']},")
    return form, outlets


@staff_view("directory.view")
def outlet_list(request: HttpRequest) -> HttpResponse:
    form, outlets = filtered_outlets(request)
    page = Paginator(outlets.prefetch_related("translations").order_by("pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/outlet_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_edit": has_perm(request.user, "directory.edit"),
            "can_export": has_perm(request.user, "directory.export"),
        },
    )


def _initial(outlet: Outlet) -> dict:
    names = {f"name_{row.language}": row.name for row in outlet.translations.all()}
    fields = ["kind", "level", "ownership", "reach", "reach_source", "reach_date", "website", "notes"]
    return {
        "unit": outlet.unit,
        **names,
        **{key: getattr(outlet, key) for key in fields},
        "languages": outlet.language_codes,
        "feeds": "\n".join(outlet.feeds.values_list("url", flat=True)),
    }


@staff_view("directory.edit")
def outlet_create(request: HttpRequest) -> HttpResponse:
    form = OutletForm(request.POST or None)
    form.set_units(access.editable_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            outlet = services.outlet_create(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                names=form.names(),
                languages=form.cleaned_data["languages"],
                feeds=form.cleaned_data["feeds"],
                contacts=form.contacts(),
                **form.fields_for_service(),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The outlet is in the directory."))
            return redirect("directory:outlet", outlet.pk)
    return render(request, "directory/outlet_form.html", {"form": form, "outlet": None})


@staff_view("directory.view")
def outlet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = access.access(request.user, Outlet.objects.select_related("unit", "merged_into"), pk)
    positions = (
        outlet.positions.filter(journalist__merged_into__isnull=True)
        .select_related("journalist")
        .order_by("until", "journalist__full_name")
    )
    return render(
        request,
        "directory/outlet_detail.html",
        {
            "outlet": outlet,
            "current": [p for p in positions if p.until is None],
            "former": [p for p in positions if p.until is not None],
            "feeds": outlet.feeds.all(),
            "contacts": outlet.contacts.all(),
            "merged_from": outlet.merged_from.prefetch_related("translations"),
            "history": _history(outlet),
            "can_edit": has_perm(request.user, "directory.edit", outlet.unit),
            "contact_form": ContactForm(),
            "add_contact_url": reverse("directory:outlet_contact_add", args=[outlet.pk]),
        },
    )


@staff_view("directory.edit")
def outlet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = access.access(request.user, Outlet.objects.all(), pk, "directory.edit")
    form = OutletForm(request.POST or None, initial=_initial(outlet))
    form.set_units(access.editable_units(request.user).filter(pk=outlet.unit_id))
    for name in ("email", "phone", "messenger"):
        del form.fields[name]
    if request.method == "POST" and form.is_valid():
        try:
            services.outlet_update(
                actor=request.user,
                outlet=outlet,
                names=form.names(),
                languages=form.cleaned_data["languages"],
                feeds=form.cleaned_data["feeds"],
                **form.fields_for_service(),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("directory:outlet", outlet.pk)
    return render(request, "directory/outlet_form.html", {"form": form, "outlet": outlet})


@staff_view("directory.edit")
def outlet_close(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = access.access(request.user, Outlet.objects.all(), pk, "directory.edit")
    form = CloseOutletForm(request.POST or None)
    form.fields["merged_into"].queryset = active_outlets(request.user).exclude(pk=outlet.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.outlet_close(
                actor=request.user, outlet=outlet, on=data["on"], merged_into=data["merged_into"], note=data["note"]
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The outlet is marked as closed."))
            return redirect("directory:outlet", outlet.pk)
    return render(request, "directory/outlet_close.html", {"form": form, "outlet": outlet})
