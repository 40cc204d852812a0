"""Questions at an event: sent in advance from the portal, entered by staff in the room, moderated, asked, answered.

A journalist sends a question while the event is planned and has not started;
it waits for moderation. Staff accept or reject it (a rejection says why, in
the audit trail). In the room, staff mark an accepted question asked, or enter
a question as it is asked; a speaker of that event answers it. The counts per
event (received, asked, answered) are what the event report and the figures
show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.core.services import DomainError
from pressdesk.directory import selectors
from pressdesk.directory.models import Journalist
from pressdesk.events.models import Event, EventStatus, Question, QuestionStatus, Speaker
from pressdesk.events.services import access, record

MAX_LENGTH = 2000
MAX_ASKED_BY = 300
MAX_IN_ADVANCE = 5  # per journalist and event: enough to ask, too few to flood the queue
LANGUAGES = [code for code, _name in settings.LANGUAGES]
ASKED = [QuestionStatus.ASKED, QuestionStatus.ANSWERED]

audit.register_labels(
    {
        "events.question.submitted": gettext_lazy("question sent in advance"),
        "events.question.entered": gettext_lazy("question entered during the event"),
        "events.question.accepted": gettext_lazy("question accepted"),
        "events.question.rejected": gettext_lazy("question rejected"),
        "events.question.asked": gettext_lazy("question asked"),
        "events.question.answered": gettext_lazy("question answered"),
    }
)


@dataclass(frozen=True)
class Counts:
    received: int
    asked: int
    answered: int


def counts(event: Event) -> Counts:
    row = with_counts(Event.objects.filter(pk=event.pk)).values(
        "questions_received", "questions_asked", "questions_answered"
    )[0]
    return Counts(row["questions_received"], row["questions_asked"], row["questions_answered"])


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events annotated with questions_received, questions_asked and questions_answered (one query for a list)."""
    return events.annotate(
        questions_received=Count("questions", distinct=True),
        questions_asked=Count("questions", filter=Q(questions__status__in=ASKED), distinct=True),
        questions_answered=Count("questions", filter=Q(questions__status=QuestionStatus.ANSWERED), distinct=True),
    )


def is_open(event: Event, now: datetime.datetime | None = None) -> bool:
    """Questions may be sent in advance while the event is planned and has not started."""
    return event.status == EventStatus.PLANNED and (now or timezone.now()) < event.starts_at


def journalist_of(account: User | None) -> Journalist | None:
    return selectors.journalist_of_account(account)


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the question."))
    if len(text) > MAX_LENGTH:
        raise DomainError(
            _("The question is %(length)s characters long; keep it within %(limit)s.")
            % {"length": len(text), "limit": MAX_LENGTH}
        )
    return text


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise DomainError(_("Choose the language of the question."))
    return language


def _state(question: Question) -> dict:
    return {"status": question.status, "answered_by": question.answered_by_id}


