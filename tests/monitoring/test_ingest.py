"""Ingesting a saved folder of feeds and pages without the network (``pressdesk monitor ingest --from DIR``)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from pressdesk.monitoring import ingest
from pressdesk.monitoring.ingest import IngestError, ingest_dir
from pressdesk.monitoring.models import Clipping, Source
from pressdesk.monitoring.sources import source_for_feed
from tests.directory.conftest import Directory
from tests.monitoring.web import Story, news_sitemap, page, rss, sitemap_index

pytestmark = pytest.mark.django_db

ALMATY = datetime.timezone(datetime.timedelta(hours=5))
NOW = datetime.datetime.now(ALMATY).replace(microsecond=0)
PARAGRAPHS = [
    "Алматы қаласының әкімдігі Әуезов ауданында жаңа мектеп ашты. Мектеп 1200 оқушыға арналған.",
    "Онда 60 сынып, спорт залы мен кітапхана бар. Құрылыс қала бюджеті есебінен жүргізілді.",
]


class Saved:
    """A site's origin for the document builders, and the folder they are written to."""

    def __init__(self, root: Path, origin: str):
        self.root = root
        self.origin = origin

    def url(self, path: str) -> str:
        return self.origin + path

    def write(self, relative: str, content: bytes | str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)


def story(path: str, title: str, hours_ago: int = 1) -> Story:
    return Story(path, title, PARAGRAPHS, NOW - datetime.timedelta(hours=hours_ago), language="kk")


@pytest.fixture
def qala24(tmp_path) -> Saved:
    return Saved(tmp_path, "https://qala24.demo")


def test_a_saved_feed_and_its_pages_become_clippings_of_the_outlet(world, qala24):
    outlet = Directory(world).outlet("Қала24", website="https://qala24.demo/", feeds=["https://qala24.demo/rss.xml"])
    source = source_for_feed(outlet.feeds.get())
    stories = [story("/kk/news/1", "Жаңа мектеп"), story("/kk/news/2", "Тағы бір мектеп", 3)]
    stories[1].paragraphs = [p.replace("Әуезов", "Медеу") for p in PARAGRAPHS]
    qala24.write("feeds/qala24.xml", rss(qala24, stories))
    qala24.write("pages/qala24.demo/kk/news/1.html", page(stories[0]))
    qala24.write("pages/qala24.demo/kk/news/2/index.html", page(stories[1]))
    qala24.write("manifest.json", json.dumps({"feeds": {"feeds/qala24.xml": "https://qala24.demo/rss.xml"}}))

    summary = ingest_dir(qala24.root)

    assert (summary.feeds, summary.entries, len(summary.stored), summary.skipped) == (1, 2, 2, [])
    clippings = Clipping.objects.order_by("published_at")
    assert [c.title for c in clippings] == ["Тағы бір мектеп", "Жаңа мектеп"]
    assert all(c.outlet == outlet and c.source == source for c in clippings)
    assert clippings[1].text == "\n".join(PARAGRAPHS)
    assert clippings[1].published_at == stories[0].published

    again = ingest_dir(qala24.root)
    assert (len(again.stored), again.duplicates) == (0, 2)
    assert "2 feeds" not in again.lines()[0] and "0 stored" in again.lines()[0]


def test_without_a_manifest_items_go_to_the_outlet_whose_address_they_start_with(world, qala24):
    directory = Directory(world)
    qala = directory.outlet("Қала24", website="https://qala24.demo/")
    channel = directory.outlet("Тау желі", kind="telegram", website="https://t.demo/tau_zheli")
    items = [story("/kk/news/1", "Жаңа мектеп")]
    qala24.write("feeds/a.xml", rss(qala24, items))
    qala24.write("pages/qala24.demo/kk/news/1", page(items[0]))
    telegram = Saved(qala24.root, "https://t.demo")
    posts = [story("/tau_zheli/512", "Мектеп ашылды")]
    qala24.write("feeds/b.xml", rss(telegram, posts, with_text=False))
    qala24.write("pages/t.demo/tau_zheli/512.html", page(posts[0]))

    summary = ingest_dir(qala24.root)

    assert len(summary.stored) == 2, summary.lines()
    assert Clipping.objects.get(url__contains="qala24").outlet == qala
    post = Clipping.objects.get(url__contains="t.demo")
    assert (post.outlet, post.kind, post.source) == (channel, "post", None)
    assert not Source.objects.exists()  # ingesting starts no reading of anything


