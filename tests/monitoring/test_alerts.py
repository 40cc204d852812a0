"""Alerts: who hears of a negative or high-reach mention, at once, once, and no more than the hour allows.

Letters go through a real SMTP server on loopback and the real task queue.
"""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone, translation

from pressdesk.core.models import Role
from pressdesk.monitoring import alerts
from pressdesk.monitoring.models import Alert, AlertReason, Tone
from pressdesk.monitoring.tasks_alerts import send_alert, send_alert_summaries
from tests.conftest import free_port, run_queued_tasks, verified_client
from tests.monitoring.press import Press, almaty

pytestmark = pytest.mark.django_db(transaction=True)  # the worker closes the connection, as in production

NOW = almaty(2026, 3, 10, 8, 14)


@pytest.fixture
def press(world) -> Press:
    return Press(world)


@pytest.fixture
def aigerim(world):
    """The akimat's press secretary, who reads in English."""
    person = world.person("aigerim", Role.PRESS_SECRETARY, world.body)
    person.language = "en"
    person.save(update_fields=["language"])
    return person


@pytest.fixture
def consider():
    """``alerts.consider`` at a fixed time; its letters are queued when it commits."""

    def run(clipping, now=NOW):
        return alerts.consider(clipping, now=now)

    return run


def letters_to(smtp, address: str) -> list:
    return [m for m in smtp.messages if m["To"] == address]


def test_a_negative_story_from_a_national_outlet_alerts_the_press_secretary_at_once(
    press, aigerim, world, consider, smtp
):
    analyst = world.person("zhanna", Role.ANALYST, world.body)  # reads in Kazakh, the default
    world.person("serik", Role.HEAD, world.body)  # the head hears of it in the digest, not by alert
    clipping = press.clip(
        "Water main burst: no water for three days",
        at=NOW - datetime.timedelta(minutes=9),
        outlet=press.national,
        tone=Tone.NEGATIVE,
        summary="Residents of Turksib have had no water since Sunday.",
    )

    made = consider(clipping)

    assert [(a.unit, a.watch, a.reason) for a in made] == [(world.body, press.akimat, AlertReason.NEGATIVE)]
    assert run_queued_tasks() == 1
    assert sorted(m["To"] for m in smtp.messages) == [aigerim.email, analyst.email]
    letter = letters_to(smtp, aigerim.email)[0]
    assert letter["Subject"] == "Negative mention: Water main burst: no water for three days"
    text = letter.get_content()
    assert "A negative item in the media mentions Almaty City Akimat." in text
    assert "Orta Agency" in text and "Residents of Turksib have had no water since Sunday." in text
    assert clipping.url in text
    with translation.override("en"):
        assert "http://127.0.0.1:8000" + reverse("core:dashboard") in text
    with translation.override("kk"):
        assert reverse("core:dashboard") in letters_to(smtp, analyst.email)[0].get_content()
    assert Alert.objects.get().sent_at is not None


def test_a_neutral_item_alerts_only_from_an_outlet_with_a_large_audience(press, aigerim, consider, settings):
    wide = press.clip("The akim opened a school", at=NOW, outlet=press.national)
    small = press.clip("The akim opened a school", at=NOW, outlet=press.city)
    unknown = press.clip("The akim opened a school", at=NOW, outlet=press.paper)
    assert [a.reason for a in consider(wide)] == [AlertReason.REACH]
    assert consider(small) == [] and consider(unknown) == []

    settings.MONITORING_ALERT_REACH = 20_000
    assert [a.reason for a in consider(small)] == [AlertReason.REACH]


def test_a_topic_alone_alerts_only_when_configured(press, aigerim, consider, settings):
    clipping = press.clip("Buses late again", at=NOW, tone=Tone.NEGATIVE, watches=[press.transport])
    assert consider(clipping) == []
    settings.MONITORING_ALERT_TOPICS = True
    assert [a.watch for a in consider(clipping)] == [press.transport]


