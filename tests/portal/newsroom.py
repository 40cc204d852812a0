"""Reading the public newsroom as a visitor would: every channel a material can appear in."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
from django.test import Client
from django.utils import timezone

from pressdesk.publications.models import Material, Topic, TopicName

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def make_topic(slug: str = "education") -> Topic:
    topic = Topic.objects.create(slug=slug)
    for language, name in {"kk": "Білім", "ru": "Образование", "en": "Education"}.items():
        TopicName.objects.create(parent=topic, language=language, name=name)
    return topic


def feed(client: Client, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, path
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def sitemap_locations(client: Client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own answer, in a test)
    return [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def where_seen(client: Client, material: Material, *, language: str = "kk", word: str = "мектеп") -> set[str]:
    """The public channels of ``language`` in which ``material`` shows, by its address or its title."""
    title = material.translated(language).title if material.translated(language) else str(material.pk)
    address = f"/{language}/news/{material.pk}/"
    when = material.published_at or material.publish_at
    when = timezone.localtime(when) if when else None  # months are the newsroom's (Almaty), not UTC
    pages = {
        "home": f"/{language}/",
        "type": f"/{language}/type/{material.kind}/",
        "month": f"/{language}/archive/{when.year}/{when.month}/" if when else None,
        "search": f"/{language}/search/?q={word}",
        **{f"topic {t.slug}": f"/{language}/topic/{t.slug}/" for t in material.topics.all()},
    }
    seen = set()
    for channel, path in pages.items():
        if path is None:
            continue
        content = client.get(path).content.decode()
        if address in content or title in content:
            seen.add(channel)
    page = client.get(address)
    if page.status_code == 200 or title in page.content.decode():
        seen.add("page")
    for kind in ("rss", "atom"):
        for path in (f"/{language}/feed/{kind}/", f"/{language}/feed/{material.kind}/{kind}/"):
            if client.get(path).status_code == 404:
                continue  # no feed of a staff-only type at all
            if any(entry.link.endswith(address) for entry in feed(client, path).entries):
                seen.add(path.replace(f"/{language}/", "", 1))
    if any(location.endswith(address) for location in sitemap_locations(client)):
        seen.add("sitemap")
    return seen


def every_channel(material: Material) -> set[str]:
    """What ``where_seen`` finds for a material that is public in that language."""
    return {
        "home",
        "type",
        "month",
        "search",
        "page",
        "feed/rss/",
        "feed/atom/",
        f"feed/{material.kind}/rss/",
        f"feed/{material.kind}/atom/",
        "sitemap",
        *(f"topic {t.slug}" for t in material.topics.all()),
    }
