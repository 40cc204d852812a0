"""From an item to a clipping: duplicates, language, summary, tone, mentions, stories, search; bad items skipped."""

from __future__ import annotations

import datetime
import random
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from pressdesk.core import search
from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.monitoring import clustering, feeds, indexing, matching, pipeline
from pressdesk.monitoring.extraction import ExtractionError
from pressdesk.monitoring.models import Clipping, ClippingKind, LearnedStem, Mention, Story, Watch
from pressdesk.monitoring.pipeline import Item
from pressdesk.monitoring.watchlist import analyzer_language
from pressdesk.text import tokens
from tests.directory.conftest import Directory

pytestmark = pytest.mark.django_db

CITY = (
    "Алматы қаласының әкімдігі Әуезов ауданында жаңа мектеп ашты. Мектеп 1200 оқушыға арналған, онда 60 сынып, "
    "спорт залы мен кітапхана бар. Құрылыс қала бюджеті есебінен жүргізілді."
)
REGION = (
    "Алматы облысының әкімдігі Қонаев қаласында жаңа аурухана салатынын хабарлады. Аурухана 300 төсекке "
    "арналған, құрылыс келесі жылы басталады."
)
LATIN = (
    "Almaty qalasynyñ äkımdıgı Medeu audanynda jaña saiabaq aştı. Saiabaqta balalar alañy men velojol bar, "
    "ağaştar otyrğyzyldy."
)
NEGATIVE = (
    "Жители Турксибского района жалуются на аварию водопровода: третий день нет воды, авария не устранена. "
    "В акимате Алматы проблему не прокомментировали, жители возмущены бездействием."
)


@pytest.fixture
def akimat(world) -> Watch:
    return Watch.objects.create(
        unit=world.body,
        kind="organisation",
        label="Алматы қаласының әкімдігі",
        names=["Алматы қаласының әкімдігі", "акимат Алматы"],
        exclude=["Алматы облысы"],
    )


def store(url: str, text: str, title: str = "", **options) -> Clipping | None:
    batch = pipeline.Batch.start()
    return pipeline.store(Item(url, title or text.split(".")[0], text, **options), batch)


def test_an_address_stored_after_the_caller_looked_is_a_duplicate_and_stored_once(world, akimat):
    """``collect`` reads what is stored once per listing; another worker may store an address meanwhile."""
    first = store("https://qala24.demo/kk/7", CITY)
    batch, looked = pipeline.Batch.start(), set()  # what the caller saw: before the other worker stored it
    again = pipeline.store(Item("https://qala24.demo/kk/7?utm_source=tg", "Тағы", CITY), batch, known=looked)
    assert again is None and batch.duplicates == 1 and batch.stored == [] and batch.skipped == []
    assert list(Clipping.objects.filter(canonical_url="https://qala24.demo/kk/7")) == [first]
    twice = pipeline.Batch.start()
    stored = pipeline.store(Item("https://qala24.demo/kk/8", "Бір", CITY), twice, known=looked)
    assert pipeline.store(Item("https://qala24.demo/kk/8#top", "Бір", CITY), twice, known=looked) is None
    assert stored is not None and twice.duplicates == 1 and "https://qala24.demo/kk/8" in looked


def test_an_item_becomes_a_clipping_with_everything_read_from_it(world, akimat):
    outlet = Directory(world).outlet("Қала24", reach=120_000)
    published = timezone.now() - datetime.timedelta(hours=2)
    batch = pipeline.Batch.start()
    clipping = pipeline.store(
        Item("https://qala24.demo/kk/1?utm_source=tg", "Жаңа мектеп ашылды", CITY, published, "Айгүл"),
        batch,
        outlet=outlet,
    )
    clipping.refresh_from_db()
    assert batch.stored == [clipping.pk]
    assert clipping.canonical_url == "https://qala24.demo/kk/1"
    assert clipping.url == "https://qala24.demo/kk/1?utm_source=tg"
    assert (clipping.outlet, clipping.reach, clipping.author) == (outlet, 120_000, "Айгүл")
    assert (clipping.language, clipping.kind, clipping.published_at) == ("kk", ClippingKind.ARTICLE, published)
    assert clipping.summary.startswith("Алматы қаласының әкімдігі Әуезов ауданында жаңа мектеп ашты.")
    assert clipping.tone in ("positive", "neutral")
    assert clipping.signature is not None and clipping.story.first_id == clipping.pk
    mention = Mention.objects.get(clipping=clipping)
    assert (mention.watch, mention.evidence) == (akimat, "Алматы қаласының әкімдігі")


