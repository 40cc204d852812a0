"""Readers' subscriptions from the portal: asked for, confirmed by a letter (double opt-in), changed, cancelled.

* Nothing is live until the address is confirmed: the form keeps the choices
  in an unconfirmed ``Subscription`` and mails a signed link
  (``django.core.signing``, its own salt, valid ``LINK_MAX_AGE``); the link's
  page asks for one press of a button, because mail scanners open links.
* The page never says whether an address is subscribed: the same form for an
  address already confirmed sends that address a link to manage its
  subscription instead, and changes nothing.
* The manage link (also signed, also ``LINK_MAX_AGE``) changes the language,
  topics and categories, or cancels.
* At most ``LETTERS_PER_ADDRESS`` letters an hour go to one address, whoever
  fills in the form (the page limits each client's attempts too).

A reader who confirms asked for these letters again: unsubscribing from the
same categories in an earlier letter is lifted for them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from pressdesk.core import audit, ratelimit
from pressdesk.core.services import DomainError
from pressdesk.distribution.models import ALL_CATEGORIES, Category, Subscription, Suppression
from pressdesk.distribution.unsubscribe import address_key
from pressdesk.publications.models import Topic

CONFIRM_SALT = "pressdesk.distribution.subscription.confirm"
MANAGE_SALT = "pressdesk.distribution.subscription.manage"
LINK_MAX_AGE = datetime.timedelta(days=7)
LETTERS_PER_ADDRESS = 3  # an hour
CONFIRM, MANAGE = "confirm", "manage"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _check(language: str, categories: Iterable[str]) -> list[str]:
    if language not in LANGUAGES:
        raise DomainError(_("Choose the language of the letters."))
    chosen = list(dict.fromkeys(categories))
    if any(category not in Category.values for category in chosen):
        raise DomainError(_("Choose the kinds of materials from the list."))
    return chosen


def _choices(subscription: Subscription) -> dict:
    return {
        "language": subscription.language,
        "topics": sorted(subscription.topics.values_list("slug", flat=True)),
        "categories": subscription.categories,
    }


# --- links -------------------------------------------------------------------------------------------


def _token(subscription: Subscription, salt: str) -> str:
    return signing.dumps({"s": subscription.pk, "a": subscription.address}, salt=salt)


def confirmation_token(subscription: Subscription) -> str:
    return _token(subscription, CONFIRM_SALT)


def manage_token(subscription: Subscription) -> str:
    return _token(subscription, MANAGE_SALT)


def link(subscription: Subscription, purpose: str) -> str:
    """The full address of the confirm or manage page, in the subscriber's language."""
    name, token = (
        ("portal:subscription_confirm", confirmation_token(subscription))
        if purpose == CONFIRM
        else ("portal:subscription_manage", manage_token(subscription))
    )
    with translation.override(subscription.language):
        return settings.SITE_URL + reverse(name, args=[token])


