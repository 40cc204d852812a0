"""Journalists, where they have worked, what they cover, and the trusted pool."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import NamedMixin, NameTranslation
from pressdesk.directory.models.common import language_labels, language_list


class Beat(NamedMixin, models.Model):
    """A subject a journalist covers: transport, health, education…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("beat")
        verbose_name_plural = _("beats")

    def __str__(self) -> str:
        return self.name

    def name_fallback(self) -> str:
        return self.code


class BeatTranslation(NameTranslation):
    parent = models.ForeignKey(Beat, on_delete=models.CASCADE, related_name="translations")


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", _("Written consent of the journalist")
    PORTAL = "portal", _("Consent given on the journalists' portal")
    ACCREDITATION = "accreditation", _("Consent in an accreditation application")
    PUBLIC_CONTACT = "public_contact", _("Editorial contact published by the outlet")


class JournalistQuerySet(models.QuerySet):
    def present(self) -> JournalistQuerySet:
        """Records that stand for a person today: not erased and not merged into another."""
        return self.filter(erased_at__isnull=True, merged_into__isnull=True)

    def trusted(self) -> JournalistQuerySet:
        return self.present().filter(trusted=True)

    def for_lists(self) -> JournalistQuerySet:
        """Everything a list row shows, in a fixed number of queries."""
        current = (
            Position.objects.filter(until__isnull=True)
            .select_related("outlet")
            .prefetch_related("outlet__translations")
        )
        return self.prefetch_related(
            Prefetch("positions", queryset=current, to_attr="current_positions"),
            "beats__translations",
        )


class Journalist(models.Model):
    """A journalist, kept by a unit. Erasing keeps the row, anonymised, so counts stay true."""

    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("kept by"))
    full_name = models.CharField(_("full name"), max_length=200)
    # The name's spelling-independent key (sorted words, see pressdesk.text.name_keys): duplicates share it.
    name_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    name_variants = models.TextField(_("other spellings of the name"), blank=True, help_text=_("One per line."))
    beats = models.ManyToManyField(Beat, blank=True, related_name="journalists", verbose_name=_("beats"))
    languages = models.CharField(_("working languages"), max_length=20, blank=True, db_index=True)
    preferred_language = models.CharField(
        _("language for materials"), max_length=8, choices=settings.LANGUAGES, default="kk"
    )
    notes = models.TextField(_("notes"), blank=True)
    trusted = models.BooleanField(_("in the trusted pool"), default=False, db_index=True)
    trusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trusted_at = models.DateTimeField(_("trusted since"), null=True, blank=True)
    trusted_reason = models.TextField(_("why trusted"), blank=True)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_basis = models.CharField(_("basis for keeping personal data"), max_length=20, choices=ConsentBasis.choices)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journalist_record",
        verbose_name=_("portal account"),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.erased_at:
            return str(_("Erased record #%(number)s") % {"number": self.pk})
        return self.full_name

    @property
    def language_codes(self) -> list[str]:
        return language_list(self.languages)

    @property
    def language_names(self) -> str:
        return language_labels(self.languages)

    @property
    def variants(self) -> list[str]:
        return [line.strip() for line in self.name_variants.splitlines() if line.strip()]

    def current(self) -> list[Position]:
        if hasattr(self, "current_positions"):
            return self.current_positions
        return list(self.positions.filter(until__isnull=True).select_related("outlet"))


class PositionQuerySet(models.QuerySet):
    def on(self, day: datetime.date) -> PositionQuerySet:
        return self.filter(Q(since__isnull=True) | Q(since__lte=day), Q(until__isnull=True) | Q(until__gt=day))


class Position(models.Model):
    """A journalist's job at an outlet, from ``since`` until ``until`` (open while it lasts)."""

    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="positions")
    outlet = models.ForeignKey("directory.Outlet", on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("position"), max_length=120, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["-since", "-pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [models.Index(fields=["outlet", "until"])]

    def __str__(self) -> str:
        return f"{self.title} — {self.outlet}"