def test_an_organisation_is_named_before_an_official_and_an_inactive_watch_is_not_named(press, consider):
    both = press.clip("The akimat and the akim", at=NOW, tone=Tone.NEGATIVE, watches=[press.akim, press.akimat])
    assert [a.watch for a in consider(both)] == [press.akimat]
    press.akim.active = False
    press.akim.save(update_fields=["active"])
    only_the_akim = press.clip("The akim", at=NOW, tone=Tone.NEGATIVE, watches=[press.akim])
    assert consider(only_the_akim) == []


def test_an_old_item_never_alerts_so_a_backfill_floods_no_one(press, aigerim, consider, smtp):
    old = press.clip("Last week's scandal", at=NOW - datetime.timedelta(days=2, minutes=1), tone=Tone.NEGATIVE)
    recent = press.clip("Yesterday's scandal", at=NOW - datetime.timedelta(days=1), tone=Tone.NEGATIVE)
    assert consider(old) == []
    assert len(consider(recent)) == 1
    run_queued_tasks()
    assert [m["Subject"] for m in smtp.messages] == ["Negative mention: Yesterday's scandal"]


def test_a_reprint_alerts_no_one_the_same_almaty_day_and_again_the_next(press, aigerim, consider, smtp):
    # 23:30 and 23:50 in Almaty are one day; 00:20 is the next (all three are the same day in UTC).
    late = almaty(2026, 3, 10, 23, 30)
    first = press.clip("Landfill on fire", at=late, tone=Tone.NEGATIVE)
    same_night = press.clip("Landfill on fire", at=late + datetime.timedelta(minutes=20), reprint_of=first)
    next_day = press.clip(
        "Landfill on fire", at=late + datetime.timedelta(minutes=50), tone=Tone.NEGATIVE, reprint_of=first
    )
    assert late.astimezone(datetime.UTC).date() == next_day.published_at.astimezone(datetime.UTC).date()

    assert len(consider(first, now=late)) == 1
    assert consider(same_night, now=same_night.published_at) == []
    assert len(consider(next_day, now=next_day.published_at)) == 1
    run_queued_tasks()
    assert len(smtp.messages) == 2


def test_two_workers_storing_two_reprints_at_once_make_one_alert(press, aigerim):
    first = press.clip("Landfill on fire", at=NOW, tone=Tone.NEGATIVE)
    reprint = press.clip("Landfill on fire", at=NOW, tone=Tone.NEGATIVE, reprint_of=first)
    barrier = threading.Barrier(2)
    made: list = []

    def worker(clipping) -> None:
        try:
            barrier.wait()
            made.extend(alerts.consider(clipping, now=NOW))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(c,)) for c in (first, reprint)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and Alert.objects.count() == 1


def test_each_unit_whose_watch_is_mentioned_gets_its_own_alert_once(world, press, aigerim, consider, smtp):
    timur = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    almaly = press.watch(world.almaly, "organisation", "Almaly District Akimat")
    clipping = press.clip("Flooded underpass", at=NOW, tone=Tone.NEGATIVE, watches=[press.akimat, almaly])

    assert {a.unit for a in consider(clipping)} == {world.body, world.almaly}
    assert consider(clipping) == []  # considered again (a tone corrected, say): nothing new
    run_queued_tasks()
    # The city's press secretary reaches the district too: one letter per alert; the district's only its own.
    assert len(letters_to(smtp, aigerim.email)) == 2
    assert len(letters_to(smtp, timur.email)) == 1
    assert Alert.objects.count() == 2


def negative_items(press, count: int, start: datetime.datetime) -> list:
    return [
        press.clip(f"Complaint number {i}", at=start + datetime.timedelta(minutes=i), tone=Tone.NEGATIVE)
        for i in range(1, count + 1)
    ]


