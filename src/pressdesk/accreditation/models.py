"""Accreditation of journalists: applications, the passes issued for them, their history, and scans at the door.

Two kinds (``Kind``): a *standing* accreditation for a period (a year by
default, ``settings.ACCREDITATION_STANDING_DAYS``) and a per-*event* one tied
to an ``events.Event``.

An ``Application`` goes ``submitted`` → ``in_review`` → ``approved`` or
``rejected``; the applicant may withdraw it while it is open. At most one open
application per journalist and kind (per event for the event kind) — a partial
unique index says so on both databases. A rejection carries a coded
``RejectionReason`` and free text.

An approved application issues one ``Accreditation`` (the pass it prints): a
human number ``A-2026-00042`` (a per-year sequence taken under a row lock in
``NumberSequence``), ``valid_from``/``valid_until`` (dates, Asia/Almaty,
inclusive), a status (active, suspended, revoked, expired) and a ``serial``
that re-issue bumps, so a token printed for an older serial is refused.
Every change is a ``HistoryEntry`` row (with a ``DeprivationGround`` code and
text where the rules want one) besides the audit entry.

A ``CheckIn`` is one scan uploaded by a gate. Its ``nonce`` is unique, so a
retried upload counts once. At most one *admitted* scan per pass and event
(for a standing pass scanned with no event: per pass, gate and day) —
a row lock on the pass serialises two gates, and partial unique indexes
stand behind it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import NamedMixin, NameTranslation


class Kind(models.TextChoices):
    STANDING = "standing", _("Standing accreditation")
    EVENT = "event", _("Accreditation for an event")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)


class AccreditationStatus(models.TextChoices):
    ACTIVE = "active", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class CodedListQuerySet(models.QuerySet):
    def in_use(self) -> CodedListQuerySet:
        return self.filter(is_active=True).prefetch_related("translations")


class CodedList(NamedMixin, models.Model):
    """A configurable list of coded reasons, named in every language; retired entries stay for the history."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    is_active = models.BooleanField(_("in use"), default=True)
    needs_text = models.BooleanField(_("needs an explanation"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = CodedListQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def name_fallback(self) -> str:
        return self.code


class RejectionReason(CodedList):
    class Meta(CodedList.Meta):
        verbose_name = _("reason for refusing accreditation")
        verbose_name_plural = _("reasons for refusing accreditation")


class RejectionReasonName(NameTranslation):
    parent = models.ForeignKey(RejectionReason, on_delete=models.CASCADE, related_name="translations")

    class Meta(NameTranslation.Meta):
        pass


class DeprivationGround(CodedList):
    """A ground to suspend or revoke an accreditation (a court decision, the editor's request…)."""

    class Meta(CodedList.Meta):
        verbose_name = _("ground for depriving of accreditation")
        verbose_name_plural = _("grounds for depriving of accreditation")


class DeprivationGroundName(NameTranslation):
    parent = models.ForeignKey(DeprivationGround, on_delete=models.CASCADE, related_name="translations")

    class Meta(NameTranslation.Meta):
        pass


class ApplicationQuerySet(models.QuerySet):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def for_lists(self) -> ApplicationQuerySet:
        return self.select_related("journalist", "outlet", "unit", "event", "reason").prefetch_related(
            "outlet__translations", "unit__translations", "event__translations", "reason__translations"
        )


class Application(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("accredited by"))
    journalist = models.ForeignKey(
        "directory.Journalist", on_delete=models.PROTECT, related_name="accreditation_applications"
    )
    outlet = models.ForeignKey(
        "directory.Outlet",
        on_delete=models.PROTECT,
        related_name="accreditation_applications",
        verbose_name=_("outlet"),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accreditation_applications",
        verbose_name=_("applicant's account"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accreditation_applications",
        verbose_name=_("event"),
    )
    position = models.CharField(_("position at the outlet"), max_length=120, blank=True)
    requested_from = models.DateField(_("from"))
    requested_until = models.DateField(_("until"))
    letter = models.FileField(_("editor's letter"), max_length=200)
    letter_name = models.CharField(max_length=255)
    letter_type = models.CharField(max_length=100)
    photo = models.FileField(_("photo"), max_length=200)
    photo_small = models.FileField(max_length=200)
    consent_at = models.DateTimeField(_("consent to personal-data processing given"))
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    review_due = models.DateField(_("review due"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.ForeignKey(
        RejectionReason, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("reason")
    )
    decision_note = models.TextField(_("explanation"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Claimed by the letter task before the rejection letter goes, so it goes once.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("accreditation application")
        verbose_name_plural = _("accreditation applications")
        constraints = [
            models.UniqueConstraint(
                fields=["journalist", "unit"],
                condition=Q(status__in=OPEN_STATUSES, kind=Kind.STANDING),
                name="accreditation_one_open_standing",
            ),
            models.UniqueConstraint(
                fields=["journalist", "event"],
                condition=Q(status__in=OPEN_STATUSES, kind=Kind.EVENT),
                name="accreditation_one_open_per_event",
            ),
            models.CheckConstraint(
                condition=Q(kind=Kind.STANDING, event__isnull=True) | Q(kind=Kind.EVENT, event__isnull=False),
                name="accreditation_event_iff_event_kind",
            ),
            models.CheckConstraint(
                condition=Q(requested_until__gte=models.F("requested_from")), name="accreditation_requested_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "review_due"])]

    def __str__(self) -> str:
        return f"{self.journalist} — {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def language(self) -> str:
        """The applicant's language for letters and the pass: the portal account's, else the directory's."""
        codes = {code for code, _name in settings.LANGUAGES}
        for code in (self.account.language if self.account_id else "", self.journalist.preferred_language):
            if code in codes:
                return code
        return settings.LANGUAGE_CODE


class NumberSequence(models.Model):
    """The last pass number given in a year; its row is locked while the next one is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class AccreditationQuerySet(models.QuerySet):
    def valid_on(self, day) -> AccreditationQuerySet:
        return self.filter(status=AccreditationStatus.ACTIVE, valid_from__lte=day, valid_until__gte=day)

    def for_lists(self) -> AccreditationQuerySet:
        return self.select_related("journalist", "outlet", "unit", "event").prefetch_related(
            "outlet__translations", "unit__translations", "event__translations"
        )


class Accreditation(models.Model):
    """An accreditation granted, and the pass a journalist carries, with its number, validity and status."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="accreditation")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("accredited by"))
    journalist = models.ForeignKey("directory.Journalist", on_delete=models.PROTECT, related_name="accreditations")
    outlet = models.ForeignKey(
        "directory.Outlet", on_delete=models.PROTECT, related_name="accreditations", verbose_name=_("outlet")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accreditations",
        verbose_name=_("event"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AccreditationStatus.choices,
        default=AccreditationStatus.ACTIVE,
        db_index=True,
    )
    # Bumped by every re-issue: a token carries the serial it was printed with, and an older one is refused.
    serial = models.PositiveIntegerField(_("issue"), default=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="accreditation_pass_valid_order"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def printed_number(self) -> str:
        """The number as the card prints it: with the issue from the second one on (``A-2026-00042/2``), so a lost
        older card cannot be let in by typing its number at the door."""
        return self.number if self.serial == 1 else f"{self.number}/{self.serial}"

    def is_valid_on(self, day) -> bool:
        return self.status == AccreditationStatus.ACTIVE and self.valid_from <= day <= self.valid_until


class Change(models.TextChoices):
    ISSUED = "issued", _("Issued")
    REISSUED = "reissued", _("Issued again")
    MOVED = "moved", _("Issued again for the event's new date")
    SUSPENDED = "suspended", _("Suspended")
    RESUMED = "resumed", _("Resumed")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class HistoryEntry(models.Model):
    """One change of a pass, in order: what, why (a ground and text), who, when, and the serial after it."""

    accreditation = models.ForeignKey(Accreditation, on_delete=models.CASCADE, related_name="history")
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    ground = models.ForeignKey(
        DeprivationGround, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("ground")
    )
    note = models.TextField(_("explanation"), blank=True)
    serial = models.PositiveIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # Claimed by the letter task before the holder's letter goes, so it goes once.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("change of accreditation")
        verbose_name_plural = _("changes of accreditation")


class ScanResult(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    ALREADY = "already", _("Already checked in")
    REFUSED = "refused", _("Refused")


class CheckIn(models.Model):
    """One scan at a gate, as uploaded. ``scanned_at`` is the device's clock; ``received_at`` the server's."""

    accreditation = models.ForeignKey(
        Accreditation, null=True, blank=True, on_delete=models.PROTECT, related_name="check_ins"
    )
    event = models.ForeignKey("events.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="check_ins")
    gate = models.CharField(_("gate"), max_length=60, blank=True)
    day = models.DateField()  # the local date of scanned_at: a standing pass is admitted once a day per gate
    scanned_at = models.DateTimeField(_("scanned"))
    received_at = models.DateTimeField(default=timezone.now)
    nonce = models.CharField(max_length=64, unique=True)
    presented = models.CharField(max_length=40, blank=True)  # the pass number as read, or the start of garbage
    serial = models.PositiveIntegerField(null=True, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=ScanResult.choices)
    refusal = models.CharField(max_length=20, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["scanned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["accreditation", "event"],
                condition=Q(result="admitted", event__isnull=False),
                name="accreditation_admitted_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["accreditation", "gate", "day"],
                condition=Q(result="admitted", event__isnull=True),
                name="accreditation_admitted_once_per_gate_day",
            ),
        ]
