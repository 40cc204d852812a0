"""Making it real through the pages, plan against fact, the iCalendar export and the dashboard card."""

from __future__ import annotations

import datetime

import icalendar
from django.utils import timezone

from pressdesk.events.models import Event, EventKind
from pressdesk.planning import plan_links
from pressdesk.planning.models import PlanKind, PlanStatus
from pressdesk.publications.models import Material
from tests.conftest import verified_client
from tests.planning.conftest import day
from tests.planning.test_plan_links import event_plan


def test_a_material_is_made_once_and_the_user_lands_on_its_text(planners):
    item = planners.item(PlanKind.MATERIAL, title="Көктемгі көгалдандыру", on=day(4))
    client = verified_client(planners.secretary)
    url = f"/en/planning/items/{item.pk}/material/"

    answer = client.post(url, {"kind": "news", "language": "kk"})
    material = Material.objects.get()
    assert answer.url == f"/en/materials/{material.pk}/text/kk/"

    again = client.post(url, {"kind": "news", "language": "kk"}, follow=True)
    assert "already linked to the real thing" in again.content.decode()
    assert Material.objects.count() == 1


def test_the_event_form_is_filled_in_from_the_plan_and_saving_links_the_event(planners):
    item = planners.item(PlanKind.INTERVIEW, title="Интервью акима телеканалу", on=day(6))
    client = verified_client(planners.secretary)
    url = f"/en/planning/items/{item.pk}/event/"

    form = client.get(url).content.decode()
    assert 'value="Интервью акима телеканалу"' in form and f'value="{day(6).isoformat()}"' in form
    data = {
        "unit": planners.world.body.pk,
        "kind": "interview",
        "start_date": day(6),
        "start_time": "15:00",
        "duration": 45,
        "topic_kk": "Әкіммен сұхбат",
        "topic_ru": "Интервью акима телеканалу",
        "languages": ["kk", "ru"],
        "accreditation": "none",
    }
    answer = client.post(url, data)
    event = Event.objects.get()
    assert answer.url == f"/en/events/{event.pk}/change/"
    assert (event.plan_items.get(), event.plan_items.get().status) == (item, PlanStatus.IN_WORK)
    assert client.get(url, follow=True).redirect_chain[-1][0] == f"/en/planning/items/{item.pk}/"


def test_plan_against_fact_page_and_its_bad_input(planners):
    last_year = timezone.localdate().year - 1
    planners.item(PlanKind.EVENT, on=datetime.date(last_year, 5, 5))
    client = verified_client(planners.secretary)

    page = client.get(f"/en/planning/fact/?year={last_year}").content.decode()
    assert "The whole year" in page and "By type" in page
    assert "Nothing was planned" in client.get(f"/en/planning/fact/?year={last_year - 10}").content.decode()
    assert (
        "Ensure this value is less than or equal to 2100" in client.get("/en/planning/fact/?year=9999").content.decode()
    )


def test_the_export_is_an_icalendar_of_the_chosen_unit(planners):
    planners.item(PlanKind.THEME, title="Су үнемдеу айы", on=day(30), whole_month=True)
    planners.item(title="Алмалы: жиын", unit=planners.world.almaly, actor=planners.almaly, on=day(3))
    client = verified_client(planners.secretary)
    first, last = day(-40).isoformat(), day(400).isoformat()

    answer = client.get(f"/en/planning/export/?unit={planners.world.almaly.pk}&first={first}&last={last}")
    assert answer["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.content)
    entries = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in entries] == ["Алмалы: жиын"]
    assert entries[0].decoded("dtstart") == day(3) and entries[0].decoded("dtend") == day(4)
    assert str(entries[0]["status"]) == "TENTATIVE"

    everything = icalendar.Calendar.from_ical(client.get(f"/en/planning/export/?first={first}&last={last}").content)
    assert sorted(str(e["summary"]) for e in everything.walk("VEVENT")) == ["Алмалы: жиын", "Су үнемдеу айы"]


def test_the_export_refuses_ten_years_and_an_end_before_the_start(planners):
    client = verified_client(planners.secretary)
    ten_years = client.get(f"/en/planning/export/?first={day(0)}&last={day(3650)}")
    assert ten_years.status_code == 400 and "Choose at most 2 years" in ten_years.content.decode()
    backwards = client.get(f"/en/planning/export/?first={day(5)}&last={day(1)}")
    assert backwards.status_code == 400 and "on or after the start" in backwards.content.decode()
    other = verified_client(planners.almaly).get(
        f"/en/planning/export/?unit={planners.world.medeu.pk}&first={day(0)}&last={day(30)}"
    )
    assert other.status_code == 400  # not one of the user's units


def card(answer) -> str:
    """The plan's card alone (the page's other cards, recent changes among them, name items too)."""
    page = answer.content.decode()
    start = page.index('aria-labelledby="card-plan"')
    return page[start : page.index("</section>", start)]


def test_the_dashboard_shows_items_due_this_week_and_counts_the_overdue(planners):
    sunday = timezone.localdate() + datetime.timedelta(days=6 - timezone.localdate().weekday())
    planners.item(title="Апта ішіндегі брифинг", on=sunday)
    planners.item(title="Келесі аптада", on=sunday + datetime.timedelta(days=1))
    planners.item(title="Кешіккен", on=day(-2))
    planners.item(title="Алмалы ғана", unit=planners.world.almaly, actor=planners.almaly, on=sunday)

    page = card(verified_client(planners.secretary).get("/en/desk/"))
    assert "Plan items due this week" in page
    assert "Апта ішіндегі брифинг" in page and "Алмалы ғана" in page and "Келесі аптада" not in page
    assert "1 item overdue" in page
    almaly = card(verified_client(planners.almaly).get("/en/desk/"))
    assert "Алмалы ғана" in almaly and "Апта ішіндегі брифинг" not in almaly


def test_an_existing_event_is_linked_through_the_page(planners):
    other = planners.item(PlanKind.INTERVIEW, on=day(8))
    event = plan_links.item_make_event(
        actor=planners.secretary, item=other, plan=event_plan(day(8), EventKind.INTERVIEW)
    )
    item = planners.item(PlanKind.EVENT, title="Брифинг недели", on=day(7))
    client = verified_client(planners.secretary)

    page = client.get(f"/en/planning/items/{item.pk}/link/").content.decode()
    assert f'<option value="{event.pk}"' in page
    answer = client.post(f"/en/planning/items/{item.pk}/link/", {"choice": event.pk})
    assert answer.status_code == 302 and planners.reload(item).event == event
    assert "already linked" in client.post(f"/en/planning/items/{item.pk}/link/", {"choice": event.pk}).content.decode()
