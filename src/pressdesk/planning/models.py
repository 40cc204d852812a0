"""The press plan, advice notes for the head, analyses after the fact, and instructions to the unit network.

* ``PlanItem`` — one planned thing of a unit's press plan: a theme of the month,
  an event, a material, an interview or a campaign, with owner, status and
  dates. An item may sit inside a campaign (``campaign``). Turning it into the
  real event or material links the two (``event`` / ``material``), and plan
  against fact is read from those links.
* ``AdviceNote`` — a note for the head before a sensitive decision: the issue,
  the expected media reaction with evidence (linked clippings, figures taken
  when the note was written), the recommended line, the risks, the decision.
  Private: only its author, the unit's head and press secretary see it.
* ``Analysis`` — after an event or a campaign: figures assembled from the data
  (``figures``, a snapshot so the text and the numbers agree), and the
  editable conclusions.
* ``Instruction`` and ``Receipt`` — an instruction from a press service to the
  press secretaries of the units below it, with a due time; each receiving
  unit acknowledges it and reports it done, and the sender sees who did.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    THEME = "theme", _("Theme")
    EVENT = "event", _("Event")
    MATERIAL = "material", _("Material")
    INTERVIEW = "interview", _("Interview")
    CAMPAIGN = "campaign", _("Campaign")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_WORK = "in_work", _("In work")
    DONE = "done", _("Done")
    MOVED = "moved", _("Moved")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (PlanStatus.PLANNED, PlanStatus.IN_WORK)


class PlanItemQuerySet(models.QuerySet):
    def meeting(self, first_day, last_day) -> PlanItemQuerySet:
        """Items whose days meet [first_day, last_day] (an item without an end lasts its one day)."""
        return self.filter(starts_on__lte=last_day).filter(
            models.Q(ends_on__gte=first_day) | models.Q(ends_on__isnull=True, starts_on__gte=first_day)
        )


class PlanItem(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(_("type"), max_length=12, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.PLANNED, db_index=True
    )
    starts_on = models.DateField(_("date"), db_index=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    # A theme of the month or a campaign planned "for March" has no day yet.
    whole_month = models.BooleanField(_("for the whole month"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    campaign = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        limit_choices_to={"kind": PlanKind.CAMPAIGN},
        verbose_name=_("campaign"),
    )
    topic = models.ForeignKey(
        "publications.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_items"
    )
    material = models.ForeignKey(
        "publications.Material", null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_items"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        indexes = [models.Index(fields=["unit", "starts_on"], name="planning_item_unit_day")]

    def __str__(self) -> str:
        return self.title

    @property
    def last_day(self):
        return self.ends_on or self.starts_on


class NoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Given to the head")
    DECIDED = "decided", _("Decided")


class AdviceNote(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=300)
    issue = models.TextField(_("the issue"))
    expected_reaction = models.TextField(_("expected media reaction"), blank=True)
    recommended_line = models.TextField(_("recommended line"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    decision = models.TextField(_("decision taken"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=NoteStatus.choices, default=NoteStatus.DRAFT)
    clippings = models.ManyToManyField(
        "monitoring.Clipping", blank=True, related_name="+", verbose_name=_("evidence from monitoring")
    )
    # Figures as they were when the note was written (mentions, tone, reach of a query), so they do not drift.
    figures = models.JSONField(default=dict, blank=True)
    evidence_query = models.CharField(_("monitoring search"), max_length=300, blank=True)
    plan_item = models.ForeignKey(
        PlanItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes", verbose_name=_("plan item")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("advice note")
        verbose_name_plural = _("advice notes")

    def __str__(self) -> str:
        return self.title


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Analysis(models.Model):
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=300)
    event = models.ForeignKey("events.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="analyses")
    campaign = models.ForeignKey(PlanItem, null=True, blank=True, on_delete=models.PROTECT, related_name="analyses")
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("until"))
    figures = models.JSONField(default=dict, blank=True)
    figures_at = models.DateTimeField(null=True, blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    next_time = models.TextField(_("for next time"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=AnalysisStatus.choices, default=AnalysisStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-last_day", "-pk"]
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=True) | models.Q(campaign__isnull=True),
                name="planning_analysis_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")), name="planning_analysis_days"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Instruction(models.Model):
    unit = models.ForeignKey(
        "core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("from the press service of")
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("what to do"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    material = models.ForeignKey(
        "publications.Material",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("material"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")

    def __str__(self) -> str:
        return self.title


class Receipt(models.Model):
    """One receiving unit of an instruction: seen, acknowledged, done — by whom and when."""

    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="receipts")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.CharField(_("report"), max_length=500, blank=True)
    link = models.URLField(_("link to the publication"), blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["instruction", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["instruction", "unit"], name="planning_receipt_unique")]
