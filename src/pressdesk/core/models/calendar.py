from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday")
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Working day")


class CalendarDay(models.Model):
    """An exception to the Monday–Friday working week in Kazakhstan.

    ``holiday`` is a public holiday (a day off even on a weekday; on a weekend it is
    kept so the year reads completely); ``day_off`` is a weekday made a day off by a
    government transfer or because a holiday fell on a weekend; ``working_day`` is a
    Saturday or Sunday made a working day by a transfer. Every other day follows the
    week. Changed only through ``pressdesk.core.calendar_services``.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}" + (f" — {self.name}" if self.name else "")

    @property
    def is_working(self) -> bool:
        return self.kind == DayKind.WORKING_DAY
