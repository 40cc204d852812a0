"""The demo season of events: three months held and the coming month planned, every type, idempotent, no letters."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pressdesk.events import demo
from pressdesk.events.models import (
    Absence,
    Event,
    EventKind,
    EventStatus,
    Invitation,
    Question,
    QuestionStatus,
    Registration,
    RegistrationStatus,
    Speaker,
    Venue,
)

pytestmark = pytest.mark.django_db


def state() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Event, Speaker, Registration, Question, Venue, Absence, Invitation)
    }


def test_loading_the_demo_again_adds_nothing(units):
    before = state()
    counts = demo.load(units)
    assert state() == before
    assert counts == {"events": before["Event"], "venues": 2}


def test_a_season_behind_and_a_month_ahead_of_every_type(units):
    now = timezone.now()
    past, coming = Event.objects.filter(starts_at__lt=now), Event.objects.filter(starts_at__gt=now)
    assert 22 <= past.count() <= 28 and 8 <= coming.count() <= 12
    assert past.filter(starts_at__lt=now - timezone.timedelta(days=80)).exists()
    assert not past.filter(starts_at__lt=now - timezone.timedelta(days=92)).exists()
    assert not coming.filter(starts_at__gt=now + timezone.timedelta(days=31)).exists()
    assert set(Event.objects.values_list("kind", flat=True)) == set(EventKind.values)
    assert not past.filter(status=EventStatus.PLANNED).exists()
    assert past.filter(status=EventStatus.CANCELLED).count() == 1
    assert coming.filter(status=EventStatus.CANCELLED).count() == 1
    assert coming.filter(is_public=True).exclude(status=EventStatus.CANCELLED).count() >= 4


def test_an_interview_is_private_and_never_public(units):
    interviews = Event.objects.filter(kind=EventKind.INTERVIEW)
    assert interviews.filter(starts_at__gt=timezone.now()).exists()
    assert not Event.objects.public().filter(kind=EventKind.INTERVIEW).exists()
    assert not interviews.filter(is_public=True).exists()


def test_held_events_have_speakers_journalists_questions_and_materials(units):
    held = Event.objects.filter(status=EventStatus.HELD)
    assert Speaker.objects.filter(event__in=held, user__isnull=True).exists()  # some from outside
    assert Speaker.objects.filter(event__in=held, user__isnull=False).exists()
    checked = Registration.objects.filter(event__in=held, checked_in_at__isnull=False)
    assert checked.exists()
    assert all(r.checked_in_at < r.event.ends_at for r in checked.select_related("event"))
    assert held.filter(attendance_manual__isnull=False).exists()
    questions = Question.objects.filter(event__in=held)
    assert (
        questions.filter(status=QuestionStatus.ANSWERED).count()
        > questions.filter(status=QuestionStatus.ASKED).count()
        > 0
    )
    assert all(q.event.starts_at <= q.created_at <= q.event.ends_at for q in questions.select_related("event"))
    assert held.filter(materials__isnull=False).exists()


def test_the_coming_month_has_a_waiting_list_a_press_centre_and_an_absence(units):
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITLISTED).select_related("event")
    assert waiting.exists() and all(r.event.capacity and r.event.starts_at > timezone.now() for r in waiting)
    assert Venue.objects.filter(capacity=40).exists()
    absence = Absence.objects.get()
    assert absence.starts_at > timezone.now()


def test_no_invitation_is_made_so_no_letter_is_written(units):
    assert not Invitation.objects.exists()
