"""Personal API tokens: only a hash is stored; the token itself is shown once, when it is made."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, today: datetime.date | None = None) -> ApiTokenQuerySet:
        """Not revoked, not past its last day. Whether the owner may still use it is checked per request."""
        today = today or timezone.localdate()
        return self.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today), revoked_at__isnull=True)


class ApiToken(models.Model):
    """A staff member's key to the JSON API, sent as ``Authorization: Bearer <token>``.

    ``key_hash`` is the SHA-256 of the token. A token carries 256 random bits,
    so a fast hash is enough (nothing to brute-force) and the look-up is one
    unique-index probe. ``prefix`` is the token's first characters, so the
    owner can tell tokens apart without the secret.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("begins with"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_on = models.DateField(_("works until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name

    def is_usable(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.revoked_at is None and (self.expires_on is None or self.expires_on >= today)

    @property
    def expired(self) -> bool:
        return self.revoked_at is None and self.expires_on is not None and self.expires_on < timezone.localdate()
