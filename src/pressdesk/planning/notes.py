"""Writes on advice notes: draft, evidence from monitoring, the figures of a search, given to the head, decided.

Every write checks the note's state and the writer's right, and records itself in
the audit trail. The trail is read by more people than may read a note (a unit
press secretary reads the unit's trail), so its entries name a note by its number
and say which fields changed, never their words.

Giving a note to the head is claimed by a conditional UPDATE (draft → given), so
a note given twice — a second click, two tabs — is refused the second time with
the day it was given, and the head gets one letter, queued for the worker after the commit.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.events.services import local_time
from pressdesk.monitoring import search
from pressdesk.monitoring.models import Clipping
from pressdesk.planning import analysis_media
from pressdesk.planning.analysis_period import check_period
from pressdesk.planning.models import AdviceNote, NoteStatus
from pressdesk.planning.notes_access import may_decide, may_edit
from pressdesk.planning.registry import NOTES_WRITE

MOST_CLIPPINGS = 50

audit.register_labels(
    {
        "planning.note.written": gettext_lazy("advice note written"),
        "planning.note.changed": gettext_lazy("advice note changed"),
        "planning.note.evidence_added": gettext_lazy("evidence added to an advice note"),
        "planning.note.evidence_removed": gettext_lazy("evidence taken off an advice note"),
        "planning.note.figures_taken": gettext_lazy("figures taken for an advice note"),
        "planning.note.given": gettext_lazy("advice note given to the head"),
        "planning.note.decided": gettext_lazy("decision recorded on an advice note"),
    }
)


@dataclass
class NoteText:
    title: str
    issue: str
    expected_reaction: str = ""
    recommended_line: str = ""
    risks: str = ""


class _Sealed:
    """The note as the audit trail names it: by its number, never by its title."""

    _meta = AdviceNote._meta

    def __init__(self, note: AdviceNote) -> None:
        self.pk = note.pk

    def __str__(self) -> str:
        return f"{AdviceNote._meta.verbose_name} #{self.pk}"


def _record(actor: User, action: str, note: AdviceNote, **facts) -> None:
    audit.record(actor=actor, action=action, target=_Sealed(note), unit=note.unit, after=facts or None)


def _locked_editable(actor: User, note: AdviceNote) -> AdviceNote:
    """The note's row, locked until the commit, if it may still be changed: a note given meanwhile is refused."""
    note = AdviceNote.objects.select_for_update().select_related("unit").get(pk=note.pk)
    _editable(actor, note)
    return note


def _editable(actor: User, note: AdviceNote) -> None:
    if note.status != NoteStatus.DRAFT:
        raise DomainError(_("The note has been given to the head: it can no longer be changed."))
    if not may_edit(actor, note):
        raise DomainError(_("Only the author and the unit's press secretary may change this note."))


def _clean(text: NoteText) -> NoteText:
    cleaned = NoteText(**{name: value.strip() for name, value in asdict(text).items()})
    if not cleaned.title or not cleaned.issue:
        raise DomainError(_("A note needs a title and the issue."))
    return cleaned


@transaction.atomic
def note_write(*, actor: User, unit: Unit, text: NoteText) -> AdviceNote:
    if not has_perm(actor, NOTES_WRITE, unit):
        raise DomainError(_("Your roles do not allow writing advice notes in this unit."))
    note = AdviceNote.objects.create(unit=unit, author=actor, **asdict(_clean(text)))
    _record(actor, "planning.note.written", note)
    return note


@transaction.atomic
def note_change(*, actor: User, note: AdviceNote, text: NoteText) -> AdviceNote:
    note = _locked_editable(actor, note)
    values = asdict(_clean(text))
    changed = [name for name, value in values.items() if getattr(note, name) != value]
    if not changed:
        return note
    for name in changed:
        setattr(note, name, values[name])
    note.updated_at = timezone.now()
    note.save(update_fields=[*changed, "updated_at"])
    _record(actor, "planning.note.changed", note, fields=changed)
    return note


