"""Partners: rights organisations, other authorities' press services, NGOs, firms."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import NamedMixin, NameTranslation


class PartnerKind(models.TextChoices):
    RIGHTS = "rights", _("Rights organisation")
    AUTHORITY = "authority", _("Press service of another authority")
    NGO = "ngo", _("Non-governmental organisation")
    FIRM = "firm", _("Company")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class Partner(NamedMixin, models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("kept by"))
    kind = models.CharField(_("type"), max_length=20, choices=PartnerKind.choices)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class PartnerTranslation(NameTranslation):
    parent = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="translations")


class PartnerPerson(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=120, blank=True)

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return self.full_name
