"""Reading an address over HTTP politely and safely: ``Fetcher.get()`` → ``Page`` or ``FetchError``.

Every rule here protects the worker or the outlet:

* **robots.txt** is read once per host (``urllib.robotparser``) and kept for an
  hour; an address it disallows is not fetched (``Blocked``). A robots.txt that
  is missing (4xx) allows everything; one that fails (5xx, no answer) allows
  nothing for ten minutes. Its ``Crawl-delay`` lengthens the pause between two
  requests to the host (at most ``MAX_CRAWL_DELAY``).
* **Politeness**: two requests to one host are at least ``Limits.host_delay``
  apart within a fetcher (one fetcher serves one run of the worker).
* **Conditional GET**: the ``ETag`` and ``Last-Modified`` of the last read go out
  as ``If-None-Match``/``If-Modified-Since``; a ``304`` is a ``Page`` with
  ``not_modified``.
* **Limits**: connect and read timeouts, a cap on the whole exchange
  (``total_seconds``: a feed that never ends is cut off), a cap on the size of
  the body after decompression (``max_bytes``: a gigantic page or a gzip bomb), at
  most ``max_redirects`` redirects (a loop ends).
* **Retries** with doubling back-off (and ``Retry-After`` up to ``max_wait``) for
  what may pass: no connection, a timeout, 429 and 5xx. Not for 4xx, sizes or
  binary content.
* **Content**: images, audio, video, archives, PDFs and anything whose first bytes
  say binary (a NUL byte, a known signature) are refused before or as they arrive.
* **Encoding** (``decode``): a byte-order mark wins; then valid UTF-8 is UTF-8
  whatever the label says (a real single-byte text is almost never valid UTF-8);
  then the charset of the HTTP header and of the document itself (``<meta>``, the
  XML declaration), unless a Western label hides Cyrillic; then the likelier of
  cp1251, kz1048 (cp1251 with the Kazakh letters) and KOI8-R by how the letters
  read.
"""

from __future__ import annotations

import codecs
import dataclasses
import logging
import re
import time
import urllib.robotparser
from email.utils import parsedate_to_datetime
from functools import cached_property
from urllib.parse import urlsplit

import httpx
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

USER_AGENT = "pressdesk-monitor/1.0 (press service media monitoring; respects robots.txt)"
ROBOTS_TTL = 3600.0
ROBOTS_FAILED_TTL = 600.0
ROBOTS_MAX_BYTES = 512 * 1024
MAX_CRAWL_DELAY = 30.0
SNIFF_BYTES = 1024
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BINARY_TYPES = ("image/", "audio/", "video/", "font/", "model/")
BINARY_APPLICATIONS = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/vnd.rar",
        "application/x-rar-compressed",
        "application/msword",
        "application/x-shockwave-flash",
        "application/wasm",
        "application/x-msdownload",
    }
)
BINARY_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
    b"MZ",
    b"\x7fELF",
    b"ID3",
    b"OggS",
    b"fLaC",
    b"RIFF",
    b"\x00\x00\x00",
    b"\xd0\xcf\x11\xe0",
    b"wOFF",
)
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclasses.dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_seconds: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    max_wait: float = 30.0
    host_delay: float = 2.0


