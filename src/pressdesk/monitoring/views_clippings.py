"""Clipping pages: the search with its filters and export, one clipping (its tone corrected, its attachment), an item
entered by hand."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory import tabular
from pressdesk.monitoring import search, selectors, services
from pressdesk.monitoring.access import access_clipping, entry_outlets, watches_in_sight
from pressdesk.monitoring.forms import EntryForm, SearchForm, ToneForm
from pressdesk.monitoring.models import Clipping
from pressdesk.monitoring.registry import CORRECT, ENTER, VIEW

PAGE_SIZE = 25


def _searched(request: HttpRequest, data) -> tuple[SearchForm, search.Criteria, search.Found]:
    watches = watches_in_sight(request.user).filter(active=True).order_by("label")
    form = SearchForm(data or None, outlets=selectors.outlet_choices(), watches=watches)
    criteria = form.criteria()
    found = search.found(Clipping.objects.all(), criteria)
    return form, criteria, replace(found, clippings=selectors.for_rows(found.clippings, request.user))


@staff_view(VIEW)
def clipping_list(request: HttpRequest) -> HttpResponse:
    with search.serial():
        form, criteria, found = _searched(request, request.GET)
        rows = selectors.for_rows(Clipping.objects.all(), request.user)
        pages = search.ResultPages(found.clippings, PAGE_SIZE, known=found.known, rows=rows, ordered=found.ordered)
        page = pages.get_page(request.GET.get("page"))
        search.highlighted(page.object_list, criteria.q)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "monitoring/clippings.html",
        {
            "form": form,
            "page": page,
            "criteria": criteria,
            "query": query.urlencode(),
            "can_enter": has_perm(request.user, ENTER),
            "count_cap": search.COUNT_CAP,
        },
    )


@staff_view(VIEW)
def clipping_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in (tabular.CSV, tabular.XLSX):
        raise Http404
    _form, _criteria, found = _searched(request, request.GET)
    name = f"clippings-{timezone.localdate().isoformat()}.{fmt}"
    return tabular.download(
        fmt, selectors.export_header(), selectors.export_rows(found.clippings), title=_("Clippings"), filename=name
    )


def _clipping_page(request: HttpRequest, clipping: Clipping, tone_form: ToneForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "monitoring/clipping.html",
        {
            "clipping": clipping,
            "context": selectors.clipping_context(request.user, clipping),
            "tone_form": tone_form,
            "can_correct": has_perm(request.user, CORRECT),
            # Stored under a name of ours whose extension its bytes decided.
            "attachment_kind": PurePath(clipping.attachment.name).suffix.lstrip(".").upper(),
        },
        status=status,
    )


@staff_view(VIEW)
def clipping_detail(request: HttpRequest, pk: int) -> HttpResponse:
    clipping = access_clipping(request.user, pk)
    return _clipping_page(request, clipping, ToneForm(initial={"tone": clipping.tone}))


@staff_view(CORRECT)
@require_POST
def clipping_tone(request: HttpRequest, pk: int) -> HttpResponse:
    clipping = access_clipping(request.user, pk)
    form = ToneForm(request.POST)
    if form.is_valid():
        try:
            services.tone_correct(actor=request.user, clipping=clipping, tone=form.cleaned_data["tone"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The tone is corrected. New items are read with what it taught."))
            return redirect("monitoring:clipping", clipping.pk)
    return _clipping_page(request, clipping, form, status=400)


@staff_view(VIEW)
def clipping_attachment(request: HttpRequest, pk: int) -> FileResponse:
    clipping = access_clipping(request.user, pk)
    if not clipping.attachment.name:
        raise Http404(_("This item has no scan or clip."))
    try:
        handle = default_storage.open(clipping.attachment.name, "rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("The file is missing from the storage.")) from None
    found = services.attachment_type(handle.read(services.HEAD_BYTES))
    handle.seek(0)
    extension, content_type = found or ("", "application/octet-stream")
    inline = content_type.startswith(("image/", "audio/", "video/"))
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=f"clipping-{clipping.pk}{extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@staff_view(ENTER)
def clipping_new(request: HttpRequest) -> HttpResponse:
    form = EntryForm(request.POST or None, request.FILES or None, outlets=entry_outlets(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        aired_at = data["aired_at"]
        try:
            clipping = services.clipping_enter(
                actor=request.user,
                outlet=data["outlet"],
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                published_at=aired_at or timezone.now(),
                programme=data["programme"],
                aired_at=aired_at,
                url=data["url"],
                upload=data["attachment"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The item is among the clippings, read like a fetched one."))
            return redirect("monitoring:clipping", clipping.pk)
    return render(request, "monitoring/entry_form.html", {"form": form})
