"""The public newsroom: home, listings by type, topic and month, search, and the material page.

Pages are rendered from the template and what the view gives it, never from
the request (no context processors), so nothing of the visitor can get into
an answer that a shared cache hands to the next visitor; see ``caching``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from babel.dates import format_skeleton
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pressdesk.portal.newsroom import selectors
from pressdesk.portal.newsroom.caching import newsroom_view
from pressdesk.publications.models import Material, MaterialKind, MediaAsset, MediaSection, Topic

PAGE_SIZE = 20
LATEST = 10
QUERY_MAX_LENGTH = 200
# OpenGraph names a locale with its territory.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    code: str = ""


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def file_url(asset: MediaAsset) -> str:
    """The public address of a library file; the files view decides whether it is served."""
    try:
        return reverse("media_file", args=[asset.pk])
    except NoReverseMatch:  # the file view is not in the URL map yet
        return f"/files/{asset.pk}/"


def material_url(material: Material, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        return reverse("newsroom:material", args=[material.pk])


def month_label(month: datetime.date) -> str:
    """A month of a year as the page's language writes it: "March 2025", "март 2025 г.", "2025 ж. наурыз"."""
    return format_skeleton("yMMMM", month, locale=translation.get_language())


def month_link(month: datetime.datetime) -> Link:
    return Link(reverse("newsroom:month", args=[month.year, month.month]), month_label(month.date()))


def feed_links(kind: str | None = None) -> list[Link]:
    args = [kind] if kind else []
    name = "newsroom:kind_feed" if kind else "newsroom:feed"
    return [
        Link(reverse(f"{name}_rss", args=args), _("RSS feed"), "application/rss+xml"),
        Link(reverse(f"{name}_atom", args=args), _("Atom feed"), "application/atom+xml"),
    ]


def page(request: HttpRequest, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    """Render a newsroom page from ``context`` alone, with the language switch to this same address."""
    current = translation.get_language()
    path = request.get_full_path()
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    context = {"languages": languages, "feeds": feed_links(), **context}
    return HttpResponse(render_to_string(template, context), status=status)


def not_found(request: HttpRequest) -> HttpResponse:
    return page(request, "newsroom/not_found.html", {}, status=404)


def listing(
    request: HttpRequest, materials: QuerySet[Material], heading: str, *, query: dict | None = None, **extra
) -> HttpResponse:
    """One paginated list of materials (``?page=``), newest first."""
    page_obj = Paginator(materials, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"heading": heading, "page": page_obj, "query": urlencode(query or {}), **extra}
    return page(request, "newsroom/listing.html", context)


@newsroom_view
def home(request: HttpRequest) -> HttpResponse:
    language = request.LANGUAGE_CODE
    return page(
        request,
        "newsroom/home.html",
        {
            "latest": selectors.public_in(language)[:LATEST],
            "kinds": [(kind, MaterialKind(kind).label) for kind in selectors.kinds(language)],
            "topics": selectors.topics(language),
            "months": [month_link(month) for month in selectors.months(language)],
        },
    )


@newsroom_view
def press_kit(request: HttpRequest) -> HttpResponse:
    """The brand assets the press service made public: logos, templates, the head's official photo."""
    assets = (
        MediaAsset.objects.filter(section=MediaSection.BRAND, is_public=True)
        .prefetch_related("translations")
        .order_by("-created_at", "-pk")
    )
    kit = [
        {"asset": asset, "url": file_url(asset), "thumb": asset.thumbnail and reverse("media_thumb", args=[asset.pk])}
        for asset in assets
    ]
    return page(request, "newsroom/press_kit.html", {"kit": kit})


@newsroom_view
def kind_list(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in selectors.PUBLIC_KINDS:
        return not_found(request)
    materials = selectors.of_kind(request.LANGUAGE_CODE, kind)
    return listing(request, materials, MaterialKind(kind).label, feeds=feed_links(kind))


@newsroom_view
def topic_list(request: HttpRequest, slug: str) -> HttpResponse:
    topic = Topic.objects.prefetch_related("translations").filter(slug=slug).first()
    if topic is None:
        return not_found(request)
    return listing(request, selectors.on_topic(request.LANGUAGE_CODE, topic), topic.name)


@newsroom_view
def month_list(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 2000 <= year <= 9998):
        return not_found(request)
    materials = selectors.in_month(request.LANGUAGE_CODE, year, month)
    return listing(request, materials, month_label(datetime.date(year, month, 1)))


@newsroom_view
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    materials = selectors.matching(request.LANGUAGE_CODE, query) if query else Material.objects.none()
    return listing(
        request, materials, _("Search"), query={"q": query} if query else None, search_query=query, is_search=True
    )


@newsroom_view
def material(request: HttpRequest, pk: int) -> HttpResponse:
    language = request.LANGUAGE_CODE
    found = selectors.public_material(pk)
    if found is None:
        withdrawn = selectors.withdrawn_material(pk)
        if withdrawn is None:
            return not_found(request)
        return page(request, "newsroom/withdrawn.html", {"material": withdrawn}, status=410)
    versions = found.translation_map()
    names = dict(settings.LANGUAGES)
    elsewhere = [Link(material_url(found, code), names[code], code) for code in names if code in versions]
    if language not in versions:
        context = {"material": found, "other_languages": elsewhere}
        return page(request, "newsroom/other_languages.html", context, status=404)
    lead = found.lead_image if found.lead_image and found.lead_image.is_image else None
    return page(
        request,
        "newsroom/material.html",
        {
            "material": found,
            "version": versions[language],
            "kind_label": MaterialKind(found.kind).label,
            "canonical": absolute(material_url(found)),
            "alternates": [Link(absolute(link.url), link.label, link.code) for link in elsewhere],
            "other_languages": [link for link in elsewhere if link.code != language],
            "og_locale": OG_LOCALES.get(language, language),
            "lead": lead,
            "lead_url": file_url(lead) if lead else "",
            "og_image": absolute(file_url(lead)) if lead else "",
            "modified": max(found.shown_at, found.updated_at),
            "attachments": [(asset, file_url(asset)) for asset in found.attachments.all()],
            "corrections": [(c, c.translated(language)) for c in found.corrections.all()],
        },
    )
