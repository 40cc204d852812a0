"""Directory pages as the staff use them: permissions by role and unit, forms, errors in the user's language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pressdesk.core.models import Role
from pressdesk.directory import services
from pressdesk.directory.models import Journalist, Outlet, Segment
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def url(name: str, *args, language: str = "en") -> str:
    from django.utils import translation

    with translation.override(language):
        return reverse(f"directory:{name}", args=args)


def test_press_secretary_adds_a_journalist_with_a_contact_and_finds_them_by_latin_spelling(directory, press_secretary):
    outlet = directory.outlet("Алматы ақшамы")
    client = verified_client(press_secretary)
    response = client.post(
        url("journalist_create"),
        {
            "unit": directory.world.body.pk,
            "full_name": "Айгерім Сұлтанова",
            "preferred_language": "kk",
            "languages": ["kk", "ru"],
            "beats": ["transport"],
            "consent_basis": "consent",
            "outlet": outlet.pk,
            "title": "тілші",
            "phone": "8 (701) 234-56-78",
        },
    )
    record = Journalist.objects.get()
    assert response.status_code == 302 and response.url == url("journalist", record.pk)
    assert record.contacts.get().normalized == "+77012345678"
    listing = client.get(url("journalists"), {"q": "Aygerim"})
    assert "Айгерім Сұлтанова" in listing.content.decode()
    assert listing.context["page"].paginator.count == 1


def test_a_bad_phone_is_explained_next_to_the_field_in_kazakh(directory, press_secretary):
    client = verified_client(press_secretary)
    response = client.post(
        url("journalist_create", language="kk"),
        {
            "unit": directory.world.body.pk,
            "full_name": "Ә",
            "preferred_language": "kk",
            "consent_basis": "consent",
            "phone": "12",
        },
    )
    assert response.status_code == 200
    assert not Journalist.objects.exists()
    assert response.context["form"].errors["phone"]
    assert "телефон" in response.content.decode().lower()


def test_a_district_press_secretary_sees_the_city_directory_but_cannot_change_it(
    directory, unit_press_secretary, world
):
    city = directory.journalist("Қала Тілшісі")
    other_district = directory.journalist("Медеу Тілшісі", unit=world.medeu)
    own = directory.journalist("Алмалы Тілшісі", unit=world.almaly)
    client = verified_client(unit_press_secretary)
    names = {j.full_name for j in client.get(url("journalists")).context["page"].object_list}
    assert names == {"Қала Тілшісі", "Алмалы Тілшісі"}
    assert client.get(url("journalist", other_district.pk)).status_code == 404
    assert client.get(url("journalist_edit", city.pk)).status_code == 403
    assert client.get(url("journalist_edit", own.pk)).status_code == 200


def test_an_analyst_reads_but_cannot_trust_or_erase(directory, world):
    analyst = world.person("analyst", Role.ANALYST, world.body)
    record = directory.journalist()
    client = verified_client(analyst)
    assert client.get(url("journalist", record.pk)).status_code == 200
    assert client.post(url("journalist_trust", record.pk), {"reason": "x"}).status_code == 403
    assert client.post(url("journalist_erase", record.pk), {"reason": "x", "confirm": "on"}).status_code == 403
    record.refresh_from_db()
    assert not record.trusted and record.erased_at is None


def test_staff_without_a_role_and_journalists_are_kept_out(outsider, journalist):
    assert verified_client(outsider).get(url("journalists")).status_code == 403
    response = verified_client(journalist).get(url("journalists"))
    assert response.status_code == 302


def test_trust_and_erase_through_the_pages(directory, press_secretary):
    record = directory.journalist("Әсел Қасымова", email="asel@news.demo")
    client = verified_client(press_secretary)
    response = client.post(url("journalist_trust", record.pk), {"reason": "Kept every embargo"}, follow=True)
    assert "The journalist is in the trusted pool." in response.content.decode()
    record.refresh_from_db()
    assert record.trusted
    missing_confirm = client.post(url("journalist_erase", record.pk), {"reason": "Her request"})
    assert missing_confirm.status_code == 200
    client.post(url("journalist_erase", record.pk), {"reason": "Her request", "confirm": "on"})
    record.refresh_from_db()
    assert record.erased_at is not None
    page = client.get(url("journalist", record.pk)).content.decode()
    assert "Әсел" not in page and "asel@news.demo" not in page


def test_the_record_page_shows_history_with_author_and_diff(directory, press_secretary):
    record = directory.journalist("Ерлан Әли")
    client = verified_client(press_secretary)
    client.post(
        url("journalist_edit", record.pk),
        {
            "unit": directory.world.body.pk,
            "full_name": "Ерлан Әлиев",
            "preferred_language": "ru",
            "consent_basis": "consent",
        },
    )
    page = client.get(url("journalist", record.pk)).content.decode()
    assert "Ерлан Әли" in page and "Ерлан Әлиев" in page and "Aigerim" in page  # the author's name


def test_save_the_filter_as_a_segment_and_see_its_live_count(directory, press_secretary):
    tv = directory.outlet("Алматы TV", kind="tv")
    directory.journalist("Бір", outlet=tv)
    directory.journalist("Екі", outlet=directory.outlet("Газет", kind="newspaper"))
    client = verified_client(press_secretary)
    prefilled = client.get(url("segment_create"), {"outlet_kinds": ["tv"]})
    assert prefilled.context["form"].initial["outlet_kinds"] == ["tv"]
    counted = client.post(
        url("segment_create"),
        {"name": "Телеарналар", "unit": directory.world.body.pk, "outlet_kinds": ["tv"], "count": "1"},
    )
    assert counted.context["size"] == 1 and not Segment.objects.exists()
    client.post(url("segment_create"), {"name": "Телеарналар", "unit": directory.world.body.pk, "outlet_kinds": ["tv"]})
    segment = Segment.objects.get()
    assert segment.criteria == {"outlet_kinds": ["tv"]}
    assert client.get(url("segment_count"), {"outlet_kinds": ["tv", "newspaper"]}).json()["count"] == 2
    assert client.get(url("segments")).context["segments"][0].size == 1


def test_outlet_pages_validate_feeds_and_close(directory, press_secretary):
    client = verified_client(press_secretary)
    data = {
        "unit": directory.world.body.pk,
        "name_kk": "Жаңалықтар порталы",
        "kind": "online",
        "level": "city",
        "ownership": "private",
        "languages": ["kk", "ru"],
        "feeds": "not a url\nhttps://news.demo/rss",
    }
    refused = client.post(url("outlet_create"), data)
    assert refused.status_code == 200 and "feeds" in refused.context["form"].errors
    client.post(url("outlet_create"), data | {"feeds": "https://news.demo/rss"})
    outlet = Outlet.objects.get()
    assert list(outlet.feeds.values_list("url", flat=True)) == ["https://news.demo/rss"]
    client.post(url("outlet_close", outlet.pk), {"on": "2026-10-01"})
    outlet.refresh_from_db()
    assert outlet.status == "closed"


def test_merge_from_the_duplicates_page(directory, press_secretary):
    keep = directory.journalist("Қайрат Серікұлы")
    other = directory.journalist("Kairat Serikuly")
    client = verified_client(press_secretary)
    assert len(client.get(url("duplicates")).context["pairs"]) == 1
    client.post(url("merge"), {"keep": keep.pk, "other": other.pk})
    other.refresh_from_db()
    assert other.merged_into == keep
    assert client.get(url("duplicates")).context["pairs"] == []


def test_the_journalist_list_makes_a_fixed_number_of_queries(directory, press_secretary, django_assert_max_num_queries):
    outlet = directory.outlet()
    for n in range(30):
        directory.journalist(f"Тілші {n}", outlet=outlet, beats=[], email=f"t{n}@news.demo")
    client = verified_client(press_secretary)
    with django_assert_max_num_queries(16):
        assert client.get(url("journalists")).status_code == 200


def test_newsroom_contacts_of_an_outlet_are_added_confirmed_and_removed(
    directory, press_secretary, unit_press_secretary
):
    outlet = directory.outlet("Қала жаңалықтары")
    client = verified_client(press_secretary)
    client.post(
        url("outlet_contact_add", outlet.pk), {"kind": "phone", "value": "8 727 250 00 00", "label": "newsroom"}
    )
    contact = outlet.contacts.get()
    assert contact.normalized == "+77272500000"
    assert verified_client(unit_press_secretary).post(url("contact_remove", contact.pk)).status_code == 403
    response = client.post(url("contact_confirm", contact.pk))
    assert response.url == url("outlet", outlet.pk) + "#contacts"
    contact.refresh_from_db()
    assert contact.confirmed_on is not None
    client.post(url("contact_remove", contact.pk))
    assert not outlet.contacts.exists()


def test_the_segment_list_makes_one_count_per_segment_and_no_more(
    directory, press_secretary, django_assert_max_num_queries
):
    for n in range(6):
        services.segment_save(
            actor=None,
            unit=directory.world.body,
            name=f"S{n}",
            criteria={"beats": ["transport"], "outlet_kinds": ["tv"]},
        )
    client = verified_client(press_secretary)
    with django_assert_max_num_queries(9 + 6):
        assert client.get(url("segments")).status_code == 200
