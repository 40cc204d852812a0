"""The directory through the API: what each role sees, record shapes, filters, pages, and a fixed query count."""

from __future__ import annotations

import pytest
from django.test import Client

from pressdesk.directory import services
from tests.api.conftest import api_client
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

BASE = "/api/directory"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def spread(records):
    """One outlet and one journalist kept by the akimat and by each district."""
    world = records.world
    made = {}
    for key, unit in (("body", world.body), ("almaly", world.almaly), ("medeu", world.medeu)):
        outlet = records.outlet(f"Газет {key}", unit=unit, ru=f"Газета {key}", en=f"Paper {key}")
        made[key] = (outlet, records.journalist(f"Журналист {key}", unit=unit, outlet=outlet))
    return made


def test_a_district_press_secretary_sees_own_and_the_akimats_records_not_another_districts(
    spread, unit_press_secretary
):
    client = api_client(unit_press_secretary)
    (body_outlet, body_j), (almaly_outlet, almaly_j), (medeu_outlet, medeu_j) = spread.values()
    assert ids(client.get(f"{BASE}/outlets")) == [body_outlet.pk, almaly_outlet.pk]
    assert set(ids(client.get(f"{BASE}/journalists"))) == {body_j.pk, almaly_j.pk}
    assert client.get(f"{BASE}/outlets/{medeu_outlet.pk}").status_code == 404
    response = client.get(f"{BASE}/journalists/{medeu_j.pk}")
    assert response.status_code == 404
    assert "Медеу" not in response.content.decode() and "medeu" not in response.content.decode()


def test_the_press_secretary_of_the_akimat_sees_every_district(spread, press_secretary):
    client = api_client(press_secretary)
    assert len(ids(client.get(f"{BASE}/outlets"))) == 3
    assert len(ids(client.get(f"{BASE}/journalists"))) == 3


def test_a_record_that_does_not_exist_is_a_json_404_in_the_callers_language(world, press_secretary):
    response = api_client(press_secretary, HTTP_ACCEPT_LANGUAGE="en").get(f"{BASE}/journalists/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no such record in your directory."}
    assert api_client(press_secretary).get("/api/no/such/thing").json()["detail"]


def test_an_outlet_comes_with_its_names_in_every_language(records, press_secretary):
    outlet = records.outlet(
        "Алматы ақшамы",
        ru="Вечерний Алматы",
        kind="newspaper",
        feeds=["https://aqshamy.kz/rss"],
        website="https://aqshamy.kz",
    )
    body = api_client(press_secretary).get(f"{BASE}/outlets/{outlet.pk}").json()
    assert body["names"] == {"kk": "Алматы ақшамы", "ru": "Вечерний Алматы", "en": None}
    assert body["feeds"] == [{"kind": "feed", "url": "https://aqshamy.kz/rss"}]
    assert body["unit"]["names"]["en"] == "Almaty City Akimat"
    assert body["languages"] == ["kk"] and body["status"] == "active"


def test_outlets_are_filtered_by_kind_level_language_and_status(records, press_secretary):
    tv = records.outlet("Алматы TV", kind="tv", level="city", languages=("kk", "ru"))
    paper = records.outlet("Егемен", kind="newspaper", level="national", languages=("kk",))
    closed = records.outlet("Жабылған", kind="tv", level="city", languages=("ru",))
    services.outlet_close(actor=None, outlet=closed, on=closed.created_at.date())
    client = api_client(press_secretary)
    assert ids(client.get(f"{BASE}/outlets", {"kind": "tv"})) == [tv.pk, closed.pk]
    assert ids(client.get(f"{BASE}/outlets", {"kind": "tv", "status": "active"})) == [tv.pk]
    assert ids(client.get(f"{BASE}/outlets", {"level": "national"})) == [paper.pk]
    assert ids(client.get(f"{BASE}/outlets", {"language": "ru"})) == [tv.pk, closed.pk]
    assert ids(client.get(f"{BASE}/outlets", {"language": ["en", "kk"]})) == [tv.pk, paper.pk]
    response = client.get(f"{BASE}/outlets", {"kind": "podcast"})
    assert response.status_code == 422 and "podcast" in response.json()["detail"]


