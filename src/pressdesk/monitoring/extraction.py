"""The article out of a page: ``extract()`` → ``Article`` (title, plain text, author, time, the page's language).

``trafilatura`` in its fast mode first (its own extractor only); when the text comes
out shorter than ``SHORT_TEXT`` characters it runs again in full, with the
readability and jusText fallbacks and favouring precision, and that text wins
unless it is empty: on a short page the fast mode takes the menus for the article.
The heading that trafilatura repeats as the first line of the text is dropped; an
article needs ``MIN_TEXT`` characters.

The time of publication is the page's own metadata (``article:published_time``,
``datePublished`` in microdata or JSON-LD, the first ``<time datetime>``), else what
``htmldate`` finds (which reads a date in the address before the metadata, without
the time of day); a date alone is read as noon in Almaty.

A page with more than ``MAX_ELEMENTS`` tags (an "HTML bomb" of nested or repeated
elements) is refused before any parser sees it.
``plain_text()`` turns a fragment of HTML (a feed's description) into text with
paragraphs, without scripts and styles.
"""

from __future__ import annotations

import datetime
import html
import re
import zoneinfo
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura
from django.utils.translation import gettext as _

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
SHORT_TEXT = 500
MIN_TEXT = 20
MAX_ELEMENTS = 50_000
DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")
_TAG = re.compile(r"<[a-zA-Z!/]")
_HTML_LANG = re.compile(r"""<html[^>]*\blang\s*=\s*["']?([a-zA-Z]{2,3})""", re.IGNORECASE)
_PUBLISHED = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|pubdate|"""
        r"""publishdate|date|dc\.date\.issued|dcterms\.created)["'][^>]*\bcontent\s*=\s*["']([^"']+)""",
        r"""<meta[^>]+\bcontent\s*=\s*["']([^"']+)["'][^>]*(?:property|name|itemprop)\s*=\s*["']"""
        r"""(?:article:published_time|datePublished)["']""",
        r'"datePublished"\s*:\s*"([^"]+)"',
        r"""<time[^>]+datetime\s*=\s*["']([^"']+)""",
    )
]
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class ExtractionError(ValueError):
    """No article could be read from the page; the message says why."""


@dataclass
class Article:
    title: str
    text: str
    author: str = ""
    published_at: datetime.datetime | None = None
    language: str = ""  # what the page's <html lang> says, a hint only


def extract(page: str, *, url: str = "") -> Article:
    """The article of an HTML page; ``ExtractionError`` when there is none."""
    if len(_TAG.findall(page, 0, len(page))) > MAX_ELEMENTS:
        raise ExtractionError(_("The page has more than %(count)d elements; it is not read.") % {"count": MAX_ELEMENTS})
    document = _run(page, url, fast=True)
    if document is None or len(document.text or "") < SHORT_TEXT:
        full = _run(page, url, fast=False)
        if full is not None and (full.text or "").strip():
            document = full
    title = _clean_line(document.title or "") if document else ""
    text = _paragraphs(document.text or "") if document else ""
    first, _newline, rest = text.partition("\n")
    if title and first.strip() == title:
        text = rest.strip()
    if len(text) < MIN_TEXT:
        raise ExtractionError(_("No article text was found on the page."))
    lang = _HTML_LANG.search(page[:4096])
    return Article(
        title=title[:500],
        text=text,
        author=_clean_line(document.author or "")[:200],
        published_at=_published(page) or parse_moment(document.date or ""),
        language=lang.group(1).lower() if lang else "",
    )


def _published(page: str) -> datetime.datetime | None:
    head = page[:100_000]
    for pattern in _PUBLISHED:
        match = pattern.search(head)
        if match and (moment := parse_moment(match.group(1))):
            return moment
    return None


def _run(page: str, url: str, *, fast: bool):
    try:
        return trafilatura.bare_extraction(
            page,
            url=url or None,
            fast=fast,
            favor_precision=not fast,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=DATE_PARAMS,
        )
    except (ValueError, lxml.etree.LxmlError, RecursionError):
        return None


def parse_moment(value: str) -> datetime.datetime | None:
    """An ISO 8601 moment (``2025-01-10T09:30:00+0500``, ``…Z``, a bare date) as an aware datetime, or None.

    Without an offset the time is Almaty's; a date alone is noon there.
    """
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        return None
    if len(value) <= 10:
        moment = moment.replace(hour=12)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ALMATY)
    return moment


def plain_text(fragment: str) -> str:
    """A fragment of HTML as text: paragraphs kept, tags, scripts and styles gone, entities read."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return _paragraphs(html.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _paragraphs(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    for node in root.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    for node in root.iter(*_BLOCKS):
        node.tail = "\n" + (node.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r", "").split("\n")]
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def _clean_line(text: str) -> str:
    return " ".join(text.split())
