"""Reprints fold into one story with the earliest clipping first, across restarts and scripts."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from pressdesk.monitoring import clustering, feeds, pipeline
from pressdesk.monitoring.clustering import StoryIndex, from_bytes, minhash, similarity, to_bytes
from pressdesk.monitoring.models import Clipping, Story
from pressdesk.monitoring.pipeline import Item

ORIGINAL = (
    "Акимат Алматы сообщил, что с понедельника на одиннадцати маршрутах города работают сто двадцать новых "
    "электробусов. Машины приобретены за счёт городского бюджета и долгосрочного лизинга. В каждом электробусе "
    "есть пандус и место для людей с инвалидностью, климат-контроль, бесплатный интернет и разъёмы для зарядки "
    "телефонов. По данным управления городской мобильности, новые машины сократят выбросы углекислого газа "
    "примерно на девять тысяч тонн в год. До конца года в город поставят ещё восемьдесят электробусов, а старые "
    "дизельные автобусы спишут. Водители прошли обучение в автопарке на улице Рыскулова."
)
# What an outlet makes of it: its own lead, a word changed, the last sentence dropped.
REPRINT = "Хорошая новость для пассажиров. " + ORIGINAL.replace("сообщил", "сообщает").rsplit(" Водители", 1)[0]
OTHER = (
    "В Медеуском районе продолжается капитальный ремонт улицы Жандосова. Подрядчик меняет трубы водопровода и "
    "укладывает новый асфальт, работы идут по ночам. Жители жалуются на шум и пыль, а также на то, что объезд "
    "не обозначен знаками. В акимате района пообещали установить указатели до конца недели и завершить ремонт "
    "к середине месяца. Движение общественного транспорта по улице временно изменено."
)
KAZAKH = (
    "Алматы қаласының әкімі Әуезов ауданының тұрғындарымен кездесіп, жол жөндеу мен қоғамдық көлік "
    "мәселелерін талқылады. Әкімнің айтуынша, биыл қалада жүз жиырма көше жөнделеді, ал жыл соңына дейін "
    "сексен жаңа электробус келеді. Тұрғындар қыс мезгілінде ауаның ластануына шағымданды."
)
KAZAKH_LATIN = (
    "Almaty qalasynyñ äkımı Äuezov audanynyñ tūrğyndarymen kezdesıp, jol jöndeu men qoğamdyq kölık "
    "mäselelerın talqylady. Äkımnıñ aituynşa, biyl qalada jüz jiyrma köşe jöndeledı, al jyl soñyna deiın "
    "seksen jaña elektrobus keledı. Tūrğyndar qys mezgılınde auanyñ lastanuyna şağymdandy."
)


def _store(url: str, title: str, text: str, hours_ago: float) -> Clipping:
    published = timezone.now() - datetime.timedelta(hours=hours_ago)
    clipping = pipeline.store(Item(url, title, text, published), pipeline.Batch.start())
    assert clipping is not None
    return clipping


def test_a_reprint_is_similar_and_another_story_is_not():
    original, reprint, other = minhash(ORIGINAL, "ru"), minhash(REPRINT, "ru"), minhash(OTHER, "ru")
    assert similarity(original, reprint) >= clustering.THRESHOLD
    assert similarity(original, other) < 0.1


def test_kazakh_in_latin_letters_is_the_same_text_as_in_cyrillic():
    assert similarity(minhash(KAZAKH, "kk"), minhash(KAZAKH_LATIN, "kk")) >= 0.9


def test_a_text_too_short_has_no_signature():
    assert minhash("Акимат открыл парк.", "ru") is None


def test_a_signature_survives_the_database():
    signature = minhash(ORIGINAL, "ru")
    data = to_bytes(signature)
    assert len(data) == clustering.NUM_PERM * 4
    assert similarity(from_bytes(data), signature) == 1.0
    assert from_bytes(b"short") is None and from_bytes(None) is None


@pytest.mark.django_db
def test_reprints_fold_into_one_story_and_the_earliest_is_first():
    first = _store("https://qala24.demo/news/1", "Сто двадцать электробусов вышли на маршруты", ORIGINAL, 5)
    other = _store("https://qala24.demo/news/2", "Ремонт на Жандосова", OTHER, 4)
    reprint = _store("https://orta.demo/ru/2", "Новые электробусы в Алматы", REPRINT, 3)
    earlier = _store("https://dala-inform.demo/ru/3", "Агентство: электробусы на линии", ORIGINAL, 8)
    story = Story.objects.get(pk=first.story_id)
    assert Clipping.objects.get(pk=reprint.pk).story_id == story.pk
    assert Clipping.objects.get(pk=earlier.pk).story_id == story.pk
    assert Clipping.objects.get(pk=other.pk).story_id != story.pk
    assert (story.size, story.first_id, story.title) == (3, earlier.pk, "Агентство: электробусы на линии")
    assert story.created_at == earlier.published_at
    assert story.last_seen_at == reprint.published_at


@pytest.mark.django_db
def test_reprints_are_found_after_a_restart():
    first = _store("https://qala24.demo/news/1", "Электробусы", ORIGINAL, 2)
    pipeline.forget_compiled()  # a new worker process
    fresh = StoryIndex()
    assert fresh.sync() == 1 and len(fresh) == 1
    neighbour = fresh.nearest(minhash(REPRINT, "ru"))
    assert (neighbour.clipping_id, neighbour.story_id) == (first.pk, first.story_id)
    assert fresh.sync() == 0  # the second sync reads only what is new


@pytest.mark.django_db
def test_clippings_older_than_the_window_are_not_matched():
    old = _store("https://qala24.demo/news/1", "Электробусы", ORIGINAL, 1)
    Clipping.objects.filter(pk=old.pk).update(fetched_at=timezone.now() - clustering.WINDOW - datetime.timedelta(1))
    pipeline.forget_compiled()
    new = _store("https://orta.demo/ru/2", "Электробусы снова", REPRINT, 0)
    assert new.story_id != old.story_id


@pytest.mark.django_db
def test_one_index_sees_what_another_worker_stored():
    mine = clustering.shared_index()
    theirs = StoryIndex()
    theirs.sync()
    clipping = _store("https://qala24.demo/news/1", "Электробусы", ORIGINAL, 1)
    theirs.sync()
    assert theirs.nearest(minhash(REPRINT, "ru")).clipping_id == clipping.pk
    assert mine.nearest(minhash(REPRINT, "ru")).clipping_id == clipping.pk


def _listing(*entries: tuple[str, str, str, float]) -> feeds.Listing:
    now = timezone.now()
    return feeds.Listing(
        feeds.FEED,
        entries=[
            feeds.Entry(url, title, content=text, published_at=now - datetime.timedelta(hours=hours_ago))
            for url, title, text, hours_ago in entries
        ],
    )


@pytest.mark.django_db
def test_reprints_collected_together_fold_into_one_story_with_the_earliest_first():
    stored = _store("https://qala24.demo/news/1", "Электробусы на маршрутах", ORIGINAL, 5)
    listing = _listing(
        ("https://orta.demo/ru/1", "Ремонт на Жандосова", OTHER, 2),
        ("https://orta.demo/ru/2", "Ремонт улицы", OTHER.replace("продолжается", "идёт"), 1),
        ("https://orta.demo/ru/3", "Новые электробусы", REPRINT, 3),
        ("https://orta.demo/ru/4", "Агентство: электробусы на линии", ORIGINAL, 8),
    )
    assert pipeline.collect(listing, lambda url: ("", url), pipeline.Batch.start()) == 4
    story_of = dict(Clipping.objects.values_list("url", "story_id"))
    repair = Story.objects.get(pk=story_of["https://orta.demo/ru/1"])
    assert story_of["https://orta.demo/ru/2"] == repair.pk
    assert (repair.size, repair.first.url, repair.title) == (2, "https://orta.demo/ru/1", "Ремонт на Жандосова")
    assert repair.last_seen_at == Clipping.objects.get(url="https://orta.demo/ru/2").published_at
    buses = Story.objects.get(pk=stored.story_id)  # a story already stored, joined by two of the listing
    assert story_of["https://orta.demo/ru/3"] == story_of["https://orta.demo/ru/4"] == buses.pk
    earliest = Clipping.objects.get(url="https://orta.demo/ru/4")
    assert (buses.size, buses.first_id, buses.created_at) == (3, earliest.pk, earliest.published_at)
    assert buses.title == "Агентство: электробусы на линии"
    assert Story.objects.count() == 2
