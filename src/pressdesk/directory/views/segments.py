"""Segments: saved filters over journalists with a live count, used by mailings and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import access, filters, services
from pressdesk.directory.forms import JournalistFilterForm, SegmentForm
from pressdesk.directory.models import Journalist, Segment
from pressdesk.directory.selectors import beat_names, describe_criteria


def members(user, criteria: dict):
    return filters.apply(access.visible(user, Journalist.objects.present()), criteria)


@staff_view("directory.view")
def segment_list(request: HttpRequest) -> HttpResponse:
    segments = list(
        access.visible(request.user, Segment.objects.select_related("unit").prefetch_related("unit__translations"))
    )
    beats = beat_names()
    for segment in segments:
        segment.size = members(request.user, segment.criteria).count()  # live: one count per segment
        segment.summary = describe_criteria(segment.criteria, beats)
    return render(
        request,
        "directory/segment_list.html",
        {"segments": segments, "can_edit": has_perm(request.user, "directory.edit")},
    )


def _form_page(request: HttpRequest, segment: Segment | None) -> HttpResponse:
    if request.method == "POST":
        form = SegmentForm(request.POST)
    elif segment is not None:
        initial = {"name": segment.name, "description": segment.description, "unit": segment.unit}
        form = SegmentForm(initial=initial | JournalistFilterForm.initial_from(segment.criteria))
    else:
        form = SegmentForm(initial=JournalistFilterForm.initial_from(dict(request.GET.lists()) | _single(request)))
    units = access.editable_units(request.user)
    form.set_units(units.filter(pk=segment.unit_id) if segment else units)
    size = None
    if request.method == "POST" and form.is_valid():
        try:
            criteria = filters.clean_criteria(form.criteria())
            if "count" in request.POST:
                size = members(request.user, criteria).count()
            else:
                segment = services.segment_save(
                    actor=request.user,
                    unit=form.cleaned_data["unit"],
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    criteria=criteria,
                    segment=segment,
                )
                messages.success(request, _("The segment is saved."))
                return redirect("directory:segment", segment.pk)
        except DomainError as error:
            form.add_error(None, str(error))
    elif segment is not None:
        size = members(request.user, segment.criteria).count()
    return render(request, "directory/segment_form.html", {"form": form, "segment": segment, "size": size})


def _single(request: HttpRequest) -> dict:
    """Single-valued fields from a query string (``lists()`` wraps every value in a list)."""
    return {key: request.GET[key] for key in ("q", "trusted", "with_email") if request.GET.get(key)}


@staff_view("directory.edit")
def segment_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@staff_view("directory.edit")
def segment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, access.access(request.user, Segment.objects.all(), pk, "directory.edit"))


@staff_view("directory.view")
def segment_count(request: HttpRequest) -> HttpResponse:
    """The live count for the segment form's script; the form also counts without JavaScript."""
    form = JournalistFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": _("The filter is not valid.")}, status=400)
    try:
        criteria = filters.clean_criteria(form.criteria())
    except DomainError as error:
        return JsonResponse({"error": str(error)}, status=400)
    count = members(request.user, criteria).count()
    return JsonResponse({"count": count, "text": _count_text(count)})


def _count_text(count: int) -> str:
    return ngettext("%(count)s journalist", "%(count)s journalists", count) % {"count": count}


@staff_view("directory.view")
def segment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    segment = access.access(request.user, Segment.objects.select_related("unit", "created_by"), pk)
    journalists = members(request.user, segment.criteria).select_related("unit").for_lists().order_by("full_name", "pk")
    page = Paginator(journalists, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/segment_detail.html",
        {
            "segment": segment,
            "page": page,
            "summary": describe_criteria(segment.criteria),
            "list_url": reverse("directory:journalists") + "?" + urlencode(segment.criteria, doseq=True),
            "can_edit": has_perm(request.user, "directory.edit", segment.unit),
        },
    )


@require_POST
@staff_view("directory.edit")
def segment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    segment = access.access(request.user, Segment.objects.all(), pk, "directory.edit")
    services.segment_delete(actor=request.user, segment=segment)
    messages.success(request, _("The segment is deleted."))
    return redirect("directory:segments")
