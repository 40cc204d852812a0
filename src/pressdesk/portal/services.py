"""Journalists' portal accounts: sign-up with email confirmation."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import User, UserKind

CONFIRM_SALT = "pressdesk.portal.confirm-email"
CONFIRM_MAX_AGE = 3 * 24 * 60 * 60


class PortalError(Exception):
    pass


def confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)


@transaction.atomic
def journalist_sign_up(*, full_name: str, email: str, password: str, language: str, ip: str | None = None) -> User:
    """Create an inactive journalist account and mail the confirmation link after commit."""
    user = User.objects.create_user(
        email, password, full_name=full_name, kind=UserKind.JOURNALIST, language=language, is_active=False
    )
    audit.record(
        actor=user,
        action="portal.account.signed_up",
        target=user,
        after={"email": user.email, "language": language, "consent": True},
        ip=ip,
    )
    from pressdesk.portal.tasks import send_confirmation_email

    # The letter goes from the worker: a mail server that is down never loses the sign-up.
    transaction.on_commit(lambda: send_confirmation_email.enqueue(user_id=user.pk))
    return user


def send_confirmation(user: User) -> None:
    with translation.override(user.language):
        link = settings.SITE_URL + reverse("portal:confirm", args=[confirmation_token(user)])
        body = render_to_string("portal/email/confirm.txt", {"user": user, "link": link})
        send_mail(_("Confirm your email for the press service portal"), body, None, [user.email])


@transaction.atomic
def journalist_confirm(token: str) -> User:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise PortalError(_("This confirmation link has expired. Sign up again or ask for a new link.")) from None
    except signing.BadSignature:
        raise PortalError(_("This confirmation link is not valid. Copy the whole link from the letter.")) from None
    user = User.objects.select_for_update().filter(pk=data["u"], email=data["e"], kind=UserKind.JOURNALIST).first()
    if user is None:
        raise PortalError(_("This confirmation link is not valid. Copy the whole link from the letter."))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_confirmed_at", "is_active"])
        audit.record(actor=user, action="portal.account.confirmed", target=user)
    return user
