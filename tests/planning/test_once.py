"""A form that makes something, sent twice (a double click, a reload of a slow answer), makes it once: the one-time
key of core/submissions.py on the plan item, the advice note, the instruction and the analysis."""

from __future__ import annotations

import datetime
import re
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pressdesk.core import submissions
from pressdesk.core.models import Submission
from pressdesk.planning.models import AdviceNote, Analysis, Instruction, PlanItem
from tests.conftest import verified_client
from tests.once import key_on, sent_twice
from tests.planning.conftest import Planners, day
from tests.planning.network_fixtures import Network
from tests.planning.notes_fixtures import Newsroom, Week
from tests.planning.test_instructions_pages import form as instruction_form


@pytest.mark.django_db
def test_a_plan_item_sent_twice_is_added_once(world):
    client = verified_client(Planners(world).almaly)
    data = {"unit": world.almaly.pk, "kind": "event", "title": "Аудан күні", "starts_on": day(20)}
    first, second = sent_twice(client, "/en/planning/items/new/", data)
    item = PlanItem.objects.get()
    assert first == second == f"/en/planning/items/{item.pk}/"


@pytest.mark.django_db
def test_an_advice_note_sent_twice_is_written_once(world):
    client = verified_client(Newsroom(world).officer)
    data = {"unit": world.body.pk, "title": "Fares", "issue": "Up by 20 tenge."}
    first, second = sent_twice(client, "/en/planning/notes/new/", data)
    assert first == second == f"/en/planning/notes/{AdviceNote.objects.get().pk}/"


@pytest.mark.django_db
def test_an_instruction_sent_twice_goes_once_with_one_set_of_letters(world, django_capture_on_commit_callbacks):
    network = Network(world)
    client = verified_client(network.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        first, second = sent_twice(client, "/en/planning/network/instructions/new/", instruction_form(network))
    assert first == second == f"/en/planning/network/instructions/{Instruction.objects.get().pk}/"
    assert DBTaskResult.objects.filter(task_path__endswith="send_letters").count() == 1


@pytest.mark.django_db
def test_an_analysis_sent_twice_is_made_once(world):
    newsroom = Newsroom(world)
    week = Week(world, newsroom)
    client = verified_client(newsroom.secretary)
    data = {"subject": "event", "event-event": week.briefing.pk}
    first, second = sent_twice(client, "/en/planning/analyses/new/", data)
    assert first == second == f"/en/planning/analyses/{Analysis.objects.get().pk}/"


@pytest.mark.django_db
def test_a_refused_form_comes_back_with_its_key_and_then_makes_its_item(world):
    client = verified_client(Planners(world).almaly)
    key = key_on(client, "/en/planning/items/new/")
    data = {"unit": world.almaly.pk, "kind": "event", "title": "Аудан күні", "starts_on": day(20), "once": key}
    refused = client.post("/en/planning/items/new/", {**data, "ends_on": day(19)}).content.decode()
    assert f'name="once" value="{key}"' in refused and not Submission.objects.exists()
    assert client.post("/en/planning/items/new/", data).status_code == 302
    assert PlanItem.objects.count() == 1 and Submission.objects.get().key == key


@pytest.mark.django_db
def test_without_a_key_a_form_is_made_as_asked_and_another_users_key_leads_nowhere(world):
    planners = Planners(world)
    data = {"unit": world.almaly.pk, "kind": "event", "title": "Аудан күні", "starts_on": day(20)}
    client = verified_client(planners.almaly)
    client.post("/en/planning/items/new/", data)
    client.post("/en/planning/items/new/", {**data, "once": "not a key"})
    assert PlanItem.objects.count() == 2 and not Submission.objects.exists()
    key = key_on(client, "/en/planning/items/new/")
    client.post("/en/planning/items/new/", {**data, "once": key})
    other = verified_client(planners.medeu)
    answer = other.post("/en/planning/items/new/", {**data, "unit": world.medeu.pk, "once": key})
    assert answer["Location"] == "/en/planning/items/new/"  # not to the item the key made for someone else
    assert PlanItem.objects.count() == 3


@pytest.mark.django_db
def test_keys_older_than_two_days_are_forgotten(world):
    user = Planners(world).almaly
    Submission.objects.create(key="a" * 32, user=user, created_at=timezone.now() - datetime.timedelta(days=3))
    Submission.objects.create(key="b" * 32, user=user)
    assert submissions.forget_old() == 1 and list(Submission.objects.values_list("key", flat=True)) == ["b" * 32]


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_with_one_key_make_one_item(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: the two requests cannot overlap there")
    planners = Planners(world)
    client = verified_client(planners.almaly)
    data = {
        "unit": world.almaly.pk,
        "kind": "event",
        "title": "Аудан күні",
        "starts_on": day(20),
        "once": key_on(client, "/en/planning/items/new/"),
    }
    answers: list[str] = []
    start = threading.Barrier(2)

    def send() -> None:
        try:
            start.wait()
            answers.append(client.post("/en/planning/items/new/", data)["Location"])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    item = PlanItem.objects.get()
    assert answers == [f"/en/planning/items/{item.pk}/"] * 2


@pytest.mark.django_db
def test_on_a_page_of_several_forms_only_the_one_sent_back_keeps_its_key(world):
    newsroom = Newsroom(world)
    client = verified_client(newsroom.secretary)
    key = key_on(client, "/en/planning/analyses/new/")
    page = client.post("/en/planning/analyses/new/", {"subject": "event", "event-event": "", "once": key})
    keys = re.findall(r'name="once" value="([0-9a-f]{32})"', page.content.decode())
    assert page.status_code == 400 and len(keys) == 3 and keys.count(key) == 1