@transaction.atomic
def submit(
    *,
    event: Event,
    journalist: Journalist,
    language: str,
    text: str,
    account: User | None = None,
    now: datetime.datetime | None = None,
) -> Question:
    """A journalist's question sent from the portal before the event; it waits for moderation."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not is_open(event, now):
        raise DomainError(_("Questions for this event are closed: send them before it starts."))
    if journalist.erased_at or journalist.merged_into_id:
        raise DomainError(_("This directory record cannot send questions."))
    text, language = _text(text), _language(language)
    if Question.objects.filter(event=event, journalist=journalist, in_advance=True).count() >= MAX_IN_ADVANCE:
        raise DomainError(_("You have already sent %(limit)s questions for this event.") % {"limit": MAX_IN_ADVANCE})
    question = Question.objects.create(
        event=event,
        text=text,
        language=language,
        journalist=journalist,
        asked_by=journalist.full_name[:MAX_ASKED_BY],
        in_advance=True,
        status=QuestionStatus.SUBMITTED,
        created_at=now or timezone.now(),
    )
    record(account, "events.question.submitted", event, after={"question": question.pk, "journalist": journalist.pk})
    return question


@transaction.atomic
def enter(
    *,
    actor: User,
    event: Event,
    text: str,
    language: str,
    asked_by: str = "",
    journalist: Journalist | None = None,
    now: datetime.datetime | None = None,
) -> Question:
    """Staff write down a question as it is asked in the room: it counts as asked at once."""
    access(actor, event)
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("The event was cancelled: no questions were asked."))
    if (now or timezone.now()) < event.starts_at:
        raise DomainError(_("The event has not started yet: questions asked in the room are entered from its start."))
    text, language = _text(text), _language(language)
    asked_by = asked_by.strip()
    if journalist is not None and (journalist.erased_at or journalist.merged_into_id):
        raise DomainError(_("This directory record cannot be named; write the name instead."))
    if not asked_by and journalist is not None:
        asked_by = journalist.full_name
    if len(asked_by) > MAX_ASKED_BY:
        raise DomainError(_("Keep the name and outlet within %(limit)s characters.") % {"limit": MAX_ASKED_BY})
    question = Question.objects.create(
        event=event,
        text=text,
        language=language,
        journalist=journalist,
        asked_by=asked_by,
        in_advance=False,
        status=QuestionStatus.ASKED,
        created_at=now or timezone.now(),
    )
    record(actor, "events.question.entered", event, after={"question": question.pk, **_state(question)})
    return question


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().select_related("event__unit").get(pk=question.pk)


@transaction.atomic
def moderate(*, actor: User, question: Question, accept: bool, reason: str = "") -> Question:
    """Accept a question sent in advance for the speakers, or reject it with a reason."""
    question = _locked(question)
    access(actor, question.event)
    if question.status != QuestionStatus.SUBMITTED:
        raise DomainError(_("This question has already been moderated."))
    reason = reason.strip()
    if not accept and not reason:
        raise DomainError(_("Say why the question is rejected."))
    before = _state(question)
    question.status = QuestionStatus.ACCEPTED if accept else QuestionStatus.REJECTED
    question.save(update_fields=["status"])
    code = "events.question.accepted" if accept else "events.question.rejected"
    record(actor, code, question.event, before={"question": question.pk, **before}, after=_state(question), note=reason)
    return question


def _started(event: Event, now: datetime.datetime | None) -> None:
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("The event was cancelled: no questions were asked."))
    if (now or timezone.now()) < event.starts_at:
        raise DomainError(_("The event has not started yet."))


@transaction.atomic
def mark_asked(*, actor: User, question: Question, now: datetime.datetime | None = None) -> Question:
    question = _locked(question)
    access(actor, question.event)
    _started(question.event, now)
    if question.status != QuestionStatus.ACCEPTED:
        raise DomainError(_("Only an accepted question can be marked asked."))
    before = _state(question)
    question.status = QuestionStatus.ASKED
    question.save(update_fields=["status"])
    record(
        actor,
        "events.question.asked",
        question.event,
        before={"question": question.pk, **before},
        after=_state(question),
    )
    return question


@transaction.atomic
def mark_answered(
    *, actor: User, question: Question, speaker: Speaker | None, now: datetime.datetime | None = None
) -> Question:
    """A speaker of the event answered; an accepted question answered is also asked."""
    question = _locked(question)
    access(actor, question.event)
    _started(question.event, now)
    if question.status not in (QuestionStatus.ACCEPTED, QuestionStatus.ASKED):
        raise DomainError(_("Only a question that was asked can be marked answered."))
    if speaker is None or speaker.event_id != question.event_id:
        raise DomainError(_("Choose who answered among the speakers of this event."))
    before = _state(question)
    question.status = QuestionStatus.ANSWERED
    question.answered_by = speaker
    question.save(update_fields=["status", "answered_by"])
    record(
        actor,
        "events.question.answered",
        question.event,
        before={"question": question.pk, **before},
        after=_state(question),
        note=speaker.display_name,
    )
    return question