def test_a_journalist_shows_positions_beats_languages_contacts_and_trust(records, press_secretary):
    old = records.outlet("Ескі газет")
    new = records.outlet("Жаңа арна", kind="tv")
    journalist = records.journalist(
        "Әсел Серікова", outlet=old, email="asel@media.kz", beats=["transport"], languages=["kk", "ru"]
    )
    services.journalist_move(
        actor=None, journalist=journalist, outlet=new, title="тілші", on=journalist.created_at.date()
    )
    services.journalist_trust(actor=press_secretary, journalist=journalist, trusted=True, reason="Дәл жазады")
    body = api_client(press_secretary).get(f"{BASE}/journalists/{journalist.pk}").json()
    assert body["full_name"] == "Әсел Серікова" and body["trusted"] is True and body["erased"] is False
    assert body["languages"] == ["kk", "ru"]
    assert body["beats"] == [{"code": "transport", "names": {"kk": "Көлік", "ru": "Транспорт", "en": "Transport"}}]
    assert [p["outlet"]["id"] for p in body["current_positions"]] == [new.pk]
    assert {p["outlet"]["id"]: p["until"] is None for p in body["positions"]} == {new.pk: True, old.pk: False}
    assert body["contacts"] == [
        {"kind": "email", "value": "asel@media.kz", "label": "", "confirmed_on": "2026-03-01", "invalid_since": None}
    ]