class FetchError(Exception):
    """The address could not be read; ``reason`` says why in words for the analyst."""

    def __init__(self, reason: str, *, status: int | None = None, retry: bool = False, wait: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry = retry
        self.wait = wait  # what the site asked for (Retry-After), in seconds


class Blocked(FetchError):
    """robots.txt disallows the address."""


@dataclasses.dataclass
class Page:
    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @cached_property
    def text(self) -> str:
        return decode(self.content, self.charset)[0]


class Fetcher:
    """One run's HTTP client: keeps connections, robots.txt and the last request time per host."""

    def __init__(
        self, limits: Limits | None = None, *, robots: RobotsCache | None = None, user_agent: str = USER_AGENT
    ):
        self.limits = limits or Limits()
        self.user_agent = user_agent
        self.robots = robots if robots is not None else ROBOTS
        self._last_request: dict[str, float] = {}
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.limits.read_timeout, connect=self.limits.connect_timeout),
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            headers={"User-Agent": user_agent, "Accept-Language": "kk, ru;q=0.9, en;q=0.5"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, etag: str = "", last_modified: str = "", feed: bool = False) -> Page:
        """The page at ``url``, after robots.txt, the pause, and retries; ``FetchError`` when it cannot be had."""
        rules = self.robots.rules(self, url)
        if not rules.can_fetch(self.user_agent, url):
            raise Blocked(_("robots.txt of the site does not allow reading this address."))
        headers = {"Accept": FEED_ACCEPT if feed else PAGE_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        delay = max(self.limits.host_delay, min(rules.crawl_delay(self.user_agent) or 0, MAX_CRAWL_DELAY))
        attempt = 0
        while True:
            self._pause(url, delay)
            try:
                return self._once(url, headers, self.limits.max_bytes)
            except FetchError as error:
                if not error.retry or attempt >= self.limits.retries:
                    raise
                wait = error.wait if error.wait is not None else self.limits.backoff * 2**attempt
                attempt += 1
                log.info("monitoring: %s: %s; trying again in %.1f s", url, error.reason, wait)
                time.sleep(min(wait, self.limits.max_wait))

    def _pause(self, url: str, delay: float) -> None:
        host = _origin(url)
        last = self._last_request.get(host)
        if last is not None:
            remaining = last + delay - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)
        self._last_request[host] = time.monotonic()

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Page:
        deadline = time.monotonic() + self.limits.total_seconds
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._read(response, deadline, max_bytes)
        except httpx.TooManyRedirects:
            raise FetchError(
                _("More than %(count)d redirects: the address leads in a circle.")
                % {"count": self.limits.max_redirects}
            ) from None
        except httpx.TimeoutException:
            raise FetchError(_("The site did not answer in time."), retry=True) from None
        except httpx.DecodingError:
            raise FetchError(_("The site sent a compressed answer that cannot be unpacked.")) from None
        except httpx.InvalidURL:
            raise FetchError(_("This is not an address that can be read.")) from None
        except httpx.TransportError as error:
            raise FetchError(
                _("The site cannot be reached: %(reason)s.") % {"reason": error.__class__.__name__}, retry=True
            ) from None

    def _read(self, response: httpx.Response, deadline: float, max_bytes: int) -> Page:
        page = Page(
            url=str(response.url),
            status=response.status_code,
            etag=response.headers.get("etag", "")[:300],
            last_modified=response.headers.get("last-modified", "")[:100],
        )
        if response.status_code == 304:
            return page
        if response.status_code >= 400:
            raise FetchError(
                _("The site answered with the error %(status)d.") % {"status": response.status_code},
                status=response.status_code,
                retry=response.status_code in RETRY_STATUSES,
                wait=_retry_after(response.headers.get("retry-after", "")),
            )
        mime, _sep, params = response.headers.get("content-type", "").partition(";")
        page.content_type = mime.strip().lower()
        page.charset = _charset_param(params)
        if is_binary_type(page.content_type):
            raise FetchError(_("The address holds %(type)s, not text.") % {"type": page.content_type})
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise _too_big(max_bytes)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            if not chunks and looks_binary(chunk):
                raise FetchError(_("The address holds binary data, not text."))
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise _too_big(max_bytes)
            if time.monotonic() > deadline:
                raise FetchError(
                    _("The site kept sending for more than %(seconds)d seconds; reading stopped.")
                    % {"seconds": self.limits.total_seconds}
                )
        page.content = b"".join(chunks)
        return page


