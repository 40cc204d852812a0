"""Pickup: stories that reprint our published materials are linked to them, and each release's figures."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from pressdesk.monitoring import pickup, pipeline
from pressdesk.monitoring.models import Clipping
from pressdesk.monitoring.pipeline import Item
from pressdesk.publications import services
from pressdesk.publications.models import MaterialKind
from pressdesk.publications.services import Text
from tests.directory.conftest import Directory
from tests.publications.materials import Desk

RELEASE = Text(
    "На городские маршруты вышли 120 новых электробусов",
    "Парк общественного транспорта Алматы пополнили 120 электробусов: они работают на 11 маршрутах.",
    "С сегодняшнего дня на **11 маршрутах** Алматы работают 120 новых электробусов. Машины приобретены за счёт "
    "городского бюджета и долгосрочного лизинга.\n\nВ новых электробусах есть пандус и место для людей с "
    "инвалидностью, климат-контроль и бесплатный Wi-Fi, USB-разъёмы для зарядки телефонов.\n\nПо данным "
    "управления городской мобильности, электробусы сократят выбросы углекислого газа примерно на 9 тысяч тонн "
    "в год. До конца года планируется поставка ещё 80 машин.",
)
# An outlet's take: its own first sentence, the release's text without the list, a closing line of its own.
PICKED_UP = (
    "Хорошие новости для пассажиров. С сегодняшнего дня на 11 маршрутах Алматы работают 120 новых электробусов. "
    "Машины приобретены за счёт городского бюджета и долгосрочного лизинга. По данным управления городской "
    "мобильности, электробусы сократят выбросы углекислого газа примерно на 9 тысяч тонн в год. До конца года "
    "планируется поставка ещё 80 машин. Об этом сообщает пресс-служба акимата."
)
UNRELATED = (
    "В Медеуском районе продолжается капитальный ремонт улицы Жандосова. Подрядчик меняет трубы водопровода и "
    "укладывает новый асфальт, работы идут по ночам. Жители жалуются на шум и пыль."
)


@pytest.fixture
def desk(world) -> Desk:
    return Desk(world)


def release(desk: Desk, text: Text = RELEASE):
    material = services.create(
        actor=desk.officer, unit=desk.world.body, kind=MaterialKind.PRESS_RELEASE, language="ru", text=text
    )
    services.submit(actor=desk.officer, material=material)
    if services.head_approves(material.unit, material.kind):
        services.send_to_head(actor=desk.secretary, material=material)
        material = services.approve(actor=desk.head, material=material)
    else:
        material = services.approve(actor=desk.secretary, material=material)
    return services.publish_now(actor=desk.secretary, material=material)


def clip(url: str, text: str, *, after: datetime.timedelta, outlet=None, title: str = "Электробусы") -> Clipping:
    published = timezone.now() + after if after <= datetime.timedelta(0) else None
    clipping = pipeline.store(Item(url, title, text, published), pipeline.Batch.start(), outlet=outlet)
    assert clipping is not None
    if published is None:
        Clipping.objects.filter(pk=clipping.pk).update(published_at=timezone.now() + after)
        clipping.refresh_from_db()
    return clipping


def test_a_story_that_reprints_our_release_is_linked_to_it(desk):
    material = release(desk)
    taken = clip("https://qala24.demo/ru/1", PICKED_UP, after=datetime.timedelta(0))
    other = clip("https://qala24.demo/ru/2", UNRELATED, after=datetime.timedelta(0), title="Ремонт")
    assert taken.story.material_id == material.pk
    assert other.story.material_id is None


def test_an_item_published_well_before_the_release_is_no_pickup(desk):
    material = release(desk)
    earlier = clip("https://qala24.demo/ru/1", PICKED_UP, after=-pickup.EARLY - datetime.timedelta(hours=1))
    assert earlier.published_at < material.published_at
    assert earlier.story.material_id is None


def test_a_material_not_yet_public_is_not_looked_for(desk):
    desk.approved()  # approved, never published
    draft_text = clip("https://qala24.demo/ru/1", PICKED_UP, after=datetime.timedelta(0))
    assert draft_text.story.material_id is None


def test_a_release_published_after_the_index_was_built_is_found(desk):
    clip("https://qala24.demo/ru/0", UNRELATED, after=datetime.timedelta(0), title="Ремонт")  # builds the indexes
    material = release(desk)
    taken = clip("https://qala24.demo/ru/1", PICKED_UP, after=datetime.timedelta(0))
    assert taken.story.material_id == material.pk


def test_pickup_figures_count_each_outlet_once(world, desk):
    directory = Directory(world)
    city = directory.outlet("Қала24", reach=1000)
    national = directory.outlet("Орта", reach=500)
    material = release(desk)
    clip("https://qala24.demo/ru/1", PICKED_UP, after=datetime.timedelta(hours=3), outlet=city)
    clip("https://qala24.demo/kk/1", PICKED_UP + " Фото.", after=datetime.timedelta(hours=5), outlet=city)
    clip("https://orta.demo/ru/1", "Новость дня. " + PICKED_UP, after=datetime.timedelta(hours=1), outlet=national)
    other = release(desk, Text("Новая школа", "Школа открылась.", UNRELATED))

    figures = pickup.pickups([material, other])
    taken = figures[material.pk]
    assert (taken.clippings, taken.outlets, taken.reach) == (3, 2, 1500)
    assert sorted(taken.outlet_ids) == sorted([city.pk, national.pk])
    assert abs(taken.time_to_first - datetime.timedelta(hours=1)) < datetime.timedelta(minutes=1)
    assert (figures[other.pk].clippings, figures[other.pk].time_to_first) == (0, None)

    day = pickup.pickups_between(timezone.now() - datetime.timedelta(days=1), timezone.now() + datetime.timedelta(1))
    assert [p.material_id for p in day] == [material.pk, other.pk]
