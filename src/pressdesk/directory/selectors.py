"""Questions asked of the directory across records: duplicates, changes in the media, stale contacts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import search
from pressdesk.core.models import AuditEntry, User
from pressdesk.directory import access, filters, indexing
from pressdesk.directory.models import (
    Beat,
    Contact,
    ContactKind,
    Journalist,
    Outlet,
    OutletKind,
    OutletLevel,
    Ownership,
)

STALE_AFTER = datetime.timedelta(days=365)
# What the press secretary wants to hear about the media landscape, not every edit.
MEDIA_CHANGES = [
    "directory.outlet.created",
    "directory.outlet.closed",
    "directory.outlet.merged",
    "directory.journalist.created",
    "directory.journalist.moved",
    "directory.journalist.merged",
    "directory.import.done",
]


def active_outlets(user: User) -> QuerySet[Outlet]:
    return access.visible(user, Outlet.objects.active()).prefetch_related("translations")


@dataclass(frozen=True)
class DuplicatePair:
    first: Journalist
    second: Journalist
    reasons: tuple[str, ...]  # "name", "email", "phone", "messenger"


def _pairs(groups: dict[str, list[int]], reason: str, found: dict[tuple[int, int], set[str]]) -> None:
    for ids in groups.values():
        ordered = sorted(set(ids))
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                found.setdefault((first, second), set()).add(reason)


def duplicate_pairs(user: User, limit: int = 200) -> list[DuplicatePair]:
    """Pairs of records in sight that share the name across spellings, an email or a phone."""
    present = access.visible(user, Journalist.objects.present())
    found: dict[tuple[int, int], set[str]] = {}
    keys = present.exclude(name_key="").values("name_key").annotate(n=Count("pk")).filter(n__gt=1)
    by_name: dict[str, list[int]] = {}
    for pk, key in present.filter(name_key__in=keys.values("name_key")).values_list("pk", "name_key"):
        by_name.setdefault(key, []).append(pk)
    _pairs(by_name, "name", found)
    contacts = Contact.objects.filter(journalist__in=present)
    shared = contacts.values("kind", "normalized").annotate(n=Count("journalist", distinct=True)).filter(n__gt=1)
    by_contact: dict[tuple[str, str], list[int]] = {}
    condition = Q(pk__in=[])
    for row in shared[:limit]:
        condition |= Q(kind=row["kind"], normalized=row["normalized"])
    for kind, normalized, journalist_id in contacts.filter(condition).values_list("kind", "normalized", "journalist"):
        by_contact.setdefault((kind, normalized), []).append(journalist_id)
    for (kind, _normalized), ids in by_contact.items():
        _pairs({"": ids}, kind, found)
    chosen = sorted(found.items())[:limit]
    people = present.in_bulk({pk for pair, _reasons in chosen for pk in pair})
    return [
        DuplicatePair(people[a], people[b], tuple(sorted(reasons)))
        for (a, b), reasons in chosen
        if a in people and b in people
    ]


def likely_duplicates_of(user: User, journalist: Journalist) -> list[Journalist]:
    """Other records in sight with the same name key or a shared contact."""
    present = access.visible(user, Journalist.objects.present()).exclude(pk=journalist.pk)
    shared = Contact.objects.filter(journalist=journalist).values_list("normalized", flat=True)
    condition = Q(contacts__normalized__in=list(shared))
    if journalist.name_key:
        condition |= Q(name_key=journalist.name_key)
    return list(present.filter(condition).distinct()[:10])


def media_changes(user: User, since: datetime.datetime | None = None) -> QuerySet[AuditEntry]:
    """New outlets, closures, moves and imports in the part of the directory the user sees."""
    since = since or timezone.now() - datetime.timedelta(days=90)
    return (
        AuditEntry.objects.filter(action__in=MEDIA_CHANGES, at__gte=since)
        .filter(access.visible_q(user))
        .select_related("target_type")
        .order_by("-at", "-pk")
    )


def stale_contacts(user: User) -> QuerySet[Contact]:
    """Contacts of journalists in sight that nobody has confirmed for a year."""
    limit = timezone.localdate() - STALE_AFTER
    journalists = access.visible(user, Journalist.objects.present())
    return (
        Contact.objects.filter(journalist__in=journalists, invalid_since__isnull=True)
        .filter(Q(confirmed_on__lt=limit) | Q(confirmed_on__isnull=True, created_at__date__lt=limit))
        .select_related("journalist")
        .order_by("confirmed_on", "pk")
    )


def beat_names() -> dict[str, str]:
    return {b.code: b.name for b in Beat.objects.prefetch_related("translations")}


def describe_criteria(criteria: dict, beats: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The filter in words, as (what, which) pairs for a page or a mailing's summary.

    Pass ``beats`` (from ``beat_names()``) when describing many filters on one page.
    """
    languages = dict(settings.LANGUAGES)
    labels = [
        ("q", _("Journalist's name"), None),
        ("outlet_kinds", _("Outlet type"), dict(OutletKind.choices)),
        ("outlet_levels", _("Outlet level"), dict(OutletLevel.choices)),
        ("outlet_languages", _("Outlet language"), languages),
        ("ownership", _("Ownership"), dict(Ownership.choices)),
        ("beats", _("Beats"), beats if beats is not None else beat_names()),
        ("languages", _("Journalist's working languages"), languages),
        ("preferred_language", _("Language for materials"), languages),
    ]
    parts = []
    for key, label, names in labels:
        value = criteria.get(key)
        if value:
            values = value if isinstance(value, list) else [value]
            parts.append((label, ", ".join(str(names.get(v, v)) if names else str(v) for v in values)))
    if criteria.get("trusted") == "yes":
        parts.append((_("Trusted pool"), _("only the trusted pool")))
    elif criteria.get("trusted") == "no":
        parts.append((_("Trusted pool"), _("not in the trusted pool")))
    if criteria.get("outlets"):
        outlets = Outlet.objects.filter(pk__in=criteria["outlets"]).prefetch_related("translations")
        parts.append((_("Outlets"), ", ".join(o.name for o in outlets)))
    if criteria.get("with_email"):
        parts.append((_("Email"), _("only with a working email")))
    return parts


