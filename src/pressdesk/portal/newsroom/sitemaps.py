"""sitemap.xml: the newsroom's home in each language and every public material in each language it has."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch
from django.urls import reverse

from pressdesk.publications.models import Material, MaterialVersion

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class OnSiteUrl(Sitemap):
    """Addresses on ``settings.SITE_URL``, not on whatever host name the request used."""

    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        address = urlsplit(settings.SITE_URL)
        return super().get_urls(page, site=SimpleNamespace(domain=address.netloc), protocol=address.scheme)


class HomeSitemap(OnSiteUrl):
    changefreq = "hourly"

    def items(self) -> list[str]:
        return ["newsroom:home"]

    def location(self, item: str) -> str:
        return reverse(item)


class MaterialSitemap(OnSiteUrl):
    def items(self):
        return (
            Material.objects.public()
            .with_public_time()
            .prefetch_related(Prefetch("translations", queryset=MaterialVersion.objects.only("parent", "language")))
            .order_by("-shown_at", "-pk")
        )

    def get_languages_for_item(self, item: Material) -> list[str]:
        return [code for code in LANGUAGES if code in item.translation_map()]

    def location(self, item: Material) -> str:
        return reverse("newsroom:material", args=[item.pk])

    def lastmod(self, item: Material) -> datetime.datetime:
        return max(item.shown_at, item.updated_at)


SITEMAPS = {"home": HomeSitemap, "materials": MaterialSitemap}
