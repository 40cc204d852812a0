"""A mailing's delivery log as a table: the page's columns, for CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.distribution.models import Delivery, DeliveryStatus, SkipReason


def header() -> list[str]:
    return [
        _("Address"),
        _("Name"),
        _("Language"),
        _("Status"),
        _("Attempts"),
        _("Sent at (Almaty time)"),
        _("Reason or error"),
    ]


def reason(delivery: Delivery) -> str:
    """Why a letter did not go, in words: the skip reason, else the mail server's answer."""
    if delivery.skip_reason in SkipReason.values:
        return str(SkipReason(delivery.skip_reason).label)
    return delivery.error


def rows(deliveries: QuerySet[Delivery]) -> Iterator[list[str]]:
    languages = dict(settings.LANGUAGES)
    statuses = dict(DeliveryStatus.choices)
    for delivery in deliveries.iterator(chunk_size=1000):
        yield [
            delivery.address,
            delivery.name,
            str(languages.get(delivery.language, delivery.language)),
            str(statuses.get(delivery.status, delivery.status)),
            str(delivery.attempts),
            f"{timezone.localtime(delivery.sent_at):%Y-%m-%d %H:%M:%S}" if delivery.sent_at else "",
            reason(delivery),
        ]
