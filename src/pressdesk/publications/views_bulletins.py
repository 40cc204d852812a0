"""Staff pages of information bulletins: the list, composing and changing one, reading it, its PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from pressdesk.core.permissions import has_perm, staff_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.publications import bulletin_pdf, bulletins
from pressdesk.publications.bulletins import CANDIDATES_SHOWN, VIEW, WRITE
from pressdesk.publications.forms_bulletins import BulletinForm, CandidateFilter
from pressdesk.publications.models import Bulletin, Material


@staff_view(VIEW)
def bulletin_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(bulletins.listing(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "publications/bulletins/list.html",
        {"page": page, "query": "", "can_compose": has_perm(request.user, WRITE)},
    )


def _candidates(request: HttpRequest, filters: CandidateFilter, unit, chosen: list[Material]) -> list[Material]:
    """The chosen materials first (whatever the filter), then the filtered rest, newest first."""
    found = bulletins.candidates(request.user, unit, **filters.criteria()).exclude(pk__in=[m.pk for m in chosen])
    return [*chosen, *found[:CANDIDATES_SHOWN]]


def _compose_page(request: HttpRequest, form: BulletinForm, filters: CandidateFilter, **context) -> HttpResponse:
    return render(
        request,
        "publications/bulletins/compose.html",
        {"form": form, "filters": filters, "shown_max": CANDIDATES_SHOWN, **context},
    )


@staff_view(WRITE)
def bulletin_new(request: HttpRequest) -> HttpResponse:
    filters = CandidateFilter(request.GET, units=units_for(request.user, WRITE).with_names().order_by("path"))
    unit = filters.chosen_unit()
    form = BulletinForm(
        request.POST or None,
        candidates=_candidates(request, filters, unit, []),
        initial={"language": translation.get_language(), "issued_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = bulletins.compose(
                actor=request.user,
                unit=unit,
                title=form.cleaned_data["title"],
                language=form.cleaned_data["language"],
                issued_on=form.cleaned_data["issued_on"],
                materials=form.chosen_materials(),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Bulletin No %(number)s composed.") % {"number": bulletin.number})
            return redirect("publications:bulletin_detail", bulletin.pk)
    return _compose_page(request, form, filters, unit=unit)


@staff_view(WRITE)
def bulletin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = bulletins.access_bulletin(request.user, pk, WRITE)
    filters = CandidateFilter(request.GET)
    chosen = [entry.material for entry in bulletins.entries(bulletin)]
    form = BulletinForm(
        request.POST or None,
        candidates=_candidates(request, filters, bulletin.unit, chosen),
        chosen=chosen,
        language_fixed=True,
        initial={"title": bulletin.title, "issued_on": bulletin.issued_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            bulletins.update(
                actor=request.user,
                bulletin=bulletin,
                title=form.cleaned_data["title"],
                issued_on=form.cleaned_data["issued_on"],
                materials=form.chosen_materials(),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Bulletin changed."))
            return redirect("publications:bulletin_detail", bulletin.pk)
    return _compose_page(request, form, filters, unit=bulletin.unit, bulletin=bulletin)


@staff_view(VIEW)
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = bulletins.access_bulletin(request.user, pk)
    return render(
        request,
        "publications/bulletins/detail.html",
        {
            "bulletin": bulletin,
            "entries": bulletins.entries(bulletin),
            "can_edit": has_perm(request.user, WRITE, bulletin.unit),
        },
    )


@staff_view(VIEW)
def bulletin_download(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin: Bulletin = bulletins.access_bulletin(request.user, pk)
    response = HttpResponse(bulletin_pdf.render(bulletin), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, bulletin_pdf.filename(bulletin))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
