"""The plan's pages: the views by year, quarter and month, their filters and empty state, who sees and keeps what."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pressdesk.planning.models import PlanItem, PlanKind, PlanStatus
from tests.conftest import verified_client
from tests.planning.conftest import day

NEXT_YEAR = timezone.localdate().year + 1


def test_the_year_quarter_and_month_views_show_the_plan_grouped_by_month(planners):
    planners.item(PlanKind.THEME, title="Наурыз: тақырып", on=datetime.date(NEXT_YEAR, 3, 1), whole_month=True)
    planners.item(title="Брифинг по паводкам", on=datetime.date(NEXT_YEAR, 4, 14))
    client = verified_client(planners.secretary)

    year = client.get(f"/en/planning/?view=year&date={NEXT_YEAR}-06-01").content.decode()
    assert f"Year {NEXT_YEAR}" in year and "Наурыз: тақырып" in year and "Брифинг по паводкам" in year
    assert year.count("<h3") == 12
    quarter = client.get(f"/en/planning/?view=quarter&date={NEXT_YEAR}-05-20").content.decode()
    assert f"Quarter 2 of {NEXT_YEAR}" in quarter and "Брифинг по паводкам" in quarter
    assert "Наурыз: тақырып" not in quarter
    month = client.get(f"/en/planning/?view=month&date={NEXT_YEAR}-03-09").content.decode()
    assert "Наурыз: тақырып" in month and "Брифинг по паводкам" not in month


def test_a_unit_press_secretary_sees_only_their_units_plan_and_the_centre_sees_all(planners):
    planners.item(title="Алмалы: жиын", unit=planners.world.almaly, actor=planners.almaly, on=day(3))
    planners.item(title="Медеу: жиын", unit=planners.world.medeu, actor=planners.medeu, on=day(3))
    date = f"?date={day(3).isoformat()}"

    almaly = verified_client(planners.almaly).get(f"/en/planning/{date}").content.decode()
    assert "Алмалы: жиын" in almaly and "Медеу: жиын" not in almaly
    centre = verified_client(planners.secretary).get(f"/en/planning/{date}").content.decode()
    assert "Алмалы: жиын" in centre and "Медеу: жиын" in centre


def test_filters_by_type_status_and_owner_and_a_bad_value_is_reported(planners):
    planners.item(PlanKind.INTERVIEW, title="Сұхбат", on=day(-3))
    planners.item(PlanKind.MATERIAL, title="Релиз", on=day(-3), owner=planners.secretary)
    planners.item(PlanKind.MATERIAL, title="Келешек", on=day(-3), ends_on=day(2))
    client = verified_client(planners.secretary)
    base = f"/en/planning/?date={day(-3).isoformat()}"

    page = client.get(f"{base}&kind=interview").content.decode()
    assert "Сұхбат" in page and "Релиз" not in page
    page = client.get(f"{base}&owner={planners.secretary.pk}").content.decode()
    assert "Релиз" in page and "Сұхбат" not in page
    overdue = client.get(f"{base}&status=overdue").content.decode()
    assert "Сұхбат" in overdue and "Релиз" in overdue and "Келешек" not in overdue
    bad = client.get(f"{base}&unit=99999&kind=nonsense")
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()


def test_an_empty_plan_says_so(planners):
    page = verified_client(planners.secretary).get(f"/en/planning/?view=year&date={NEXT_YEAR + 3}-01-01")
    assert "Nothing is planned for this period yet." in page.content.decode()
    filtered = verified_client(planners.secretary).get("/en/planning/?kind=campaign")
    assert "No plan items match these filters" in filtered.content.decode()


def test_the_plan_page_needs_the_same_queries_for_many_items(planners):
    client = verified_client(planners.secretary)
    planners.item(on=day(1), owner=planners.secretary)
    url = f"/en/planning/?view=year&date={day(1).isoformat()}"
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    campaign = planners.item(PlanKind.CAMPAIGN, on=day(1))
    for n in range(6):
        unit = [planners.world.almaly, planners.world.medeu, planners.world.body][n % 3]
        planners.item(on=day(n), unit=unit, owner=planners.secretary, campaign=campaign if n % 3 == 2 else None)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)


def test_an_item_is_added_through_the_form_and_bad_dates_are_refused(planners):
    client = verified_client(planners.almaly)
    data = {"unit": planners.world.almaly.pk, "kind": "event", "title": "Аудан күні", "starts_on": day(20)}

    refused = client.post("/en/planning/items/new/", {**data, "ends_on": day(19)})
    assert "The end must be on or after the start." in refused.content.decode() and not PlanItem.objects.exists()
    other_unit = client.post("/en/planning/items/new/", {**data, "unit": planners.world.medeu.pk})
    assert "Select a valid choice" in other_unit.content.decode() and not PlanItem.objects.exists()

    answer = client.post("/en/planning/items/new/", data)
    item = PlanItem.objects.get()
    assert answer.url == f"/en/planning/items/{item.pk}/" and item.unit == planners.world.almaly


def test_another_units_item_cannot_be_changed_and_an_unseen_one_is_not_found(planners):
    item = planners.item(unit=planners.world.medeu, actor=planners.medeu)
    centre_item = planners.item()
    almaly = verified_client(planners.almaly)

    assert almaly.get(f"/en/planning/items/{item.pk}/").status_code == 404
    assert almaly.post(f"/en/planning/items/{item.pk}/cancel/", {"reason": "x"}).status_code == 404
    head = verified_client(planners.head)
    assert head.get(f"/en/planning/items/{centre_item.pk}/").status_code == 200
    assert head.post(f"/en/planning/items/{centre_item.pk}/cancel/", {"reason": "x"}).status_code == 403
    assert head.get("/en/planning/items/new/").status_code == 403
    assert PlanItem.objects.filter(status=PlanStatus.CANCELLED).count() == 0


def test_moving_and_cancelling_through_the_pages(planners):
    item = planners.item(on=day(5))
    client = verified_client(planners.secretary)

    answer = client.post(f"/en/planning/items/{item.pk}/move/", {"starts_on": day(12), "reason": "Сапар"})
    copy = PlanItem.objects.exclude(pk=item.pk).get()
    assert answer.url == f"/en/planning/items/{copy.pk}/" and copy.starts_on == day(12)
    page = client.get(f"/en/planning/items/{item.pk}/").content.decode()
    assert "Moved" in page and "Сапар" in page  # the reason in the history

    client.post(f"/en/planning/items/{copy.pk}/cancel/", {"reason": "Болмайды"})
    assert PlanItem.objects.get(pk=copy.pk).status == PlanStatus.CANCELLED


def test_moving_to_a_day_past_the_calendar_is_a_form_error(planners):
    item = planners.item(on=day(5), ends_on=day(9))
    client = verified_client(planners.secretary)
    answer = client.post(f"/en/planning/items/{item.pk}/move/", {"starts_on": "9999-12-31", "reason": "x"})
    assert answer.status_code == 200 and "between the years 2000 and 2100" in answer.content.decode()
    assert PlanItem.objects.count() == 1


def test_the_campaigns_to_choose_name_their_month_in_the_readers_language(planners):
    planners.item(PlanKind.CAMPAIGN, on=datetime.date(2099, 3, 10), title="Fair fares")
    client = verified_client(planners.secretary)
    assert "Fair fares (March 2099)" in client.get("/en/planning/items/new/").content.decode()
    assert "Fair fares (Наурыз 2099)" in client.get("/kk/planning/items/new/").content.decode()
