"""Monitoring's pages as the analyst, the press secretaries and outsiders use them: who sees what, the search and its
export, a clipping, the tone corrected, an item entered with its file, the watch entry tested before it is saved,
sources and their health; list pages in a fixed number of queries."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from pressdesk.core import search
from pressdesk.core.models import AuditEntry, Role
from pressdesk.monitoring import indexing
from pressdesk.monitoring.models import (
    Alert,
    AlertReason,
    Clipping,
    FetchLog,
    LearnedStem,
    Source,
    SourceHealth,
    Tone,
    Watch,
)
from tests.conftest import run_queued_tasks, verified_client
from tests.monitoring.press import Press
from tests.monitoring.test_services import pdf_bytes
from tests.monitoring.web import Story, page, rss

pytestmark = pytest.mark.django_db

PAGES = [
    "/kk/monitoring/",
    "/kk/monitoring/?q=әкімдік&tones=negative",
    "/kk/monitoring/stories/",
    "/kk/monitoring/pickup/",
    "/kk/monitoring/watchlist/",
    "/kk/monitoring/watchlist/new/",
    "/kk/monitoring/sources/",
    "/kk/monitoring/sources/new/",
    "/kk/monitoring/new/",
    "/kk/monitoring/digest/",
    "/kk/monitoring/alerts/",
]


@pytest.fixture
def analyst(world):
    return world.person("dana", Role.ANALYST, world.body)


@pytest.fixture
def press(world) -> Press:
    return Press(world)


def now_minus(hours: int = 0, days: int = 0) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours, days=days)


def indexed(clipping: Clipping) -> Clipping:
    indexing.reindex(clipping)
    return clipping


def text_of(response) -> str:
    return response.content.decode()


def test_every_page_opens_for_the_analyst(press, analyst):
    clipping = indexed(press.clip("Әкімдік жаңа саябақ ашты", at=now_minus(hours=2), tone=Tone.NEGATIVE))
    client = verified_client(analyst)
    for path in [*PAGES, f"/kk/monitoring/{clipping.pk}/", f"/kk/monitoring/watchlist/{press.akimat.pk}/"]:
        assert client.get(path).status_code == 200, path


def test_outsiders_journalists_and_visitors_are_kept_out(press, outsider, journalist):
    for path in PAGES:
        assert verified_client(outsider).get(path).status_code == 403, path
        assert "/signin/" in Client().get(path)["Location"], path
        assert verified_client(journalist).get(path).status_code == 302, path


def test_a_press_secretary_without_a_digest_or_sources_role_sees_neither(world, press):
    officer = world.person("erlan", Role.PRESS_OFFICER, world.body)
    client = verified_client(officer)
    assert client.get("/kk/monitoring/").status_code == 200
    assert client.get("/kk/monitoring/sources/").status_code == 403
    assert client.get("/kk/monitoring/digest/").status_code == 403
    head = world.person("akim", Role.HEAD, world.body)
    assert verified_client(head).get("/kk/monitoring/digest/").status_code == 200


def test_a_district_sees_and_keeps_only_its_own_watch_entries(world, press, unit_press_secretary, press_secretary):
    almaly = press.watch(world.almaly, "topic", "Абай даңғылы")
    medeu = press.watch(world.medeu, "topic", "Медеу мұз айдыны")
    clipping = indexed(press.clip("Абай даңғылында жөндеу", at=now_minus(hours=1), watches=[almaly, press.akimat]))

    district = verified_client(unit_press_secretary)
    listed = text_of(district.get("/kk/monitoring/watchlist/"))
    assert "Абай даңғылы" in listed and "Медеу мұз айдыны" not in listed and press.akimat.label not in listed
    assert district.get(f"/kk/monitoring/watchlist/{almaly.pk}/").status_code == 200
    assert district.get(f"/kk/monitoring/watchlist/{medeu.pk}/").status_code == 404
    assert district.get(f"/kk/monitoring/watchlist/{press.akimat.pk}/").status_code == 404
    # Clippings are shared; the matches shown are the district's own.
    found = text_of(district.get("/kk/monitoring/"))
    assert "Абай даңғылында жөндеу" in found and press.akimat.label not in found
    detail = text_of(district.get(f"/kk/monitoring/{clipping.pk}/"))
    assert "Абай даңғылы" in detail and press.akimat.label not in detail

    centre = text_of(verified_client(press_secretary).get("/kk/monitoring/watchlist/"))
    assert all(label in centre for label in ("Абай даңғылы", "Медеу мұз айдыны", press.akimat.label))


def test_alerts_are_listed_for_their_units_and_marked_seen(world, press, press_secretary, unit_press_secretary):
    clipping = press.clip("Су жоқ", at=now_minus(hours=1), tone=Tone.NEGATIVE)
    Alert.objects.create(unit=world.body, clipping=clipping, watch=press.akimat, reason=AlertReason.NEGATIVE)
    client = verified_client(press_secretary)
    with override("en"):
        page = text_of(client.get("/en/monitoring/alerts/"))
        assert "1 new alert." in page and f'href="/en/monitoring/{clipping.pk}/" lang="kk">Су жоқ</a>' in page
        assert "Negative mention" in page
        response = client.post("/en/monitoring/alerts/seen/")
    assert response["Location"] == "/en/monitoring/alerts/"
    assert Alert.objects.get().seen_at is not None
    assert "Су жоқ" not in text_of(verified_client(unit_press_secretary).get("/kk/monitoring/alerts/"))


def test_the_search_page_marks_the_words_found_and_filters(press, analyst):
    indexed(press.clip("Алматы қаласы әкімдігінің шешімі", at=now_minus(hours=3), tone=Tone.NEGATIVE))
    indexed(press.clip("Almaty qalasy äkımdıgı saiabaq aşty", at=now_minus(hours=2)))
    indexed(press.clip("<script>alert(1)</script> әкімдік", at=now_minus(hours=1)))
    indexed(press.clip("Ауа райы", at=now_minus(hours=1), watches=[]))
    client = verified_client(analyst)

    with override("en"):
        page = text_of(client.get("/en/monitoring/?q=akimdik"))
    assert "3 clippings found" in page
    assert "Almaty qalasy <mark>äkımdıgı</mark> saiabaq aşty" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>әкімдік</mark>" in page and "<script>alert" not in page
    negative = text_of(client.get("/en/monitoring/?q=әкімдік&tones=negative"))
    assert "1 clipping found" in negative and "<mark>әкімдігінің</mark>" in negative


def test_the_export_is_the_result_of_the_search(press, analyst):
    indexed(press.clip("Әкімдік жол жөндеді", at=now_minus(hours=3), tone=Tone.POSITIVE))
    indexed(press.clip("Әкімдік үндемейді", at=now_minus(hours=2), tone=Tone.NEGATIVE, outlet=press.national))
    client = verified_client(analyst)
    with override("en"):
        response = client.get("/en/monitoring/export.csv?q=әкімдік&tones=negative")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Published (Almaty)", "Outlet", "Title"]
    assert [row[2] for row in rows[1:]] == ["Әкімдік үндемейді"]
    assert rows[1][1] == "Orta Agency" and rows[1][5] == "Negative" and rows[1][7] == press.akimat.label

    response = client.get("/kk/monitoring/export.xlsx?q=әкімдік")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sorted(row[2] for row in sheet.iter_rows(min_row=2, values_only=True)) == [
        "Әкімдік жол жөндеді",
        "Әкімдік үндемейді",
    ]
    assert client.get("/kk/monitoring/export.pdf").status_code == 404


def test_the_clipping_page_shows_its_matches_and_its_story_with_the_earliest_marked(press, analyst):
    first = press.clip("Су құбыры жарылды", at=now_minus(hours=6), outlet=press.city, summary="Түрксібте су жоқ.")
    reprint = press.clip("Су құбыры жарылды (көшірме)", at=now_minus(hours=2), outlet=press.national, reprint_of=first)
    with override("en"):
        page = text_of(verified_client(analyst).get(f"/en/monitoring/{reprint.pk}/"))
    assert "The story has 2 items, the earliest first" in page
    rows = page[page.index("The story has") :].split("<tr>")[2:4]
    assert "Qala24" in rows[0] and '<span class="tag">first</span>' in rows[0]
    assert f'href="/en/monitoring/{first.pk}/">Су құбыры жарылды</a>' in rows[0]
    assert "Orta Agency" in rows[1] and "(this item)" in rows[1] and "first</span>" not in rows[1]
    assert "Matched words:" in page and f"<q>{press.akimat.label}</q>" in page


def test_the_tone_is_corrected_on_the_page_and_stays(press, analyst, unit_press_secretary):
    clipping = press.clip("Жол жөнделді", at=now_minus(hours=2), tone=Tone.NEUTRAL)
    assert (
        verified_client(unit_press_secretary)
        .post(f"/kk/monitoring/{clipping.pk}/tone/", {"tone": "negative"})
        .status_code
        == 403
    )
    client = verified_client(analyst)
    response = client.post(f"/kk/monitoring/{clipping.pk}/tone/", {"tone": "negative"})
    assert response.status_code == 302
    clipping.refresh_from_db()
    assert (clipping.tone, clipping.tone_corrected) == ("negative", True)
    with override("en"):
        page = text_of(client.get(f"/en/monitoring/{clipping.pk}/"))
        assert "An analyst set this tone" in page and "Neutral → Negative" in page
        again = client.post(f"/en/monitoring/{clipping.pk}/tone/", {"tone": "negative"})
    assert again.status_code == 400 and "already set this tone" in text_of(again)
    assert client.post(f"/kk/monitoring/{clipping.pk}/tone/", {"tone": "furious"}).status_code == 400
    assert not LearnedStem.objects.exists()  # one correction, no background: nothing learned


def test_an_item_entered_on_the_page_keeps_its_scan_privately(press, analyst, outsider):
    Watch.objects.filter(pk=press.akimat.pk).update(names=["Алматы әкімдігі"], updated_at=timezone.now())
    client = verified_client(analyst)
    aired = timezone.localtime(now_minus(hours=5)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "outlet": press.paper.pk,
        "kind": "print",
        "title": "Алматы әкімдігі жаңа мектеп салды",
        "programme": "Қала тынысы",
        "aired_at": aired,
        "text": "Алматы әкімдігі Наурызбай ауданында жаңа мектеп салды.",
    }
    scan = pdf_bytes()
    response = client.post("/kk/monitoring/new/", {**form, "attachment": SimpleUploadedFile("gazet.jpg", scan)})
    clipping = Clipping.objects.get(title=form["title"])
    assert response["Location"] == f"/kk/monitoring/{clipping.pk}/"
    assert (clipping.kind, clipping.programme, clipping.entered_by) == ("print", "Қала тынысы", analyst)
    assert clipping.mentions.filter(watch=press.akimat).exists()
    assert timezone.localtime(clipping.aired_at).strftime("%Y-%m-%dT%H:%M") == aired

    download = client.get(f"/kk/monitoring/{clipping.pk}/attachment/")
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"
    assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]
    assert f'attachment; filename="clipping-{clipping.pk}.pdf"' == download["Content-Disposition"]
    assert b"".join(download.streaming_content) == scan
    assert verified_client(outsider).get(f"/kk/monitoring/{clipping.pk}/attachment/").status_code == 403

    with override("en"):
        html = b"<html><body><script>alert(1)</script></body></html>"
        refused = client.post(
            "/en/monitoring/new/", {**form, "title": "Екінші", "attachment": SimpleUploadedFile("scan.pdf", html)}
        )
    assert refused.status_code == 200 and "“scan.pdf” is an HTML page" in text_of(refused)
    assert not Clipping.objects.filter(title="Екінші").exists()


REGION = "Алматы облысының әкімдігі Қонаевта жаңа аурухана салатынын хабарлады."
CITY = "Алматы қаласының әкімдігі Әуезов ауданында жаңа мектеп ашты."


def preview(client, path: str, **fields):
    data = {"kind": "organisation", "names": "әкімдік", "exclude": "", "days": 7, "action": "preview"}
    return client.post(path, {**data, **fields})


def test_a_draft_entry_is_tested_on_recent_items_before_it_is_saved(world, press, analyst):
    city = press.clip("Жаңа мектеп", at=now_minus(hours=5), watches=[])
    Clipping.objects.filter(pk=city.pk).update(text=CITY)
    region = press.clip("Жаңа аурухана", at=now_minus(days=2), watches=[])
    Clipping.objects.filter(pk=region.pk).update(text=REGION)
    old = press.clip("Ескі жаңалық", at=now_minus(days=20), watches=[])
    Clipping.objects.filter(pk=old.pk).update(text=CITY)
    client = verified_client(analyst)
    watches = Watch.objects.count()

    with override("en"):
        response = preview(client, "/en/monitoring/watchlist/new/", unit=world.body.pk, exclude="облыс әкімдігі")
    page = text_of(response)
    assert "Of the 2 items of the last 7 days read, 1 would be matched and 1 cancelled by the exclusions" in page
    matched, cancelled = page.split("Cancelled by the exclusions")
    assert "Жаңа мектеп" in matched and "Жаңа аурухана" not in matched and "<q>әкімдігі</q>" in matched
    assert "Жаңа аурухана" in cancelled and "<q>әкімдігі</q>" in cancelled
    assert "Ескі жаңалық" not in page
    assert Watch.objects.count() == watches  # nothing saved

    with override("en"):
        wider = text_of(preview(client, "/en/monitoring/watchlist/new/", unit=world.body.pk, days=30))
    assert "Of the 3 items of the last 30 days read, 3 would be matched" in wider

    # On an existing entry the test changes nothing either.
    edit = f"/kk/monitoring/watchlist/{press.akimat.pk}/"
    assert "Жаңа мектеп" in text_of(preview(client, edit))
    press.akimat.refresh_from_db()
    assert press.akimat.names == ["Almaty City Akimat"]


def test_a_watch_entry_is_saved_from_the_page_or_refused_with_the_reason(world, analyst):
    client = verified_client(analyst)
    data = {"unit": world.body.pk, "kind": "topic", "label": "", "exclude": "", "days": 7, "action": "save"}
    with override("en"):
        refused = client.post("/en/monitoring/watchlist/new/", {**data, "names": "облысы\n"})
    assert refused.status_code == 200 and "“облысы” has nothing to look for" in text_of(refused)
    assert not Watch.objects.exists()
    saved = client.post("/kk/monitoring/watchlist/new/", {**data, "names": "метро\nmetro\n\nметрополитен"})
    assert saved["Location"] == "/kk/monitoring/watchlist/"
    watch = Watch.objects.get()
    assert (watch.label, watch.names, watch.unit) == ("метро", ["метро", "metro", "метрополитен"], world.body)
    assert client.post(f"/kk/monitoring/watchlist/{watch.pk}/active/", {"active": "0"}).status_code == 302
    watch.refresh_from_db()
    assert not watch.active


@pytest.fixture
def committed_index():
    yield
    search.clear(indexing.KIND)  # Django's flush empties the tables, not the search index


@pytest.mark.django_db(transaction=True)  # the worker closes the connection, as in production
def test_sources_show_their_health_and_are_added_read_paused_and_rescheduled(site, press, analyst, committed_index):
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    story = Story("/kk/news/1", "Жаңа мектеп", [CITY, "Мектеп 1200 оқушыға арналған, онда 60 сынып бар."], now)
    site.add(story.path, page(story))
    feed = site.add("/rss.xml", rss(site, [story]), content_type="application/rss+xml")
    client = verified_client(analyst)

    response = client.post(
        "/kk/monitoring/sources/new/", {"outlet": press.city.pk, "url": feed, "kind": "feed", "every_minutes": 60}
    )
    source = Source.objects.get(feed__url=feed)
    assert response["Location"] == f"/kk/monitoring/sources/{source.pk}/"
    assert source.every_minutes == 60 and source.health == SourceHealth.NEW

    client.post(f"/kk/monitoring/sources/{source.pk}/state/", {"step": "read"})
    assert run_queued_tasks() == 1
    source.refresh_from_db()
    assert source.health == SourceHealth.OK and FetchLog.objects.get(source=source).items_new == 1
    assert AuditEntry.objects.filter(action="monitoring.source.read_requested").count() == 1
    with override("en"):
        listed = text_of(client.get("/en/monitoring/sources/"))
        assert "✓ Working" in listed and feed in listed

    client.post(f"/kk/monitoring/sources/{source.pk}/schedule/", {"every_minutes": 15})
    client.post(f"/kk/monitoring/sources/{source.pk}/state/", {"step": "pause"})
    source.refresh_from_db()
    assert (source.every_minutes, source.active, source.health) == (15, False, SourceHealth.PAUSED)
    with override("en"):
        bad = client.post(f"/en/monitoring/sources/{source.pk}/schedule/", {"every_minutes": 1})
    assert bad.status_code == 400


def test_a_district_cannot_change_a_source_of_the_centres_outlet(world, press, analyst, unit_press_secretary):
    source = Source.objects.create(feed=press.city.feeds.create(url="https://qala24.demo/rss.xml"))
    district = verified_client(unit_press_secretary)
    assert district.get(f"/kk/monitoring/sources/{source.pk}/").status_code == 200
    assert district.post(f"/kk/monitoring/sources/{source.pk}/state/", {"step": "pause"}).status_code == 403
    assert district.post(f"/kk/monitoring/sources/{source.pk}/schedule/", {"every_minutes": 60}).status_code == 403
    source.refresh_from_db()
    assert source.active and source.every_minutes == 30


def _counts(client, paths: list[str]) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        out[path] = len(queries)
    return out


def test_list_pages_make_a_fixed_number_of_queries(world, press, analyst):
    list_pages = [
        "/kk/monitoring/",
        "/kk/monitoring/?q=әкімдік",
        "/kk/monitoring/watchlist/",
        "/kk/monitoring/sources/",
        "/kk/monitoring/stories/",
        "/kk/monitoring/pickup/",
    ]

    def more(start: int) -> None:
        for n in range(start, start + 6):
            first = indexed(press.clip(f"Әкімдік хабары {n}", at=now_minus(hours=n), outlet=press.national))
            indexed(press.clip(f"Әкімдік хабары {n}", at=now_minus(hours=n, days=1), reprint_of=first))
            press.watch(world.body, "topic", f"Тақырып {n}")
            outlet = press.city if n % 2 else press.paper
            Source.objects.create(feed=outlet.feeds.create(url=f"https://feeds.demo/{n}.xml"))

    client = verified_client(analyst)
    more(1)
    few = _counts(client, list_pages)
    more(10)
    many = _counts(client, list_pages)
    assert many == few
    # Sign-in and roles (5), then each page's own: the search's outlets and watch entries for the filters, the count,
    # the rows with their outlets' names and the matches in sight. On PostgreSQL the search runs in a block of its
    # own without parallel workers (here a savepoint, the setting and its restoring, the release). With words, their
    # matches in order (the dates the index keeps) count them, after a guess of how many (PostgreSQL's planner's;
    # SQLite's word index counted).
    serial = 4 if connection.vendor == "postgresql" else 0
    assert list(few.values()) == [12 + serial, 13 + serial, 9, 8, 7, 6]
