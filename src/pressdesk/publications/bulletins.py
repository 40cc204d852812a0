"""Information bulletins: a unit's chosen materials bound into one numbered, internal issue.

A bulletin is for staff and officials, not the public, so any material of
the unit may go in, drafts included; the PDF says which are not public yet.
Each material is given in the bulletin's language, or in the language it was
written in when it has no such version (the page says so). Numbers run 1, 2, 3
per unit and are taken under a lock on the unit's row, so two people composing
at once never get the same number.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import UnitForbidden, has_perm, units_for
from pressdesk.core.services import DomainError
from pressdesk.publications.models import PUBLIC, Bulletin, BulletinItem, Material, MaterialVersion, Status

VIEW = "publications.view"
WRITE = "publications.write"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TITLE_MAX = Bulletin._meta.get_field("title").max_length
PUBLIC_OR_DUE = (*PUBLIC, Status.SCHEDULED)
# The compose page lists at most this many candidates; filters narrow the rest.
CANDIDATES_SHOWN = 200


# --- reading --------------------------------------------------------------------------------------------


def visible(user: User) -> QuerySet[Bulletin]:
    """The bulletins of every unit where the user may see materials."""
    return Bulletin.objects.filter(unit__in=units_for(user, VIEW))


def listing(user: User) -> QuerySet[Bulletin]:
    return (
        visible(user)
        .select_related("unit")
        .prefetch_related("unit__translations")
        .annotate(size=Count("items"))
        .order_by("-issued_on", "-number", "-pk")
    )


def access_bulletin(user: User, pk: int, action: str = VIEW) -> Bulletin:
    """The bulletin if the user sees it (else 404) and may do ``action`` in its unit (else 403)."""
    bulletin = visible(user).select_related("unit", "created_by").prefetch_related("unit__translations")
    bulletin = bulletin.filter(pk=pk).first()
    if bulletin is None:
        raise Http404(_("There is no such bulletin."))
    if action != VIEW and not has_perm(user, action, bulletin.unit):
        raise UnitForbidden(_("Your role in this unit does not allow changing its bulletins."))
    return bulletin


def candidates(
    user: User,
    unit: Unit,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    status: str = "",
    kind: str = "",
) -> QuerySet[Material]:
    """Materials the user may put into a bulletin of ``unit``: all of the unit's, drafts too, newest first.

    The date is when the material was published, or its last change if it is not published.
    """
    if not has_perm(user, VIEW, unit):
        return Material.objects.none()
    materials = Material.objects.filter(unit=unit).annotate(dated=Coalesce("published_at", "updated_at"))
    if since:
        materials = materials.filter(dated__date__gte=since)
    if until:
        materials = materials.filter(dated__date__lte=until)
    if status:
        materials = materials.filter(status=status)
    if kind:
        materials = materials.filter(kind=kind)
    return materials.with_versions().order_by("-dated", "-pk")


@dataclass(frozen=True)
class Entry:
    """One material as the bulletin shows it."""

    position: int
    material: Material
    version: MaterialVersion | None
    # The bulletin's language has no text of this material: ``version`` is the source language's.
    fallback: bool
    # Not (yet) what the public may read: a draft, under embargo, withdrawn, or an internal kind.
    internal: bool

    @property
    def why_internal(self) -> str:
        """Which note the page gives a non-public material: "staff_only", "embargo" or "status"."""
        if not self.internal:
            return ""
        if self.material.is_internal:
            return "staff_only"
        return "embargo" if self.material.embargo_until and self.material.status in PUBLIC_OR_DUE else "status"


def shown_version(material: Material, language: str) -> tuple[MaterialVersion | None, bool]:
    """The text in ``language``, else in the language the material was written in (and True for "fell back")."""
    versions = material.translation_map()
    if language in versions:
        return versions[language], False
    return material.source_version(), True


def entries(bulletin: Bulletin) -> list[Entry]:
    """The bulletin's materials in order, each in the bulletin's language: three queries whatever the size."""
    items = list(
        BulletinItem.objects.filter(bulletin=bulletin)
        .select_related("material")
        .prefetch_related("material__translations")
        .order_by("position")
    )
    public = set(Material.objects.public().filter(pk__in=[i.material_id for i in items]).values_list("pk", flat=True))
    result = []
    for number, item in enumerate(items, start=1):
        version, fallback = shown_version(item.material, bulletin.language)
        result.append(Entry(number, item.material, version, fallback, item.material_id not in public))
    return result


# --- writing --------------------------------------------------------------------------------------------


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the bulletin a title."))
    if len(title) > TITLE_MAX:
        raise DomainError(_("The title is too long: at most %(count)s characters.") % {"count": TITLE_MAX})
    return title


def _check_materials(unit: Unit, materials: Iterable[Material]) -> list[Material]:
    """The chosen materials in order, each once; all of them the unit's own."""
    chosen: list[Material] = []
    for material in materials:
        if material.pk not in {m.pk for m in chosen}:
            chosen.append(material)
    if not chosen:
        raise DomainError(_("Choose at least one material for the bulletin."))
    foreign = [m for m in chosen if m.unit_id != unit.pk]
    if foreign:
        raise DomainError(
            _("“%(title)s” is a material of another unit: a bulletin holds only materials of its own unit.")
            % {"title": foreign[0].title or f"#{foreign[0].pk}"}
        )
    return chosen


