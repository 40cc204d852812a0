"""Reports sent on a schedule: which report, for which unit, how often, to whom, in which formats.

A ``Schedule`` is claimed per period with a conditional UPDATE of
``last_period`` — a worker run twice, or two workers, send one report per
period. ``Delivery`` keeps what went to whom and when, for the sender's page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly (on Monday, for the week before)")
    MONTHLY = "monthly", _("Monthly (on the 1st, for the month before)")


class Schedule(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    frequency = models.CharField(_("how often"), max_length=8, choices=Frequency.choices)
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("to whom"))
    send_pdf = models.BooleanField(_("PDF"), default=True)
    send_xlsx = models.BooleanField(_("XLSX"), default=False)
    active = models.BooleanField(_("active"), default=True)
    # The first day of the last period sent; the claim moves it forward once.
    last_period = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["unit__path", "frequency", "pk"]
        verbose_name = _("scheduled report")
        verbose_name_plural = _("scheduled reports")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} — {self.unit.name}"


class Delivery(models.Model):
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="deliveries")
    first_day = models.DateField()
    last_day = models.DateField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "first_day"], name="reports_delivery_once"),
        ]
