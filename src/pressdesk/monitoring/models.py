"""Media monitoring: where items come from, the items themselves, what they mention, and how they are read.

* ``Source`` — the monitoring side of an outlet's feed, sitemap or listing page
  (``directory.OutletFeed``: the address lives in the directory, with the
  outlet): its schedule, its HTTP validators (ETag, Last-Modified) and its
  health. ``FetchLog`` keeps each fetch for the source-health view.
* ``Clipping`` — one item in the media: outlet, title, date, type, language,
  a text snapshot, an extractive summary, tone. Fetched items are unique by
  their canonical URL; TV, radio and print items are entered by hand.
* ``Story`` — a story and its reprints (MinHash LSH), the earliest clipping
  marked; a story that reprints one of our published materials names it
  (pickup).
* ``Watch`` — a watchlist entry of a unit: an organisation, an official or a
  topic, with names in any language and script, exclusions for the look-alikes
  (the region's akimat is not the city's). ``Mention`` is a clipping matching
  a watch, with the words that matched.
* ``ToneCorrection`` — an analyst's correction of a clipping's tone; it wins
  over the lexicon for that clipping and feeds ``LearnedStem``, the stems the
  lexicon learns from corrections.
* ``Alert`` — a negative or high-reach mention told to the press secretary;
  ``Digest`` — the head's daily digest, once per unit and day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClippingKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    TV = "tv", _("TV programme")
    RADIO = "radio", _("Radio")
    PRINT = "print", _("Print")
    POST = "post", _("Social media post")


# Entered by hand: broadcast and print have no feed.
MANUAL_KINDS = (ClippingKind.TV, ClippingKind.RADIO, ClippingKind.PRINT)


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class Language(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    OTHER = "other", _("Other")


class SourceHealth(models.TextChoices):
    NEW = "new", _("Not read yet")
    OK = "ok", _("Working")
    FAILING = "failing", _("Failing")
    PAUSED = "paused", _("Paused")


class Source(models.Model):
    feed = models.OneToOneField(
        "directory.OutletFeed", on_delete=models.CASCADE, related_name="monitoring", verbose_name=_("feed")
    )
    every_minutes = models.PositiveIntegerField(_("read every (minutes)"), default=30)
    active = models.BooleanField(_("read it"), default=True)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_fetch_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    error_streak = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    health = models.CharField(_("health"), max_length=10, choices=SourceHealth.choices, default=SourceHealth.NEW)
    # Claimed by a fetcher: one fetch per source at a time across workers.
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.feed.url


class FetchResult(models.TextChoices):
    OK = "ok", _("Read")
    NOT_MODIFIED = "not_modified", _("Unchanged")
    ERROR = "error", _("Failed")
    SKIPPED = "skipped", _("Skipped (robots.txt)")


class FetchLog(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="fetches")
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    result = models.CharField(max_length=14, choices=FetchResult.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    items_seen = models.PositiveIntegerField(default=0)
    items_new = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]


class Story(models.Model):
    """A story and its reprints; ``first`` is the earliest clipping found."""

    first = models.ForeignKey("monitoring.Clipping", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=500)
    size = models.PositiveIntegerField(_("clippings"), default=1)
    # Pickup: the story reprints this published material of ours.
    material = models.ForeignKey(
        "publications.Material",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pickups",
        verbose_name=_("our material"),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_seen_at", "-pk"]
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title


class Clipping(models.Model):
    outlet = models.ForeignKey(
        "directory.Outlet", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("outlet")
    )
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="clippings")
    kind = models.CharField(_("type"), max_length=10, choices=ClippingKind.choices, default=ClippingKind.ARTICLE)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    # The URL without tracking parameters, fragments, "www." and such: an article is stored once.
    canonical_url = models.CharField(max_length=1000, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=500)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    fetched_at = models.DateTimeField(_("collected"), default=timezone.now)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.OTHER)
    text = models.TextField(_("text"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    tone = models.CharField(_("tone"), max_length=8, choices=Tone.choices, default=Tone.NEUTRAL, db_index=True)
    tone_score = models.FloatField(default=0.0)
    tone_corrected = models.BooleanField(_("tone set by an analyst"), default=False)
    # The outlet's audience when the item was collected.
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="clippings")
    # The MinHash signature (datasketch, as bytes): reprints are found again after a restart.
    signature = models.BinaryField(null=True, blank=True, editable=False)
    # Broadcast and print, entered by hand.
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    aired_at = models.DateTimeField(_("aired"), null=True, blank=True)
    attachment = models.FileField(_("scan or clip"), upload_to="monitoring/", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"], condition=~Q(canonical_url=""), name="monitoring_clipping_once"
            )
        ]
        indexes = [
            # An outlet's clippings newest first, with what the search filters them by: on PostgreSQL the walk
            # through the dates reads no clipping row (search.found).
            models.Index(
                fields=["outlet", "published_at"],
                include=["id", "language", "tone", "kind"],
                name="monitoring_outlet_time",
            ),
            # Covers the reports' pass over a period (reports/coverage.py): the rows are never read.
            models.Index(fields=["published_at", "tone", "kind", "language", "outlet"], name="monitoring_report"),
        ]

    def __str__(self) -> str:
        return self.title


class WatchKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    OFFICIAL = "official", _("Official")
    TOPIC = "topic", _("Topic")


class Watch(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=14, choices=WatchKind.choices)
    label = models.CharField(_("name"), max_length=200)
    names = models.JSONField(_("names"), default=list, help_text=_("Each name once, in any language or script."))
    exclude = models.JSONField(_("not this"), default=list, blank=True)
    initials = models.BooleanField(_("also by initials (officials)"), default=False)
    active = models.BooleanField(_("watched"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["kind", "label"]
        verbose_name_plural = _("watchlist")

    def __str__(self) -> str:
        return self.label


class Mention(models.Model):
    clipping = models.ForeignKey(Clipping, on_delete=models.CASCADE, related_name="mentions")
    watch = models.ForeignKey(Watch, on_delete=models.CASCADE, related_name="mentions")
    evidence = models.CharField(_("matched words"), max_length=300, blank=True)
    # The clipping's, copied (a clipping's date is never changed), so that a watch entry's mentions are read newest
    # first from their own index: the clippings search with a watch entry walks them (search.found).
    published_at = models.DateTimeField(editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clipping", "watch"], name="monitoring_mention_once")]
        # With the clipping in the index (PostgreSQL), the walk reads no mention row.
        indexes = [models.Index(fields=["watch", "published_at"], include=["clipping"], name="monitoring_mention_time")]

    def save(self, *args, **kwargs) -> None:
        if self.published_at is None:
            self.published_at = self.clipping.published_at
        super().save(*args, **kwargs)


class ToneCorrection(models.Model):
    clipping = models.ForeignKey(Clipping, on_delete=models.CASCADE, related_name="tone_corrections")
    before = models.CharField(max_length=8, choices=Tone.choices)
    after = models.CharField(max_length=8, choices=Tone.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]


class LearnedStem(models.Model):
    """A stem whose weight the analysts' corrections taught the lexicon (added to the built-in lists)."""

    language = models.CharField(max_length=5)
    stem = models.CharField(max_length=80)
    weight = models.FloatField(default=0.0)
    evidence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "stem"], name="monitoring_learned_once")]


class AlertReason(models.TextChoices):
    NEGATIVE = "negative", _("Negative mention")
    REACH = "reach", _("High-reach mention")


class Alert(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    clipping = models.ForeignKey(Clipping, on_delete=models.CASCADE, related_name="alerts")
    watch = models.ForeignKey(Watch, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=AlertReason.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "clipping"], name="monitoring_alert_once")]


class Digest(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    pdf = models.FileField(upload_to="monitoring/digests/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="monitoring_digest_once")]
