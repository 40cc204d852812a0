"""Who sees and works on which advice note. Every notes page fetches through ``access_note``.

A note is private: its author while they may still write notes in its unit, and
whoever holds ``planning.notes`` over its unit (the head and the press secretary of
the unit or of a unit above it, as ``has_perm`` reaches) read it; an author who left
the unit or lost the role no longer does. A draft is not yet the head's to read:
a reader sees it only if they may also write notes there (the press secretary, who
may change the draft with its author); for everyone else it does not exist (404), so its
title does not leak through a 403. Notes are never indexed for search, never in
the API and never on the portal.

A draft is written by its author, or by a reader who may also write notes there
(the press secretary); the decision is recorded by a head (``planning.notes_decide``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core.models import Role, User
from pressdesk.core.permissions import has_perm, register_action, units_for
from pressdesk.planning.models import AdviceNote, NoteStatus
from pressdesk.planning.registry import NOTES_READ, NOTES_WRITE

NOTES_DECIDE = "planning.notes_decide"
register_action(NOTES_DECIDE, gettext_lazy("Record the decision on an advice note"), [Role.HEAD])


def in_sight(user: User) -> QuerySet[AdviceNote]:
    """The notes the user may read: their own where they still write notes, the notes given to the head where
    they read notes, and the drafts where they both read and write them."""
    if not getattr(user, "is_authenticated", False):
        return AdviceNote.objects.none()
    writes, reads = units_for(user, NOTES_WRITE), units_for(user, NOTES_READ)
    own = Q(author=user, unit__in=writes)
    given = Q(unit__in=reads) & ~Q(status=NoteStatus.DRAFT)
    drafts_kept_together = Q(unit__in=reads) & Q(unit__in=writes)
    return AdviceNote.objects.filter(own | given | drafts_kept_together)


def access_note(user: User, pk: int) -> AdviceNote:
    note = (
        in_sight(user)
        .select_related("unit", "author", "decided_by", "plan_item")
        .prefetch_related("unit__translations")
        .filter(pk=pk)
        .first()
    )
    if note is None:
        raise Http404(_("There is no such note."))
    return note


def may_edit(user: User, note: AdviceNote) -> bool:
    if note.status != NoteStatus.DRAFT or not has_perm(user, NOTES_WRITE, note.unit):
        return False
    return note.author_id == user.pk or has_perm(user, NOTES_READ, note.unit)


def may_decide(user: User, note: AdviceNote) -> bool:
    return note.status == NoteStatus.SUBMITTED and has_perm(user, NOTES_DECIDE, note.unit)