def _by_token(token: str, salt: str, *, lock: bool = False) -> Subscription:
    try:
        data = signing.loads(token, salt=salt, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(
            _("This link has expired. Fill in the subscription form again and we will send you a new one.")
        ) from None
    except signing.BadSignature:
        raise DomainError(_("This link is damaged. Copy the whole link from the letter.")) from None
    rows = Subscription.objects.select_for_update() if lock else Subscription.objects
    found = rows.filter(pk=data.get("s"), address=data.get("a")).first() if isinstance(data, dict) else None
    if found is None:
        raise DomainError(_("This subscription no longer exists. Fill in the subscription form to subscribe again."))
    return found


def subscription_for_confirmation(token: str) -> Subscription:
    return _by_token(token, CONFIRM_SALT)


def subscription_for_management(token: str) -> Subscription:
    """The confirmed subscription a manage link stands for; ``DomainError`` with the reason otherwise."""
    found = _by_token(token, MANAGE_SALT)
    if found.confirmed_at is None:
        raise DomainError(_("This subscription is not confirmed yet: open the link in the confirmation letter first."))
    return found


# --- the letters -----------------------------------------------------------------------------------------


@task()
def send_subscription_letter(subscription_id: int, purpose: str) -> bool:
    """The confirmation or manage letter, from the worker, so that the form answers at once. It is not retried:
    with the mail server down the task fails (the worker's log shows it) and the reader, who got no letter,
    fills in the form again."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None or (purpose == CONFIRM) != (subscription.confirmed_at is None):
        return False  # cancelled, or confirmed meanwhile: the letter would not fit any more
    with translation.override(subscription.language):
        subject = (
            _("Confirm your subscription to the press service's materials")
            if purpose == CONFIRM
            else _("Your subscription to the press service's materials")
        )
        body = render_to_string(
            "distribution/email/subscription_confirm.txt",
            {
                "purpose": purpose,
                "link": link(subscription, purpose),
                "days": LINK_MAX_AGE.days,
            },
        )
    send_mail(subject, body, None, [subscription.address])
    return True


def _mail(subscription: Subscription, purpose: str) -> None:
    if ratelimit.hit(
        "distribution.subscription.letter", subscription.address, limit=LETTERS_PER_ADDRESS, window_seconds=3600
    ):
        pk = subscription.pk
        transaction.on_commit(lambda: send_subscription_letter.enqueue(pk, purpose))


# --- the services ----------------------------------------------------------------------------------------


@transaction.atomic
def subscription_request(
    *, address: str, language: str, topics: Iterable[Topic], categories: Iterable[str], ip: str | None = None
) -> None:
    """Ask for letters: a confirmation letter, or, for an address already subscribed, a link to manage it.

    Returns nothing on purpose: the caller (a public page) must not learn which of the two happened.
    """
    categories = _check(language, categories)
    address = address_key(address)
    subscription = Subscription.objects.select_for_update().filter(address=address).first()
    if subscription is not None and subscription.confirmed_at is not None:
        _mail(subscription, MANAGE)
        return
    if subscription is None:
        subscription = Subscription.objects.create(address=address, language=language, categories=categories)
    else:
        subscription.language, subscription.categories = language, categories
        subscription.save(update_fields=["language", "categories"])
    subscription.topics.set(topics)
    audit.record(
        actor=None,
        action="distribution.subscription.requested",
        target=subscription,
        after=_choices(subscription),
        ip=ip,
    )
    _mail(subscription, CONFIRM)


def _lift_suppressions(subscription: Subscription, wanted: list[str]) -> list[str]:
    """Unsubscribing from what the reader now asks for again (``wanted``) is undone; the rest of an "all" stays
    stopped."""
    if not wanted:
        return []
    rows = Suppression.objects.filter(address=address_key(subscription.address))
    everything = rows.filter(category=ALL_CATEGORIES).first()
    if everything is not None:
        Suppression.objects.bulk_create(
            [
                Suppression(address=everything.address, category=category, source=everything.source)
                for category in Category.values
                if category not in wanted
            ],
            ignore_conflicts=True,
        )
        everything.delete()
    lifted = list(rows.filter(category__in=wanted).values_list("category", flat=True))
    rows.filter(category__in=wanted).delete()
    return ([ALL_CATEGORIES] if everything else []) + lifted


@transaction.atomic
def subscription_confirm(token: str) -> Subscription:
    """The address is the reader's: the subscription goes live. Confirming twice changes nothing."""
    subscription = _by_token(token, CONFIRM_SALT, lock=True)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        lifted = _lift_suppressions(subscription, subscription.categories or Category.values)
        audit.record(
            actor=None,
            action="distribution.subscription.confirmed",
            target=subscription,
            after={**_choices(subscription), "unsubscribing_lifted": lifted},
        )
    return subscription


@transaction.atomic
def subscription_change(
    *, subscription: Subscription, language: str, topics: Iterable[Topic], categories: Iterable[str]
) -> Subscription:
    categories = _check(language, categories)
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    before = _choices(subscription)
    subscription.language, subscription.categories = language, categories
    subscription.save(update_fields=["language", "categories"])
    subscription.topics.set(topics)
    after = _choices(subscription)
    if before != after:
        # Only categories the reader ticks now that were not asked for before lift an earlier unsubscribe: a new
        # language or new topics do not bring back letters the reader stopped.
        asked_before = set(before["categories"] or Category.values)
        lifted = _lift_suppressions(subscription, [c for c in (categories or Category.values) if c not in asked_before])
        audit.record(
            actor=None,
            action="distribution.subscription.changed",
            target=subscription,
            before=before,
            after={**after, "unsubscribing_lifted": lifted},
        )
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: Subscription) -> None:
    subscription = Subscription.objects.select_for_update().filter(pk=subscription.pk).first()
    if subscription is None:
        return  # cancelled a moment ago, in another tab
    audit.record(
        actor=None, action="distribution.subscription.cancelled", target=subscription, before=_choices(subscription)
    )
    subscription.delete()
