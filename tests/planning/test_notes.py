"""Advice notes: private to their author and the unit's head and press secretary; evidence and figures from
monitoring; given to the head once, with one letter; the head's decision; a trail that keeps the words private."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from pressdesk.core import services
from pressdesk.core.models import AuditEntry, Membership, Role
from pressdesk.core.services import DomainError
from pressdesk.monitoring.models import Clipping
from pressdesk.planning import notes
from pressdesk.planning.models import AdviceNote, NoteStatus
from pressdesk.planning.notes import NoteText
from tests.conftest import verified_client
from tests.planning.notes_fixtures import FIRST, LAST, Newsroom, Week

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def newsroom(world) -> Newsroom:
    return Newsroom(world)


def status(user, path: str) -> int:
    return verified_client(user).get(path).status_code


def give(note: AdviceNote) -> AdviceNote:
    return notes.note_give(actor=note.author, note=note)


def test_only_the_author_and_the_units_head_and_press_secretary_read_a_note(newsroom, world):
    note = give(newsroom.note())
    mobility_note = give(newsroom.note(author=newsroom.secretary, unit=world.mobility, title="Tram depot"))
    for reader in (newsroom.officer, newsroom.secretary, newsroom.head):
        assert status(reader, f"/en/planning/notes/{note.pk}/") == 200
    # Not the head of a unit below, an analyst of the same unit, a district's press secretary: "not found".
    for other in (newsroom.mobility_head, newsroom.analyst, newsroom.district):
        assert status(other, f"/en/planning/notes/{note.pk}/") == 404
        assert status(other, f"/en/planning/notes/{note.pk}/pdf/") == 404
    # The centre's head reaches the notes of the units below.
    assert status(newsroom.head, f"/en/planning/notes/{mobility_note.pk}/") == 200
    assert status(newsroom.mobility_head, f"/en/planning/notes/{mobility_note.pk}/") == 200
    listed = verified_client(newsroom.mobility_head).get("/en/planning/notes/").content.decode()
    assert "Tram depot" in listed and "Bus fares from April" not in listed
    assert status(newsroom.analyst, "/en/planning/notes/") == 403


def test_the_head_reads_a_note_once_it_is_given_not_its_draft(newsroom):
    note = newsroom.note()
    assert status(newsroom.head, f"/en/planning/notes/{note.pk}/") == 404
    assert status(newsroom.head, f"/en/planning/notes/{note.pk}/pdf/") == 404
    assert "Bus fares from April" not in verified_client(newsroom.head).get("/en/planning/notes/").content.decode()
    # The press secretary, who may change the draft with its author, reads it before it is given.
    assert status(newsroom.secretary, f"/en/planning/notes/{note.pk}/") == 200
    give(note)
    assert status(newsroom.head, f"/en/planning/notes/{note.pk}/") == 200
    assert "Bus fares from April" in verified_client(newsroom.head).get("/en/planning/notes/").content.decode()


def test_a_consultant_reads_only_the_notes_they_wrote(newsroom, world):
    consultant = world.person("erlan", "consultant", world.body, valid_until=datetime.date(2099, 1, 1))
    own = newsroom.note(author=consultant, title="Own note")
    other = newsroom.note()
    assert status(consultant, f"/en/planning/notes/{own.pk}/") == 200
    assert status(consultant, f"/en/planning/notes/{other.pk}/") == 404


def test_an_author_who_left_the_unit_no_longer_reads_their_note(newsroom, world):
    note = newsroom.note()
    services.membership_revoke(actor=None, membership=Membership.objects.get(user=newsroom.officer))
    # Dana now works as the Almaly district's press secretary: she sees a plan, but writes no notes in the city.
    services.membership_grant(actor=None, user=newsroom.officer, unit=world.almaly, role=Role.UNIT_PRESS_SECRETARY)
    assert status(newsroom.officer, f"/en/planning/notes/{note.pk}/") == 404
    assert status(newsroom.officer, f"/en/planning/notes/{note.pk}/pdf/") == 404
    assert status(newsroom.secretary, f"/en/planning/notes/{note.pk}/") == 200


def test_a_note_is_written_and_changed_on_its_pages(newsroom, world):
    client = verified_client(newsroom.officer)
    response = client.post(
        "/en/planning/notes/new/",
        {"unit": world.body.pk, "title": "Fares", "issue": "Up by 20 tenge.", "risks": "Protests at stops."},
    )
    note = AdviceNote.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/planning/notes/{note.pk}/"
    assert (note.author, note.status, note.risks) == (newsroom.officer, NoteStatus.DRAFT, "Protests at stops.")
    empty = client.post(f"/en/planning/notes/{note.pk}/change/", {"title": "Fares", "issue": " "})
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    client.post(f"/en/planning/notes/{note.pk}/change/", {"title": "Fares", "issue": "Up by 25 tenge."})
    note.refresh_from_db()
    assert note.issue == "Up by 25 tenge."
    # Someone who may not write notes in the city (a district's press secretary) is refused by the page.
    assert verified_client(newsroom.district).get("/en/planning/notes/new/").status_code == 403


def test_evidence_is_attached_from_the_search_and_its_figures_kept(newsroom, world):
    week = Week(world, newsroom)
    note = newsroom.note()
    client = verified_client(newsroom.officer)
    page = client.get(
        f"/en/planning/notes/{note.pk}/",
        {"evidence-q": "fares", "evidence-since": FIRST.isoformat(), "evidence-until": LAST.isoformat()},
    ).content.decode()
    found = Clipping.objects.filter(title__icontains="fares").exclude(title="Before the week")
    assert all(f'value="{c.pk}"' in page for c in found) and "New park opens" not in page
    searched = {"evidence-q": "fares", "evidence-since": FIRST.isoformat(), "evidence-until": LAST.isoformat()}
    response = client.post(
        f"/en/planning/notes/{note.pk}/evidence/", {"clippings": [c.pk for c in found[:2]]} | searched
    )
    assert set(note.clippings.all()) == set(found[:2])
    # Back to the same search, so its results and the button keeping its figures are still there.
    back = response.url
    assert back.startswith(f"/en/planning/notes/{note.pk}/?") and "evidence-q=fares" in back
    assert "Keep the figures of this search" in client.get(back).content.decode()
    assert "Keep the figures of this search" not in client.get(f"/en/planning/notes/{note.pk}/").content.decode()

    client.post(
        f"/en/planning/notes/{note.pk}/figures/",
        {"evidence-q": "fares", "evidence-since": FIRST.isoformat(), "evidence-until": LAST.isoformat()},
    )
    note.refresh_from_db()
    figures = note.figures
    assert (figures["total"], figures["query"], note.evidence_query) == (4, "fares", "fares")
    assert figures["tones"] == {"negative": 2, "neutral": 2, "positive": 0}
    assert figures["outlet_count"] == 2 and figures["reach"] == 450_000 + 20_000
    assert [(row["id"], row["clippings"]) for row in figures["outlets"]] == [
        (week.press.city.pk, 3),
        (week.press.national.pk, 1),
    ]
    assert sum(point["negative"] for point in figures["timeline"]) == 2 and len(figures["timeline"]) == 7
    page = client.get(f"/en/planning/notes/{note.pk}/").content.decode()
    assert "4 items in 2 outlets, reach 470,000." in page and "<svg" in page and "Qala24" in page


def test_the_evidence_search_is_a_get_without_the_token_and_its_figures_are_kept_by_a_post(newsroom, world):
    Week(world, newsroom)
    note = newsroom.note()
    client = verified_client(newsroom.officer)
    searched = {"evidence-q": "fares", "evidence-since": FIRST.isoformat(), "evidence-until": LAST.isoformat()}
    page = client.get(f"/en/planning/notes/{note.pk}/", searched).content.decode()
    search_form = next(form for form in forms_of(page) if 'role="search"' in form)
    assert 'method="get"' in search_form and "csrfmiddlewaretoken" not in search_form
    keep = next(form for form in forms_of(page) if "/figures/" in form)
    assert 'method="post"' in keep and "csrfmiddlewaretoken" in keep
    hidden = dict(re.findall(r'<input type="hidden" name="(evidence-[a-z]+)" value="([^"]*)"', keep))
    assert hidden == searched
    client.post(f"/en/planning/notes/{note.pk}/figures/", hidden)
    note.refresh_from_db()
    assert note.evidence_query == "fares" and note.figures["total"] == 4


def forms_of(page: str) -> list[str]:
    return re.findall(r"<form\b.*?</form>", page, flags=re.DOTALL)


def test_figures_over_more_than_two_years_or_an_empty_period_are_refused(newsroom):
    note = newsroom.note()
    with pytest.raises(DomainError, match="longer than two years"):
        notes.note_take_figures(
            actor=newsroom.officer, note=note, query="", first=datetime.date(2024, 1, 1), last=datetime.date(2026, 1, 1)
        )
    with pytest.raises(DomainError, match="first and the last day"):
        notes.note_take_figures(actor=newsroom.officer, note=note, query="", first=None, last=None)
    response = verified_client(newsroom.officer).post(
        f"/en/planning/notes/{note.pk}/figures/",
        {"evidence-q": "x", "evidence-since": "2020-01-01", "evidence-until": "2023-06-30"},
    )
    assert response.status_code == 400 and "longer than two years" in response.content.decode()
    note.refresh_from_db()
    assert note.figures == {}
    # Two years to the day before is still two years.
    notes.note_take_figures(
        actor=newsroom.officer, note=note, query="", first=datetime.date(2024, 1, 1), last=datetime.date(2025, 12, 31)
    )
    note.refresh_from_db()
    assert note.figures["total"] == 0 and note.figures["step"] == "week"


def test_a_note_is_given_once_and_the_head_gets_one_letter_in_their_language(
    newsroom, smtp, django_capture_on_commit_callbacks
):
    newsroom.head.language = "ru"
    newsroom.head.save(update_fields=["language"])
    note = newsroom.note()
    client = verified_client(newsroom.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/planning/notes/{note.pk}/give/")
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/en/planning/notes/{note.pk}/give/", follow=True)
    assert "already given to the head on" in again.content.decode()
    assert smtp.messages == []  # the page does not wait on the mail server: the worker sends
    [queued] = DBTaskResult.objects.all()  # one letter queued, though the note was given twice
    assert queued.task_path == "pressdesk.planning.tasks_notes.tell_head"
    assert queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"]) == 1
    assert [m["To"] for m in smtp.messages] == [newsroom.head.email]
    letter = smtp.messages[0]
    assert "Bus fares from April" in letter["Subject"]
    body = letter.get_body(preferencelist=("plain",)).get_content()
    assert f"/planning/notes/{note.pk}/" in body and "20 tenge" not in body  # the note's words stay on the page
    note.refresh_from_db()
    assert note.status == NoteStatus.SUBMITTED and note.submitted_at is not None
    with pytest.raises(DomainError, match="can no longer be changed"):
        notes.note_change(actor=newsroom.officer, note=note, text=NoteText("Other", "Other"))


def test_evidence_and_figures_are_refused_on_a_note_given_meanwhile(newsroom, world):
    Week(world, newsroom)
    note = newsroom.note()
    clipping = Clipping.objects.get(title="Angry passengers about fares")
    notes.note_add_evidence(actor=newsroom.officer, note=note, clippings=[clipping])
    page_loaded = AdviceNote.objects.get(pk=note.pk)  # as the page read it, a moment before another tab gave it
    give(note)
    with pytest.raises(DomainError, match="can no longer be changed"):
        notes.note_add_evidence(actor=newsroom.officer, note=page_loaded, clippings=list(Clipping.objects.all()))
    with pytest.raises(DomainError, match="can no longer be changed"):
        notes.note_remove_evidence(actor=newsroom.officer, note=page_loaded, clipping_id=clipping.pk)
    with pytest.raises(DomainError, match="can no longer be changed"):
        notes.note_take_figures(actor=newsroom.officer, note=page_loaded, query="fares", first=FIRST, last=LAST)
    assert list(note.clippings.all()) == [clipping]
    note.refresh_from_db()
    assert note.figures == {}


def test_the_head_records_the_decision(newsroom):
    note = newsroom.note()
    with pytest.raises(DomainError, match="not been given"):
        notes.note_decide(actor=newsroom.head, note=note, decision="Go ahead.")
    notes.note_give(actor=newsroom.officer, note=note)
    with pytest.raises(DomainError, match="Only the head"):
        notes.note_decide(actor=newsroom.secretary, note=note, decision="Go ahead.")
    client = verified_client(newsroom.head)
    empty = client.post(f"/en/planning/notes/{note.pk}/decide/", {"decision": ""})
    assert empty.status_code == 400
    client.post(f"/en/planning/notes/{note.pk}/decide/", {"decision": "Raise it in May, not April."})
    note.refresh_from_db()
    assert (note.status, note.decision, note.decided_by) == (
        NoteStatus.DECIDED,
        "Raise it in May, not April.",
        newsroom.head,
    )
    with pytest.raises(DomainError, match="already recorded"):
        notes.note_decide(actor=newsroom.head, note=note, decision="Again.")


def test_every_change_is_in_the_trail_without_the_notes_words(newsroom, world):
    Week(world, newsroom)
    note = newsroom.note()
    notes.note_change(
        actor=newsroom.officer, note=note, text=NoteText("Bus fares from April", "Secret reasoning", risks="Strikes")
    )
    notes.note_add_evidence(actor=newsroom.officer, note=note, clippings=list(Clipping.objects.all()[:1]))
    notes.note_give(actor=newsroom.officer, note=note)
    notes.note_decide(actor=newsroom.head, note=note, decision="Agreed")
    entries = list(AuditEntry.objects.filter(action__startswith="planning.note.").order_by("pk"))
    assert [e.action for e in entries] == [
        "planning.note.written",
        "planning.note.changed",
        "planning.note.evidence_added",
        "planning.note.given",
        "planning.note.decided",
    ]
    assert entries[1].after == {"fields": ["issue", "risks"]}
    assert all(e.target_id == str(note.pk) and e.unit == world.body for e in entries)
    written = " ".join(f"{e.target_repr} {e.before} {e.after} {e.note}" for e in entries)
    for secret in ("Bus fares", "Secret reasoning", "Strikes", "Agreed"):
        assert secret not in written


def test_the_pdf_holds_the_note_and_its_evidence(newsroom, world):
    Week(world, newsroom)
    note = newsroom.note(expected_reaction="Anger on social media.", recommended_line="Explain the subsidy.")
    notes.note_add_evidence(
        actor=newsroom.officer, note=note, clippings=list(Clipping.objects.filter(title="Angry passengers about fares"))
    )
    notes.note_take_figures(actor=newsroom.officer, note=note, query="fares", first=FIRST, last=LAST)
    give(note)
    response = verified_client(newsroom.head).get(f"/en/planning/notes/{note.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "Almaty City Akimat",
        "Bus fares from April",
        "Anger on social media.",
        "Explain the subsidy.",
        "Angry passengers about fares",
        "4 items in 2 outlets",
        "Tone over time",
        "Page 1 of",
    ):
        assert expected in text, expected
    kazakh = pdf_text(verified_client(newsroom.head).get(f"/kk/planning/notes/{note.pk}/pdf/").content)
    assert "Алматы қаласының әкімдігі" in kazakh  # the reader's language: the unit's Kazakh name


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)
