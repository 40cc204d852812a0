"""Analyses after the fact: made from a held event, a campaign of the press plan, or a free period of a unit.

The figures are assembled from the data when the analysis is made
(``analysis_figures``) and kept with it; "refresh the figures" assembles them
again (late coverage, a corrected tone). The conclusions stay editable until the
analysis is marked final, which freezes words and figures alike.

Everyone who sees a unit's press plan reads its analyses (``planning.view``);
those who write analyses there (``planning.analyse``) make and change them.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import UnitForbidden, has_perm, units_for
from pressdesk.core.services import DomainError
from pressdesk.events.models import Event, EventStatus
from pressdesk.planning import analysis_figures
from pressdesk.planning.analysis_period import check_period
from pressdesk.planning.models import Analysis, AnalysisStatus, PlanItem, PlanKind
from pressdesk.planning.registry import ANALYSE, PLAN_VIEW

AFTER_EVENT_DAYS = 7  # an event's coverage comes in the days after it

audit.register_labels(
    {
        "planning.analysis.made": gettext_lazy("analysis made"),
        "planning.analysis.refreshed": gettext_lazy("figures of an analysis refreshed"),
        "planning.analysis.changed": gettext_lazy("analysis changed"),
        "planning.analysis.final": gettext_lazy("analysis marked final"),
    }
)

TEXT_FIELDS = ("title", "conclusions", "next_time")


def in_sight(user: User):
    return Analysis.objects.filter(unit__in=units_for(user, PLAN_VIEW))


def access_analysis(user: User, pk: int, action: str = PLAN_VIEW) -> Analysis:
    """The analysis if its unit is in sight (else 404) and the user may take ``action`` there (else 403)."""
    analysis = (
        in_sight(user)
        .select_related("unit", "event", "campaign", "created_by")
        .prefetch_related("unit__translations", "event__translations")
        .filter(pk=pk)
        .first()
    )
    if analysis is None:
        raise Http404(_("There is no such analysis."))
    if action != PLAN_VIEW and not has_perm(user, action, analysis.unit):
        raise UnitForbidden(_("Your role in this unit does not allow this."))
    return analysis


def _may_analyse(actor: User, unit: Unit, message: str) -> None:
    if not has_perm(actor, ANALYSE, unit):
        raise DomainError(message)


def _subject(
    actor: User, unit: Unit | None, event: Event | None, campaign: PlanItem | None
) -> tuple[Unit, datetime.date | None, datetime.date | None, str]:
    """The unit, the default period and title of the subject, after its rules."""
    if event is not None and campaign is not None:
        raise DomainError(_("An analysis is of one event or one campaign, not both."))
    if event is not None:
        _may_analyse(actor, event.unit, _("This event belongs to another unit: you may not analyse it."))
        if event.status != EventStatus.HELD:
            raise DomainError(_("The event has not been held yet: it can be analysed once it is marked as held."))
        day = timezone.localtime(event.starts_at).date()
        return event.unit, day, day + datetime.timedelta(days=AFTER_EVENT_DAYS), event.title
    if campaign is not None:
        _may_analyse(actor, campaign.unit, _("This campaign belongs to another unit: you may not analyse it."))
        if campaign.kind != PlanKind.CAMPAIGN:
            raise DomainError(_("Only a campaign of the press plan can be analysed with its parts."))
        return campaign.unit, campaign.starts_on, campaign.last_day, campaign.title
    if unit is None:
        raise DomainError(_("Choose the unit whose period is analysed."))
    _may_analyse(actor, unit, _("Your roles do not allow analyses in this unit."))
    return unit, None, None, ""


@transaction.atomic
def analysis_make(
    *,
    actor: User,
    unit: Unit | None = None,
    event: Event | None = None,
    campaign: PlanItem | None = None,
    first: datetime.date | None = None,
    last: datetime.date | None = None,
    title: str = "",
) -> Analysis:
    """Make an analysis and assemble its figures. The period defaults to the subject's days."""
    unit, default_first, default_last, default_title = _subject(actor, unit, event, campaign)
    first, last = first or default_first, last or default_last
    check_period(first, last)
    title = title.strip() or default_title
    if not title:
        raise DomainError(_("Give the analysis a title."))
    analysis = Analysis(
        unit=unit, event=event, campaign=campaign, first_day=first, last_day=last, title=title[:300], created_by=actor
    )
    analysis.figures, analysis.figures_at = analysis_figures.assemble(analysis), timezone.now()
    analysis.save()
    audit.record(
        actor=actor,
        action="planning.analysis.made",
        target=analysis,
        unit=unit,
        after={"first_day": first, "last_day": last, "event": event, "campaign": campaign},
    )
    return analysis


def _draft(analysis_id: int) -> Analysis:
    analysis = Analysis.objects.select_for_update(of=("self",)).select_related("unit", "event", "campaign")
    analysis = analysis.get(pk=analysis_id)
    if analysis.status == AnalysisStatus.FINAL:
        raise DomainError(_("The analysis is final: its words and figures no longer change."))
    return analysis


@transaction.atomic
def analysis_refresh(*, actor: User, analysis: Analysis) -> Analysis:
    analysis = _draft(analysis.pk)
    _may_analyse(actor, analysis.unit, _("Your roles do not allow analyses in this unit."))
    analysis.figures = analysis_figures.assemble(analysis)
    analysis.figures_at = analysis.updated_at = timezone.now()
    analysis.save(update_fields=["figures", "figures_at", "updated_at"])
    audit.record(actor=actor, action="planning.analysis.refreshed", target=analysis, unit=analysis.unit)
    return analysis


@transaction.atomic
def analysis_change(*, actor: User, analysis: Analysis, title: str, conclusions: str, next_time: str) -> Analysis:
    analysis = _draft(analysis.pk)
    _may_analyse(actor, analysis.unit, _("Your roles do not allow analyses in this unit."))
    if not title.strip():
        raise DomainError(_("Give the analysis a title."))
    values = {"title": title.strip()[:300], "conclusions": conclusions.strip(), "next_time": next_time.strip()}
    before = audit.snapshot(analysis, TEXT_FIELDS)
    changed = [name for name, value in values.items() if getattr(analysis, name) != value]
    if not changed:
        return analysis
    for name in changed:
        setattr(analysis, name, values[name])
    analysis.updated_at = timezone.now()
    analysis.save(update_fields=[*changed, "updated_at"])
    audit.record(
        actor=actor,
        action="planning.analysis.changed",
        target=analysis,
        unit=analysis.unit,
        before={name: before[name] for name in changed},
        after={name: values[name] for name in changed},
    )
    return analysis


@transaction.atomic
def analysis_finalise(*, actor: User, analysis: Analysis) -> Analysis:
    analysis = _draft(analysis.pk)
    _may_analyse(actor, analysis.unit, _("Your roles do not allow analyses in this unit."))
    analysis.status, analysis.updated_at = AnalysisStatus.FINAL, timezone.now()
    analysis.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="planning.analysis.final", target=analysis, unit=analysis.unit)
    return analysis
