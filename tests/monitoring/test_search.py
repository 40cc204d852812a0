"""The clippings search on the engine of the database it runs on (SQLite FTS5 or PostgreSQL full text): word forms
and scripts, filters, Almaty days, and highlights that mark the words found and escape everything else."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from pressdesk.core import search
from pressdesk.core.models import Role
from pressdesk.monitoring import indexing
from pressdesk.monitoring import search as monitoring_search
from pressdesk.monitoring.models import Clipping, Mention, Watch
from pressdesk.monitoring.search import Criteria, Marker, ResultPages, find, found, highlighted, readings
from tests.conftest import verified_client
from tests.directory.conftest import Directory

pytestmark = pytest.mark.django_db

ALMATY = timezone.get_default_timezone()
_numbers = itertools.count(1)


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=ALMATY)


def clip(title: str, text: str = "", *, language: str = "kk", when=None, **fields) -> Clipping:
    """A clipping indexed the way the pipeline indexes it."""
    number = next(_numbers)
    clipping = Clipping.objects.create(
        title=title,
        text=text or title,
        language=language,
        published_at=when or at(10, 12),
        url=f"https://news.demo/{number}",
        canonical_url=f"https://news.demo/{number}",
        **fields,
    )
    indexing.reindex(clipping)
    return clipping


def titles(**criteria) -> set[str]:
    return set(find(Clipping.objects.all(), Criteria(**criteria)).values_list("title", flat=True))


@pytest.fixture
def corpus(db):
    return {
        "cyrillic": clip("Алматы қаласы әкімдігінің шешімі", "Алматы қаласы әкімдігінің шешімімен жаңа саябақ ашылды."),
        "latin": clip("Almaty qalasy äkımdıgı saiabaq aşty", "Almaty qalasy äkımdıgı Medeu audanynda saiabaq aşty."),
        "informal": clip(
            "Almaty akimdigi jana saiabaq ashty", "Almaty qalasy akimdigi jana saiabaq ashty, balalar quanyshty."
        ),
        "russian": clip("Акиматом Алматы открыт парк", "Акиматом Алматы открыт новый парк.", language="ru"),
        "other": clip("Ауа райы: жаңбыр жауады", "Ертең Алматыда жаңбыр жауады."),
    }


KAZAKH = {
    "Алматы қаласы әкімдігінің шешімі",
    "Almaty qalasy äkımdıgı saiabaq aşty",
    "Almaty akimdigi jana saiabaq ashty",
}


@pytest.mark.parametrize("query", ["әкімдік", "әкімдігі", "ӘКІМДІГІНІҢ", "äkımdık", "akimdik", "akimdiginin"])
def test_kazakh_word_forms_and_latin_script_find_the_same_clippings(corpus, query):
    found = titles(q=query)
    assert KAZAKH <= found
    assert "Ауа райы: жаңбыр жауады" not in found


def test_a_russian_word_form_finds_the_russian_clipping(corpus):
    assert titles(q="акимата") == {"Акиматом Алматы открыт парк"}
    assert titles(q="парки") == {"Акиматом Алматы открыт парк"}


def test_every_word_of_the_query_must_be_found(corpus):
    assert titles(q="саябақ әкімдік") == KAZAKH
    assert titles(q="жаңбыр әкімдік") == set()


def test_a_query_with_nothing_to_search_for_finds_nothing(corpus):
    assert readings("!!! — ...") == []
    assert titles(q="!!! — ...") == set()
    assert len(titles()) == 5  # no query: everything


def test_filters_by_outlet_tone_language_type_and_watch_entry(world):
    outlets = Directory(world)
    qala, orta = outlets.outlet("Qala24"), outlets.outlet("Orta")
    watch = Watch.objects.create(unit=world.body, kind="topic", label="Метро", names=["метро"])
    first = clip("Метро: жаңа станция", outlet=qala, tone="positive", kind="article")
    clip("Метро: бекеттегі кезек", outlet=orta, tone="negative", kind="article")
    clip("Метро в эфире", outlet=orta, tone="neutral", kind="tv", language="ru")
    Mention.objects.create(clipping=first, watch=watch, evidence="Метро")

    assert titles(q="метро", outlet=qala.pk) == {"Метро: жаңа станция"}
    assert titles(q="метро", tones=("negative", "neutral")) == {"Метро: бекеттегі кезек", "Метро в эфире"}
    assert titles(languages=("ru",)) == {"Метро в эфире"}
    assert titles(kinds=("tv", "radio")) == {"Метро в эфире"}
    assert titles(watch=watch.pk) == {"Метро: жаңа станция"}
    assert titles(q="метро", outlet=orta.pk, tones=("positive",)) == set()


def test_days_are_almaty_days(db):
    clip("Кеш", when=at(10, 23, 30))  # 18:30 UTC on the 10th
    clip("Таң", when=at(11, 0, 30))  # 19:30 UTC on the 10th, but the 11th in Almaty
    clip("Ертеңгі", when=at(12, 9))
    day = datetime.date(2026, 3, 10)
    assert titles(since=day, until=day) == {"Кеш"}
    assert titles(since=day + datetime.timedelta(days=1)) == {"Таң", "Ертеңгі"}
    assert titles(until=day + datetime.timedelta(days=1)) == {"Кеш", "Таң"}


def test_results_come_newest_first(db):
    for day in (3, 9, 5):
        clip(f"Әкімдік {day}", when=at(day, 10))
    assert list(find(Clipping.objects.all(), Criteria(q="әкімдік")).values_list("title", flat=True)) == [
        "Әкімдік 9",
        "Әкімдік 5",
        "Әкімдік 3",
    ]


def test_the_words_found_are_marked_in_the_title_and_the_snippet(corpus):
    (latin,) = highlighted([Clipping.objects.get(pk=corpus["latin"].pk)], "әкімдік")
    assert latin.marked_title == "Almaty qalasy <mark>äkımdıgı</mark> saiabaq aşty"
    assert "<mark>äkımdıgı</mark> Medeu" in latin.snippet
    (russian,) = highlighted([Clipping.objects.get(pk=corpus["russian"].pk)], "акимат парк")
    assert russian.marked_title == "<mark>Акиматом</mark> Алматы открыт <mark>парк</mark>"


def test_a_long_text_gives_a_snippet_around_the_first_word_found():
    text = " ".join(["Қала жаңалықтары."] * 60) + " Әкімдігінің мәлімдемесі бойынша жол жөнделеді. " + "Соңы. " * 80
    snippet = Marker(readings("әкімдік"), "kk").snippet(text, "Қысқаша")
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>Әкімдігінің</mark> мәлімдемесі" in snippet
    assert len(snippet) < 400
    assert Marker(readings("метро"), "kk").snippet(text, "Қысқаша мазмұны") == "Қысқаша мазмұны"


def test_markup_in_a_title_or_text_stays_text(db):
    clipping = clip(
        "<script>alert('әкімдік')</script> Әкімдік & <b>жол</b>",
        "Мәтін <img src=x onerror=alert(1)> әкімдігі туралы.",
    )
    assert titles(q="әкімдік") == {clipping.title}
    (marked,) = highlighted([clipping], "әкімдік")
    assert "<script>" not in marked.marked_title and "<b>" not in marked.marked_title
    assert marked.marked_title == (
        "&lt;script&gt;alert(&#x27;<mark>әкімдік</mark>&#x27;)&lt;/script&gt; <mark>Әкімдік</mark> &amp; "
        "&lt;b&gt;жол&lt;/b&gt;"
    )
    assert "<img" not in marked.snippet and "&lt;img src=x onerror=alert(1)&gt;" in marked.snippet
    (plain,) = highlighted([clipping], "")
    assert plain.marked_title.startswith("&lt;script&gt;")


# Speed without changing the answer: few matches taken by key, many by a walk through the dates; counts capped


def pages(criteria: Criteria, per_page: int = 2) -> tuple[int, bool, list[list[str]]]:
    """(count, more, every page's titles) as the clippings page gets them."""
    result = found(Clipping.objects.all(), criteria)
    paginator = ResultPages(
        result.clippings, per_page, known=result.known, rows=Clipping.objects.all(), ordered=result.ordered
    )
    shown = [[c.title for c in paginator.page(n).object_list] for n in paginator.page_range]
    return paginator.count, paginator.more, shown


@pytest.fixture
def city_news(world):
    outlets = Directory(world)
    qala, orta = outlets.outlet("Qala24"), outlets.outlet("Orta")
    watch = Watch.objects.create(unit=world.body, kind="topic", label="Автобус", names=["автобус"])
    for n in range(12):
        clipping = clip(
            f"Автобус {n}" if n % 3 else f"Әкімдік пен автобус {n}",
            language="kk" if n % 2 else "ru",
            when=at(1 + n, 8 + n % 5),
            outlet=qala if n % 4 else orta,
            tone=("negative", "neutral", "positive")[n % 3],
            kind="article" if n % 5 else "tv",
        )
        if n % 2:
            Mention.objects.create(clipping=clipping, watch=watch, evidence="автобус")
    clip("Ауа райы", when=at(20, 9))
    return {"qala": qala.pk, "watch": watch.pk}


MIXES = [
    {"q": "автобус"},
    {"q": "avtobus"},
    {"q": "әкімдік автобус"},
    {"q": "автобус", "outlet": "qala"},
    {"q": "автобус", "tones": ("negative",), "languages": ("kk",)},
    {"q": "автобус", "watch": "watch", "kinds": ("article",)},
    {"q": "автобус", "since": datetime.date(2026, 3, 4), "until": datetime.date(2026, 3, 9)},
    {"tones": ("neutral", "positive")},
    {"watch": "watch"},
    {},
]


@pytest.mark.parametrize("mix", MIXES)
def test_a_common_word_walked_by_date_finds_what_the_keys_find(city_news, monkeypatch, mix):
    criteria = Criteria(
        **{key: city_news.get(value, value) if isinstance(value, str) else value for key, value in mix.items()}
    )
    by_key = pages(criteria)
    monkeypatch.setattr(monitoring_search, "BY_KEY", 1)  # every word now "common": the walk
    walked = pages(criteria)
    assert walked == by_key
    assert by_key[0] and not by_key[1]
    everything = list(find(Clipping.objects.all(), criteria).values_list("title", flat=True))
    assert [title for page in walked[2] for title in page] == everything


@pytest.mark.parametrize("mix", MIXES)
def test_a_word_the_statistics_call_common_finds_what_the_keys_find(city_news, monkeypatch, mix):
    """``core.search.estimate`` says how common the words are (PostgreSQL's statistics, SQLite's word index counted);
    called common (``COMMON`` below every guess), the matches are gathered up to the cap only, or not at all with
    filters: the same answer."""
    criteria = Criteria(
        **{key: city_news.get(value, value) if isinstance(value, str) else value for key, value in mix.items()}
    )
    by_key = pages(criteria)
    monkeypatch.setattr(monitoring_search, "COMMON", -1)
    assert pages(criteria) == by_key
    monkeypatch.setattr(monitoring_search, "COUNT_CAP", 3)
    capped = pages(criteria)
    assert capped[:2] == ((3, True) if by_key[0] > 3 else by_key[:2])
    assert [title for page in capped[2] for title in page] == [title for page in by_key[2] for title in page][:3]


def test_with_filters_a_word_the_statistics_call_common_is_not_gathered_first(city_news, monkeypatch):
    monkeypatch.setattr(monitoring_search, "COMMON", -1)

    def word_index_queries(criteria: Criteria) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            found(Clipping.objects.all(), criteria)
        statements = [query["sql"] for query in captured.captured_queries if not _estimating(query["sql"])]
        return [sql for sql in statements if "pressdesk_search" in sql]

    assert word_index_queries(Criteria(q="автобус", outlet=city_news["qala"])) == []
    (gathered,) = word_index_queries(Criteria(q="автобус"))  # to say "more than" the cap, or how many
    assert gathered.endswith(f"LIMIT {monitoring_search.COUNT_CAP + 1}")


def _estimating(sql: str) -> bool:
    """Is this ``core.search.estimate``'s query (the planner asked, or the word index counted)?"""
    return sql.startswith(("EXPLAIN", search._SQLITE_COUNT.split("%s")[0]))


def test_the_word_index_puts_the_matches_of_a_search_without_filters_in_order_by_the_dates_it_keeps(city_news):
    everything = list(find(Clipping.objects.all(), Criteria(q="автобус")).values_list("pk", flat=True))
    assert found(Clipping.objects.all(), Criteria(q="автобус")).ordered == everything
    tie = clip("Автобус тағы", when=Clipping.objects.get(pk=everything[0]).published_at)
    assert found(Clipping.objects.all(), Criteria(q="автобус")).ordered == [tie.pk, *everything]
    assert found(Clipping.objects.all(), Criteria(q="автобус", outlet=city_news["qala"])).ordered is None


def test_a_clipping_indexed_without_its_date_leaves_the_order_to_the_clippings(city_news):
    older = clip("Автобус ескі", when=at(1, 1))
    search.index(indexing.KIND, older.pk, indexing.body(older.title, older.text, older.language))  # no order key
    result = found(Clipping.objects.all(), Criteria(q="автобус"))
    assert result.ordered is None
    assert list(result.clippings.values_list("pk", flat=True))[-1] == older.pk


def test_a_watch_entrys_clippings_come_newest_first_and_ties_by_the_later_key(world):
    watch = Watch.objects.create(unit=world.body, kind="topic", label="Метро", names=["метро"])
    same = at(5, 9)
    clippings = [clip(f"Метро {n}", when=same if n < 3 else at(1 + n, 9)) for n in range(6)]
    for clipping in clippings[::-1]:
        Mention.objects.create(clipping=clipping, watch=watch, evidence="Метро")
    clip("Метро, бірақ белгіленбеген", when=at(20, 9))
    expected = [c.title for c in sorted(clippings, key=lambda c: (c.published_at, c.pk), reverse=True)]
    for criteria in (Criteria(watch=watch.pk), Criteria(q="метро", watch=watch.pk)):
        assert list(find(Clipping.objects.all(), criteria).values_list("title", flat=True)) == expected
    assert [m.published_at for m in Mention.objects.order_by("clipping_id")] == [c.published_at for c in clippings]


def test_past_the_cap_the_count_says_more_and_pages_reach_the_newest(city_news, monkeypatch):
    monkeypatch.setattr(monitoring_search, "COUNT_CAP", 5)
    newest = list(find(Clipping.objects.all(), Criteria(q="автобус")).values_list("title", flat=True))[:5]
    for by_key in (10_000, 1):
        monkeypatch.setattr(monitoring_search, "BY_KEY", by_key)
        for criteria in (Criteria(q="автобус"), Criteria(q="автобус", outlet=city_news["qala"]), Criteria()):
            count, more, shown = pages(criteria)
            assert (count, more) == (5, True)
            assert len(shown) == 3 and sum(map(len, shown)) == 5
        assert [title for page in pages(Criteria(q="автобус"))[2] for title in page] == newest


def test_once_the_newest_keys_are_read_a_page_is_taken_by_key_without_asking_the_word_index_again(
    city_news, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(monitoring_search, "BY_KEY", 1)  # the walk through the dates, whose keys are read first
    monkeypatch.setattr(monitoring_search, "COUNT_CAP", 5)
    result = found(Clipping.objects.all(), Criteria(q="автобус", languages=("kk",)))
    paginator = ResultPages(
        result.clippings, 2, known=result.known, rows=Clipping.objects.all(), ordered=result.ordered
    )
    assert paginator.count == 5 and paginator.more
    with django_assert_num_queries(1) as captured:
        second = paginator.page(2).object_list
    sql = captured.captured_queries[0]["sql"]
    assert "MATCH" not in sql and "@@" not in sql
    everything = list(result.clippings.values_list("title", flat=True))
    assert [c.title for c in second] == everything[2:4]


def test_the_page_says_more_than_the_cap(world, monkeypatch):
    analyst_client = verified_client(world.person("dana", Role.ANALYST, world.body))
    monkeypatch.setattr(monitoring_search, "COUNT_CAP", 2)
    for n in range(3):
        clip(f"Автобус {n}", when=at(1 + n, 9))
    with translation.override("en"):
        page = analyst_client.get("/en/monitoring/?q=автобус").content.decode()
        assert "More than 2 clippings found; the newest 2 are listed." in page
        page = analyst_client.get("/en/monitoring/?q=автобус&tones=neutral&tones=positive").content.decode()
        assert "More than 2 clippings found" in page
        assert "1 clipping found" in analyst_client.get("/en/monitoring/?q=автобус 2").content.decode()


def test_the_readings_of_a_query_are_one_word_index_query(db):
    clip("Medeu audany saiabaq", language="kk")
    clip("Медеу ауданы, саябақ")
    clip("Медеуский район", language="ru")
    variants = readings("Медеу ауданы")
    assert len(variants) == 2  # "медеу" read as Russian and as Kazakh
    with CaptureQueriesContext(connection) as captured:
        assert len(search.some_ordered(indexing.KIND, variants, limit=10)) == 2
    # On PostgreSQL the planner is asked first (EXPLAIN) which of each reading's terms is the rarest.
    (sql,) = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith("EXPLAIN")]
    assert sql.count("pressdesk_search_fts MATCH") + sql.count("@@") == 1


def test_the_search_runs_without_parallel_workers_and_leaves_the_setting_as_it_was(db):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")

    def workers() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            return cursor.fetchone()[0]

    before = workers()
    with monitoring_search.serial():
        assert workers() == "0"
    assert workers() == before != "0"
