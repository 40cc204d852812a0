from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models.translations import NamedMixin, NameTranslation


class UnitKind(models.TextChoices):
    BODY = "body", _("State body")
    DEPARTMENT = "department", _("Department")
    DISTRICT = "district", _("District unit")
    PRIMARY = "primary", _("Primary organisation")


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path)

    def with_names(self) -> UnitQuerySet:
        return self.prefetch_related("translations")


class Unit(NamedMixin, models.Model):
    """An organisation unit: the body, its departments, districts, primary organisations.

    ``path`` is a materialised path ("000001.000004.") so a subtree is one
    indexed prefix query on both databases.
    """

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    code = models.SlugField(_("code"), max_length=64, unique=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def name_fallback(self) -> str:
        return self.code

    @property
    def depth(self) -> int:
        return self.path.count(".") - 1

    def is_within(self, other: Unit) -> bool:
        return self.path.startswith(other.path)


class UnitTranslation(NameTranslation):
    parent = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="translations")


class Role(models.TextChoices):
    HEAD = "head", _("Head")
    PRESS_SECRETARY = "press_secretary", _("Press secretary")
    PRESS_OFFICER = "press_officer", _("Press officer")
    ANALYST = "analyst", _("Monitoring analyst")
    UNIT_PRESS_SECRETARY = "unit_press_secretary", _("Unit press secretary")
    CONSULTANT = "consultant", _("Consultant")


class MembershipQuerySet(models.QuerySet):
    def active(self, today: datetime.date | None = None) -> MembershipQuerySet:
        today = today or timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today), valid_from__lte=today)


class Membership(models.Model):
    """A role a person holds in a unit. A person may hold several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("from"), default=timezone.localdate)
    valid_until = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("role in a unit")
        verbose_name_plural = _("roles in units")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="core_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