def test_the_regions_akimat_is_no_mention_of_the_citys(akimat):
    assert not store("https://orta.demo/kk/2", REGION).mentions.exists()


def test_kazakh_in_latin_letters_is_read_as_kazakh_and_matched(akimat):
    clipping = store("https://qala24.demo/kk/3", LATIN)
    assert clipping.language == "kk"
    assert clipping.mentions.get().evidence == "Almaty qalasynyñ äkımdıgı"


def test_an_inactive_watch_finds_nothing(akimat):
    Watch.objects.filter(pk=akimat.pk).update(active=False, updated_at=timezone.now())
    assert not store("https://qala24.demo/kk/1", CITY).mentions.exists()


def test_a_negative_item_is_negative_and_an_analysts_lesson_is_used(akimat):
    assert store("https://gorodskoy-dozor.demo/1", NEGATIVE).tone == "negative"
    neutral = "Аким Алматы провёл совещание о подготовке к зиме в Турксибском районе."
    assert store("https://gorodskoy-dozor.demo/2", neutral).tone == "neutral"
    (stem,) = tokens("совещание", "ru")
    LearnedStem.objects.create(language="ru", stem=stem, weight=-3.0, evidence=2)
    assert store("https://gorodskoy-dozor.demo/3", neutral + " Итоги подвели.").tone == "negative"


def test_an_address_stored_once_is_a_duplicate_in_any_form(akimat):
    assert store("https://qala24.demo/kk/1", CITY) is not None
    batch = pipeline.Batch.start()
    for url in ("http://www.qala24.demo/kk/1/", "https://qala24.demo/kk/1#top", "https://m.qala24.demo/kk/1?fbclid=1"):
        assert pipeline.store(Item(url, "Жаңа мектеп", CITY), batch) is None
    assert (batch.duplicates, Clipping.objects.count()) == (3, 1)
    assert pipeline.known(["https://qala24.demo/kk/1?utm_medium=x", "https://qala24.demo/kk/9"]) == {
        "https://qala24.demo/kk/1"
    }


def test_a_bad_item_is_skipped_with_its_reason_and_the_others_are_stored(akimat):
    batch = pipeline.Batch.start()
    items = [
        Item("mailto:press@akimat.kz", "Хат", CITY),
        Item("https://qala24.demo/empty", "", "   "),
        Item("https://qala24.demo/broken", "Title", CITY, author=None),  # a fault of ours: caught and kept
        Item("https://qala24.demo/nul", "Нөл\x00белгі", CITY.replace("мектеп", "мек\x00теп")),
        Item("https://qala24.demo/good", "Жаңа мектеп", CITY),
    ]
    stored = [pipeline.store(item, batch) for item in items]
    assert [clipping is not None for clipping in stored] == [False, False, False, True, True]
    assert [url for url, _reason in batch.skipped] == [
        "mailto:press@akimat.kz",
        "https://qala24.demo/empty",
        "https://qala24.demo/broken",
    ]
    assert "\x00" not in Clipping.objects.get(url="https://qala24.demo/nul").text
    assert Clipping.objects.count() == 2


def test_a_future_time_is_taken_as_now():
    clipping = store("https://qala24.demo/kk/1", CITY, published_at=timezone.now() + datetime.timedelta(days=3))
    assert clipping.published_at <= timezone.now()


