"""Embargo: until its time a material is nowhere public, and only its recipients read it on the portal."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from pressdesk.core.models import User, UserKind
from pressdesk.directory import services as directory
from pressdesk.directory.models import ConsentBasis
from pressdesk.publications import services
from pressdesk.publications.models import Material, MaterialKind, Status
from tests.conftest import PASSWORD, verified_client
from tests.portal.newsroom import every_channel, make_topic, where_seen
from tests.publications.materials import KAZAKH

pytestmark = pytest.mark.django_db


def portal_journalist(world, email: str, name: str):
    account = User.objects.create_user(email, PASSWORD, full_name=name, kind=UserKind.JOURNALIST)
    record = directory.journalist_create(
        actor=None, unit=world.body, full_name=name, consent_basis=ConsentBasis.CONSENT, account=account
    )
    return account, record


def time_passes(material: Material, *, embargo_too: bool = True) -> Material:
    """The clock moves past the publication time (and the embargo); the worker has not run yet."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    changes = {"publish_at": past, "embargo_until": past} if embargo_too else {"publish_at": past}
    Material.objects.filter(pk=material.pk).update(**changes)
    material.refresh_from_db()
    return material


@pytest.fixture
def embargoed(desk) -> Material:
    material = desk.scheduled(timezone.now() + datetime.timedelta(hours=2), embargo=True)
    material.topics.add(make_topic())
    return material


def test_an_embargoed_material_is_in_no_public_channel_until_its_time(embargoed):
    client = Client()

    assert where_seen(client, embargoed) == set()
    assert where_seen(client, embargoed, language="ru", word="школа") == set()
    page = client.get(f"/kk/news/{embargoed.pk}/")
    assert page.status_code == 404
    assert "og:title" not in page.content.decode() and KAZAKH.title not in page.content.decode()

    time_passes(embargoed)

    assert embargoed.status == Status.SCHEDULED  # the worker has not flipped it, yet the time rules
    assert where_seen(client, embargoed) == every_channel(embargoed)
    assert where_seen(client, embargoed, language="ru", word="школа") == every_channel(embargoed)


def test_a_running_embargo_holds_even_when_the_publication_time_has_passed(embargoed):
    time_passes(embargoed, embargo_too=False)

    assert where_seen(Client(), embargoed) == set()


def test_the_publishing_robot_makes_it_public_at_its_time(embargoed):
    assert services.publish_due() == []
    time_passes(embargoed)

    assert services.publish_due() == [embargoed.pk]

    assert where_seen(Client(), embargoed) == every_channel(embargoed)


def test_a_cached_answer_before_the_time_never_names_the_material(embargoed):
    client = Client()
    before = client.get("/kk/")
    time_passes(embargoed)

    after = client.get("/kk/", headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200  # the page changed, so a revalidating cache gets the new one
    assert f"/kk/news/{embargoed.pk}/" in after.content.decode()


def test_lines_to_take_never_appear_even_if_marked_published(desk):
    lines = desk.draft(MaterialKind.QA)
    Material.objects.filter(pk=lines.pk).update(status=Status.PUBLISHED, published_at=timezone.now())
    lines.refresh_from_db()

    assert where_seen(Client(), lines) == set()


def test_a_draft_never_appears(desk):
    assert where_seen(Client(), desk.draft()) == set()


def test_the_recipient_reads_it_on_the_portal_before_its_time(world, desk, embargoed):
    account, record = portal_journalist(world, "madina@media.kz", "Мадина Әлиева")
    other, _record = portal_journalist(world, "arman@media.kz", "Арман Қасымов")
    services.set_recipients(actor=desk.secretary, material=embargoed, journalists=[record])
    reader = verified_client(account)

    listing = reader.get("/kk/portal/embargoed/")
    page = reader.get(f"/kk/portal/embargoed/{embargoed.pk}/")

    assert f"/kk/portal/embargoed/{embargoed.pk}/" in listing.content.decode()
    assert page.status_code == 200
    content = page.content.decode()
    assert KAZAKH.title in content and "60 сынып" in content
    with translation.override("kk"):
        banner = translation.gettext("EMBARGOED until %(time)s (Almaty time): do not publish before.")
    assert banner.split("%(time)s")[0] in content
    for answer in (listing, page):
        assert "private" in answer["Cache-Control"] and "no-store" in answer["Cache-Control"]

    stranger = verified_client(other)
    assert stranger.get(f"/kk/portal/embargoed/{embargoed.pk}/").status_code == 404
    assert f"/kk/portal/embargoed/{embargoed.pk}/" not in stranger.get("/kk/portal/embargoed/").content.decode()
    assert Client().get(f"/kk/portal/embargoed/{embargoed.pk}/").status_code == 302  # to the portal sign-in
    assert verified_client(desk.officer).get(f"/kk/portal/embargoed/{embargoed.pk}/").status_code == 302


def test_once_public_it_leaves_the_embargo_list(world, desk, embargoed):
    account, record = portal_journalist(world, "madina@media.kz", "Мадина Әлиева")
    services.set_recipients(actor=desk.secretary, material=embargoed, journalists=[record])
    time_passes(embargoed)
    reader = verified_client(account)

    assert reader.get(f"/kk/portal/embargoed/{embargoed.pk}/").status_code == 404
    assert reader.get(f"/kk/news/{embargoed.pk}/").status_code == 200
