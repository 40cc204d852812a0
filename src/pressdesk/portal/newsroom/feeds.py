"""RSS 2.0 and Atom feeds per language, and per type in a language.

Addresses inside a feed are absolute on ``settings.SITE_URL``, the same as the
sitemap, whatever host name the request came by.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from pressdesk.portal.newsroom import selectors
from pressdesk.portal.newsroom.caching import newsroom_view
from pressdesk.portal.newsroom.views import absolute, material_url
from pressdesk.publications.models import Material, MaterialKind
from pressdesk.publications.rendering import plain_text

ITEMS = 30
SUMMARY_CHARACTERS = 400


class MaterialsFeed(Feed):
    """The newest public materials in the request's language; ``kind`` in the URL narrows them to one type."""

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, kind: str | None = None) -> str | None:
        if kind is not None and kind not in selectors.PUBLIC_KINDS:
            raise Http404(_("There is no such type of material."))
        return kind

    def title(self, kind: str | None) -> str:
        if kind:
            return _("%(type)s — newsroom") % {"type": MaterialKind(kind).label}
        return _("Newsroom")

    def description(self, kind: str | None) -> str:
        return _("Materials of the press service, newest first.")

    subtitle = description  # Atom's name for it

    def link(self, kind: str | None) -> str:
        return absolute(reverse("newsroom:kind", args=[kind]) if kind else reverse("newsroom:home"))

    def feed_url(self, kind: str | None) -> str:
        name = "newsroom:kind_feed" if kind else "newsroom:feed"
        suffix = "atom" if self.feed_type is Atom1Feed else "rss"
        return absolute(reverse(f"{name}_{suffix}", args=[kind] if kind else []))

    def items(self, kind: str | None) -> list[Material]:
        language = translation.get_language()
        materials = selectors.of_kind(language, kind) if kind else selectors.public_in(language)
        return list(materials[:ITEMS])

    def item_title(self, item: Material) -> str:
        return item.translated().title

    def item_description(self, item: Material) -> str:
        version = item.translated()
        text = version.summary or plain_text(version.body)
        return text if len(text) <= SUMMARY_CHARACTERS else text[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + "…"

    def item_link(self, item: Material) -> str:
        return absolute(material_url(item))

    def item_pubdate(self, item: Material) -> datetime.datetime:
        return item.shown_at

    def item_updateddate(self, item: Material) -> datetime.datetime:
        return max(item.shown_at, item.updated_at)

    def item_categories(self, item: Material) -> list[str]:
        return [MaterialKind(item.kind).label, *(topic.name for topic in item.topics.all())]


class MaterialsAtomFeed(MaterialsFeed):
    feed_type = Atom1Feed


rss = newsroom_view(MaterialsFeed())
atom = newsroom_view(MaterialsAtomFeed())