def test_clippings_are_found_by_any_form_and_script_of_a_word():
    city = store("https://qala24.demo/kk/1", CITY)
    latin = store("https://qala24.demo/kk/3", LATIN)
    informal = store("https://qala24.demo/kk/4", "Almaty qalasynyn akimdigi zhana mektep ashty. " * 3)
    russian = store("https://qala24.demo/ru/5", NEGATIVE)
    for query, expected in [
        ("әкімдік", {city.pk, latin.pk}),
        ("акимат", {russian.pk}),
        ("жаңа мектеп", {city.pk, informal.pk}),
    ]:
        found = set()
        for terms in indexing.query_variants(query):
            found |= set(search.ids(indexing.KIND, terms))
        assert expected <= found, query
    assert informal.pk in set().union(*(search.ids(indexing.KIND, t) for t in indexing.query_variants("akimdik")))
    assert search.rebuild(indexing.KIND) == {indexing.KIND: 4}


def test_collect_uses_the_feeds_text_or_the_page_and_reads_no_page_twice(akimat):
    long_text = (CITY + " ") * 3
    listing = feeds.Listing(
        feeds.FEED,
        entries=[
            feeds.Entry("https://qala24.demo/full", "Толық мәтін", content=long_text),
            feeds.Entry("https://qala24.demo/page", "Бет", summary="Қысқа."),
            feeds.Entry("https://qala24.demo/gone", "Жоқ бет", summary="Алматыда жаңа мектеп ашылды."),
            feeds.Entry("https://qala24.demo/nothing"),
        ],
    )
    asked = []

    def pages(url):
        asked.append(url)
        if url.endswith("/page"):
            return f"<html><body><article><h1>Бет</h1><p>{CITY}</p></article></body></html>", url
        raise ExtractionError("No article text was found on the page.")

    batch = pipeline.Batch.start()
    assert pipeline.collect(listing, pages, batch) == 3
    assert asked == ["https://qala24.demo/page", "https://qala24.demo/gone", "https://qala24.demo/nothing"]
    texts = dict(Clipping.objects.values_list("url", "text"))
    assert texts["https://qala24.demo/full"] == long_text.strip()
    assert texts["https://qala24.demo/page"] == CITY
    assert texts["https://qala24.demo/gone"] == "Алматыда жаңа мектеп ашылды."
    assert batch.skipped == [("https://qala24.demo/nothing", "No article text was found on the page.")]

    asked.clear()
    again = pipeline.Batch.start()
    assert pipeline.collect(listing, pages, again) == 0
    assert asked == ["https://qala24.demo/nothing"] and again.duplicates == 3


def test_collect_reads_at_most_its_share_of_new_items():
    listing = feeds.Listing(
        feeds.FEED, entries=[feeds.Entry(f"https://qala24.demo/{n}", f"№{n}", content=CITY * 3) for n in range(5)]
    )
    assert pipeline.collect(listing, lambda url: ("", url), pipeline.Batch.start(), max_new=2) == 2
    assert pipeline.collect(listing, lambda url: ("", url), pipeline.Batch.start(), max_new=2) == 2


def test_a_watch_that_cannot_be_compiled_is_left_out_and_the_others_work(world, akimat):
    Watch.objects.create(unit=world.body, kind="topic", label="?", names=["облысы"])  # a level word only
    assert store("https://qala24.demo/kk/1", CITY).mentions.get().watch == akimat


def test_a_broadcast_item_entered_by_hand_is_read_like_a_fetched_one(world, akimat, press_secretary):
    channel = Directory(world).outlet("Бірлік", kind="tv", reach=3_500_000)
    aired = timezone.now() - datetime.timedelta(hours=3)
    clip = SimpleUploadedFile("sujet.txt", "Транскрипт".encode(), content_type="text/plain")
    clipping = pipeline.enter(
        actor=press_secretary,
        outlet=channel,
        kind=ClippingKind.TV,
        title="Кешкі жаңалықтар: жаңа мектеп",
        text=CITY,
        published_at=aired,
        programme="Кешкі жаңалықтар",
        aired_at=aired,
        attachment=clip,
    )
    clipping.refresh_from_db()
    assert (clipping.kind, clipping.programme, clipping.entered_by, clipping.canonical_url) == (
        "tv",
        "Кешкі жаңалықтар",
        press_secretary,
        "",
    )
    assert clipping.attachment.name.startswith("monitoring/") and clipping.reach == 3_500_000
    assert clipping.mentions.get().watch == akimat and clipping.story is not None
    assert AuditEntry.objects.filter(action="monitoring.clipping.entered", target_id=str(clipping.pk)).exists()
    # Another item without an address is no duplicate of it.
    again = pipeline.enter(
        actor=press_secretary, outlet=channel, kind="radio", title="Радио", text=CITY, published_at=aired
    )
    assert again.pk != clipping.pk


