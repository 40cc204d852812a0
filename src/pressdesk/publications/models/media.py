"""The media library: photos and documents, and the brand assets (logos, templates).

A file is stored under a random name; its original name is kept only as a
label. Images are stored re-encoded (no EXIF, no trailing payload) with a
thumbnail. Files are served by a view that checks who may see them: an asset
used by a material that is not public yet is not public either.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.files import KIND_BY_CONTENT_TYPE
from pressdesk.core.models import TranslatableMixin, TranslationBase


class MediaSection(models.TextChoices):
    LIBRARY = "library", _("Photos and documents")
    BRAND = "brand", _("Brand assets")


class MediaAssetQuerySet(models.QuerySet):
    def images(self) -> MediaAssetQuerySet:
        return self.filter(content_type__startswith="image/")

    def documents(self) -> MediaAssetQuerySet:
        return self.exclude(content_type__startswith="image/")

    def public(self, now: datetime.datetime | None = None) -> MediaAssetQuerySet:
        """What anyone may download: a brand asset marked public, or a file a public material shows or carries."""
        from pressdesk.publications.models.materials import Material

        live = Material.objects.public(now)
        return self.filter(
            Q(section=MediaSection.BRAND, is_public=True)
            | Q(pk__in=live.filter(lead_image__isnull=False).values("lead_image"))
            | Q(pk__in=live.filter(attachments__isnull=False).values("attachments"))
        )


class MediaAsset(TranslatableMixin, models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    section = models.CharField(_("section"), max_length=10, choices=MediaSection.choices, default=MediaSection.LIBRARY)
    file = models.FileField(_("file"), upload_to="library/")
    thumbnail = models.FileField(upload_to="library/thumbs/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    # Brand assets marked public (the logo, the press kit) are downloadable by anyone from the newsroom.
    is_public = models.BooleanField(_("anyone may download"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = MediaAssetQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def format_label(self) -> str:
        """The format's short name: JPEG, PDF, DOCX…"""
        kind = KIND_BY_CONTENT_TYPE.get(self.content_type)
        return kind.upper() if kind else self.content_type

    @property
    def alt(self) -> str:
        row = self.translated()
        return row.alt if row else ""


class MediaAlt(TranslationBase):
    """What the picture shows, for screen readers, and an optional caption, in one language."""

    parent = models.ForeignKey(MediaAsset, on_delete=models.CASCADE, related_name="translations")
    alt = models.CharField(_("text alternative"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["parent", "language"], name="publications_alt_per_language")]
