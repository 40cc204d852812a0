"""What the distribution pages read: who sees which mailing, its figures, its log, what may be sent.

Every page fetches a mailing through ``access_mailing`` (404 when its unit is
out of sight, 403 when the user may see it but not take the step). Figures are
counted by the database in one query per table, never row by row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core.models import User
from pressdesk.core.permissions import UnitForbidden, has_perm, units_for
from pressdesk.directory import access as directory_access
from pressdesk.directory.models import Journalist, Segment
from pressdesk.distribution import services
from pressdesk.distribution.models import Delivery, DeliveryStatus, Mailing, MailingStatus
from pressdesk.publications.models import Material
from pressdesk.publications.models.materials import INTERNAL_KINDS

VIEW = "distribution.view"
PREPARE = services.PREPARE
SEND = services.SEND
# The columns of a mailing's figures, in the order a press secretary reads them.
FIGURES = (
    DeliveryStatus.SENT,
    DeliveryStatus.FAILED,
    DeliveryStatus.BOUNCED,
    DeliveryStatus.UNKNOWN,
    DeliveryStatus.SKIPPED,
    DeliveryStatus.QUEUED,
    DeliveryStatus.SENDING,
)
MATERIAL_CHOICES = 100


def in_sight(user: User) -> QuerySet[Mailing]:
    return Mailing.objects.filter(unit__in=units_for(user, VIEW))


def access_mailing(user: User, pk: int, action: str = VIEW) -> Mailing:
    """The mailing if the user sees its unit's mailings (else 404) and may take ``action`` there (else 403)."""
    mailing = (
        in_sight(user)
        .select_related("unit", "material", "segment", "created_by")
        .prefetch_related("material__translations", "unit__translations")
        .filter(pk=pk)
        .first()
    )
    if mailing is None:
        raise Http404(_("There is no such mailing."))
    if action != VIEW and not has_perm(user, action, mailing.unit):
        raise UnitForbidden(_("Your role in this unit does not allow this."))
    return mailing


def with_figures(mailings: QuerySet[Mailing]) -> QuerySet[Mailing]:
    """Each mailing with ``n_<status>`` for every delivery status and ``n_total``, counted in the same query."""
    figures = {
        f"n_{status}": Count("deliveries", filter=Q(deliveries__status=status)) for status in DeliveryStatus.values
    }
    return mailings.annotate(n_total=Count("deliveries"), **figures)


def mailing_list(user: User, status: str = "") -> QuerySet[Mailing]:
    mailings = in_sight(user)
    if status in MailingStatus.values:
        mailings = mailings.filter(status=status)
    return with_figures(
        mailings.order_by("-created_at", "-pk")
        .select_related("segment", "unit", "material")
        .prefetch_related("material__translations", "unit__translations")
    )


def sendable_materials(user: User) -> QuerySet[Material]:
    """Materials the user may prepare a mailing of, in a state that can be sent: the latest first."""
    return (
        Material.objects.filter(unit__in=units_for(user, PREPARE), status__in=services.SENDABLE)
        .exclude(kind__in=INTERNAL_KINDS)
        .prefetch_related("translations")
        .order_by("-published_at", "-updated_at", "-pk")
    )


def material_choices(user: User) -> QuerySet[Material]:
    """The latest sendable materials, as a queryset a form field can still filter."""
    return sendable_materials(user).filter(pk__in=sendable_materials(user).values("pk")[:MATERIAL_CHOICES])


def segments_for(user: User) -> QuerySet[Segment]:
    """Saved segments of the units whose directory the user sees (a mailing may use exactly these)."""
    return Segment.objects.filter(unit__in=units_for(user, "directory.view")).order_by("name", "pk")


def sample_name(user: User, journalist_id: int | None) -> str:
    """The name a preview greets: a journalist of the audience the user may see, else nobody (a subscriber)."""
    if not journalist_id:
        return ""
    visible = directory_access.visible(user, Journalist.objects.present())
    return visible.filter(pk=journalist_id).values_list("full_name", flat=True).first() or ""


@dataclass
class Sample:
    """Who a preview in one language is shown as: a real recipient of that language."""

    language: str
    journalist_id: int | None
    name: str


def samples(mailing: Mailing, audience: services.Audience | None) -> list[Sample]:
    """One recipient per language of the letters, in the order of settings.LANGUAGES.

    Before sending, from the audience as it is now; once started, from the
    deliveries written then. A language nobody gets shows the material's original.
    """
    found: dict[str, Sample] = {}
    if audience is not None:
        for recipient in audience.recipients:
            if recipient.language not in found:
                found[recipient.language] = Sample(recipient.language, recipient.journalist_id, recipient.name)
    else:
        firsts = mailing.deliveries.values("language").annotate(first=Min("pk")).values("first")
        for row in Delivery.objects.filter(pk__in=firsts).values_list("language", "journalist_id", "name"):
            found[row[0]] = Sample(*row)
    ordered = [found[code] for code, _name in settings.LANGUAGES if code in found]
    return ordered or [Sample(mailing.material.source_language, None, "")]


def deliveries(mailing: Mailing, *, status: str = "", language: str = "") -> QuerySet[Delivery]:
    rows = mailing.deliveries.all()
    if status in DeliveryStatus.values:
        rows = rows.filter(status=status)
    if language in dict(settings.LANGUAGES):
        rows = rows.filter(language=language)
    return rows.order_by("pk")


@dataclass
class LanguageRow:
    language: str
    name: str
    counts: list[int]
    total: int


def figures_by_language(mailing: Mailing) -> list[LanguageRow]:
    """Deliveries per language and status, one grouped query."""
    grouped: dict[str, dict[str, int]] = {}
    for language, status, n in mailing.deliveries.values_list("language", "status").annotate(n=Count("pk")):
        grouped.setdefault(language, {})[status] = n
    names = dict(settings.LANGUAGES)
    return [
        LanguageRow(
            language=code,
            name=str(names[code]),
            counts=[grouped[code].get(status, 0) for status in FIGURES],
            total=sum(grouped[code].values()),
        )
        for code in names
        if code in grouped
    ]


def needs_attention(user: User, today: datetime.date | None = None) -> list[Mailing]:
    """For the dashboard: paused mailings, mailings with letters in doubt, and those scheduled for today."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    interrupted = Exists(Delivery.objects.filter(mailing=OuterRef("pk"), status=DeliveryStatus.UNKNOWN))
    wanted = (
        Q(status=MailingStatus.PAUSED)
        | Q(interrupted=True)
        | Q(status=MailingStatus.SCHEDULED, send_at__gte=start, send_at__lt=start + datetime.timedelta(days=1))
    )
    return list(
        in_sight(user)
        .annotate(interrupted=interrupted)
        .filter(wanted)
        .select_related("material")
        .prefetch_related("material__translations")
        .order_by("send_at", "-pk")[:8]
    )
