"""Fetching against a real HTTP server on loopback: politeness, validators, limits, bad answers, encodings."""

from __future__ import annotations

import gzip
import time

import pytest

from pressdesk.monitoring.fetching import Blocked, Fetcher, FetchError, Limits, RobotsCache, decode
from tests.monitoring.web import endless

FAST = Limits(
    connect_timeout=1, read_timeout=0.5, total_seconds=1.5, max_bytes=200_000, retries=2, backoff=0.01, host_delay=0
)
RUSSIAN = "Аким города Алматы встретился с жителями Алмалинского района и обсудил ремонт дорог."
KAZAKH = "Алматы қаласының әкімі Әуезов ауданының тұрғындарымен кездесіп, жол жөндеуді талқылады."


def fetcher(**changes) -> Fetcher:
    limits = Limits(**{**FAST.__dict__, **changes})
    return Fetcher(limits, robots=RobotsCache())


def test_it_reads_a_page_and_asks_again_only_if_it_changed(site):
    url = site.add(
        "/feed.xml",
        "<rss/>",
        content_type="application/rss+xml",
        etag='"v1"',
        last_modified="Mon, 01 Jan 2024 10:00:00 GMT",
    )
    with fetcher() as client:
        page = client.get(url, feed=True)
        assert (page.status, page.text, page.etag, page.content_type) == (200, "<rss/>", '"v1"', "application/rss+xml")
        again = client.get(url, etag=page.etag, last_modified=page.last_modified, feed=True)
    assert again.not_modified and again.content == b""
    asked = [r for r in site.requests if r.path == "/feed.xml"]
    assert asked[1].headers["if-none-match"] == '"v1"'
    assert asked[1].headers["if-modified-since"] == "Mon, 01 Jan 2024 10:00:00 GMT"
    assert "pressdesk" in asked[0].headers["user-agent"]