def _too_big(max_bytes: int) -> FetchError:
    return FetchError(
        _("The answer is larger than %(size)d KB; reading stopped.") % {"size": max_bytes // 1024},
    )


def _retry_after(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment.timestamp() - time.time()) if moment else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def is_binary_type(content_type: str) -> bool:
    return content_type.startswith(BINARY_TYPES) or content_type in BINARY_APPLICATIONS


def looks_binary(start: bytes) -> bool:
    """What the first bytes of an answer say: a known binary signature, or a NUL byte in text that has no BOM."""
    head = start[:SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return head.lstrip().startswith(BINARY_SIGNATURES) or b"\x00" in head


# robots.txt


class RobotsCache:
    """robots.txt per origin, kept ``ROBOTS_TTL`` seconds (failures ``ROBOTS_FAILED_TTL``)."""

    def __init__(self):
        self._rules: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}

    def rules(self, fetcher: Fetcher, url: str) -> urllib.robotparser.RobotFileParser:
        origin = _origin(url)
        kept = self._rules.get(origin)
        if kept and kept[0] > time.monotonic():
            return kept[1]
        parser, ttl = _read_robots(fetcher, origin)
        self._rules[origin] = (time.monotonic() + ttl, parser)
        return parser

    def clear(self) -> None:
        self._rules.clear()


ROBOTS = RobotsCache()


def _read_robots(fetcher: Fetcher, origin: str) -> tuple[urllib.robotparser.RobotFileParser, float]:
    parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
    try:
        fetcher._pause(origin, fetcher.limits.host_delay)
        page = fetcher._once(origin + "/robots.txt", {"Accept": "text/plain"}, ROBOTS_MAX_BYTES)
    except FetchError as error:
        if error.status is not None and 400 <= error.status < 500:
            parser.allow_all = True
            return parser, ROBOTS_TTL
        log.warning("monitoring: robots.txt of %s: %s; reading nothing there for now", origin, error.reason)
        parser.disallow_all = True
        return parser, ROBOTS_FAILED_TTL
    parser.parse(decode(page.content, page.charset)[0].splitlines())
    return parser, ROBOTS_TTL


# Encodings

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)["']""")
_CYRILLIC_LOWER = re.compile("[а-яё]")
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_KAZAKH = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_OTHER_SLAVIC = re.compile("[ђѓќљњћџЂЃЌЉЊЋЏ]")
_WESTERN_LETTERS = re.compile("[À-ÿ]")
_LATIN_LETTERS = re.compile("[A-Za-zÀ-ÿ]")
WESTERN = frozenset({"latin-1", "iso8859-1", "cp1252", "iso8859-15"})
CYRILLIC_GUESSES = ("cp1251", "kz1048", "koi8-r")


def _charset_param(params: str) -> str:
    match = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", params, re.IGNORECASE)
    return match.group(1) if match else ""


def _codec(name: str | bytes) -> str | None:
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def declared_in_document(content: bytes) -> str:
    """The encoding a document names itself (XML declaration or ``<meta>``), or ""."""
    head = content[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else ""


def decode(content: bytes, declared: str = "") -> tuple[str, str]:
    """The text of ``content`` and the codec it was read with (see the module's rules)."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            return content.decode(codec, "replace"), codec
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in (declared, declared_in_document(content)):
        codec = _codec(name) if name else None
        if codec is None or codec == "utf-8" or codec.startswith("utf-"):
            continue
        try:
            text = content.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec in WESTERN and _looks_like_hidden_cyrillic(text):
            break
        return text, codec
    best = max(CYRILLIC_GUESSES, key=lambda codec: _cyrillic_score(content.decode(codec, "replace")))
    return content.decode(best, "replace"), best


def _looks_like_hidden_cyrillic(text: str) -> bool:
    """Cyrillic read as Latin-1: accented letters make most letters, which no Western language does."""
    letters = len(_LATIN_LETTERS.findall(text))
    return letters > 0 and len(_WESTERN_LETTERS.findall(text)) > letters * 0.4


def _cyrillic_score(text: str) -> float:
    letters = len(_CYRILLIC.findall(text)) + len(_KAZAKH.findall(text))
    if not letters:
        return 0.0
    lower = len(_CYRILLIC_LOWER.findall(text))
    return (lower + 2 * len(_KAZAKH.findall(text)) - 3 * len(_OTHER_SLAVIC.findall(text))) / letters
