"""What a source lists: RSS, Atom, news sitemaps, sitemap indexes and listing pages, and the broken ones."""

from __future__ import annotations

import datetime

import pytest

from pressdesk.monitoring import feeds
from pressdesk.monitoring.feeds import FeedError, looks_like_article
from tests.monitoring.web import Site, Story, atom, news_sitemap, rss, sitemap_index

BASE = "https://qala24.demo"
ALMATY = datetime.timezone(datetime.timedelta(hours=5))
STORIES = [
    Story(
        "/ru/news/2025/01/10/akim-vstretilsya-s-zhitelyami",
        "Аким встретился с жителями Алмалинского района",
        ["Аким города провёл встречу с жителями.", "Обсуждали дороги."],
        datetime.datetime(2025, 1, 10, 9, 30, tzinfo=ALMATY),
    ),
    Story(
        "/kk/news/2025/01/11/akim-turgyndarmen-kezdesti",
        "Әкім Әуезов ауданының тұрғындарымен кездесті",
        ["Қала әкімі тұрғындармен кездесті.", "Жолдар талқыланды."],
        datetime.datetime(2025, 1, 11, 15, 0, tzinfo=ALMATY),
        language="kk",
    ),
]


class Here:
    """Builders take a site for its addresses; parsing needs none, so a fixed origin does."""

    origin = BASE

    def url(self, path: str) -> str:
        return BASE + path


HERE = Here()


def test_an_rss_feed_gives_its_items_with_time_and_text():
    listing = feeds.parse(rss(HERE, STORIES, with_text=True), url=f"{BASE}/rss.xml")
    assert listing.kind == feeds.FEED and not listing.warning
    first, second = listing.entries
    assert first.url == BASE + STORIES[0].path
    assert first.title == STORIES[0].title
    assert first.published_at == STORIES[0].published
    assert first.summary == "Аким города провёл встречу с жителями."
    assert first.content == "Аким города провёл встречу с жителями.\nОбсуждали дороги."
    assert second.title == "Әкім Әуезов ауданының тұрғындарымен кездесті"


def test_a_feed_in_cp1251_is_read_whatever_its_label_says():
    data = rss(HERE, STORIES[:1], encoding="windows-1251")
    for declared in ("", "utf-8", "windows-1251"):
        listing = feeds.parse(data, url=f"{BASE}/rss.xml", declared=declared)
        assert listing.entries[0].title == STORIES[0].title
    unlabelled = data.replace(b' encoding="windows-1251"', b"")
    assert feeds.parse(unlabelled, url=f"{BASE}/rss.xml").entries[0].title == STORIES[0].title


def test_an_atom_feed_gives_its_entries():
    listing = feeds.parse(atom(HERE, STORIES), url=f"{BASE}/atom.xml")
    assert [e.url for e in listing.entries] == [BASE + s.path for s in STORIES]
    assert listing.entries[1].published_at == STORIES[1].published


def test_relative_links_are_resolved_and_items_without_an_address_dropped():
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>relative</title><link>/news/2025/1</link></item>"
        b"<item><title>no link</title><description>just words</description></item>"
        b"<item><title>mail</title><link>mailto:x@y.kz</link></item>"
        b"</channel></rss>"
    )
    listing = feeds.parse(data, url=f"{BASE}/feeds/rss.xml")
    assert [(e.title, e.url) for e in listing.entries] == [("relative", f"{BASE}/news/2025/1")]


def test_a_news_sitemap_gives_its_articles_newest_first():
    listing = feeds.parse(news_sitemap(HERE, STORIES), url=f"{BASE}/sitemap-news.xml")
    assert listing.kind == feeds.SITEMAP
    assert [e.title for e in listing.entries] == [STORIES[1].title, STORIES[0].title]
    assert listing.entries[1].published_at == STORIES[0].published


def test_a_sitemap_index_names_its_newest_sitemaps():
    moments = {f"/sitemap-{n}.xml": datetime.datetime(2025, 1, n, tzinfo=datetime.UTC) for n in range(1, 6)}
    listing = feeds.parse(sitemap_index(HERE, moments), url=f"{BASE}/sitemap.xml")
    assert listing.kind == feeds.SITEMAP_INDEX
    assert listing.sitemaps == [f"{BASE}/sitemap-5.xml", f"{BASE}/sitemap-4.xml", f"{BASE}/sitemap-3.xml"]