def test_only_broadcast_and_print_are_entered_by_hand_and_an_address_once(world, press_secretary):
    outlet = Directory(world).outlet("Қала24")
    store("https://qala24.demo/kk/1", CITY)
    now = timezone.now()
    with override("en"):
        with pytest.raises(DomainError, match="by hand"):
            pipeline.enter(actor=press_secretary, outlet=outlet, kind="article", title="T", text=CITY, published_at=now)
        with pytest.raises(DomainError, match="title"):
            pipeline.enter(actor=press_secretary, outlet=outlet, kind="print", title="  ", text=CITY, published_at=now)
        with pytest.raises(DomainError, match="already"):
            pipeline.enter(
                actor=press_secretary,
                outlet=outlet,
                kind="print",
                title="Газет",
                text=CITY,
                published_at=now,
                url="http://www.qala24.demo/kk/1",
            )


def test_collect_takes_no_new_item_after_its_time():
    listing = feeds.Listing(
        feeds.FEED, entries=[feeds.Entry(f"https://qala24.demo/{n}", "T", content=CITY * 3) for n in range(3)]
    )
    assert pipeline.collect(listing, lambda url: ("", url), pipeline.Batch.start(), until=time.monotonic() - 1) == 0
    assert pipeline.collect(listing, lambda url: ("", url), pipeline.Batch.start(), until=time.monotonic() + 60) == 3


def test_a_fresh_negative_mention_stored_by_the_pipeline_alerts_the_unit(
    world, akimat, django_capture_on_commit_callbacks
):
    from pressdesk.monitoring.models import Alert

    with django_capture_on_commit_callbacks(execute=False):
        clipping = store("https://gorodskoy-dozor.demo/alert", NEGATIVE, published_at=timezone.now())
    assert clipping.tone == "negative" and clipping.mentions.filter(watch=akimat).exists()
    assert list(Alert.objects.values_list("unit", "reason")) == [(world.body.pk, "negative")]
    store(
        "https://qala24.demo/old",
        NEGATIVE.replace("третий", "четвёртый"),
        published_at=timezone.now() - datetime.timedelta(days=5),
    )
    assert Alert.objects.count() == 1  # a backfill of old items alerts nobody


ENGLISH = (
    "The Almaty city akimat opened a new school in Auezov district. The school has sixty classrooms and a library."
)
# Kazakh in Latin letters inside a Russian item: tokens() with the language unknown reads it apart.
MIXED = "Акимат Алматы сообщил о новой школе. Almaty qalasynyñ äkımdıgı jaña mektep aştı, dep habarlady äkımdık."


@pytest.mark.parametrize("text", [CITY, REGION, LATIN, NEGATIVE, ENGLISH, MIXED, "12:45 — 2026", ""])
def test_the_item_is_read_once_and_that_reading_is_the_match_commands(akimat, text):
    batch = pipeline.Batch.start()
    title = "Жаңалық"
    analysis, words = pipeline.read(title, text, batch)
    assert analysis == matching.analyse(text, batch.watchlist, title=title, lexicon=batch.lexicon)
    language = analysis.language
    whole = f"{title}\n{text}"
    assert words == tokens(whole, analyzer_language(language))
    # What is made from those words is what reading the text again would make.
    assert indexing.body(title, text, language, words) == indexing.body(title, text, language)
    for other in ("kk", "ru", "en", "other"):
        assert indexing.body(title, text, other, tokens(whole, analyzer_language(other))) == indexing.body(
            title, text, other
        ), other
    again = clustering.minhash(whole, analyzer_language(language))
    made = clustering.signature(words)
    assert (made is None) == (again is None)
    assert made is None or list(made.hashvalues) == list(again.hashvalues)


