"""Information bulletins: chosen materials bound into one numbered issue, exported to PDF."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Bulletin(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    number = models.PositiveIntegerField(_("issue number"))
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    issued_on = models.DateField(_("date of issue"), default=timezone.localdate)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    materials = models.ManyToManyField("publications.Material", through="BulletinItem", related_name="bulletins")

    class Meta:
        ordering = ["-issued_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="publications_bulletin_number")]

    def __str__(self) -> str:
        return f"№{self.number} {self.title}"


class BulletinItem(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="items")
    material = models.ForeignKey("publications.Material", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["bulletin", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "material"], name="publications_bulletin_once"),
        ]
