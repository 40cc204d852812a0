"""robots.txt and sitemap.xml, at the root of the site without a language prefix."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from pressdesk.portal.newsroom.caching import newsroom_view
from pressdesk.portal.newsroom.sitemaps import SITEMAPS

NEWSROOM_URLCONF = "pressdesk.portal.newsroom.urls"
# Addresses outside the language prefix that are not for search engines.
CLOSED_ROOTS = ["/admin/", "/api/"]


def _first_segments(patterns: Iterable[URLPattern | URLResolver]) -> Iterator[str]:
    """The first path segment of every page in ``patterns`` except the newsroom's own."""
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if getattr(entry.urlconf_module, "__name__", "") == NEWSROOM_URLCONF:
                continue
            if not route:
                yield from _first_segments(entry.url_patterns)
                continue
        segment = route.split("/", 1)[0]
        if segment and "<" not in segment:
            yield segment


def staff_sections() -> list[str]:
    """Every section under the language prefix that is not the newsroom: staff modules, sign-in, the portal.

    Read from the URL map, so a module added later is closed to crawlers without touching this file.
    """
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            return sorted(set(_first_segments(entry.url_patterns)))
    return []


@newsroom_view
def robots_txt(request: HttpRequest) -> HttpResponse:
    languages = [code for code, _name in settings.LANGUAGES]
    closed = [f"/{code}/{section}/" for section in staff_sections() for code in languages]
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in [*CLOSED_ROOTS, *closed])]
    lines += ["", f"Sitemap: {settings.SITE_URL}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@newsroom_view
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps=SITEMAPS)
