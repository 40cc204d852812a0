"""What the newsroom reads: public materials in one language, and the lists built from them.

Every query starts from ``Material.objects.public()`` (the one rule of what the
public may see) and keeps only materials that have a version in the page's
language; that version is prefetched alone, so ``material.translated()`` on a
list is the page's language and costs no query.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from pressdesk.core import search
from pressdesk.publications import indexing
from pressdesk.publications.models import Correction, Material, MaterialKind, MaterialVersion, Status, Topic
from pressdesk.publications.models.materials import INTERNAL_KINDS

# The public kinds, in the order the newsroom lists them.
PUBLIC_KINDS = [kind for kind in MaterialKind if kind not in INTERNAL_KINDS]


def public_in(language: str) -> QuerySet[Material]:
    """Public materials with a version in ``language``, newest public time first, that version prefetched."""
    return (
        Material.objects.public()
        .filter(translations__language=language)
        .with_public_time()
        .prefetch_related(
            Prefetch("translations", queryset=MaterialVersion.objects.filter(language=language)),
            "topics__translations",
        )
        .order_by("-shown_at", "-pk")
    )


def of_kind(language: str, kind: str) -> QuerySet[Material]:
    return public_in(language).filter(kind=kind)


def on_topic(language: str, topic: Topic) -> QuerySet[Material]:
    return public_in(language).filter(topics=topic)


def in_month(language: str, year: int, month: int) -> QuerySet[Material]:
    """Made public in that month, by the clock of the newsroom's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    end = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    return public_in(language).filter(shown_at__gte=start, shown_at__lt=end)


def matching(language: str, query: str) -> QuerySet[Material]:
    """Public materials whose version in ``language`` contains every word of ``query``; none for no words."""
    terms = indexing.query_terms(query, language)
    if not terms:
        return Material.objects.none()
    return public_in(language).filter(pk__in=search.matching(indexing.kind(language), terms))


def months(language: str) -> list[datetime.datetime]:
    """The months that have public materials in ``language``, newest first."""
    rows = (
        public_in(language).order_by().annotate(month=TruncMonth("shown_at")).values_list("month", flat=True).distinct()
    )
    return sorted(set(rows), reverse=True)


def topics(language: str) -> QuerySet[Topic]:
    """Topics with at least one public material in ``language``."""
    used = public_in(language).order_by().values("pk")
    return Topic.objects.filter(materials__in=used).distinct().prefetch_related("translations")


def kinds(language: str) -> list[str]:
    """The public kinds that have at least one material in ``language``, in the newsroom's order."""
    present = set(public_in(language).order_by().values_list("kind", flat=True).distinct())
    return [kind for kind in PUBLIC_KINDS if kind in present]


def public_material(pk: int) -> Material | None:
    """One public material with everything its page shows: every version, topics, photo, files, corrections."""
    return (
        Material.objects.public()
        .filter(pk=pk)
        .with_public_time()
        .select_related("lead_image")
        .prefetch_related(
            "translations",
            "topics__translations",
            "attachments",
            "lead_image__translations",
            Prefetch("corrections", queryset=Correction.objects.prefetch_related("translations")),
        )
        .first()
    )


def withdrawn_material(pk: int) -> Material | None:
    """A material taken back after it went public: its address answers with the reason, never the text.

    ``withdraw`` only accepts a material that was public, so the status says it was
    seen; a staff-only kind or a still running embargo is never named even so.
    """
    now = timezone.now()
    return (
        Material.objects.filter(pk=pk, status=Status.WITHDRAWN)
        .filter(Q(embargo_until__isnull=True) | Q(embargo_until__lte=now))
        .exclude(kind__in=INTERNAL_KINDS)
        .prefetch_related("translations")
        .first()
    )
