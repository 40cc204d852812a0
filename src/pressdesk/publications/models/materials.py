"""Materials: a press release or any other text of the body, its language versions, revisions and workflow.

One ``Material`` goes draft → in review → awaiting the head → approved →
scheduled or published → corrected or withdrawn. Its text lives in one
``MaterialVersion`` per language; every save of a version is a ``Revision``.
A version other than the source language records the source revision it was
translated from, so "translation outdated" is a comparison, not a guess.

What the public may see is decided in one place, ``MaterialQuerySet.public``:
every page, feed, sitemap, search and API response of the newsroom starts there.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import NamedMixin, NameTranslation, TranslatableMixin, TranslationBase


class MaterialKind(models.TextChoices):
    PRESS_RELEASE = "press_release", _("Press release")
    ANNOUNCEMENT = "announcement", _("Announcement")
    STATEMENT = "statement", _("Statement")
    NEWS = "news", _("News")
    ARTICLE = "article", _("Article or op-ed")
    REFERENCE = "reference", _("Reference note")
    BULLETIN = "bulletin", _("Information bulletin")
    SPEECH = "speech", _("Speech text")
    QA = "qa", _("Questions and answers (lines to take)")


# Kinds that go to the head unless a unit's rule says otherwise: what the body says in its own name.
HEAD_APPROVES_BY_DEFAULT = frozenset({MaterialKind.PRESS_RELEASE, MaterialKind.STATEMENT, MaterialKind.SPEECH})
# Kinds for staff use only: lines to take and speech drafts are briefing papers, never newsroom pages.
INTERNAL_KINDS = frozenset({MaterialKind.QA})


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the head's approval")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    CORRECTED = "corrected", _("Published, corrected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


EDITABLE = (Status.DRAFT, Status.IN_REVIEW)
PUBLIC = (Status.PUBLISHED, Status.CORRECTED)


class Topic(NamedMixin, models.Model):
    slug = models.SlugField(_("address"), max_length=60, unique=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class TopicName(NameTranslation):
    parent = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="translations")

    class Meta(NameTranslation.Meta):
        pass


class MaterialQuerySet(models.QuerySet):
    def public(self, now: datetime.datetime | None = None) -> MaterialQuerySet:
        """What anyone may read: published, past its time, out of embargo, and not a staff-only kind.

        A scheduled material becomes public at its time even if the worker that
        flips its status has not run yet, so it appears at 10:00 and not a
        second earlier or later; the worker then records the publication.
        """
        now = now or timezone.now()
        live = Q(status__in=PUBLIC) | Q(status=Status.SCHEDULED, publish_at__lte=now)
        return self.filter(live, Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)).exclude(
            kind__in=INTERNAL_KINDS
        )

    def with_public_time(self) -> MaterialQuerySet:
        """``shown_at``: when it went (or goes) public, the time the newsroom shows and sorts by."""
        return self.annotate(shown_at=Coalesce("published_at", "publish_at"))

    def with_versions(self) -> MaterialQuerySet:
        return self.prefetch_related("translations", "topics__translations")


class Material(TranslatableMixin, models.Model):
    kind = models.CharField(_("type"), max_length=20, choices=MaterialKind.choices)
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    source_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    spokesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("spokesperson"),
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="materials", verbose_name=_("topics"))
    lead_image = models.ForeignKey(
        "publications.MediaAsset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main photo"),
    )
    attachments = models.ManyToManyField(
        "publications.MediaAsset", blank=True, related_name="materials", verbose_name=_("attachments")
    )
    # Who may read it before the public: the journalists it was sent to under embargo.
    embargo_recipients = models.ManyToManyField(
        "directory.Journalist", blank=True, related_name="embargoed_materials", verbose_name=_("recipients")
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True, db_index=True)
    embargo_until = models.DateTimeField(_("embargo until"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("why withdrawn"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"], name="publications_due")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @property
    def title(self) -> str:
        version = self.translated()
        return version.title if version else ""

    @property
    def public_at(self) -> datetime.datetime | None:
        """When it went (or goes) public: the scheduled time, else the moment it was published."""
        return self.published_at or self.publish_at

    @property
    def is_internal(self) -> bool:
        return self.kind in INTERNAL_KINDS

    def source_version(self) -> MaterialVersion | None:
        return self.translation_map().get(self.source_language)


class MaterialVersion(TranslationBase):
    """The text in one language. ``revision`` is the number of its latest Revision."""

    parent = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), help_text=_("Markdown: *italic*, **bold**, lists, links, headings."))
    body_html = models.TextField(editable=False)
    revision = models.PositiveIntegerField(default=1)
    # The source version's revision this translation follows; None for the source itself.
    source_revision = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["parent", "language"], name="publications_version_per_language")]

    def __str__(self) -> str:
        return self.title

    def is_outdated(self, source: MaterialVersion | None) -> bool:
        """A translation whose source text has moved on since it was translated."""
        if source is None or source.pk == self.pk or self.source_revision is None:
            return False
        return source.revision > self.source_revision


class Revision(models.Model):
    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    is_correction = models.BooleanField(default=False)

    class Meta:
        ordering = ["version", "-number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="publications_revision_number")]

    def __str__(self) -> str:
        return f"{self.version.language} r{self.number}"


class Comment(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class Correction(TranslatableMixin, models.Model):
    """A correction to a published material; its note is shown to the public in each language."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="corrections")
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["made_at", "pk"]

    @property
    def note(self) -> str:
        row = self.translated()
        return row.text if row else ""


class CorrectionNote(TranslationBase):
    parent = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="translations")
    text = models.TextField(_("correction note"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["parent", "language"], name="publications_note_per_language")]


class ApprovalRule(models.Model):
    """Whether a unit's materials of one type need the head's approval (the default: HEAD_APPROVES_BY_DEFAULT)."""

    unit = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("type"), max_length=20, choices=MaterialKind.choices)
    head_approves = models.BooleanField(_("the head approves"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="publications_rule_per_kind")]