def test_pages_named_in_the_manifest_and_a_sitemap_index(world, qala24):
    items = [story("/kk/news/1", "Жаңа мектеп"), story("/kk/news/2", "Екінші", 2)]
    qala24.write("feeds/sitemap.xml", sitemap_index(qala24, {"/sitemap-news.xml": NOW}))
    qala24.write("pages/qala24.demo/sitemap-news.xml", news_sitemap(qala24, items))
    qala24.write("saved/first.html", page(items[0]))
    qala24.write("pages/qala24.demo/kk/news/2.html", page(items[1]))
    alone = story("/kk/only-here", "Жалғыз бет")
    qala24.write("saved/alone.html", page(alone))
    manifest = {
        "feeds": {"feeds/sitemap.xml": "https://qala24.demo/sitemap.xml"},
        "pages": {
            "https://qala24.demo/kk/news/1": "saved/first.html",
            "https://qala24.demo/kk/only-here": "saved/alone.html",
        },
    }
    qala24.write("manifest.json", json.dumps(manifest))

    summary = ingest_dir(qala24.root)

    assert len(summary.stored) == 3, summary.lines()
    assert set(Clipping.objects.values_list("title", flat=True)) == {"Жаңа мектеп", "Екінші", "Жалғыз бет"}


def test_what_cannot_be_read_is_reported_and_the_rest_is_ingested(qala24, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 50_000)
    good = story("/kk/news/1", "Жаңа мектеп")
    listed = [good, story("/kk/binary", "Сурет"), story("/kk/huge", "Үлкен бет"), story("/kk/missing", "Жоқ")]
    listed[3].paragraphs = []  # the feed says nothing of it but its title
    qala24.write("feeds/1-broken.xml", b"<rss><channel><item><title>cut")
    qala24.write("feeds/2-binary.xml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    qala24.write("feeds/3-good.xml", rss(qala24, listed))
    qala24.write("pages/qala24.demo/kk/news/1.html", page(good))
    qala24.write("pages/qala24.demo/kk/binary.html", b"\xff\xd8\xff\xe0\0\0JFIF" + b"\0" * 100)
    qala24.write("pages/qala24.demo/kk/huge.html", "<p>" + "өте ұзын " * 10_000 + "</p>")

    summary = ingest_dir(qala24.root)

    assert summary.feeds == 1 and len(summary.stored) >= 1
    skipped = dict(summary.skipped)
    assert "not well-formed" in skipped["feeds/1-broken.xml"]
    assert "binary" in skipped["feeds/2-binary.xml"]
    assert "https://qala24.demo/kk/missing" in skipped
    # A page that cannot be read leaves what the feed said of the item, when it said something.
    texts = dict(Clipping.objects.values_list("title", "text"))
    assert texts["Жаңа мектеп"] == "\n".join(PARAGRAPHS)
    assert texts["Сурет"] == PARAGRAPHS[0] and texts["Үлкен бет"] == PARAGRAPHS[0]


def test_a_folder_that_is_not_one_or_a_bad_manifest_is_refused(tmp_path):
    with pytest.raises(IngestError, match="not a folder"):
        ingest_dir(tmp_path / "missing")
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(IngestError, match="not JSON"):
        ingest_dir(tmp_path)
    (tmp_path / "manifest.json").write_text('{"feeds": []}')
    with pytest.raises(IngestError, match="objects"):
        ingest_dir(tmp_path)


def test_the_manifest_cannot_reach_outside_the_folder(tmp_path, qala24):
    secret = tmp_path.parent / "secret.html"
    secret.write_text("<html><body><p>" + "құпия " * 50 + "</p></body></html>")
    qala24.write("manifest.json", json.dumps({"pages": {"https://qala24.demo/x": "../secret.html"}}))
    summary = ingest_dir(qala24.root)
    assert summary.stored == [] and "not in the folder" in dict(summary.skipped)["https://qala24.demo/x"]


def test_the_console_command_ingests_a_folder_once_and_names_a_missing_one(world, qala24):
    import io

    from django.core.management import CommandError, call_command

    Directory(world).outlet("Қала24", website="https://qala24.demo/", feeds=["https://qala24.demo/rss.xml"])
    qala24.write("feeds/qala24.xml", rss(qala24, [story("/kk/news/1", "Жаңа мектеп")]))
    out = io.StringIO()
    call_command("monitor", "ingest", "--from", str(qala24.root), stdout=out)
    assert "1 stored" in out.getvalue() and Clipping.objects.count() == 1
    call_command("monitor", "ingest", "--from", str(qala24.root), stdout=io.StringIO())
    assert Clipping.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("monitor", "ingest", "--from", str(qala24.root / "nowhere"))
