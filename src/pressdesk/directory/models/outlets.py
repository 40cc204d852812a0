"""Outlets: newspapers, channels, sites, agencies — with names in three languages."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import NamedMixin, NameTranslation
from pressdesk.directory.models.common import language_labels, language_list


class OutletKind(models.TextChoices):
    NEWSPAPER = "newspaper", _("Newspaper")
    MAGAZINE = "magazine", _("Magazine")
    TV = "tv", _("TV channel")
    RADIO = "radio", _("Radio")
    ONLINE = "online", _("Online outlet")
    AGENCY = "agency", _("News agency")
    TELEGRAM = "telegram", _("Telegram channel")
    BLOG = "blog", _("Blog")
    FOREIGN_BUREAU = "foreign_bureau", _("Foreign bureau")


class OutletLevel(models.TextChoices):
    CITY = "city", _("City")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    FOREIGN = "foreign", _("Foreign")


class Ownership(models.TextChoices):
    STATE = "state", _("State")
    PRIVATE = "private", _("Private")


class OutletStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another")


class OutletQuerySet(models.QuerySet):
    def active(self) -> OutletQuerySet:
        return self.filter(status=OutletStatus.ACTIVE)

    def with_names(self) -> OutletQuerySet:
        return self.prefetch_related("translations")


class Outlet(NamedMixin, models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("kept by"))
    kind = models.CharField(_("type"), max_length=20, choices=OutletKind.choices)
    languages = models.CharField(_("languages"), max_length=20, blank=True, db_index=True)
    level = models.CharField(_("level"), max_length=12, choices=OutletLevel.choices)
    ownership = models.CharField(_("ownership"), max_length=10, choices=Ownership.choices)
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    reach_source = models.CharField(_("source of the reach figure"), max_length=200, blank=True)
    reach_date = models.DateField(_("date of the reach figure"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OutletStatus.choices, default=OutletStatus.ACTIVE)
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        indexes = [models.Index(fields=["kind", "level"])]

    def __str__(self) -> str:
        return self.name

    @property
    def language_codes(self) -> list[str]:
        return language_list(self.languages)

    @property
    def language_names(self) -> str:
        return language_labels(self.languages)


class OutletTranslation(NameTranslation):
    parent = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="translations")


class FeedKind(models.TextChoices):
    FEED = "feed", _("RSS or Atom feed")
    SITEMAP = "sitemap", _("News sitemap")
    LISTING = "listing", _("Listing page")


class OutletFeed(models.Model):
    """An address monitoring reads the outlet's new items from."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="feeds")
    kind = models.CharField(_("kind"), max_length=10, choices=FeedKind.choices, default=FeedKind.FEED)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        constraints = [models.UniqueConstraint(fields=["outlet", "url"], name="directory_feed_once_per_outlet")]

    def __str__(self) -> str:
        return self.url
