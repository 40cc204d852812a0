"""The demo corpus written out as a saved folder in ``ingest``'s layout, dated back from now.

Each outlet's feed (the directory's address for it, named in ``manifest.json``) lists
its articles newest first, and each article has its page under ``pages/<host>/…``
with the outlet's menus, a sidebar and a footer around it, its time in
``article:published_time`` (some outlets write JSON-LD instead). Telegram channels
come through their feed bridge with the post's text in the feed and no page. One
paper's feed is in windows-1251 and one agency writes Atom; the transport site also
has a news sitemap that lists the same articles as its feed.
"""

from __future__ import annotations

import datetime
import email.utils
import html
import json
import zoneinfo
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from pressdesk.directory.demo_data import NAMES
from pressdesk.directory.models import Outlet
from pressdesk.monitoring.demo_corpus.articles import ARTICLES, Article

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
CP1251_FEEDS = {"https://predgorie.demo/"}
ATOM_FEEDS = {"https://steppe-signal.demo/"}
JSON_LD = {"https://orta-portal.demo/", "https://kyran-inform.demo/", "https://sarap.demo/"}
MENU = {
    "kk": ("Басты бет", "Жаңалықтар", "Қала", "Спорт", "Оқыңыз", "Барлық құқықтар қорғалған."),
    "ru": ("Главная", "Новости", "Город", "Спорт", "Читайте также", "Все права защищены."),
    "en": ("Home", "News", "City", "Sport", "Read also", "All rights reserved."),
}


def moment(article: Article, now: datetime.datetime) -> datetime.datetime:
    """When the article came out: its day and time in Almaty, never later than a few minutes ago."""
    hour, minute = (int(part) for part in article.time.split(":"))
    day = now.astimezone(ALMATY).date() - datetime.timedelta(days=article.days)
    at = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ALMATY)
    return min(at, (now - datetime.timedelta(minutes=5 + article.days)).astimezone(ALMATY))


def address(article: Article) -> str:
    if article.outlet.startswith("https://t.demo/"):
        return f"{article.outlet}/{article.slug}"
    if Outlet.objects.filter(website=article.outlet, kind="blog").exists():
        return f"{article.outlet}{article.slug}/"
    return f"{article.outlet}{article.language}/news/{article.slug}"


def _feed_url(outlet: Outlet, article: Article) -> str:
    if article.feed == "sitemap":
        return f"{outlet.website}sitemap-news.xml"
    urls = list(outlet.feeds.order_by("pk").values_list("url", flat=True))
    wanted = [url for url in urls if article.feed and url.endswith(f"/{article.feed}/rss.xml")]
    return (wanted or urls)[0]


def write(folder: Path, now: datetime.datetime) -> int:
    """Write the corpus into ``folder``; returns how many articles (those of outlets the directory has)."""
    outlets = {o.website: o for o in Outlet.objects.filter(website__in={a.outlet for a in ARTICLES})}
    feeds: dict[str, list[tuple[Article, str, datetime.datetime]]] = defaultdict(list)
    written = 0
    for article in ARTICLES:
        outlet = outlets.get(article.outlet)
        if outlet is None:
            continue
        url, at = address(article), moment(article, now)
        feeds[_feed_url(outlet, article)].append((article, url, at))
        if not article.outlet.startswith("https://t.demo/") and article.feed != "sitemap":
            _save(folder / "pages" / _page_path(url), _page(article, at))
        written += 1
    manifest = {}
    for number, (feed_url, items) in enumerate(sorted(feeds.items()), start=1):
        items.sort(key=lambda item: item[2], reverse=True)
        host = urlsplit(feed_url).hostname.split(".")[0]
        outlet = items[0][0].outlet
        if feed_url.endswith("sitemap-news.xml"):
            name, content = f"feeds/{number:02d}-{host}-sitemap.xml", _sitemap(items)
        elif outlet in ATOM_FEEDS:
            name, content = f"feeds/{number:02d}-{host}.atom", _atom(feed_url, items)
        else:
            encoding = "windows-1251" if outlet in CP1251_FEEDS else "utf-8"
            name, content = f"feeds/{number:02d}-{host}.xml", _rss(feed_url, items, encoding)
        _save(folder / name, content)
        manifest[name] = feed_url
    _save(folder / "manifest.json", json.dumps({"feeds": manifest}, ensure_ascii=False, indent=1).encode())
    return written