@transaction.atomic
def note_add_evidence(*, actor: User, note: AdviceNote, clippings: list[Clipping]) -> int:
    """Attach clippings found with the monitoring search; returns how many were new."""
    note = _locked_editable(actor, note)
    present = set(note.clippings.values_list("pk", flat=True))
    new = [clipping for clipping in clippings if clipping.pk not in present]
    if len(present) + len(new) > MOST_CLIPPINGS:
        raise DomainError(
            _("A note holds at most %(count)s clippings: keep the telling ones.") % {"count": MOST_CLIPPINGS}
        )
    if new:
        note.clippings.add(*new)
        _record(actor, "planning.note.evidence_added", note, clippings=[c.pk for c in new])
    return len(new)


@transaction.atomic
def note_remove_evidence(*, actor: User, note: AdviceNote, clipping_id: int) -> None:
    note = _locked_editable(actor, note)
    if note.clippings.filter(pk=clipping_id).exists():
        note.clippings.remove(clipping_id)
        _record(actor, "planning.note.evidence_removed", note, clippings=[clipping_id])


@transaction.atomic
def note_take_figures(
    *, actor: User, note: AdviceNote, query: str, first: datetime.date | None, last: datetime.date | None
) -> AdviceNote:
    """Count what a monitoring search finds in the period and keep it with the note, as it is today."""
    note = _locked_editable(actor, note)
    check_period(first, last)
    query = query.strip()
    found = search.find(Clipping.objects.all(), search.Criteria(q=query, since=first, until=last))
    figures = analysis_media.count(found, first, last)
    figures["query"] = query
    figures["taken_at"] = timezone.now().isoformat()
    note.figures, note.evidence_query, note.updated_at = figures, query[:300], timezone.now()
    note.save(update_fields=["figures", "evidence_query", "updated_at"])
    _record(actor, "planning.note.figures_taken", note, first_day=first, last_day=last, mentions=figures["total"])
    return note


def note_give(*, actor: User, note: AdviceNote) -> AdviceNote:
    """Give the note to the head: once. The head hears of it by email, sent by the worker after the commit."""
    from pressdesk.planning.tasks_notes import tell_head

    with transaction.atomic():
        if note.status == NoteStatus.DRAFT and not may_edit(actor, note):
            raise DomainError(_("Only the author and the unit's press secretary may give this note to the head."))
        now = timezone.now()
        claimed = AdviceNote.objects.filter(pk=note.pk, status=NoteStatus.DRAFT).update(
            status=NoteStatus.SUBMITTED, submitted_at=now, updated_at=now
        )
        note.refresh_from_db()
        if not claimed:
            if note.submitted_at is None:
                raise DomainError(_("The note is no longer a draft."))
            raise DomainError(
                _("The note was already given to the head on %(when)s; nothing was sent again.")
                % {"when": local_time(note.submitted_at)}
            )
        _record(actor, "planning.note.given", note)
        transaction.on_commit(lambda: tell_head.enqueue(note_id=note.pk))
    return note


@transaction.atomic
def note_decide(*, actor: User, note: AdviceNote, decision: str) -> AdviceNote:
    note = AdviceNote.objects.select_for_update().select_related("unit").get(pk=note.pk)
    if note.status == NoteStatus.DECIDED:
        raise DomainError(_("The decision on this note is already recorded."))
    if note.status != NoteStatus.SUBMITTED:
        raise DomainError(_("The note has not been given to the head yet."))
    if not may_decide(actor, note):
        raise DomainError(_("Only the head records the decision."))
    if not decision.strip():
        raise DomainError(_("Write the decision taken."))
    now = timezone.now()
    note.decision, note.status, note.decided_at, note.decided_by, note.updated_at = (
        decision.strip(),
        NoteStatus.DECIDED,
        now,
        actor,
        now,
    )
    note.save(update_fields=["decision", "status", "decided_at", "decided_by", "updated_at"])
    _record(actor, "planning.note.decided", note)
    return note
