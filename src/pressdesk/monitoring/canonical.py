"""One address per article: ``canonical_url()``, the key a clipping is stored under once.

The same article reaches us under many addresses: from a feed with ``utm_*``
tags, from a share with ``fbclid``, over http and https, with and without
``www.``, as the mobile or AMP page, with a trailing slash or ``index.html``.
The canonical form keeps what names the article and drops the rest:

* the scheme becomes ``https`` (outlets serve one article over both);
* the host is lowercased, turned to its IDNA (punycode) form, and loses ``www.``,
  ``m.``, ``mobile.`` and ``amp.`` in front, a trailing dot and the default port;
* the path keeps its case (servers differ), has its percent-escapes normalised
  (unreserved characters unescaped, the rest in upper-case hex), dot segments
  and repeated slashes resolved, ``index.html``/``index.php``/``default.aspx``
  and an AMP ending (``/amp``, ``.amp``) dropped, and no trailing slash;
* the query loses tracking parameters (``utm_*``, ``fbclid``, ``gclid``,
  ``yclid``, ``_openstat``, ``amp`` …) and empty ones, and the rest is sorted;
* the fragment goes.

Collisions it accepts: a site that serves different pages at ``/a`` and ``/a/``,
or at ``www.`` and without, or at ``m.`` and without. Outlets do not.

A canonical URL longer than the column (1,000 characters) is cut and ends in a
hash of the whole, so it stays unique.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

MAX_LENGTH = 1000
HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
INDEX_FILES = frozenset({"index.html", "index.htm", "index.php", "default.aspx", "default.asp"})
TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "yclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "_openstat",
        "igshid",
        "ref_src",
        "amp",
        "from",
        "utm",
        "share",
        "rss",
    }
)
TRACKING_PREFIXES = ("utm_", "ga_", "_hs", "pk_", "mtm_")
_UNRESERVED = "-._~"
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


class NotAnArticleAddress(ValueError):
    """Not an http(s) address with a host."""


def canonical_url(url: str) -> str:
    """The key an article is stored under; ``NotAnArticleAddress`` for anything but http(s) with a host."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise NotAnArticleAddress(url)
    host = _host(parts.hostname)
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    canonical = urlunsplit(("https", netloc, _path(parts.path), _query(parts.query), ""))
    if len(canonical) > MAX_LENGTH:
        digest = hashlib.sha256(canonical.encode()).hexdigest()[:32]
        canonical = f"{canonical[: MAX_LENGTH - 34]}#{digest}"
    return canonical


def canonical_keys(urls: Iterable[str]) -> set[str]:
    """The canonical forms of those of ``urls`` that are web addresses."""
    keys = set()
    for url in urls:
        try:
            keys.add(canonical_url(url))
        except NotAnArticleAddress:
            continue
    return keys


def host_of(url: str) -> str:
    """The host as ``canonical_url`` writes it (no ``www.``), or "" for an address without one."""
    try:
        hostname = urlsplit(url.strip()).hostname
    except ValueError:
        return ""
    return _host(hostname) if hostname else ""


def _host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # not valid IDNA (an underscore, a too-long label): keep it as written
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
            break
    return host


def _path(path: str) -> str:
    path = _ESCAPE.sub(_escape, path)
    path = quote(path, safe="/%:@!$&'()*+,;=" + _UNRESERVED)
    path = re.sub("/{2,}", "/", path)
    path = posixpath.normpath(path) if path else "/"
    if path.startswith("//"):  # normpath keeps a leading double slash
        path = path[1:]
    segments = path.split("/")
    if segments[-1].lower() in INDEX_FILES:
        segments.pop()
    if segments[-1].lower() == "amp":
        segments.pop()
    elif segments[-1].lower().endswith(".amp"):
        segments[-1] = segments[-1][:-4]
    path = "/".join(segments).rstrip("/")
    return path or "/"


def _escape(match: re.Match) -> str:
    """One ``%XX``: unescaped when it is an unreserved character, else in upper case."""
    char = unquote(match.group(0))
    if char.isascii() and (char.isalnum() or char in _UNRESERVED):
        return char
    return match.group(0).upper()


def _query(query: str) -> str:
    kept = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if value and key.lower() not in TRACKING and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlencode(sorted(kept), quote_via=quote)
