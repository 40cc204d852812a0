"""The public newsroom as JSON: published materials for anyone, no token needed.

Everything starts from ``Material.objects.public()``, the one rule of what the
public may read: a draft, an embargoed or scheduled-for-later, a withdrawn or a
staff-only material is not there, and asking for it by id answers the same
404 as an id that never existed. Answers are cached like the newsroom's pages
(``portal.newsroom.caching.shareable``): by anyone for ``NEWSROOM_CACHE_SECONDS``,
with an ETag, never with someone's cookie; a 404 is asked again each time, since
it turns into a material the moment it goes public.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from pressdesk.api import material_schemas as shapes
from pressdesk.api import schemas
from pressdesk.api.directory import Paging, _check_choices, _page
from pressdesk.core.permissions import public_view
from pressdesk.portal.newsroom.caching import shareable
from pressdesk.publications.models import Material, MaterialKind

# No authentication: a token or a session sent along is ignored, and nobody sees more here for having one.
router = Router(tags=["public newsroom"], auth=None)


def _shared(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Around ninja's whole answer (errors included), so the newsroom's cache rules see the final response."""

    @functools.wraps(run)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return shareable(request, run(request, *args, **kwargs))

    return answer


router.add_decorator(_shared, mode="view")


def responses(found: type, *, one: bool = False) -> dict[int, type]:
    codes: dict[int, type] = {200: found, 422: schemas.ValidationFailure}
    if one:
        codes[404] = schemas.Error
    return codes


def _public() -> QuerySet[Material]:
    return (
        Material.objects.public()
        .select_related("unit")
        .prefetch_related("translations", "topics__translations", "unit__translations")
    )


@router.get("/materials", response=responses(schemas.Page[shapes.PublicMaterialOut]), summary="Published materials")
@public_view
def public_list(request: HttpRequest, paging: Query[Paging], criteria: Query[shapes.PublicFilter]) -> dict[str, Any]:
    """Materials published in `language`, the latest first."""
    language = _check_choices([criteria.language], schemas.LANGUAGE_CODES)[0]
    qs = _public().filter(translations__language=language)
    if criteria.kind:
        qs = qs.filter(kind=_check_choices([criteria.kind], MaterialKind.values)[0])
    if criteria.topic:
        qs = qs.filter(topics__slug=criteria.topic)
    # A scheduled material past its time is public before the worker records its publication.
    ordered = qs.with_public_time().order_by("-shown_at", "-pk")
    return _page(ordered, paging, lambda material: shapes.public_out(material, language))


@router.get(
    "/materials/{int:material_id}",
    response=responses(shapes.PublicMaterialDetail, one=True),
    summary="One published material",
)
@public_view
def public_detail(request: HttpRequest, material_id: int, language: str = "") -> dict:
    """The text in `language`, or in the nearest language it has (`language` in the answer says which)."""
    if language:
        _check_choices([language], schemas.LANGUAGE_CODES)
    material = _public().prefetch_related("corrections__translations").filter(pk=material_id).first()
    if material is None:
        raise Http404(_("There is no published material with this number."))
    return shapes.public_detail(material, language or schemas.LANGUAGE_CODES[0])