def test_an_erased_journalist_comes_back_anonymised_and_leaves_the_list(records, press_secretary):
    outlet = records.outlet("Газет")
    journalist = records.journalist("Мадина Әлиева", outlet=outlet, email="madina@media.kz", beats=["health"])
    services.journalist_erase(actor=press_secretary, journalist=journalist, reason="Өтініш бойынша")
    client = api_client(press_secretary, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get(f"{BASE}/journalists/{journalist.pk}")
    text = response.content.decode()
    assert "Мадина" not in text and "madina" not in text
    body = response.json()
    assert body["erased"] is True and body["erased_at"]
    assert body["full_name"] == f"Erased record #{journalist.pk}"
    assert body["contacts"] == [] and body["name_variants"] == []
    assert [b["code"] for b in body["beats"]] == ["health"]  # what identifies no one stays for the counts
    assert journalist.pk not in ids(client.get(f"{BASE}/journalists"))


def test_a_merged_journalist_points_to_the_record_it_went_into(records, press_secretary):
    keep = records.journalist("Ерлан Жанұзақов")
    duplicate = records.journalist("Yerlan Zhanuzakov")
    services.journalist_merge(actor=press_secretary, keep=keep, other=duplicate)
    client = api_client(press_secretary)
    assert client.get(f"{BASE}/journalists/{duplicate.pk}").json()["merged_into"] == keep.pk
    assert ids(client.get(f"{BASE}/journalists")) == [keep.pk]
    assert "Yerlan Zhanuzakov" in client.get(f"{BASE}/journalists/{keep.pk}").json()["name_variants"]


def test_journalists_are_filtered_with_the_directorys_own_criteria(records, press_secretary):
    tv = records.outlet("Алматы TV", kind="tv", level="city")
    paper = records.outlet("Егемен", kind="newspaper", level="national")
    on_tv = records.journalist("Тележурналист", outlet=tv, email="tv@media.kz", beats=["transport"])
    in_paper = records.journalist("Газет тілшісі", outlet=paper, beats=["health"], languages=["ru"])
    client = api_client(press_secretary)
    assert ids(client.get(f"{BASE}/journalists", {"outlet_kinds": "tv"})) == [on_tv.pk]
    assert ids(client.get(f"{BASE}/journalists", {"outlet_levels": ["national", "regional"]})) == [in_paper.pk]
    assert ids(client.get(f"{BASE}/journalists", {"beats": "health"})) == [in_paper.pk]
    assert ids(client.get(f"{BASE}/journalists", {"languages": "ru"})) == [in_paper.pk]
    assert ids(client.get(f"{BASE}/journalists", {"with_email": "true"})) == [on_tv.pk]
    assert ids(client.get(f"{BASE}/journalists", {"trusted": "yes"})) == []


def test_a_journalist_is_found_by_name(records, press_secretary):
    found = records.journalist("Айгерім Сұлтанова")
    records.journalist("Бауыржан Момышұлы")
    assert ids(api_client(press_secretary).get(f"{BASE}/journalists", {"q": "Айгерім"})) == [found.pk]


@pytest.mark.parametrize(
    "params, named",
    [
        ({"outlet_kinds": "podcast"}, "podcast"),
        ({"beats": "astrology"}, "astrology"),
        ({"trusted": "maybe"}, "maybe"),
        ({"preferred_language": "de"}, "de"),
    ],
)
def test_a_bad_filter_value_is_a_422_that_names_it(world, press_secretary, params, named):
    response = api_client(press_secretary, HTTP_ACCEPT_LANGUAGE="ru").get(f"{BASE}/journalists", params)
    assert response.status_code == 422
    assert named in response.json()["detail"]
    assert response["Content-Language"] == "ru"


def test_lists_come_in_pages_with_the_total_count(records, press_secretary):
    made = [records.outlet(f"Газет {i:02d}").pk for i in range(7)]
    client = api_client(press_secretary)
    first = client.get(f"{BASE}/outlets", {"limit": 3}).json()
    assert first["count"] == 7 and first["limit"] == 3 and first["offset"] == 0
    pages = [ids(client.get(f"{BASE}/outlets", {"limit": 3, "offset": offset})) for offset in (0, 3, 6)]
    assert sum(pages, []) == made
    assert client.get(f"{BASE}/outlets").json()["limit"] == 50


@pytest.mark.parametrize("params", [{"limit": 201}, {"limit": 0}, {"offset": -1}, {"limit": "many"}])
def test_a_page_larger_than_200_or_malformed_is_refused(world, press_secretary, params):
    response = api_client(press_secretary).get(f"{BASE}/outlets", params)
    assert response.status_code == 422
    body = response.json()
    assert next(iter(params)) in body["detail"] and body["errors"]


def test_segments_list_their_criteria_and_count_live(records, press_secretary, unit_press_secretary):
    world = records.world
    tv = records.outlet("Алматы TV", kind="tv")
    records.journalist("Бірінші", outlet=tv)
    records.journalist("Басқа аудан", outlet=tv, unit=world.medeu)
    segment = services.segment_save(
        actor=press_secretary, unit=world.body, name="Теледидар", criteria={"outlet_kinds": ["tv"]}
    )
    hidden = services.segment_save(actor=None, unit=world.medeu, name="Медеу", criteria={})
    client = api_client(unit_press_secretary)
    listing = client.get(f"{BASE}/segments").json()
    assert [s["id"] for s in listing["items"]] == [segment.pk]
    detail = client.get(f"{BASE}/segments/{segment.pk}").json()
    assert detail["criteria"] == {"outlet_kinds": ["tv"]}
    assert detail["count"] == 1  # the Medeu journalist matches but is out of this user's sight
    assert api_client(press_secretary).get(f"{BASE}/segments/{segment.pk}").json()["count"] == 2
    members = client.get(f"{BASE}/segments/{segment.pk}/journalists").json()
    assert [j["full_name"] for j in members["items"]] == ["Бірінші"] and members["count"] == 1
    records.journalist("Екінші", outlet=tv)
    assert client.get(f"{BASE}/segments/{segment.pk}").json()["count"] == 2  # counted now, not when saved
    assert client.get(f"{BASE}/segments/{hidden.pk}").status_code == 404
    assert client.get(f"{BASE}/segments/{hidden.pk}/journalists").status_code == 404


def _fill(records, count: int) -> None:
    """``count`` journalists, each with a past and a current position, three beats and an email."""
    beats = ["transport", "health", "education"]
    tv = records.outlet("Алматы TV", kind="tv", ru="Алматы ТВ")
    paper = records.outlet("Егемен", unit=records.world.almaly)
    for i in range(count):
        journalist = records.journalist(
            f"Журналист {i:03d}", outlet=tv if i % 2 else paper, email=f"j{i}@media.kz", beats=beats
        )
        services.journalist_move(
            actor=None, journalist=journalist, outlet=paper if i % 2 else tv, on=journalist.created_at.date()
        )
    services.segment_save(actor=None, unit=records.world.body, name="Барлығы", criteria={"beats": ["transport"]})


# Queries with a token: the token and its owner (1), roles (1) and their units' names (1), then the endpoint's own.
# A session costs two more: the session and the second-factor device.
@pytest.mark.parametrize(
    "path, most",
    [
        ("/outlets?limit=200", 7),
        ("/outlets/{outlet}", 8),
        ("/journalists?limit=200", 10),
        ("/journalists?limit=200&outlet_kinds=tv&beats=transport&with_email=1", 11),  # +1: beat codes checked
        ("/journalists/{journalist}", 12),
        ("/segments", 6),
        ("/segments/{segment}", 6),
        ("/segments/{segment}/journalists?limit=200", 12),
    ],
)
def test_each_endpoint_makes_a_fixed_number_of_queries(
    records, press_secretary, django_assert_max_num_queries, path, most
):
    from pressdesk.directory.models import Journalist, Outlet, Segment

    _fill(records, 30)
    path = path.format(
        segment=Segment.objects.get().pk, journalist=Journalist.objects.first().pk, outlet=Outlet.objects.first().pk
    )
    for client, extra in ((api_client(press_secretary), 0), (verified_client(press_secretary), 2)):
        client.get(BASE + path)  # warm up: the token's first use is noted once, the session is written once
        with django_assert_max_num_queries(most + extra):
            response = client.get(BASE + path)
        assert response.status_code == 200
        if "journalists?" in path:
            assert response.json()["count"] >= 15


def test_the_number_of_queries_does_not_grow_with_the_records(records, press_secretary):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client(press_secretary)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{BASE}/journalists?limit=200").status_code == 200
        return len(captured)

    _fill(records, 3)
    queries()  # the token's first use writes last_used_at once
    few = queries()
    _fill(records, 25)
    assert queries() == few


def test_an_anonymous_client_cannot_read_a_record(spread):
    outlet, journalist = spread["body"]
    assert Client().get(f"{BASE}/journalists/{journalist.pk}").status_code == 401
