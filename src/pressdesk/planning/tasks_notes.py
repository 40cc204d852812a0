"""The advice note's letter to the head, sent by the worker so that giving a note never waits on the mail server."""

from __future__ import annotations

from django_tasks import task

from pressdesk.planning import notes_mail
from pressdesk.planning.models import AdviceNote, NoteStatus


@task()
def tell_head(note_id: int) -> int:
    """The letter to each head who may decide; none once the note is gone or back from the head. Returns how many."""
    note = AdviceNote.objects.select_related("unit").filter(pk=note_id, status=NoteStatus.SUBMITTED).first()
    return notes_mail.given(note) if note else 0
