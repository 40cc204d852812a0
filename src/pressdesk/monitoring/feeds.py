"""What a source lists: ``parse()`` reads an RSS or Atom feed, a (news) sitemap or sitemap index, or a listing page.

The result is ``Listing``: the items (``Entry``: address, and what the source says
of it — title, time, author, a summary or the whole text some feeds carry) and, for
a sitemap index, the sitemaps it names (newest first). Every kind is recognised by
its content, whatever the source was entered as: an outlet's "feed" is often a
sitemap, and the reverse.

* Feeds go through ``feedparser`` after our own decoding (``fetching.decode``: cp1251
  and mislabelled encodings), handed over as UTF-8. A feed with broken XML still
  gives what ``feedparser``'s lenient parser can read; only one that gives nothing
  is an error. Entity declarations (``<!ENTITY``, the "billion laughs") are refused
  before any parser sees them.
* Sitemaps are read with ``lxml`` without entities or the network, in recovery mode;
  ``<news:publication_date>`` and ``<news:title>`` are taken when there, else
  ``<lastmod>``. A sitemap lists at most ``MAX_ENTRIES`` items, newest first.
* A listing page gives the links that look like articles (``looks_like_article``):
  on the page's site, below the listing or in a dated or numbered path, not a
  section, tag, author, search or file.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
from django.utils.translation import gettext as _

from pressdesk.monitoring.canonical import NotAnArticleAddress, canonical_url, host_of
from pressdesk.monitoring.extraction import parse_moment, plain_text
from pressdesk.monitoring.fetching import decode

MAX_ENTRIES = 200
MAX_SITEMAPS = 3  # of a sitemap index, the newest
FEED, SITEMAP, SITEMAP_INDEX, LISTING = "feed", "sitemap", "sitemap_index", "listing"

_PROLOG_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")
_ROOT = re.compile(r"<(?!\?|!)([A-Za-z_][\w.:-]*)")
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_NOT_ARTICLES = re.compile(
    r"/(tag|tags|category|categories|rubric|rubrika|section|author|authors|search|page|login|register|"
    r"user|users|profile|archive|about|contacts?|feedback|advert|ads|rss|feed|sitemap|wp-admin|wp-login)(/|$)",
    re.IGNORECASE,
)
_FILES = re.compile(r"\.(jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|zip|rar|mp3|mp4|avi|css|js|xml|rss)$", re.IGNORECASE)
_DATED_OR_NUMBERED = re.compile(r"/(19|20)\d\d([/-]\d\d?)|\d{3,}|[\w%]+-[\w%]+-[\w%]+")


class FeedError(ValueError):
    """Nothing could be read from the document; the message says why."""


@dataclass
class Entry:
    url: str
    title: str = ""
    published_at: datetime.datetime | None = None
    author: str = ""
    summary: str = ""
    content: str = ""  # the whole text, when the feed carries it


@dataclass
class Listing:
    kind: str
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    warning: str = ""  # read, but the document has faults


def parse(content: bytes, *, url: str, declared: str = "") -> Listing:
    """The entries of a feed, sitemap or listing page at ``url`` (to resolve relative links)."""
    text, _codec = decode(content, declared)
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if not head:
        raise FeedError(_("The document is empty."))
    root = _root_name(text)
    if root in ("html", "!doctype") or (root is None and "<html" in head.lower()):
        return _listing(text, url)
    if _ENTITY.search(text[:65536]):
        raise FeedError(_("The document declares XML entities, which are refused for safety."))
    if root in ("urlset", "sitemapindex"):
        return _sitemap(text, url)
    if root is None:
        raise FeedError(_("The document is not XML or HTML."))
    return _feed(text, url)


def _root_name(text: str) -> str | None:
    for match in _ROOT.finditer(text[:65536]):
        return match.group(1).split(":")[-1].lower()
    if re.search(r"<!doctype\s+html", text[:4096], re.IGNORECASE):
        return "!doctype"
    return None


# RSS and Atom


def _feed(text: str, url: str) -> Listing:
    data = _PROLOG_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8")
    parsed = feedparser.parse(
        data,
        response_headers={"content-location": url, "content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    fault = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries and fault is None and not parsed.get("version"):
        raise FeedError(_("The document is neither an RSS or Atom feed nor a sitemap."))
    entries = []
    for item in parsed.entries[:MAX_ENTRIES]:
        link = _entry_link(item, url)
        if link is None:
            continue
        content = item.get("content") or []
        entries.append(
            Entry(
                url=link,
                title=plain_text(item.get("title", ""))[:500],
                published_at=_struct_time(item.get("published_parsed") or item.get("updated_parsed")),
                author=plain_text(item.get("author", ""))[:200],
                summary=plain_text(item.get("summary", "")),
                content=plain_text(content[0].get("value", "")) if content else "",
            )
        )
    if fault is None:
        return Listing(FEED, entries=entries)
    if not entries:
        raise FeedError(_("The feed is not well-formed XML: %(reason)s.") % {"reason": _short(fault)})
    return Listing(
        FEED,
        entries=entries,
        warning=_("The feed has faults but could be read: %(reason)s.") % {"reason": _short(fault)},
    )


def _entry_link(item: dict, base: str) -> str | None:
    candidates = [item.get("link", "")]
    candidates += [link.get("href", "") for link in item.get("links", []) if link.get("rel") == "alternate"]
    candidates.append(item.get("id", ""))
    for candidate in candidates:
        if candidate and _is_article_address(urljoin(base, candidate.strip())):
            return urljoin(base, candidate.strip())
    return None


def _is_article_address(url: str) -> bool:
    try:
        canonical_url(url)
    except (NotAnArticleAddress, ValueError):
        return False
    return True


def _struct_time(value) -> datetime.datetime | None:
    if not value:
        return None
    try:
        return datetime.datetime.fromtimestamp(calendar.timegm(value), tz=datetime.UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _short(error: object) -> str:
    return str(error).strip().rstrip(".")[:200] or error.__class__.__name__


# Sitemaps


def _sitemap(text: str, url: str) -> Listing:
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, recover=True, huge_tree=False, remove_comments=True
    )
    try:
        root = lxml.etree.fromstring(text.encode("utf-8"), parser=parser)
    except lxml.etree.XMLSyntaxError as error:
        raise FeedError(_("The sitemap is not well-formed XML: %(reason)s.") % {"reason": _short(error)}) from None
    if root is None:
        raise FeedError(_("The sitemap is not well-formed XML: %(reason)s.") % {"reason": _("nothing readable")})
    warning = ""
    if parser.error_log:
        warning = _("The sitemap has faults but could be read: %(reason)s.") % {
            "reason": _short(parser.error_log[0].message)
        }
    if _local(root.tag) == "sitemapindex":
        children = []
        for node in root:
            loc = _child_text(node, "loc")
            if loc and _is_article_address(urljoin(url, loc)):
                children.append((parse_moment(_child_text(node, "lastmod")), urljoin(url, loc)))
        children.sort(key=lambda pair: pair[0] or datetime.datetime.min.replace(tzinfo=datetime.UTC), reverse=True)
        return Listing(SITEMAP_INDEX, sitemaps=[loc for _moment, loc in children[:MAX_SITEMAPS]], warning=warning)
    entries = []
    for node in root:
        loc = _child_text(node, "loc")
        if not loc or not _is_article_address(urljoin(url, loc)):
            continue
        news = next((child for child in node if _local(child.tag) == "news"), None)
        moment = parse_moment(_child_text(news, "publication_date") if news is not None else "")
        entries.append(
            Entry(
                url=urljoin(url, loc),
                title=(_child_text(news, "title") if news is not None else "")[:500],
                published_at=moment or parse_moment(_child_text(node, "lastmod")),
            )
        )
    if warning and not entries:
        raise FeedError(
            _("The sitemap is not well-formed XML: %(reason)s.") % {"reason": _short(parser.error_log[0].message)}
        )
    entries.sort(key=lambda e: e.published_at or datetime.datetime.min.replace(tzinfo=datetime.UTC), reverse=True)
    return Listing(SITEMAP, entries=entries[:MAX_ENTRIES], warning=warning)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node, name: str) -> str:
    for child in node:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


# Listing pages


def _listing(text: str, url: str) -> Listing:
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as error:
        raise FeedError(_("The page cannot be read as HTML: %(reason)s.") % {"reason": _short(error)}) from None
    seen: set[str] = set()
    entries = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        link = urljoin(url, href)
        if not looks_like_article(link, url):
            continue
        key = canonical_url(link)
        if key in seen:
            continue
        seen.add(key)
        entries.append(Entry(url=link, title=" ".join(anchor.text_content().split())[:500]))
        if len(entries) >= MAX_ENTRIES:
            break
    return Listing(LISTING, entries=entries)


def looks_like_article(link: str, listing: str) -> bool:
    """A link of a listing page that leads to an article of the same site (see the module's rules)."""
    if not _is_article_address(link) or host_of(link) != host_of(listing):
        return False
    path = urlsplit(link).path
    if canonical_url(link) == canonical_url(listing) or _FILES.search(path) or _NOT_ARTICLES.search(path):
        return False
    below = urlsplit(listing).path.rstrip("/")
    if below and path.startswith(below + "/") and len(path) > len(below) + 1:
        return True
    return bool(_DATED_OR_NUMBERED.search(path))