def test_the_stored_index_and_signature_are_those_of_the_text(akimat):
    for number, text in enumerate([CITY, LATIN, NEGATIVE, MIXED]):
        clipping = store(f"https://qala24.demo/{number}", text)
        clipping.refresh_from_db()
        assert _indexed_body(clipping.pk) == indexing.body(clipping.title, clipping.text, clipping.language)
        whole = f"{clipping.title}\n{clipping.text}"
        signature = clustering.minhash(whole, analyzer_language(clipping.language))
        assert clipping.signature == clustering.to_bytes(signature)


def _indexed_body(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM pressdesk_search WHERE kind = %s AND object_id = %s", [indexing.KIND, pk])
        return cursor.fetchone()[0]


def _news(first: int, count: int) -> feeds.Listing:
    """Fresh negative items about the akimat, each a story of its own (their words shuffled apart)."""
    entries = []
    for n in range(first, first + count):
        words = NEGATIVE.split() * 3
        random.Random(n).shuffle(words)
        text = "Акимат Алматы не ответил жителям. " + " ".join(words)
        entries.append(feeds.Entry(f"https://qala24.demo/ru/{n}", f"Авария №{n}", content=text))
    return feeds.Listing(feeds.FEED, entries=entries)


def test_a_listing_is_written_in_the_same_queries_however_many_items_it_has(akimat):
    from pressdesk.monitoring.models import Alert

    def queries(listing: feeds.Listing) -> int:
        batch = pipeline.Batch.start()
        with CaptureQueriesContext(connection) as done:
            assert pipeline.collect(listing, lambda url: ("", url), batch) == len(listing.entries)
        return len(done)

    assert queries(_news(0, 12)) == queries(_news(100, 3))
    assert Clipping.objects.count() == Story.objects.count() == Alert.objects.count() == 15
    assert Mention.objects.filter(watch=akimat).count() == 15
    assert len(search.ids(indexing.KIND, indexing.query_terms("авария"))) == 15


def test_an_item_another_worker_stored_meanwhile_costs_only_itself(akimat):
    listing = _news(0, 3)
    last = listing.entries[-1]
    other = pipeline.Batch.start()

    def pages(url):  # while the first page is read, another worker stores the last item
        pipeline.store(Item(last.url, last.title, last.content), other)
        return "", url

    listing.entries[0] = feeds.Entry(listing.entries[0].url, "Авария", summary="Қысқа.")  # its page is asked for
    batch = pipeline.Batch.start()
    assert pipeline.collect(listing, pages, batch) == 2
    assert (len(other.stored), batch.duplicates, batch.skipped) == (1, 1, [])
    assert Clipping.objects.count() == 3 and Clipping.objects.filter(story__isnull=True).count() == 0
    stored = set(Clipping.objects.values_list("pk", flat=True))
    assert set(search.ids(indexing.KIND, indexing.query_terms("авария"))) == stored


@pytest.mark.parametrize(("group", "wait", "seen"), [(2, 3600, [0, 0, 2, 2, 4]), (50, 0, [0, 1, 2, 3, 4])])
def test_items_read_are_written_by_the_group_or_sooner_when_the_first_has_waited(monkeypatch, group, wait, seen):
    monkeypatch.setattr(pipeline, "WRITE_GROUP", group)
    monkeypatch.setattr(pipeline, "WRITE_WAIT", wait)
    listing = _news(0, 5)
    for n, entry in enumerate(listing.entries):  # short: each one's page is asked for, and the feed's text kept
        listing.entries[n] = feeds.Entry(entry.url, entry.title, summary=entry.content[:300])
    stored_when_asked = []

    def pages(url):
        stored_when_asked.append(Clipping.objects.count())
        raise ExtractionError("No article text was found on the page.")

    assert pipeline.collect(listing, pages, pipeline.Batch.start()) == 5
    assert stored_when_asked == seen


def test_what_was_read_is_stored_when_reading_the_next_item_fails_unexpectedly():
    listing = _news(0, 3)
    listing.entries[2] = feeds.Entry(listing.entries[2].url, "Бет")  # no text in the feed: its page is asked for

    def pages(url):
        raise RuntimeError("the connection pool is gone")

    with pytest.raises(RuntimeError):
        pipeline.collect(listing, pages, pipeline.Batch.start())
    assert sorted(Clipping.objects.values_list("url", flat=True)) == [e.url for e in listing.entries[:2]]
