"""Writes with a rule for API tokens: make one (shown once), revoke one, note its use. Each change is audited."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.api.models import ApiToken
from pressdesk.api.registry import USE_API
from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError

TOKEN_PREFIX = "pd_"  # noqa: S105  (a marker that makes tokens recognisable to secret scanners, not a secret)
# Shown in the list so the owner can tell tokens apart; 8 characters of 43 give away nothing useful.
SHOWN_CHARACTERS = len(TOKEN_PREFIX) + 8
# Writing last_used_at on every call would turn each read into a write; a minute is precise enough.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: User, name: str, expires_on: datetime.date | None = None, ip: str | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``actor``; returns the row and the token itself, which is never stored and shown once."""
    if not has_perm(actor, USE_API):
        raise DomainError(_("Only staff with a role may have API tokens."))
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name, so you know later where it is used."))
    if expires_on is not None and expires_on < timezone.localdate():
        raise DomainError(_("The last day of the token is in the past: choose today or a later day."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name, prefix=raw[:SHOWN_CHARACTERS], key_hash=token_hash(raw), expires_on=expires_on
    )
    audit.record(
        actor=actor,
        action="api.token.created",
        target=token,
        after={"name": name, "prefix": token.prefix, "expires_on": expires_on},
        ip=ip,
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken, ip: str | None = None) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != actor.pk:
        raise DomainError(_("You can revoke only your own tokens."))
    if token.revoked_at is not None:
        raise DomainError(_("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        action="api.token.revoked",
        target=token,
        before={"name": token.name, "prefix": token.prefix},
        ip=ip,
    )
    return token


def api_token_user(raw: str) -> User | None:
    """The staff member a token speaks for, or None when the token is unknown, revoked, expired,
    or its owner is no longer active staff with a role. Notes when the token was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(key_hash=token_hash(raw)).first()
    if token is None or not has_perm(token.user, USE_API):  # has_perm: active, staff, holds a role today
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # A conditional update: two parallel calls write it once, and never move it backwards.
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION)
        ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    return token.user
