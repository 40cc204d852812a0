"""The files of the media library, given to whoever may see them and answered 404 to everyone else.

Anyone gets a file that ``MediaAsset.objects.public()`` lists (a public brand asset, or a file of a
public material); verified staff who see the asset's unit get the others. Nobody else learns that
a file exists: an embargoed photo is "not found", not "forbidden".
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _

from pressdesk.core.permissions import has_perm, public_view
from pressdesk.publications.media import VIEW
from pressdesk.publications.models import MediaAsset

# Short enough that a withdrawn material's photo leaves shared caches soon after.
PUBLIC_MAX_AGE = 600


def _verified_staff(request: HttpRequest) -> bool:
    user = request.user
    return user.is_authenticated and user.is_staff_member and user.is_verified()


def _reachable(request: HttpRequest, pk: int) -> tuple[MediaAsset, bool]:
    """The asset and whether it is public; Http404 when the requester may not have it."""
    asset = MediaAsset.objects.public().filter(pk=pk).first()
    if asset is not None:
        return asset, True
    if _verified_staff(request):
        asset = MediaAsset.objects.select_related("unit").filter(pk=pk).first()
        if asset is not None and has_perm(request.user, VIEW, asset.unit):
            return asset, False
    raise Http404(_("There is no such file."))


def _serve(request: HttpRequest, pk: int, *, thumbnail: bool) -> FileResponse:
    asset, public = _reachable(request, pk)
    field = asset.thumbnail if thumbnail else asset.file
    if not field.name:
        raise Http404(_("There is no such file."))
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError:
        raise Http404(_("There is no such file.")) from None
    response = FileResponse(
        handle, content_type=asset.content_type, as_attachment=not asset.is_image, filename=asset.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    return response


@public_view
def media_file(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(request, pk, thumbnail=False)


@public_view
def media_thumb(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(request, pk, thumbnail=True)