def test_a_plain_sitemap_uses_lastmod():
    data = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://qala24.demo/a-1</loc><lastmod>2025-01-02</lastmod></url></urlset>"
    )
    (entry,) = feeds.parse(data, url=f"{BASE}/sitemap.xml").entries
    assert entry.published_at == datetime.datetime(2025, 1, 2, 12, tzinfo=ALMATY).astimezone(entry.published_at.tzinfo)


def test_a_listing_page_gives_the_links_that_look_like_articles():
    page = f"""<html><body><nav><a href="/">Home</a><a href="/ru/news/">News</a><a href="/tag/akimat/">Tag</a>
    <a href="/about">About</a><a href="https://other.demo/ru/news/2025/1">elsewhere</a></nav>
    <ul><li><a href="/ru/news/2025/01/10/akim-vstretilsya-s-zhitelyami">Аким встретился</a></li>
    <li><a href="{BASE}/ru/news/2025/01/10/akim-vstretilsya-s-zhitelyami?utm_source=x">Аким встретился</a></li>
    <li><a href="/ru/news/12345">Короткая новость</a></li>
    <li><a href="/ru/news/photo.jpg">photo</a></li>
    <li><a href="/ru/news/page/2">next page</a></li></ul></body></html>"""
    listing = feeds.parse(page.encode(), url=f"{BASE}/ru/news/")
    assert listing.kind == feeds.LISTING
    assert [e.url for e in listing.entries] == [
        f"{BASE}/ru/news/2025/01/10/akim-vstretilsya-s-zhitelyami",
        f"{BASE}/ru/news/12345",
    ]
    assert listing.entries[0].title == "Аким встретился"


def test_what_looks_like_an_article_on_a_home_page():
    assert looks_like_article(f"{BASE}/2025/01/10/akim", f"{BASE}/")
    assert looks_like_article(f"{BASE}/akim-vstretilsya-s-zhitelyami", f"{BASE}/")
    assert not looks_like_article(f"{BASE}/sport", f"{BASE}/")
    assert not looks_like_article(f"{BASE}/", f"{BASE}/")


def test_broken_xml_gives_what_can_be_read_and_says_so():
    data = rss(HERE, STORIES).replace(b"</channel></rss>", b"<item><title>cut off")
    listing = feeds.parse(data, url=f"{BASE}/rss.xml")
    assert [e.title for e in listing.entries][:2] == [s.title for s in STORIES]
    assert "faults" in listing.warning


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n  ", "empty"),
        (b"just some words, no markup", "not XML"),
        (b"<rss><channel><item><title>x</ti", "not well-formed"),
        (b"<?xml version='1.0'?><something-else><a>1</a></something-else>", "neither"),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b"<rss><channel><item><title>&b;</title><link>http://x.kz/1</link></item></channel></rss>",
            "entities",
        ),
        (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>', "sitemap"),
    ],
)
def test_documents_that_give_nothing_are_refused_with_a_reason(data, reason):
    with pytest.raises(FeedError, match=reason):
        feeds.parse(data, url=f"{BASE}/rss.xml")


def test_a_feed_lists_at_most_its_share_of_items():
    many = [Story(f"/news/{n}", f"Title {n}", ["Text."], STORIES[0].published) for n in range(feeds.MAX_ENTRIES + 20)]
    assert len(feeds.parse(rss(HERE, many), url=f"{BASE}/rss.xml").entries) == feeds.MAX_ENTRIES


def test_a_feed_from_the_server_parses_as_served():
    with Site() as site:
        site.add("/rss.xml", rss(site, STORIES), content_type="application/rss+xml")
        from pressdesk.monitoring.fetching import Fetcher, Limits, RobotsCache

        with Fetcher(Limits(host_delay=0), robots=RobotsCache()) as client:
            page = client.get(site.url("/rss.xml"), feed=True)
        listing = feeds.parse(page.content, url=page.url, declared=page.charset)
    assert [e.url for e in listing.entries] == [site.url(s.path) for s in STORIES]
