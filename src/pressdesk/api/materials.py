"""Materials for staff: read what your roles show, and every step of the workflow, through the same services as the pages.

Each write calls one function of ``publications.services``, which holds the
rules (who may approve, the head's approval, the embargo in the future, the
revision a text was based on). This module only fetches and translates the
outcome into HTTP, fetching as the staff pages do (``access_material``): a
material outside the caller's sight is a 404 exactly like a missing one; a role
that does not reach the material's unit is a 403; a
broken rule is a 400 with the service's own message; a text saved by someone
else in the meantime is a 409 that carries both texts, so nobody loses theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Reply  # publications has its own Status
from ninja.errors import HttpError

from pressdesk.api import material_schemas as shapes
from pressdesk.api import schemas
from pressdesk.api.auth import requires
from pressdesk.api.directory import Paging, _check_choices, _page
from pressdesk.core.models import User
from pressdesk.core.permissions import access_unit
from pressdesk.core.services import DomainError
from pressdesk.publications import services
from pressdesk.publications.access import access_material, in_sight
from pressdesk.publications.models import Comment, Material, MaterialKind, MaterialVersion, Status, Topic
from pressdesk.publications.services import PUBLISH, REVIEW, WRITE, Conflict

VIEW = "publications.view"
# Steps whose permission depends on the material (the author may take back their own; the head or the
# press secretary approves, by the unit's rule): the service decides, so the endpoint asks only to see it.
DECIDED_BY_THE_SERVICE = VIEW

router = Router(tags=["materials"])


def responses(found: type, *, created: bool = False, conflict: bool = False) -> dict[int, type]:
    codes: dict[int, type] = {
        201 if created else 200: found,
        400: schemas.Error,
        401: schemas.Error,
        403: schemas.Error,
        404: schemas.Error,
        422: schemas.ValidationFailure,
    }
    if conflict:
        codes[409] = shapes.ConflictOut
    return codes


@contextmanager
def refused_as_400():
    """A rule the service refused becomes a 400 with its message (already in the caller's language)."""
    try:
        yield
    except DomainError as error:
        raise HttpError(400, str(error)) from None


# What a material's answer reads, fetched once for a page of materials or for one.
READ_ALONG = (
    Prefetch("translations", queryset=MaterialVersion.objects.select_related("updated_by")),
    "topics__translations",
    "unit__translations",
)


def _read_along(materials: QuerySet[Material]) -> QuerySet[Material]:
    return materials.select_related("unit", "author", "approved_by").prefetch_related(*READ_ALONG)


def _material(user: User, material_id: int, action: str = VIEW) -> Material:
    """The staff pages' own fetch: 404 if out of sight, 403 if the role does not reach its unit for ``action``."""
    material = access_material(user, material_id, action)
    prefetch_related_objects([material], *READ_ALONG)
    return material


def _topics(slugs: list[str]) -> list[Topic]:
    topics = list(Topic.objects.filter(slug__in=slugs))
    unknown = sorted(set(slugs) - {topic.slug for topic in topics})
    if unknown:
        raise HttpError(400, _("There is no topic with the address: %(slugs)s.") % {"slugs": ", ".join(unknown)})
    return topics


def _source(material: Material, language: str) -> MaterialVersion | None:
    """The version a translation in ``language`` follows (None for the source text itself)."""
    return None if language == material.source_language else material.source_version()


def _detail(material: Material) -> dict[str, Any]:
    """The material as it is now, after a step changed it."""
    return shapes.material_detail(_read_along(Material.objects).get(pk=material.pk))


def _step(request: HttpRequest, material_id: int, action: str, service: Callable[..., Any], **arguments: Any) -> dict:
    """Fetch the material, run one workflow service on it as the caller, and answer the material as it now is."""
    material = access_material(request.auth, material_id, action)
    with refused_as_400():
        service(actor=request.auth, material=material, **arguments)
    return _detail(material)


# --- reading -----------------------------------------------------------------------------------------------


@router.get("", response=responses(schemas.Page[shapes.MaterialOut]), summary="Materials in your sight")
@requires(VIEW)
def material_list(
    request: HttpRequest, paging: Query[Paging], criteria: Query[shapes.MaterialFilter]
) -> dict[str, Any]:
    """Newest change first."""
    qs = _read_along(in_sight(request.auth))
    if statuses := _check_choices(criteria.status, Status.values):
        qs = qs.filter(status__in=statuses)
    if kinds := _check_choices(criteria.kind, MaterialKind.values):
        qs = qs.filter(kind__in=kinds)
    if criteria.unit:
        qs = qs.filter(unit__in=criteria.unit)
    return _page(qs.order_by("-updated_at", "-pk"), paging, shapes.material_out)


@router.get("/{int:material_id}", response=responses(shapes.MaterialDetail), summary="One material, every language")
@requires(VIEW)
def material_detail(request: HttpRequest, material_id: int) -> dict[str, Any]:
    return shapes.material_detail(_material(request.auth, material_id))


# --- writing -----------------------------------------------------------------------------------------------


@router.post("", response=responses(shapes.MaterialDetail, created=True), summary="Write a new material")
@requires(WRITE)
def material_create(request: HttpRequest, data: shapes.MaterialIn) -> Reply:
    unit = access_unit(request.auth, data.unit, WRITE)
    topics = _topics(data.topics)
    with refused_as_400():
        material = services.create(
            actor=request.auth, unit=unit, kind=data.kind, language=data.language, text=data.text(), topics=topics
        )
    return Reply(201, _detail(material))


@router.put(
    "/{int:material_id}/versions/{language}",
    response=responses(shapes.VersionOut, conflict=True),
    summary="Save the text in one language",
)
@requires(WRITE)
def version_save(
    request: HttpRequest, material_id: int, language: str, data: shapes.VersionIn
) -> dict[str, Any] | Reply:
    """Send `base_revision` as you read it. If someone saved since, nothing is written and the answer is 409
    with their text in `current` and yours in `yours`: merge, then save again with their revision."""
    material = _material(request.auth, material_id, WRITE)
    try:
        version = services.save_version(
            actor=request.auth,
            material=material,
            language=language,
            text=data.text(),
            base_revision=data.base_revision,
            follows_source=data.follows_source,
        )
    except Conflict as conflict:
        yours = data.model_dump(include={"title", "summary", "body"})
        current = shapes.version_out(conflict.current, _source(material, language))
        return Reply(409, {"detail": str(conflict), "current": current, "yours": yours})
    except DomainError as error:
        raise HttpError(400, str(error)) from None
    source = _source(material, language)
    return shapes.version_out(version, source)


@router.patch("/{int:material_id}", response=responses(shapes.MaterialDetail), summary="Change the type or topics")
@requires(WRITE)
def details_change(request: HttpRequest, material_id: int, data: shapes.DetailsIn) -> dict[str, Any]:
    """What you leave out stays as it is; the photo, attachments and spokesperson are kept."""
    material = _material(request.auth, material_id, WRITE)
    topics = material.topics.all() if data.topics is None else _topics(data.topics)
    with refused_as_400():
        services.update_details(
            actor=request.auth,
            material=material,
            kind=material.kind if data.kind is None else data.kind,
            topics=list(topics),
            spokesperson=material.spokesperson,
            lead_image=material.lead_image,
            attachments=list(material.attachments.all()),
        )
    return _detail(material)


# --- the workflow ------------------------------------------------------------------------------------------


@router.post("/{int:material_id}/submit", response=responses(shapes.MaterialDetail), summary="Send for review")
@requires(WRITE)
def material_submit(request: HttpRequest, material_id: int) -> dict[str, Any]:
    return _step(request, material_id, WRITE, services.submit)


@router.post(
    "/{int:material_id}/return", response=responses(shapes.MaterialDetail), summary="Return to draft, with a reason"
)
@requires(DECIDED_BY_THE_SERVICE)
def material_return(request: HttpRequest, material_id: int, data: shapes.ReasonIn) -> dict[str, Any]:
    """Reviewers and the head, or the author while it is in review; a schedule is cancelled."""
    return _step(request, material_id, VIEW, services.return_to_draft, reason=data.reason)


@router.post("/{int:material_id}/send-to-head", response=responses(shapes.MaterialDetail), summary="Send to the head")
@requires(REVIEW)
def material_send_to_head(request: HttpRequest, material_id: int) -> dict[str, Any]:
    return _step(request, material_id, REVIEW, services.send_to_head)


@router.post("/{int:material_id}/approve", response=responses(shapes.MaterialDetail), summary="Approve")
@requires(DECIDED_BY_THE_SERVICE)
def material_approve(request: HttpRequest, material_id: int, data: shapes.ApproveIn) -> dict[str, Any]:
    """Never by its author. The head approves what was sent to them; the press secretary approves in review
    only the types the unit's rule does not give to the head."""
    return _step(request, material_id, VIEW, services.approve, note=data.note, seen=data.revisions)


@router.post("/{int:material_id}/publish", response=responses(shapes.MaterialDetail), summary="Publish now")
@requires(PUBLISH)
def material_publish(request: HttpRequest, material_id: int) -> dict[str, Any]:
    return _step(request, material_id, PUBLISH, services.publish_now)


@router.post(
    "/{int:material_id}/schedule",
    response=responses(shapes.MaterialDetail),
    summary="Schedule, with or without embargo",
)
@requires(PUBLISH)
def material_schedule(request: HttpRequest, material_id: int, data: shapes.ScheduleIn) -> dict[str, Any]:
    """`publish_at` must be in the future and carry its time zone. Nothing of it is public before that moment."""
    return _step(request, material_id, PUBLISH, services.schedule, publish_at=data.publish_at, embargo=data.embargo)


@router.post(
    "/{int:material_id}/embargo", response=responses(shapes.MaterialDetail), summary="Move or lift the embargo"
)
@requires(PUBLISH)
def material_embargo(request: HttpRequest, material_id: int, data: shapes.EmbargoIn) -> dict[str, Any]:
    return _step(request, material_id, PUBLISH, services.change_embargo, until=data.until, reason=data.reason)


@router.post("/{int:material_id}/correct", response=responses(shapes.MaterialDetail), summary="Publish a correction")
@requires(PUBLISH)
def material_correct(request: HttpRequest, material_id: int, data: shapes.CorrectionIn) -> dict[str, Any]:
    texts = {language: text.text() for language, text in data.texts.items()}
    return _step(request, material_id, PUBLISH, services.correct, texts=texts, notes=data.notes)


@router.post("/{int:material_id}/withdraw", response=responses(shapes.MaterialDetail), summary="Withdraw")
@requires(PUBLISH)
def material_withdraw(request: HttpRequest, material_id: int, data: shapes.ReasonIn) -> dict[str, Any]:
    return _step(request, material_id, PUBLISH, services.withdraw, reason=data.reason)


# --- comments ----------------------------------------------------------------------------------------------


@router.get("/{int:material_id}/comments", response=responses(list[shapes.CommentOut]), summary="The staff's comments")
@requires(VIEW)
def comment_list(request: HttpRequest, material_id: int) -> list[dict[str, Any]]:
    material = _material(request.auth, material_id)
    return [shapes.comment_out(c) for c in Comment.objects.filter(material=material).select_related("author")]


@router.post(
    "/{int:material_id}/comments", response=responses(shapes.CommentOut, created=True), summary="Add a comment"
)
@requires(VIEW)
def comment_add(request: HttpRequest, material_id: int, data: shapes.CommentIn) -> Reply:
    material = _material(request.auth, material_id)
    with refused_as_400():
        note = services.comment(actor=request.auth, material=material, text=data.text)
    return Reply(201, shapes.comment_out(note))
