"""Media inquiries: a journalist's request, its legal clock, the answer, and every step between."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PORTAL = "portal", _("Journalists' portal")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")


class AnswerForm(models.TextChoices):
    WRITTEN = "written", _("In writing, by email")
    ORAL = "oral", _("Orally or by phone")
    INTERVIEW = "interview", _("An interview or comment")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("With an expert")
    IN_REVIEW = "in_review", _("Answer under review")
    WITH_HEAD = "with_head", _("With the head")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")
    MERGED = "merged", _("Merged with an earlier request")


OPEN = [Status.RECEIVED, Status.ASSIGNED, Status.IN_REVIEW, Status.WITH_HEAD]


class RefusalGround(models.TextChoices):
    SECRET = "secret", _("State secrets or other secrets protected by law")
    PERSONAL = "personal", _("Personal data of others")
    NOT_HOLDER = "not_holder", _("The body does not hold the information")
    INVESTIGATION = "investigation", _("Information of a pre-trial investigation")
    PUBLISHED = "published", _("Already published: a link is given")
    OTHER = "other", _("Another ground set by law")


class InquiryQuerySet(models.QuerySet):
    def open(self) -> InquiryQuerySet:
        return self.filter(status__in=OPEN)

    def overdue(self, today: datetime.date) -> InquiryQuerySet:
        return self.open().filter(due_on__lt=today)

    def answered_on_time(self) -> InquiryQuerySet:
        return self.filter(status__in=[Status.ANSWERED, Status.REFUSED], closed_on__lte=models.F("due_on"))


class Inquiry(models.Model):
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("press service"))
    channel = models.CharField(_("received by"), max_length=12, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # Who asked: the directory's records when known, and always the words the journalist gave.
    journalist = models.ForeignKey(
        "directory.Journalist", null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries"
    )
    outlet = models.ForeignKey(
        "directory.Outlet", null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries"
    )
    requester_name = models.CharField(_("journalist"), max_length=200)
    requester_email = models.EmailField(_("email"), blank=True)
    requester_phone = models.CharField(_("phone"), max_length=40, blank=True)
    outlet_name = models.CharField(_("outlet"), max_length=200)
    language = models.CharField(_("language of the request"), max_length=8, choices=settings.LANGUAGES)
    answer_form = models.CharField(_("form of the answer"), max_length=12, choices=AnswerForm.choices)
    subject = models.CharField(_("subject"), max_length=300)
    question = models.TextField(_("question"))
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    vital = models.BooleanField(_("vital to the body: the head answers"), default=False)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    due_on = models.DateField(_("answer due"), db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("expert"),
    )
    assigned_unit = models.ForeignKey(
        "core.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    extended_on = models.DateField(_("extended on"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    notice_due_on = models.DateField(_("outlet to be told by"), null=True, blank=True)
    notice_sent_at = models.DateTimeField(_("outlet told"), null=True, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_language = models.CharField(
        _("language of the answer"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    refusal_ground = models.CharField(_("ground for refusal"), max_length=16, choices=RefusalGround.choices, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The Message-ID of the letter a request came in by: importing the same mailbox twice creates nothing new.
    message_id = models.CharField(max_length=255, blank=True, editable=False)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("media inquiry")
        verbose_name_plural = _("media inquiries")
        constraints = [
            models.CheckConstraint(
                name="inquiries_extension_once_with_reason",
                condition=Q(extended_on__isnull=True) | ~Q(extension_reason=""),
            ),
            models.UniqueConstraint(
                fields=["unit", "message_id"], condition=~Q(message_id=""), name="inquiries_message_id_once_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class Note(models.Model):
    """An internal note or a step of the request's life; never shown to the journalist."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("note"))
    at = models.DateTimeField(default=timezone.now)
    # A letter that repeated an earlier request: remembered so that a re-import does not note it again.
    message_id = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]


class Attachment(models.Model):
    """A file that came with a request (``from_journalist``) or was added by the press service.

    The stored name is random; the journalist's name of the file is kept apart and given back on download.
    """

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="inquiries/%Y/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=100)
    checksum = models.CharField(max_length=64, editable=False)  # SHA-256: the same file sent again is kept once
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    from_journalist = models.BooleanField(_("sent by the journalist"), default=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [models.UniqueConstraint(fields=["inquiry", "checksum"], name="inquiries_attachment_once")]

    def __str__(self) -> str:
        return self.original_name


class Reminder(models.Model):
    """A reminder sent once: the unique key makes the daily job safe to run twice."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)
    for_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inquiry", "kind", "for_date"], name="inquiries_reminder_once")]