def _place(bulletin: Bulletin, materials: Sequence[Material]) -> None:
    BulletinItem.objects.filter(bulletin=bulletin).delete()
    BulletinItem.objects.bulk_create(
        BulletinItem(bulletin=bulletin, material=material, position=position)
        for position, material in enumerate(materials, start=1)
    )


def _state(bulletin: Bulletin, materials: Sequence[Material]) -> dict:
    return {"title": bulletin.title, "issued_on": bulletin.issued_on, "materials": [m.pk for m in materials]}


@transaction.atomic
def compose(
    *,
    actor: User,
    unit: Unit,
    title: str,
    language: str,
    issued_on: datetime.date,
    materials: Sequence[Material],
) -> Bulletin:
    """A new bulletin of ``unit`` with ``materials`` in the given order; it takes the unit's next number."""
    if not has_perm(actor, WRITE, unit):
        raise DomainError(_("You may not compose bulletins for this unit."))
    title = _check_title(title)
    if language not in LANGUAGES:
        raise DomainError(_("Choose the language of the bulletin."))
    if issued_on is None:
        raise DomainError(_("Give the date of issue."))
    chosen = _check_materials(unit, materials)
    # The unit's row is the lock on its numbering: a second composer waits here until the first commits.
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    number = (Bulletin.objects.filter(unit=unit).aggregate(last=Max("number"))["last"] or 0) + 1
    bulletin = Bulletin.objects.create(
        unit=unit, number=number, title=title, language=language, issued_on=issued_on, created_by=actor
    )
    _place(bulletin, chosen)
    audit.record(
        actor=actor,
        action="publications.bulletin.created",
        target=bulletin,
        unit=unit,
        after={"number": number, "language": language, **_state(bulletin, chosen)},
    )
    return bulletin


@transaction.atomic
def update(
    *,
    actor: User,
    bulletin: Bulletin,
    title: str,
    issued_on: datetime.date,
    materials: Sequence[Material],
) -> Bulletin:
    """New title, date or choice and order of materials; the number and the language stay."""
    bulletin = Bulletin.objects.select_for_update().select_related("unit").get(pk=bulletin.pk)
    if not has_perm(actor, WRITE, bulletin.unit):
        raise DomainError(_("You may not change bulletins of this unit."))
    title = _check_title(title)
    if issued_on is None:
        raise DomainError(_("Give the date of issue."))
    chosen = _check_materials(bulletin.unit, materials)
    before = _state(bulletin, [item.material for item in bulletin.items.select_related("material")])
    bulletin.title, bulletin.issued_on = title, issued_on
    bulletin.save(update_fields=["title", "issued_on"])
    _place(bulletin, chosen)
    audit.record(
        actor=actor,
        action="publications.bulletin.changed",
        target=bulletin,
        unit=bulletin.unit,
        before=before,
        after=_state(bulletin, chosen),
    )
    return bulletin
