"""An import of a file into the directory: uploaded, checked in the background, then written in one go."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.directory.models.journalists import ConsentBasis


class ImportKind(models.TextChoices):
    JOURNALISTS = "journalists", _("Journalists")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Waiting to be checked")
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked")
    IMPORTING = "importing", _("Being imported")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


RUNNING = (ImportStatus.UPLOADED, ImportStatus.CHECKING, ImportStatus.IMPORTING)


def upload_path(job: ImportJob, original: str) -> str:
    # A random name: the original may carry a person's name, and two uploads of "list.xlsx" must not collide.
    return f"imports/{uuid.uuid4().hex}{PurePath(original).suffix.lower()[:10]}"


class ImportJob(models.Model):
    """One uploaded file on its way into the directory; the worker moves it through the statuses.

    ``errors`` and ``duplicates`` hold what the check found, as lists of
    ``{"row": n, ...}`` (row ``None`` for the file as a whole), written in the
    language of the person who uploaded it; the counts cover every row even
    when only the first few hundred findings are kept.
    """

    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("kept by"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("what is imported"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to=upload_path, max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="kk")
    consent_basis = models.CharField(_("basis for keeping personal data"), max_length=20, choices=ConsentBasis.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED, db_index=True
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_with_errors = models.PositiveIntegerField(_("rows with errors"), default=0)
    rows_already_known = models.PositiveIntegerField(_("rows already in the directory"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    errors = models.JSONField(default=list, blank=True)
    duplicates = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.original_name

    @property
    def running(self) -> bool:
        return self.status in RUNNING

    @property
    def rows_to_import(self) -> int:
        return max(self.rows_total - self.rows_with_errors - self.rows_already_known, 0)

    @property
    def can_import(self) -> bool:
        return self.status == ImportStatus.CHECKED and not self.errors and self.rows_to_import > 0
