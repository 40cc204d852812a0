"""Questions: sent in advance from the portal, moderated, entered in the room, asked and answered by a speaker."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.core.models import AuditEntry, Role
from pressdesk.core.services import DomainError
from pressdesk.events import questions
from pressdesk.events.forms_work import portal_form
from pressdesk.events.models import Event, EventKind, Question, QuestionStatus, Speaker
from tests.conftest import verified_client
from tests.directory.conftest import Directory


def started(event: Event, minutes: int = 10) -> Event:
    """The event as if it began ``minutes`` ago (planning refuses the past, so move it afterwards)."""
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - datetime.timedelta(minutes=minutes), ends_at=now + datetime.timedelta(hours=1)
    )
    event.refresh_from_db()
    return event


@pytest.fixture
def reporter(world, journalist):
    record = Directory(world).journalist("Мадина Әлиева")
    record.account = journalist
    record.save(update_fields=["account"])
    return record


def test_a_question_sent_in_advance_waits_for_moderation_and_is_audited(office, reporter):
    event = office.event(speakers=[office.mobility_head])
    question = questions.submit(event=event, journalist=reporter, language="kk", text="  Жаңа автобустар қашан?  ")
    assert (question.status, question.in_advance, question.text) == (
        QuestionStatus.SUBMITTED,
        True,
        "Жаңа автобустар қашан?",
    )
    assert question.asked_by == "Мадина Әлиева"
    assert AuditEntry.objects.filter(action="events.question.submitted", target_id=str(event.pk)).exists()
    assert questions.counts(event) == questions.Counts(received=1, asked=0, answered=0)


def test_no_question_in_advance_once_the_event_has_started(office, reporter):
    event = started(office.event())
    with translation.override("en"), pytest.raises(DomainError, match="Questions for this event are closed"):
        questions.submit(event=event, journalist=reporter, language="kk", text="Кеш сұрақ")
    assert not Question.objects.exists()


def test_no_question_in_advance_for_a_cancelled_event(office, reporter):
    from pressdesk.events import services

    event = services.cancel_event(actor=office.secretary, event=office.event(), reason="Спикер ауырып қалды")
    with pytest.raises(DomainError):
        questions.submit(event=event, journalist=reporter, language="kk", text="Сұрақ")
    assert not Question.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "ә" * (questions.MAX_LENGTH + 1)])
def test_an_empty_or_huge_question_is_refused_with_its_reason(office, reporter, text):
    event = office.event()
    with translation.override("en"), pytest.raises(DomainError, match="Write the question|keep it within 2000"):
        questions.submit(event=event, journalist=reporter, language="kk", text=text)
    assert not Question.objects.exists()


def test_a_journalist_cannot_flood_the_queue(office, reporter):
    event = office.event()
    for n in range(questions.MAX_IN_ADVANCE):
        questions.submit(event=event, journalist=reporter, language="ru", text=f"Вопрос {n}")
    with translation.override("en"), pytest.raises(DomainError, match="already sent 5 questions"):
        questions.submit(event=event, journalist=reporter, language="ru", text="Ещё один")
    assert Question.objects.count() == questions.MAX_IN_ADVANCE


def test_moderation_accepts_or_rejects_with_a_reason(office, reporter):
    event = office.event()
    kept = questions.submit(event=event, journalist=reporter, language="kk", text="Бағыт өзгере ме?")
    dropped = questions.submit(event=event, journalist=reporter, language="kk", text="Жарнама")
    questions.moderate(actor=office.secretary, question=kept, accept=True)
    with translation.override("en"), pytest.raises(DomainError, match="Say why"):
        questions.moderate(actor=office.secretary, question=dropped, accept=False, reason=" ")
    questions.moderate(actor=office.secretary, question=dropped, accept=False, reason="Тақырыпқа қатысы жоқ")
    dropped.refresh_from_db()
    kept.refresh_from_db()
    assert (kept.status, dropped.status) == (QuestionStatus.ACCEPTED, QuestionStatus.REJECTED)
    assert AuditEntry.objects.get(action="events.question.rejected").note == "Тақырыпқа қатысы жоқ"
    with pytest.raises(DomainError):
        questions.moderate(actor=office.secretary, question=kept, accept=False, reason="қайта")


def test_someone_without_the_planning_role_cannot_moderate(office, reporter, world):
    analyst = world.person("dana", Role.ANALYST, world.body)
    event = office.event()
    question = questions.submit(event=event, journalist=reporter, language="kk", text="Сұрақ")
    with pytest.raises(DomainError):
        questions.moderate(actor=analyst, question=question, accept=True)
    question.refresh_from_db()
    assert question.status == QuestionStatus.SUBMITTED


def test_in_the_room_questions_are_asked_and_answered_by_a_speaker_of_the_event(office, reporter):
    event = office.event(speakers=[office.mobility_head, office.ecology_head])
    advance = questions.submit(event=event, journalist=reporter, language="kk", text="Жол жөндеуі қашан бітеді?")
    questions.moderate(actor=office.secretary, question=advance, accept=True)
    event = started(event)
    head = event.speakers.get(user=office.mobility_head)
    questions.mark_asked(actor=office.secretary, question=advance)
    questions.mark_answered(actor=office.secretary, question=advance, speaker=head)
    entered = questions.enter(
        actor=office.secretary, event=event, text="Тариф көтеріле ме?", language="kk", asked_by="Ерлан, Хабар"
    )
    assert entered.status == QuestionStatus.ASKED and not entered.in_advance
    advance.refresh_from_db()
    assert (advance.status, advance.answered_by) == (QuestionStatus.ANSWERED, head)
    assert questions.counts(event) == questions.Counts(received=2, asked=2, answered=1)
    listed = questions.with_counts(Event.objects.filter(pk=event.pk)).get()
    assert (listed.questions_received, listed.questions_asked, listed.questions_answered) == (2, 2, 1)


def test_an_answer_by_someone_not_speaking_at_the_event_is_refused(office):
    event = started(office.event(speakers=[office.mobility_head]))
    other = office.event(at=event.starts_at + datetime.timedelta(days=2), speakers=[office.ecology_head])
    stranger = Speaker.objects.get(event=other)
    question = questions.enter(actor=office.secretary, event=event, text="Сұрақ?", language="kk")
    with translation.override("en"), pytest.raises(DomainError, match="among the speakers of this event"):
        questions.mark_answered(actor=office.secretary, question=question, speaker=stranger)
    question.refresh_from_db()
    assert (question.status, question.answered_by) == (QuestionStatus.ASKED, None)


def test_questions_in_the_room_are_entered_only_once_the_event_has_started(office):
    event = office.event()
    with translation.override("en"), pytest.raises(DomainError, match="has not started yet"):
        questions.enter(actor=office.secretary, event=event, text="Ерте", language="kk")
    assert not Question.objects.exists()


def test_portal_form_is_offered_to_a_linked_journalist_while_the_event_is_open(office, reporter, journalist, world):
    event = office.event()
    assert portal_form(event, journalist) is not None
    assert portal_form(event, office.secretary) is None
    assert portal_form(started(office.event(at=event.starts_at + datetime.timedelta(days=1))), journalist) is None


def test_a_journalist_sends_a_question_from_the_portal(office, reporter, journalist):
    event = office.event(is_public=True)
    client = verified_client(journalist)
    response = client.post(
        f"/en/portal/events/{event.pk}/question/",
        {"question-text": "Когда пустят автобусы?", "question-language": "ru"},
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.journalist, question.language, question.event) == (reporter, "ru", event)


def test_a_huge_question_from_the_portal_is_shown_back_with_the_reason(office, reporter, journalist):
    event = office.event(is_public=True)
    client = verified_client(journalist)
    text = "ы" * (questions.MAX_LENGTH + 5)
    response = client.post(
        f"/en/portal/events/{event.pk}/question/", {"question-text": text, "question-language": "ru"}
    )
    assert response.status_code == 400
    assert "2000" in response.content.decode()
    assert text in response.content.decode()  # what was typed is not lost
    assert not Question.objects.exists()


def test_a_private_interview_takes_no_questions_from_strangers(office, reporter, journalist):
    event = office.event(EventKind.INTERVIEW)
    response = verified_client(journalist).post(
        f"/en/portal/events/{event.pk}/question/", {"question-text": "?", "question-language": "kk"}
    )
    assert response.status_code == 404


def test_staff_moderate_and_enter_questions_on_the_page(office, reporter):
    event = office.event(speakers=[office.mobility_head])
    question = questions.submit(event=event, journalist=reporter, language="kk", text="Аялдама қайда болады?")
    client = verified_client(office.secretary)
    page = client.get(f"/en/events/{event.pk}/questions/")
    assert page.status_code == 200 and "Аялдама қайда болады?" in page.content.decode()
    client.post(f"/en/events/{event.pk}/questions/{question.pk}/accept/")
    started(event)
    speaker = event.speakers.get()
    client.post(f"/en/events/{event.pk}/questions/{question.pk}/answered/", {f"q{question.pk}-speaker": speaker.pk})
    response = client.post(
        f"/en/events/{event.pk}/questions/", {"text": "Бағасы қанша?", "language": "kk", "asked_by": "Ерлан, Хабар"}
    )
    assert response.status_code == 302
    assert questions.counts(event) == questions.Counts(received=2, asked=2, answered=1)
    page = client.get(f"/en/events/{event.pk}/questions/").content.decode()
    assert "Ерлан, Хабар" in page


def test_the_questions_page_keeps_a_fixed_number_of_queries(office, reporter, django_assert_max_num_queries):
    event = started(office.event(speakers=[office.mobility_head]))
    client = verified_client(office.secretary)
    client.get(f"/en/events/{event.pk}/questions/")
    for n in range(6):
        questions.enter(actor=office.secretary, event=event, text=f"Сұрақ {n}", language="kk", journalist=reporter)
    with django_assert_max_num_queries(25):
        assert client.get(f"/en/events/{event.pk}/questions/").status_code == 200


def test_a_journalist_found_by_confirmed_email_may_ask_too(office, world, journalist):
    record = Directory(world).journalist("Мадина Әлиева", email=journalist.email)
    assert questions.journalist_of(journalist) is None  # the email is not confirmed yet
    journalist.email_confirmed_at = timezone.now()
    journalist.save(update_fields=["email_confirmed_at"])
    assert questions.journalist_of(journalist) == record
    assert portal_form(office.event(), journalist) is not None
