"""Ingest a folder of saved feeds and pages without the network: ``ingest_dir(path)`` (``pressdesk monitor ingest --from DIR``).

The folder::

    DIR/
      manifest.json            optional, see below
      feeds/                   what sources list: RSS or Atom feeds, news sitemaps,
        qala24.xml             sitemap indexes, listing pages (any file name; read
        orta-sitemap.xml       in name order; hidden files are ignored)
      pages/                   the article pages, saved as ``wget --force-directories``
        qala24.kz/             saves them: ``pages/<host>/<path>``, ``<path>.html`` or
          news/2025/akim.html  ``<path>/index.html`` (``<host>:<port>`` for another port,
                               ``<path>?<query>`` for an address with a query)

``manifest.json`` (every key optional)::

    {"feeds": {"feeds/qala24.xml": "https://qala24.kz/rss.xml"},
     "pages": {"https://qala24.kz/news/2025/akim": "pages/saved-by-hand.html"}}

* ``feeds`` names the address each feed file was saved from: relative links in it
  are read against that address, and when the address is an outlet's feed in the
  directory, its items are that outlet's (and its monitoring source's, when it has
  one: ingesting makes no source, which would start reading the feed). Without it
  a feed's items are attributed by their address: the outlet whose website or feed
  address is the longest prefix of the item's.
* ``pages`` maps an article's address to its file, for pages not saved under the
  ``pages/<host>/<path>`` names. A page listed here that no feed lists is ingested
  on its own.

A feed's item whose page is not in the folder is stored from what the feed says
when it carries a title and a text, else skipped. Every item goes through the
pipeline as a fetched one does (``pipeline.store``), so a second run of the same
folder stores nothing twice. A file that cannot be read (broken XML, binary, too
big, not found) is reported with its reason and the rest go on.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from pressdesk.directory.models import Outlet, OutletFeed
from pressdesk.monitoring import feeds, pipeline
from pressdesk.monitoring.canonical import NotAnArticleAddress, canonical_keys, canonical_url
from pressdesk.monitoring.fetching import Limits, decode, looks_binary
from pressdesk.monitoring.models import Source

log = logging.getLogger(__name__)

MAX_BYTES = Limits().max_bytes


class IngestError(ValueError):
    """The folder itself cannot be ingested (missing, or a manifest that is not what it should be)."""


class Unreadable(OSError):
    """A saved file that is missing, too big, or binary."""


@dataclass
class IngestSummary:
    feeds: int = 0
    entries: int = 0
    stored: list[int] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file or address, why)

    def lines(self) -> list[str]:
        """The summary as the command prints it."""
        out = [
            _(
                "%(feeds)d feeds, %(entries)d items: %(stored)d stored, %(duplicates)d already there, %(skipped)d skipped."
            )
            % {
                "feeds": self.feeds,
                "entries": self.entries,
                "stored": len(self.stored),
                "duplicates": self.duplicates,
                "skipped": len(self.skipped),
            }
        ]
        out += [f"  {where}: {why}" for where, why in self.skipped]
        return out


class Folder:
    """A saved folder: its manifest, feed files and pages."""

    def __init__(self, root: Path):
        self.root = Path(root)
        if not self.root.is_dir():
            raise IngestError(_("%(path)s is not a folder.") % {"path": root})
        manifest = self._manifest()
        self.feed_urls: dict[str, str] = {str(k): str(v) for k, v in manifest.get("feeds", {}).items()}
        self.pages: dict[str, str] = {}
        for url, name in manifest.get("pages", {}).items():
            try:
                self.pages[canonical_url(str(url))] = str(name)
            except NotAnArticleAddress:
                raise IngestError(_("manifest.json: %(url)s is not a web address.") % {"url": url}) from None
        self.page_urls = [str(url) for url in manifest.get("pages", {})]

    def _manifest(self) -> dict:
        path = self.root / "manifest.json"
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise IngestError(_("manifest.json is not JSON in UTF-8: %(reason)s.") % {"reason": error}) from None
        if not isinstance(data, dict) or not all(isinstance(data.get(k, {}), dict) for k in ("feeds", "pages")):
            raise IngestError(_('manifest.json must be an object with "feeds" and "pages" objects.'))
        return data

    def feed_files(self) -> list[Path]:
        folder = self.root / "feeds"
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))

    def read(self, relative: str | Path) -> bytes:
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents or not path.is_file():
            raise Unreadable(_("%(file)s is not in the folder.") % {"file": relative})
        if path.stat().st_size > MAX_BYTES:
            raise Unreadable(_("%(file)s is larger than %(size)d KB.") % {"file": relative, "size": MAX_BYTES // 1024})
        content = path.read_bytes()
        if looks_binary(content[:1024]):
            raise Unreadable(_("%(file)s holds binary data, not text.") % {"file": relative})
        return content

    def page(self, url: str) -> tuple[str, str]:
        """The saved page of an address and that address; ``Unreadable`` when it was not saved."""
        for candidate in self._page_files(url):
            if (self.root / candidate).is_file():
                return decode(self.read(candidate))[0], url
        raise Unreadable(_("No saved page for this address."))

    def _page_files(self, url: str) -> list[str]:
        named = self.pages.get(canonical_url(url))
        if named:
            return [named]
        parts = urlsplit(url)
        host = parts.netloc.lower()
        path = parts.path.strip("/")
        if parts.query:
            path += "?" + parts.query
        base = f"pages/{host}/{path}".rstrip("/")
        return [base, base + ".html", base + "/index.html"] if path else [base + "/index.html"]


class Outlets:
    """Who published an address: the outlet whose website or feed address is its longest prefix."""

    def __init__(self):
        outlets = {outlet.pk: outlet for outlet in Outlet.objects.active()}
        addresses = [(outlet.website, outlet) for outlet in outlets.values()]
        for outlet_id, url in OutletFeed.objects.filter(outlet__in=list(outlets)).values_list("outlet_id", "url"):
            addresses.append((url, outlets[outlet_id]))
        self.prefixes: list[tuple[str, Outlet]] = [
            (prefix, outlet) for address, outlet in addresses if address and (prefix := _prefix(address))
        ]
        self.prefixes.sort(key=lambda pair: -len(pair[0]))

    def of(self, url: str) -> Outlet | None:
        key = _prefix(url)
        for prefix, outlet in self.prefixes:
            if key.startswith(prefix) and (len(key) == len(prefix) or prefix.endswith("/") or key[len(prefix)] == "/"):
                return outlet
        return None


def _prefix(url: str) -> str:
    try:
        canonical = canonical_url(url)
    except NotAnArticleAddress:
        return ""
    return canonical.split("://", 1)[1]


def ingest_dir(path: str | Path) -> IngestSummary:
    """Ingest a saved folder (see the module's layout); what it did, item by item where something was skipped."""
    folder = Folder(Path(path))
    summary = IngestSummary()
    batch = pipeline.Batch.start()
    outlets = Outlets()
    listed: set[str] = set()
    for file in folder.feed_files():
        relative = file.relative_to(folder.root).as_posix()
        address = folder.feed_urls.get(relative, "")
        try:
            listing = _listing(folder, relative, address)
        except (feeds.FeedError, Unreadable) as error:
            log.warning("monitoring: ingest: %s: %s", relative, error)
            summary.skipped.append((relative, str(error)))
            continue
        summary.feeds += 1
        summary.entries += len(listing.entries)
        listed.update(canonical_keys(entry.url for entry in listing.entries))
        feed = OutletFeed.objects.filter(url=address).select_related("outlet").first() if address else None
        source = Source.objects.filter(feed=feed).first() if feed else None
        groups: dict[Outlet | None, list[feeds.Entry]] = {}
        for entry in listing.entries:
            groups.setdefault(feed.outlet if feed else outlets.of(entry.url), []).append(entry)
        for outlet, entries in groups.items():
            _collect(folder, feeds.Listing(listing.kind, entries=entries), batch, source=source, outlet=outlet)
    for url in folder.page_urls:
        if canonical_url(url) not in listed:
            summary.entries += 1
            alone = feeds.Listing(feeds.FEED, entries=[feeds.Entry(url=url)])
            _collect(folder, alone, batch, source=None, outlet=outlets.of(url))
    summary.stored = batch.stored
    summary.duplicates = batch.duplicates
    summary.skipped += batch.skipped
    return summary


def _collect(folder: Folder, listing: feeds.Listing, batch: pipeline.Batch, *, source, outlet) -> None:
    pipeline.collect(listing, folder.page, batch, source=source, outlet=outlet, skip_reasons=(Unreadable,))


def _listing(folder: Folder, relative: str, address: str) -> feeds.Listing:
    base = address or f"file:///{relative}"  # relative links of a feed without its address lead nowhere
    listing = feeds.parse(folder.read(relative), url=base)
    if listing.warning:
        log.warning("monitoring: ingest: %s: %s", relative, listing.warning)
    if listing.kind == feeds.SITEMAP_INDEX:
        entries = []
        for child in listing.sitemaps:
            try:
                html, _url = folder.page(child)
                entries += feeds.parse(html.encode("utf-8"), url=child).entries
            except (feeds.FeedError, Unreadable) as error:
                log.warning("monitoring: ingest: %s: %s: %s", relative, child, error)
        listing = feeds.Listing(feeds.SITEMAP, entries=entries)
    return listing
