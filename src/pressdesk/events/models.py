"""Events of the press service: what, when, where, who speaks; who is invited, registered, asks; who works it.

An ``Event`` has a title and description per language (``EventText``), a time
span (``starts_at`` to ``ends_at``), a venue or an online link, speakers (staff
or external), and afterwards its figures: who came, questions asked and
answered, the materials that followed. Registrations take seats under a row
lock on the event, so two journalists never both get the last one.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import NamedMixin, NameTranslation, TranslatableMixin, TranslationBase


class EventKind(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", _("Press conference")
    BRIEFING = "briefing", _("Briefing")
    INTERVIEW = "interview", _("Interview")
    PRESS_TOUR = "press_tour", _("Press tour")
    PUBLIC_ACTION = "public_action", _("Public action")
    ROUND_TABLE = "round_table", _("Round table")
    SEMINAR = "seminar", _("Seminar or master class for press secretaries")
    LIVE_BROADCAST = "live_broadcast", _("Live broadcast with citizens' questions")


# Never announced to the public, whatever the flag says: an interview is arranged with one outlet.
PRIVATE_KINDS = frozenset({EventKind.INTERVIEW})


class Accreditation(models.TextChoices):
    NONE = "none", _("No accreditation needed")
    STANDING = "standing", _("Standing accreditation")
    PER_EVENT = "per_event", _("Accreditation for this event")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Venue(NamedMixin, models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    address = models.CharField(_("address"), max_length=300)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class VenueName(NameTranslation):
    parent = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="translations")

    class Meta(NameTranslation.Meta):
        pass


class EventQuerySet(models.QuerySet):
    def overlapping(self, starts_at: datetime.datetime, ends_at: datetime.datetime) -> EventQuerySet:
        """Planned events whose time span meets [starts_at, ends_at)."""
        return self.filter(status=EventStatus.PLANNED, starts_at__lt=ends_at, ends_at__gt=starts_at)

    def public(self) -> EventQuerySet:
        """What the newsroom announces: planned or held public events, never private kinds."""
        return self.filter(is_public=True, status__in=[EventStatus.PLANNED, EventStatus.HELD]).exclude(
            kind__in=PRIVATE_KINDS
        )


class Event(TranslatableMixin, models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.PLANNED, db_index=True
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("venue")
    )
    online_url = models.URLField(_("online link"), blank=True)
    # Working languages as ",kk,ru," (the directory's pattern), and what is interpreted into what.
    languages = models.CharField(_("languages"), max_length=20, default=",kk,")
    interpretation = models.CharField(_("interpretation"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("places for journalists"), null=True, blank=True, help_text=_("Empty: as many as the venue seats.")
    )
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    accreditation = models.CharField(
        _("accreditation"), max_length=12, choices=Accreditation.choices, default=Accreditation.NONE
    )
    is_public = models.BooleanField(_("announce in the newsroom"), default=False)
    materials = models.ManyToManyField(
        "publications.Material", blank=True, related_name="events", verbose_name=_("materials")
    )
    attendance_manual = models.PositiveIntegerField(_("journalists present (counted by hand)"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="events_ends_after")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @property
    def title(self) -> str:
        text = self.translated()
        return text.title if text else ""

    @property
    def seats(self) -> int | None:
        """How many journalists may register: the event's own limit, else the venue's, else no limit."""
        if self.capacity is not None:
            return self.capacity
        return self.venue.capacity if self.venue_id else None

    @property
    def is_private(self) -> bool:
        return self.kind in PRIVATE_KINDS

    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class EventText(TranslationBase):
    parent = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("topic"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["parent", "language"], name="events_text_per_language")]


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    EXPERT = "expert", _("Expert")


class Speaker(models.Model):
    """A staff member (``user``) or an external speaker (``name``); ``position`` as they are introduced."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="speaking"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER)

    class Meta:
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.full_name if self.user_id else self.name


class Absence(models.Model):
    """A staff member not available to speak: on leave, travelling, in session."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["starts_at"]


def _token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """One journalist invited; the personal link answers yes or no without signing in."""

    class Answer(models.TextChoices):
        NONE = "", _("No answer yet")
        YES = "yes", _("Will come")
        NO = "no", _("Will not come")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    journalist = models.ForeignKey("directory.Journalist", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=3, choices=Answer.choices, blank=True, default="")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "journalist"], name="events_invited_once")]


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    journalist = models.ForeignKey("directory.Journalist", on_delete=models.PROTECT, related_name="registrations")
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    checked_in_at = models.DateTimeField(_("came"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "journalist"], name="events_registered_once")]


class QuestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    ASKED = "asked", _("Asked")
    ANSWERED = "answered", _("Answered")


class Question(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    journalist = models.ForeignKey(
        "directory.Journalist", null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    asked_by = models.CharField(_("asked by"), max_length=300, blank=True)
    in_advance = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.SUBMITTED)
    answered_by = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers", verbose_name=_("answered by")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class DutyRole(models.TextChoices):
    HOST = "host", _("Host")
    REGISTRATION = "registration", _("Registration desk")
    PHOTOGRAPHER = "photographer", _("Photographer")
    LIVE_TEXT = "live_text", _("Live text")
    SOCIAL_MEDIA = "social_media", _("Social media")
    INTERPRETER = "interpreter", _("Interpreter")


class Duty(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="duties")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="duties")
    role = models.CharField(_("duty"), max_length=20, choices=DutyRole.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["event", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user", "role"], name="events_duty_once")]


class ArrangementKind(models.TextChoices):
    TRANSPORT = "transport", _("Transport")
    HOTEL = "hotel", _("Hotel")


class Arrangement(models.Model):
    """Logistics for a visiting journalist: a pick-up or a hotel stay, with its cost in tenge."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="arrangements")
    journalist = models.ForeignKey("directory.Journalist", on_delete=models.PROTECT, related_name="arrangements")
    kind = models.CharField(_("kind"), max_length=10, choices=ArrangementKind.choices)
    # Transport: when and where from, and the vehicle.
    pickup_at = models.DateTimeField(_("pick-up time"), null=True, blank=True)
    pickup_place = models.CharField(_("pick-up place"), max_length=300, blank=True)
    vehicle = models.CharField(_("vehicle"), max_length=200, blank=True)
    # Hotel: the nights and the booking.
    hotel = models.CharField(_("hotel"), max_length=200, blank=True)
    check_in = models.DateField(_("check-in"), null=True, blank=True)
    check_out = models.DateField(_("check-out"), null=True, blank=True)
    booking_reference = models.CharField(_("booking reference"), max_length=100, blank=True)
    cost = models.DecimalField(_("cost, tenge"), max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["event", "kind", "pk"]