def _save(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _page_path(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.strip("/")
    return f"{parts.netloc}/{path}/index.html" if parts.path.endswith("/") else f"{parts.netloc}/{path}.html"


def _name(article: Article) -> str:
    names = NAMES.get(article.outlet, (article.outlet,) * 3)
    return names[{"kk": 0, "ru": 1}.get(article.language, 2)]


def _paragraphs(article: Article) -> list[str]:
    return [p for p in article.body.split("\n\n") if p.strip()]


def _page(article: Article, at: datetime.datetime) -> bytes:
    home, news, city, sport, more, rights = MENU.get(article.language, MENU["en"])
    name = html.escape(_name(article))
    title = html.escape(article.title)
    if article.outlet in JSON_LD:
        data = {"@type": "NewsArticle", "headline": article.title, "datePublished": at.isoformat()}
        if article.author:
            data["author"] = {"@type": "Person", "name": article.author}
        meta = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    else:
        meta = f'<meta property="article:published_time" content="{at.isoformat()}">'
        if article.author:
            meta += f'<meta name="author" content="{html.escape(article.author)}">'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(article))
    byline = f'<p class="byline">{html.escape(article.author)}</p>' if article.author else ""
    page = (
        f'<!DOCTYPE html><html lang="{article.language}"><head><meta charset="utf-8">'
        f"<title>{title} — {name}</title>{meta}</head><body>"
        f'<header><a href="/">{name}</a><nav><a href="/">{home}</a> <a href="/{article.language}/news/">{news}</a> '
        f'<a href="/tag/city/">{city}</a> <a href="/tag/sport/">{sport}</a></nav></header>'
        f"<main><article><h1>{title}</h1>{byline}{body}</article>"
        f'<aside><h2>{more}</h2><ul><li><a href="/{article.language}/news/">{news}</a></li></ul></aside></main>'
        f"<footer><p>© {name}. {rights}</p></footer></body></html>"
    )
    return page.encode("utf-8")


def _rss(feed_url: str, items, encoding: str) -> bytes:
    parts = []
    for article, url, at in items:
        summary = _paragraphs(article)[0]
        parts.append(
            f"<item><title>{html.escape(article.title)}</title><link>{url}</link><guid>{url}</guid>"
            f"<pubDate>{email.utils.format_datetime(at)}</pubDate>"
            f"<description>{html.escape(summary)}</description></item>"
        )
    name = html.escape(_name(items[0][0]))
    document = (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>{name}</title>'
        f"<link>{feed_url}</link>{''.join(parts)}</channel></rss>"
    )
    return document.encode(encoding)


def _atom(feed_url: str, items) -> bytes:
    entries = "".join(
        f'<entry><title>{html.escape(article.title)}</title><link rel="alternate" href="{url}"/><id>{url}</id>'
        f"<updated>{at.isoformat()}</updated><summary>{html.escape(_paragraphs(article)[0])}</summary></entry>"
        for article, url, at in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(_name(items[0][0]))}</title><id>{feed_url}</id>"
        f"<updated>{items[0][2].isoformat()}</updated>{entries}</feed>"
    ).encode()


def _sitemap(items) -> bytes:
    urls = "".join(
        f"<url><loc>{url}</loc><news:news><news:publication><news:name>{html.escape(_name(article))}</news:name>"
        f"<news:language>{article.language}</news:language></news:publication>"
        f"<news:publication_date>{at.isoformat()}</news:publication_date>"
        f"<news:title>{html.escape(article.title)}</news:title></news:news></url>"
        for article, url, at in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()
