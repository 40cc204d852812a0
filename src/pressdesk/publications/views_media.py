"""Staff pages of the media library: the list, the upload, one file with its texts and uses, its removal."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pressdesk.core.models import User
from pressdesk.core.permissions import UnitForbidden, has_perm, staff_view, units_for
from pressdesk.publications import media
from pressdesk.publications.forms_media import DescribeForm, FilterForm, UploadForm
from pressdesk.publications.media import VIEW, WRITE, Refused
from pressdesk.publications.models import MediaAsset, MediaSection


def access_asset(user: User, pk: int, action: str = VIEW) -> MediaAsset:
    """The file if the user sees its unit's library and may do ``action`` there; 404 when it is not theirs to see."""
    asset = (
        media.visible_to(user)
        .select_related("unit", "uploaded_by")
        .prefetch_related("translations", "unit__translations")
        .filter(pk=pk)
        .first()
    )
    if asset is None:
        raise Http404(_("There is no such file."))
    if action != VIEW and not has_perm(user, action, asset.unit):
        raise UnitForbidden(_("Your role in this unit does not allow changing its library."))
    return asset


def _refused(form, error: Refused) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


@staff_view(VIEW)
def media_list(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user, VIEW).with_names().order_by("path")
    form = FilterForm(request.GET, units=units)
    assets = form.apply(
        media.visible_to(request.user).select_related("unit").prefetch_related("translations", "unit__translations")
    )
    page = Paginator(assets, 40).get_page(request.GET.get("page"))
    query = urlencode({key: request.GET[key] for key in form.fields if request.GET.get(key)})
    return render(
        request,
        "publications/media/list.html",
        {"form": form, "page": page, "query": query, "can_write": has_perm(request.user, WRITE)},
    )


@staff_view(WRITE)
def media_upload(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user, WRITE).with_names().order_by("path")
    section = request.GET.get("section")
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={"unit": units.first(), "section": section if section in MediaSection.values else MediaSection.LIBRARY},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            asset = media.upload(
                actor=request.user,
                unit=data["unit"],
                uploaded_file=data["file"],
                section=data["section"],
                alts=form.texts(),
                is_public=data["is_public"],
            )
        except Refused as error:
            _refused(form, error)
        else:
            messages.success(request, _("“%(name)s” is in the library.") % {"name": asset.original_name})
            return redirect("publications:media_detail", asset.pk)
    return render(request, "publications/media/upload.html", {"form": form})


@staff_view(VIEW)
def media_detail(request: HttpRequest, pk: int) -> HttpResponse:
    asset = access_asset(request.user, pk, WRITE if request.method == "POST" else VIEW)
    form = DescribeForm(request.POST or None, asset=asset, initial=DescribeForm.initial_for(asset))
    if request.method == "POST" and form.is_valid():
        try:
            media.describe(
                actor=request.user, asset=asset, alts=form.texts(), is_public=form.cleaned_data.get("is_public")
            )
        except Refused as error:
            _refused(form, error)
        else:
            messages.success(request, _("The texts of the file are saved."))
            return redirect("publications:media_detail", asset.pk)
    return render(request, "publications/media/detail.html", {"asset": asset, "form": form, **_uses(request, asset)})


def _uses(request: HttpRequest, asset: MediaAsset) -> dict:
    """The materials using the file that the user may open, and how many others (of units they do not see)."""
    users = media.used_by(asset)
    seen = list(users.filter(unit__in=units_for(request.user, VIEW)).prefetch_related("translations"))
    return {
        "uses": seen,
        "other_uses": users.count() - len(seen),
        "can_write": has_perm(request.user, WRITE, asset.unit),
    }


@staff_view(WRITE)
def media_remove(request: HttpRequest, pk: int) -> HttpResponse:
    asset = access_asset(request.user, pk, WRITE)
    if request.method == "POST":
        try:
            media.remove(actor=request.user, asset=asset)
        except Refused as error:
            messages.error(request, str(error))
            return redirect("publications:media_remove", asset.pk)
        messages.success(request, _("“%(name)s” is removed from the library.") % {"name": asset.original_name})
        return redirect("publications:media_list")
    return render(request, "publications/media/remove.html", {"asset": asset, **_uses(request, asset)})