def test_it_keeps_out_of_what_robots_txt_disallows_and_reads_robots_txt_once(site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    open_url = site.add("/news/1", "<p>open</p>")
    site.add("/private/1", "<p>secret</p>")
    with fetcher() as client:
        assert client.get(open_url).text == "<p>open</p>"
        with pytest.raises(Blocked):
            client.get(site.url("/private/1"))
        client.get(open_url)
    assert site.asked("/private/1") == 0
    assert site.asked("/robots.txt") == 1


def test_a_missing_robots_txt_allows_everything_and_a_failing_one_nothing(site):
    url = site.add("/news/1", "<p>open</p>")
    with fetcher() as client:
        assert client.get(url).status == 200
    site.add("/robots.txt", "down", status=500, content_type="text/plain")
    with fetcher(retries=0) as client, pytest.raises(Blocked):
        client.get(url)


def test_two_requests_to_one_host_are_apart_by_the_delay(site):
    url = site.add("/a", "a")
    with fetcher(host_delay=0.15) as client:
        client.get(url)  # robots.txt, then the page: the pause already applies
        started = time.monotonic()
        client.get(url)
        assert time.monotonic() - started >= 0.14


def test_a_busy_server_is_asked_again_with_back_off(site):
    url = site.add("/busy", "finally", fail_first=2)
    with fetcher() as client:
        assert client.get(url).text == "finally"
    assert site.asked("/busy") == 3


def test_a_server_error_that_stays_is_reported_after_the_retries(site):
    url = site.add("/broken", "oops", status=500)
    with fetcher() as client, pytest.raises(FetchError) as error:
        client.get(url)
    assert error.value.status == 500
    assert site.asked("/broken") == 3


def test_a_missing_page_is_not_asked_again(site):
    with fetcher() as client, pytest.raises(FetchError) as error:
        client.get(site.url("/gone"))
    assert error.value.status == 404
    assert site.asked("/gone") == 1


def test_a_slow_answer_times_out(site):
    url = site.add("/slow", "late", delay=2)
    started = time.monotonic()
    with fetcher(retries=1, read_timeout=0.2) as client, pytest.raises(FetchError, match="in time"):
        client.get(url)
    assert time.monotonic() - started < 1.5
    assert site.asked("/slow") == 2


def test_redirects_are_followed_and_a_loop_ends(site):
    site.add("/new", "moved here")
    site.redirect("/old", "/new", status=301)
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    with fetcher() as client:
        page = client.get(site.url("/old"))
        assert (page.url, page.text) == (site.url("/new"), "moved here")
        with pytest.raises(FetchError, match="circle"):
            client.get(site.url("/a"))


def test_a_gigantic_page_is_cut_off_whether_or_not_it_says_its_size(site):
    big = b"<p>" + b"x" * 300_000 + b"</p>"
    with fetcher() as client:
        with pytest.raises(FetchError, match="larger than"):
            client.get(site.add("/big", big))
        with pytest.raises(FetchError, match="larger than"):
            client.get(site.add("/big-unsaid", b"", stream=lambda: iter([big[:100_000], big[100_000:]])))


def test_a_compression_bomb_is_cut_off_by_its_unpacked_size(site):
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < FAST.max_bytes
    url = site.add("/bomb", bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    with fetcher() as client, pytest.raises(FetchError):
        client.get(url)


def test_a_feed_that_never_ends_is_stopped(site):
    url = site.add(
        "/endless.xml", b"", content_type="application/rss+xml", stream=endless(b"<item>x</item>" * 10, 0.01)
    )
    started = time.monotonic()
    with fetcher(max_bytes=10_000_000, total_seconds=0.4) as client, pytest.raises(FetchError, match="kept sending"):
        client.get(url, feed=True)
    assert time.monotonic() - started < 1.5


def test_binary_content_is_refused_whatever_it_is_labelled(site):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    with fetcher() as client:
        with pytest.raises(FetchError, match="image/png"):
            client.get(site.add("/photo", png, content_type="image/png"))
        with pytest.raises(FetchError, match="binary"):
            client.get(site.add("/photo.html", png, content_type="text/html"))
        with pytest.raises(FetchError, match="binary"):
            client.get(site.add("/nul", b"<html>\0\0\0</html>", content_type="text/html"))


def test_text_is_read_in_the_encoding_the_server_names(site):
    url = site.add("/cp1251", RUSSIAN.encode("cp1251"), content_type="text/html; charset=windows-1251")
    with fetcher() as client:
        page = client.get(url)
    assert page.charset == "windows-1251" and page.text == RUSSIAN


@pytest.mark.parametrize(
    ("content", "declared", "codec"),
    [
        pytest.param(RUSSIAN.encode("cp1251"), "utf-8", "cp1251", id="cp1251 labelled utf-8"),
        pytest.param(RUSSIAN.encode("utf-8"), "windows-1251", "utf-8", id="utf-8 labelled cp1251"),
        pytest.param(RUSSIAN.encode("cp1251"), "iso-8859-1", "cp1251", id="cp1251 labelled latin-1"),
        pytest.param(RUSSIAN.encode("cp1251"), "", "cp1251", id="cp1251 unlabelled"),
        pytest.param(RUSSIAN.encode("koi8-r"), "", "koi8-r", id="koi8-r unlabelled"),
        pytest.param(KAZAKH.encode("kz1048"), "", "kz1048", id="kazakh kz1048 unlabelled"),
        pytest.param(KAZAKH.encode("kz1048"), "no-such-charset", "kz1048", id="unknown label"),
        pytest.param(("\ufeff" + KAZAKH).encode("utf-8"), "windows-1251", "utf-8-sig", id="byte-order mark"),
    ],
)
def test_mislabelled_and_unlabelled_encodings_are_read_right(content, declared, codec):
    text, used = decode(content, declared)
    assert used == codec
    assert text.lstrip("\ufeff") in (RUSSIAN, KAZAKH)


def test_the_document_may_name_its_own_encoding():
    document = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>{RUSSIAN}'
    text, used = decode(document.encode("koi8-r"), "")
    assert used == "koi8-r" and RUSSIAN in text
    xml = f'<?xml version="1.0" encoding="windows-1251"?><rss>{RUSSIAN}</rss>'
    assert decode(xml.encode("cp1251"), "utf-8")[1] == "cp1251"