def outlet_named(name: str) -> Outlet | None:
    """The one active outlet called ``name`` in any language or spelling, or None (none, or several)."""
    key = indexing.name_key(name)
    if not key:
        return None
    terms = key.split()
    candidates = Outlet.objects.active().filter(pk__in=search.matching(indexing.OUTLET, terms, prefix=False))
    found = [
        o
        for o in candidates.prefetch_related("translations")
        if key in {indexing.name_key(t.name) for t in o.translations.all()}
    ]
    return found[0] if len(found) == 1 else None


def journalist_with_email(email: str) -> Journalist | None:
    contact = (
        Contact.objects.filter(kind=ContactKind.EMAIL, normalized=email.strip().lower(), journalist__isnull=False)
        .filter(journalist__erased_at__isnull=True, journalist__merged_into__isnull=True)
        .select_related("journalist")
        .first()
    )
    return contact.journalist if contact else None


def journalist_of_account(account) -> Journalist | None:
    """The directory record behind a portal account: linked to it, else found by the account's confirmed email."""
    if account is None or not getattr(account, "is_authenticated", False) or not account.is_journalist:
        return None
    record = Journalist.objects.present().filter(account=account).first()
    if record is None and account.email_confirmed_at is not None:
        record = journalist_with_email(account.email)
    return record


def email_contacts(journalist_ref) -> QuerySet[Contact]:
    """A journalist's email contacts nobody marked invalid (``journalist_ref`` may be an ``OuterRef``)."""
    return Contact.objects.filter(journalist=journalist_ref, kind=ContactKind.EMAIL, invalid_since__isnull=True)


def with_working_email(journalists: QuerySet[Journalist]) -> QuerySet[Journalist]:
    """Present journalists that have an email nobody marked invalid, annotated as ``working_email``."""
    first = email_contacts(OuterRef("pk")).order_by("-confirmed_on", "pk").values("value")[:1]
    return (
        journalists.filter(erased_at__isnull=True, merged_into__isnull=True)
        .annotate(working_email=Subquery(first))
        .exclude(working_email=None)
    )


def members(actor: User, criteria: dict) -> QuerySet[Journalist]:
    """The journalists a segment's filter selects among those the actor may see, evaluated now."""
    return filters.apply(access.visible(actor, Journalist.objects.present()), criteria)