def test_beyond_the_hours_letters_the_rest_come_in_one_summary_after_the_hour(press, aigerim, consider, smtp):
    hour = almaty(2026, 3, 10, 9)
    for clipping in negative_items(press, 12, hour):
        consider(clipping, now=clipping.published_at)
    run_queued_tasks()
    assert len(smtp.messages) == alerts.DEFAULT_LETTERS_PER_HOUR == 10
    assert Alert.objects.filter(sent_at__isnull=True).count() == 2

    send_alert_summaries.enqueue(period_start=hour.isoformat())  # the hour is not over: nothing yet
    run_queued_tasks()
    assert len(smtp.messages) == 10

    send_alert_summaries.enqueue(period_start=(hour + datetime.timedelta(hours=1)).isoformat())
    send_alert_summaries.enqueue(period_start=(hour + datetime.timedelta(hours=1)).isoformat())  # run twice
    run_queued_tasks()
    assert len(smtp.messages) == 11
    summary = smtp.messages[-1]
    assert summary["Subject"] == "2 more alerts for Almaty City Akimat"
    text = summary.get_content()
    assert "More than 10 alerts in an hour are not mailed one by one." in text
    assert "1. Negative mention, Almaty City Akimat" in text
    assert "Complaint number 11" in text and "Complaint number 12" in text and "Complaint number 10" not in text
    assert not Alert.objects.filter(sent_at__isnull=True).exists()

    # A new hour, a new allowance.
    (later,) = negative_items(press, 1, hour + datetime.timedelta(hours=1, minutes=5))
    consider(later, now=later.published_at)
    run_queued_tasks()
    assert len(smtp.messages) == 12


def test_the_hourly_limit_is_a_setting(press, aigerim, consider, smtp, settings):
    settings.MONITORING_ALERT_LETTERS_PER_HOUR = 1
    for clipping in negative_items(press, 3, almaty(2026, 3, 10, 9)):
        consider(clipping, now=clipping.published_at)
    run_queued_tasks()
    assert [m["Subject"] for m in smtp.messages] == ["Negative mention: Complaint number 1"]


def test_an_alert_letter_queued_twice_goes_once(press, aigerim, consider, smtp):
    (alert,) = consider(press.clip("Potholes", at=NOW, tone=Tone.NEGATIVE))
    send_alert.enqueue(alert_id=alert.pk)
    send_alert.enqueue(alert_id=alert.pk)
    assert run_queued_tasks() == 3
    send_alert_summaries.enqueue(period_start=(NOW + datetime.timedelta(hours=2)).isoformat())
    run_queued_tasks()
    assert len(smtp.messages) == 1


def test_a_letter_the_server_refused_goes_with_the_next_summary(press, aigerim, consider, smtp, settings):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    (alert,) = consider(press.clip("Potholes", at=NOW, tone=Tone.NEGATIVE))
    run_queued_tasks()
    assert Alert.objects.get(pk=alert.pk).sent_at is None

    settings.EMAIL_PORT = port
    send_alert_summaries.enqueue(period_start=(NOW + datetime.timedelta(hours=1)).isoformat())
    run_queued_tasks()
    assert [m["Subject"] for m in smtp.messages] == ["1 more alert for Almaty City Akimat"]
    assert "Potholes" in smtp.messages[0].get_content()


def test_the_dashboard_card_shows_unseen_alerts_and_fresh_negative_items_to_their_units_only(
    world, press, aigerim, consider, outsider
):
    now = timezone.now()
    negative = press.clip("Bridge closed without warning", at=now, tone=Tone.NEGATIVE)
    consider(negative, now=now)
    press.clip("Old complaint", at=now - datetime.timedelta(days=2), tone=Tone.NEGATIVE)
    with translation.override("en"):
        dashboard = reverse("core:dashboard")
        page = verified_client(aigerim).get(dashboard).content.decode()
        assert "1 new alert" in page and page.count("Bridge closed without warning") == 2
        assert "Old complaint" not in page
        assert "Media alerts" not in verified_client(outsider).get(dashboard).content.decode()

        assert alerts.mark_seen(actor=aigerim) == 1
        assert alerts.mark_seen(actor=outsider) == 0
        page = verified_client(aigerim).get(dashboard).content.decode()
        assert "No new alerts." in page and "Bridge closed without warning" in page
