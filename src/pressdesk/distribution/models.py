"""Mailings: a material sent to the journalists of a segment, one delivery per address.

A ``Mailing`` is the press secretary's decision (which material, to whom, when,
how). Its ``Delivery`` rows are the letters, one per address, each with its own
state; the state lives in the database so that any worker, after any crash,
knows what is left to do:

    queued → sending → sent → (bounced, from a delivery-status notification)
                     ↘ failed (refused for good, or after the soft retries)
                     ↘ unknown (the worker died between handing the letter to
                       the mail server and writing down that it did: it may or
                       may not have arrived, so it is never sent again by itself)
    queued → skipped (unsubscribed from the category, or the address is invalid)

A delivery moves from queued to sending only by a conditional UPDATE, so of two
workers exactly one takes it; a mailing has one runner at a time
(``Mailing.runner`` with a heartbeat), and a runner that takes over from a dead
one turns the dead one's "sending" rows into "unknown" instead of sending them
again. Nobody receives a letter twice; at most the letters in flight at the
moment of a crash are left for a person to decide.

``Suppression`` is the list of addresses that unsubscribed from a category (or
from everything); ``Bounce`` keeps every delivery-status notification read;
``Subscription`` is a reader who asked for materials by language and topic on
the portal and confirmed the address (double opt-in).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_LANGUAGE_ORDER = "kk,ru,en"


class Category(models.TextChoices):
    """What a journalist may unsubscribe from, each on its own."""

    RELEASES = "releases", _("Press releases and statements")
    NEWS = "news", _("News and articles")
    ANNOUNCEMENTS = "announcements", _("Announcements and invitations")
    BULLETINS = "bulletins", _("Information bulletins")


# "Everything" in the suppression list: one click in a footer can stop all our letters.
ALL_CATEGORIES = "all"


class MailingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    PAUSED = "paused", _("Paused")
    DONE = "done", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class Mailing(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    material = models.ForeignKey(
        "publications.Material", on_delete=models.PROTECT, related_name="mailings", verbose_name=_("material")
    )
    segment = models.ForeignKey(
        "directory.Segment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saved segment"),
    )
    # The filter the recipients were chosen by: a saved segment's, copied when the mailing is made, or ad hoc.
    criteria = models.JSONField(_("recipients"), default=dict, blank=True)
    include_subscribers = models.BooleanField(_("also to the portal's subscribers of its topics"), default=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    attach_files = models.BooleanField(
        _("attach the files"), default=False, help_text=_("Otherwise the letter links to them.")
    )
    # Set when the material was under embargo at the time the mailing was made: trusted pool only, marked.
    embargoed = models.BooleanField(_("under embargo"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=MailingStatus.choices, default=MailingStatus.DRAFT, db_index=True
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    pause_reason = models.TextField(_("why paused"), blank=True)
    # Paused because the mail server failed (not by a person): the worker tries again by itself.
    auto_resume = models.BooleanField(default=False, editable=False)
    # The runner sending it now and its last sign of life: one runner per mailing.
    runner = models.CharField(max_length=40, blank=True, editable=False)
    beat_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "send_at"], name="distribution_due")]

    def __str__(self) -> str:
        return str(self.material)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")
    UNKNOWN = "unknown", _("Interrupted: may not have arrived")
    SKIPPED = "skipped", _("Not sent")


class SkipReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    INVALID = "invalid", _("Address marked invalid")
    CANCELLED = "cancelled", _("Mailing cancelled")


class Delivery(models.Model):
    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=16, default="email", editable=False)
    journalist = models.ForeignKey(
        "directory.Journalist", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subscription = models.ForeignKey(
        "distribution.Subscription", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.CharField(_("address"), max_length=254)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED, db_index=True
    )
    skip_reason = models.CharField(max_length=16, choices=SkipReason.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Not before this moment: a soft refusal waits before the next attempt.
    retry_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Our Message-ID: a delivery-status notification names it, and so finds this row.
    message_id = models.CharField(max_length=200, blank=True, db_index=True)
    error = models.TextField(_("error"), blank=True)
    soft_bounces = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["mailing", "address"], name="distribution_one_letter_each")]
        indexes = [models.Index(fields=["mailing", "status"], name="distribution_delivery_state")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return self.address


class SuppressionSource(models.TextChoices):
    LINK = "link", _("Unsubscribe page")
    ONE_CLICK = "one_click", _("Mail client's unsubscribe button")
    STAFF = "staff", _("Press service")


class Suppression(models.Model):
    """An address that must not get letters of a category again (``all``: any)."""

    address = models.CharField(_("address"), max_length=254)
    category = models.CharField(_("category"), max_length=16)
    source = models.CharField(max_length=12, choices=SuppressionSource.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["address", "category"], name="distribution_suppressed_once"),
        ]


class BounceKind(models.TextChoices):
    HARD = "hard", _("Permanent: the address does not exist")
    SOFT = "soft", _("Temporary: mailbox full or server busy")


class Bounce(models.Model):
    """One delivery-status notification (RFC 3464) read from the bounce mailbox."""

    delivery = models.ForeignKey(Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="bounces")
    address = models.CharField(_("address"), max_length=254)
    kind = models.CharField(_("kind"), max_length=8, choices=BounceKind.choices)
    status_code = models.CharField(_("status"), max_length=16, blank=True)
    diagnostic = models.TextField(_("server's words"), blank=True)
    # The notification's own Message-ID: reading the same mailbox twice counts nothing twice.
    report_id = models.CharField(max_length=300, unique=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-pk"]


class Subscription(models.Model):
    """A reader's request on the portal for materials by language and topic, live once confirmed."""

    address = models.CharField(_("email"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    topics = models.ManyToManyField("publications.Topic", blank=True, related_name="+", verbose_name=_("topics"))
    categories = models.JSONField(_("categories"), default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["address"]

    def __str__(self) -> str:
        return self.address


class UnitSettings(models.Model):
    """A unit's distribution settings: the order of languages a letter falls back through."""

    unit = models.OneToOneField("core.Unit", on_delete=models.CASCADE, related_name="+")
    language_order = models.CharField(
        _("language fallback order"),
        max_length=20,
        default=DEFAULT_LANGUAGE_ORDER,
        help_text=_("When a journalist's language is missing, the first of these the material has."),
    )

    def order(self) -> list[str]:
        return [code for code in self.language_order.split(",") if code]


ACTIVE_DELIVERY = Q(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING])
