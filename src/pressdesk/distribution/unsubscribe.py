"""Unsubscribing: the signed token in every letter, and the suppression list it writes to.

The token names an address and a category and is signed with the site's key
(``django.core.signing``), so the link needs no session and no database row
per letter: whoever holds the letter may unsubscribe its address, and nobody
can forge a token for another address. Tokens do not expire: a letter found a
year later still unsubscribes. Suppression is honoured from the moment it is
written: the letters of that kind still queued for the address are skipped in the
same transaction, and later mailings leave the address out (``services.audience``).
"""

from __future__ import annotations

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q

from pressdesk.core import audit
from pressdesk.distribution.models import (
    ALL_CATEGORIES,
    Category,
    Delivery,
    DeliveryStatus,
    SkipReason,
    Suppression,
    SuppressionSource,
)

SALT = "pressdesk.distribution.unsubscribe"


def address_key(address: str) -> str:
    """How an address is compared and stored: trimmed, lower case."""
    return address.strip().lower()


def token(address: str, category: str) -> str:
    return signing.dumps([address_key(address), category], salt=SALT)  # too short for compression to shorten it


def read(value: str) -> tuple[str, str] | None:
    """The (address, category) a token stands for, or None when it was not made by us."""
    try:
        address, category = signing.loads(value, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if category != ALL_CATEGORIES and category not in Category.values:
        return None
    return address, category


def suppressed(address: str, category: str) -> bool:
    return Suppression.objects.filter(
        Q(category=category) | Q(category=ALL_CATEGORIES), address=address_key(address)
    ).exists()


def suppressed_addresses(category: str) -> set[str]:
    return set(
        Suppression.objects.filter(Q(category=category) | Q(category=ALL_CATEGORIES)).values_list("address", flat=True)
    )


def suppress(address: str, category: str, source: str = SuppressionSource.LINK) -> bool:
    """Stop letters of ``category`` to ``address``; True when this changed anything. Idempotent."""
    address = address_key(address)
    if suppressed(address, category):
        return False
    try:
        with transaction.atomic():
            entry = Suppression.objects.create(address=address, category=category, source=source)
            # Honoured at once: the letters of a mailing still waiting to go are not sent.
            waiting = Delivery.objects.filter(address__iexact=address, status=DeliveryStatus.QUEUED)
            if category != ALL_CATEGORIES:
                waiting = waiting.filter(mailing__category=category)
            waiting.update(status=DeliveryStatus.SKIPPED, skip_reason=SkipReason.UNSUBSCRIBED)
    except IntegrityError:  # two clicks at once: the other one wrote it
        return False
    audit.record(actor=None, action="distribution.unsubscribed", target=entry, after={"category": category})
    return True
