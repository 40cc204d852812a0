"""The demo's monitoring: a week of the demo outlets' articles ingested from the saved corpus, idempotent."""

from __future__ import annotations

import pytest

from pressdesk.monitoring import demo, pickup, pipeline
from pressdesk.monitoring.models import Clipping, Mention, Source, SourceHealth, Story, Watch
from pressdesk.publications.models import MaterialVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(units, django_db_blocker):
    with django_db_blocker.unblock():
        pipeline.forget_compiled()
        return demo.load(units)


def state() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Clipping, Story, Mention, Watch, Source)}


def test_loading_the_demo_again_adds_nothing(units, loaded):
    before = state()
    assert demo.load(units) == {
        "clippings": before["Clipping"],
        "stories": before["Story"],
        "mentions": before["Mention"],
        "sources": before["Source"],
    }
    assert state() == before


def test_a_week_of_articles_in_kazakh_russian_and_english(loaded):
    assert 40 <= loaded["clippings"] <= 60
    languages = set(Clipping.objects.values_list("language", flat=True))
    assert {"kk", "ru", "en"} <= languages
    latin = Clipping.objects.get(title="Medeu audanynda jaña saiabaq aşyldy")
    assert latin.language == "kk" and latin.mentions.filter(watch__label="Алматы қаласының әкімдігі").exists()
    assert Clipping.objects.filter(outlet__isnull=True).count() == 0
    assert Clipping.objects.filter(source__isnull=False).count() >= 40
    assert Clipping.objects.filter(kind="post").count() >= 5
    assert all(c.summary for c in Clipping.objects.all())


def test_our_releases_were_picked_up(loaded):
    buses = MaterialVersion.objects.get(title="На городские маршруты вышли 120 новых электробусов").parent
    taken = pickup.pickups([buses])[buses.pk]
    assert taken.clippings >= 6 and taken.outlets >= 6 and taken.reach > 1_000_000
    assert taken.time_to_first is not None
    rink = MaterialVersion.objects.get(title="Каток «Медеу» откроет сезон 5 декабря").parent
    assert pickup.pickups([rink])[rink.pk].clippings >= 2


def test_a_story_spreads_from_a_city_site_and_the_first_is_marked(loaded):
    first = Clipping.objects.get(url="https://gorodskoy-dozor.demo/ru/news/turksib-bez-vody")
    story = first.story
    assert story.first_id == first.pk and story.size >= 4
    assert story.clippings.filter(outlet__website="https://kyran-inform.demo/").exists()
    assert story.clippings.filter(tone="negative").exists()
    assert Clipping.objects.filter(tone="negative").count() >= 5


def test_the_regions_akimat_and_other_cities_akims_are_not_ours(loaded):
    city = Watch.objects.get(label="Алматы қаласының әкімдігі")
    akim = Watch.objects.get(label="Дәурен Ахметов")
    for title in [
        "Алматы облысының әкімдігі Қонаевта 300 төсектік аурухана салады",
        "Акимат Алматинской области объявил конкурс на ремонт дорог в Илийском районе",
        "Алматы облысының әкімі Талғар ауданындағы жаңа мектепті аралады",
        "Шымкент әкімі қаладағы жол жөндеу жұмыстарын тексерді",
        "Аким Астаны проверил готовность города к снегопадам",
    ]:
        assert not Mention.objects.filter(clipping__title=title, watch__in=[city, akim]).exists(), title
    assert Mention.objects.filter(watch=akim).count() >= 3
    assert Mention.objects.filter(watch=city).count() >= 10


def test_the_sources_have_a_week_of_reads_and_two_are_failing(loaded):
    failing = Source.objects.filter(health=SourceHealth.FAILING)
    assert sorted(failing.values_list("feed__url", flat=True)) == sorted(demo.FAILING)
    assert Source.objects.filter(health=SourceHealth.OK).count() >= 15
    assert all(source.fetches.count() == demo.HISTORY_DAYS * demo.READS_PER_DAY for source in Source.objects.all())
