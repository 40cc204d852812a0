"""The public newsroom: pages per language, listings, search, feeds, sitemap, robots.txt and cache headers."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from pressdesk.portal.newsroom import views
from pressdesk.publications import services
from pressdesk.publications.models import Material, MaterialKind, MediaAsset
from pressdesk.publications.services import Text
from tests.conftest import verified_client
from tests.portal.newsroom import every_channel, feed, make_topic, sitemap_locations, where_seen
from tests.publications.materials import KAZAKH, RUSSIAN

pytestmark = pytest.mark.django_db


def kk(message: str) -> str:
    with translation.override("kk"):
        return translation.gettext(message)


def published_at(material: Material, moment: datetime.datetime) -> Material:
    Material.objects.filter(pk=material.pk).update(published_at=moment)
    material.refresh_from_db()
    return material


def test_a_published_material_shows_in_every_public_channel_of_its_languages(desk):
    material = desk.published()
    material.topics.add(make_topic())
    client = Client()

    assert where_seen(client, material) == every_channel(material)
    assert where_seen(client, material, language="ru", word="школа") == every_channel(material)
    assert where_seen(client, material, language="en", word="school") == set()


def test_drafts_approved_and_lines_to_take_never_appear(desk):
    draft = desk.draft()
    approved = desk.approved()
    client = Client()

    assert where_seen(client, draft) == set()
    assert where_seen(client, approved) == set()
    assert client.get(f"/kk/type/{MaterialKind.QA}/").status_code == 404
    assert client.get(f"/kk/feed/{MaterialKind.QA}/rss/").status_code == 404


def test_the_home_page_shows_the_latest_first_and_ways_to_browse(desk):
    older = published_at(desk.published(), timezone.now() - datetime.timedelta(days=40))
    newer = desk.published(MaterialKind.NEWS)
    newer.topics.add(make_topic())

    content = Client().get("/kk/").content.decode()

    assert content.index(f"/kk/news/{newer.pk}/") < content.index(f"/kk/news/{older.pk}/")
    assert "/kk/type/news/" in content and "/kk/type/press_release/" in content
    assert "/kk/topic/education/" in content and "Білім" in content
    month = timezone.localtime(older.published_at)
    assert f"/kk/archive/{month.year}/{month.month}/" in content
    assert "/kk/type/qa/" not in content


def test_listings_are_paginated_newest_first(desk, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first, second, third = (desk.published() for _ in range(3))
    client = Client()

    page_one = client.get("/kk/type/press_release/").content.decode()
    page_two = client.get("/kk/type/press_release/?page=2").content.decode()

    assert re.findall(r"/kk/news/(\d+)/", page_one) == [str(third.pk), str(second.pk)]
    assert re.findall(r"/kk/news/(\d+)/", page_two) == [str(first.pk)]
    assert "?page=2" in page_one and "?page=1" in page_two


def test_a_listing_makes_the_same_number_of_queries_for_more_materials(desk):
    topic = make_topic()
    desk.published().topics.add(topic)
    client = Client()
    with CaptureQueriesContext(connection) as few:
        client.get("/kk/type/press_release/")
    for _ in range(3):
        desk.published().topics.add(topic)
    with CaptureQueriesContext(connection) as many:
        content = client.get("/kk/type/press_release/").content.decode()

    assert content.count("/kk/news/") == 4
    assert len(many) == len(few)


def test_the_month_archive_holds_the_materials_of_that_month(desk):
    old = published_at(desk.published(), datetime.datetime(2024, 1, 15, 12, tzinfo=timezone.get_current_timezone()))
    new = desk.published()
    client = Client()

    january = client.get("/kk/archive/2024/1/").content.decode()
    now = timezone.localtime()
    this_month = client.get(f"/kk/archive/{now.year}/{now.month}/").content.decode()

    assert f"/kk/news/{old.pk}/" in january and f"/kk/news/{new.pk}/" not in january
    assert f"/kk/news/{new.pk}/" in this_month and f"/kk/news/{old.pk}/" not in this_month
    assert "2024" in january
    assert client.get("/kk/archive/2024/13/").status_code == 404


def test_search_finds_public_materials_in_the_page_language(desk):
    material = desk.published()
    client = Client()

    assert f"/kk/news/{material.pk}/" in client.get("/kk/search/?q=мектеп").content.decode()
    assert f"/ru/news/{material.pk}/" in client.get("/ru/search/?q=школы").content.decode()
    assert f"/kk/news/{material.pk}/" not in client.get("/kk/search/?q=трамвай").content.decode()


def test_an_empty_search_shows_a_hint_and_nothing_else(desk):
    material = desk.published()

    content = Client().get("/kk/search/?q=").content.decode()

    assert (
        kk("Type one or more words in the search box above: you will see the materials that contain all of them.")
        in content
    )
    assert f"/kk/news/{material.pk}/" not in content


def test_the_material_page_has_opengraph_canonical_and_language_alternates(desk, settings):
    settings.SITE_URL = "https://press.example.kz"
    material = desk.published()

    content = Client().get(f"/kk/news/{material.pk}/").content.decode()

    assert f"<h1>{KAZAKH.title}</h1>" in content
    assert "<strong>1200 орындық</strong>" in content
    canonical = f"https://press.example.kz/kk/news/{material.pk}/"
    assert f'<link rel="canonical" href="{canonical}">' in content
    assert f'<meta property="og:url" content="{canonical}">' in content
    assert f'<meta property="og:title" content="{KAZAKH.title}">' in content
    assert '<meta property="og:locale" content="kk_KZ">' in content
    assert f'hreflang="ru" href="https://press.example.kz/ru/news/{material.pk}/"' in content
    assert '<link rel="alternate" hreflang="en"' not in content
    assert "og:image" not in content


def test_the_lead_photo_is_shown_and_offered_as_the_opengraph_image(desk, settings):
    settings.SITE_URL = "https://press.example.kz"
    photo = MediaAsset.objects.create(
        unit=desk.world.body,
        file="library/school.jpg",
        original_name="school.jpg",
        content_type="image/jpeg",
        size=1000,
        width=800,
        height=600,
        sha256="0" * 64,
    )
    material = desk.published()
    Material.objects.filter(pk=material.pk).update(lead_image=photo)

    content = Client().get(f"/kk/news/{material.pk}/").content.decode()

    assert f'<meta property="og:image" content="https://press.example.kz/files/{photo.pk}/">' in content
    assert f'<img src="/files/{photo.pk}/"' in content


def test_a_material_without_a_version_in_the_language_links_to_the_ones_it_has(desk):
    material = desk.published()

    response = Client().get(f"/en/news/{material.pk}/")

    assert response.status_code == 404
    content = response.content.decode()
    assert f'href="/kk/news/{material.pk}/"' in content and f'href="/ru/news/{material.pk}/"' in content
    assert KAZAKH.body not in content


def test_a_corrected_material_shows_its_dated_correction_note_in_each_language(desk):
    material = desk.published()
    services.correct(
        actor=desk.secretary,
        material=material,
        texts={"kk": Text(KAZAKH.title, KAZAKH.summary, KAZAKH.body.replace("60", "64"))},
        notes={"kk": "Сыныптар саны түзетілді.", "ru": "Исправлено число классов."},
    )
    client = Client()

    kazakh = client.get(f"/kk/news/{material.pk}/").content.decode()
    russian = client.get(f"/ru/news/{material.pk}/").content.decode()

    assert "Сыныптар саны түзетілді." in kazakh and "64 сынып" in kazakh
    assert "Исправлено число классов." in russian
    with translation.override("ru"):
        assert translation.gettext("Corrections") in russian
    assert str(timezone.localdate().year) in kazakh


def test_a_withdrawn_material_keeps_its_address_with_the_reason_and_leaves_every_list(desk):
    material = desk.published()
    material.topics.add(make_topic())
    services.withdraw(actor=desk.secretary, material=material, reason="Мәтін қате жарияланды.")
    client = Client()

    response = client.get(f"/kk/news/{material.pk}/")

    assert response.status_code == 410
    content = response.content.decode()
    assert KAZAKH.title in content and "Мәтін қате жарияланды." in content
    assert "60 сынып" not in content and KAZAKH.summary not in content
    assert where_seen(client, material) == {"page"}  # the address answers; no list, feed or sitemap names it


def test_script_in_a_title_is_shown_as_text_everywhere(desk):
    material = services.create(
        actor=desk.officer,
        unit=desk.world.body,
        kind=MaterialKind.NEWS,
        language="kk",
        text=Text("<script>alert(1)</script> Жаңа мектеп", "Қысқаша", "Мәтін"),
    )
    services.submit(actor=desk.officer, material=material)
    services.approve(actor=desk.secretary, material=material)
    services.publish_now(actor=desk.secretary, material=material)
    client = Client()

    for path in ("/kk/", f"/kk/news/{material.pk}/", "/kk/search/?q=мектеп"):
        content = client.get(path).content.decode()
        assert "<script>alert(1)</script>" not in content, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Жаңа мектеп" in content, path
    assert feed(client, "/kk/feed/rss/").entries[0].title == "<script>alert(1)</script> Жаңа мектеп"


@pytest.mark.parametrize(("path", "version"), [("/kk/feed/rss/", "rss20"), ("/kk/feed/atom/", "atom10")])
def test_feeds_parse_in_a_feed_reader_with_absolute_links(desk, settings, path, version):
    settings.SITE_URL = "https://press.example.kz"
    material = desk.published()
    news = desk.published(MaterialKind.NEWS)

    parsed = feed(Client(), path)

    assert parsed.version == version
    assert parsed.feed.language == "kk"
    assert [entry.link for entry in parsed.entries] == [
        f"https://press.example.kz/kk/news/{news.pk}/",
        f"https://press.example.kz/kk/news/{material.pk}/",
    ]
    assert parsed.entries[1].title == KAZAKH.title
    assert parsed.entries[1].summary == KAZAKH.summary
    assert parsed.entries[1].published_parsed is not None


def test_a_type_feed_holds_only_that_type_and_the_language_feed_only_that_language(desk):
    release = desk.published()
    news = desk.published(MaterialKind.NEWS, russian=False)
    client = Client()

    assert [e.link.rsplit("/news/")[1] for e in feed(client, "/kk/feed/news/atom/").entries] == [f"{news.pk}/"]
    assert [e.title for e in feed(client, "/ru/feed/rss/").entries] == [RUSSIAN.title]
    assert f"/ru/news/{release.pk}/" in feed(client, "/ru/feed/rss/").entries[0].link


def test_the_sitemap_lists_each_public_material_in_each_language_it_has(desk, settings):
    settings.SITE_URL = "https://press.example.kz"
    material = desk.published()
    desk.draft()
    client = Client()

    locations = sitemap_locations(client)
    content = client.get("/sitemap.xml").content.decode()

    assert f"https://press.example.kz/kk/news/{material.pk}/" in locations
    assert f"https://press.example.kz/ru/news/{material.pk}/" in locations
    assert f"https://press.example.kz/en/news/{material.pk}/" not in locations
    assert "https://press.example.kz/en/" in locations
    assert len([loc for loc in locations if "/news/" in loc]) == 2
    assert content.count("<lastmod>") >= 2
    assert 'hreflang="ru"' in content


def test_robots_txt_opens_the_newsroom_closes_staff_pages_and_names_the_sitemap(settings):
    settings.SITE_URL = "https://press.example.kz"

    response = Client().get("/robots.txt")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for language in ("kk", "ru", "en"):
        for section in ("desk", "materials", "directory", "inquiries", "portal", "signin"):
            assert f"Disallow: /{language}/{section}/" in lines
        for section in ("news", "type", "topic", "archive", "search", "feed"):
            assert not any(line.startswith(f"Disallow: /{language}/{section}") for line in lines)
    assert "Disallow: /admin/" in lines and "Disallow: /api/" in lines
    assert "Sitemap: https://press.example.kz/sitemap.xml" in lines


@pytest.mark.parametrize("path", ["/kk/", "/kk/type/press_release/", "/kk/feed/rss/", "/sitemap.xml", "/robots.txt"])
def test_public_answers_are_cacheable_by_anyone_and_carry_no_cookie(desk, path):
    desk.published()
    client = Client()

    response = client.get(path)

    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"public", f"max-age={settings.NEWSROOM_CACHE_SECONDS}"}
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    again = client.get(path, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_the_material_page_is_cacheable_and_a_missing_one_is_not_kept(desk):
    material = desk.published()
    client = Client()

    found = client.get(f"/kk/news/{material.pk}/")
    missing = client.get(f"/kk/news/{material.pk + 1000}/")

    assert "public" in found["Cache-Control"] and "ETag" in found
    assert missing.status_code == 404
    assert "max-age=0" in missing["Cache-Control"] and "must-revalidate" in missing["Cache-Control"]
    assert "Cookie" not in missing.get("Vary", "") and not missing.cookies


def test_a_signed_in_visitor_gets_the_same_page_but_private(desk):
    desk.published()
    anonymous = Client().get("/kk/")

    signed_in = verified_client(desk.secretary).get("/kk/")

    assert "private" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]
    assert signed_in.content == anonymous.content
    assert desk.secretary.full_name not in signed_in.content.decode()


def test_the_press_kit_offers_only_the_brand_assets_marked_public(desk, client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from pressdesk.publications import media

    def png(name: str) -> SimpleUploadedFile:
        buffer = io.BytesIO()
        Image.new("RGB", (120, 60), "teal").save(buffer, "PNG")
        return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")

    unit = desk.world.body
    with django_capture_on_commit_callbacks(execute=True):  # the files are written when the upload commits
        logo = media.upload(
            actor=desk.secretary,
            unit=unit,
            uploaded_file=png("logo.png"),
            section="brand",
            alts={"kk": ("Әкімдіктің логотипі", "")},
            is_public=True,
        )
        media.upload(
            actor=desk.secretary,
            unit=unit,
            uploaded_file=png("draft-logo.png"),
            section="brand",
            alts={"kk": ("Жаңа логотиптің жобасы", "")},
        )
    page = client.get("/kk/press-kit/")
    content = page.content.decode()
    assert page.status_code == 200 and "public" in page["Cache-Control"]
    assert "Әкімдіктің логотипі" in content and f"/files/{logo.pk}/" in content
    assert "Жаңа логотиптің жобасы" not in content
    assert client.get(f"/files/{logo.pk}/").status_code == 200
