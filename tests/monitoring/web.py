"""A real HTTP server on loopback for monitoring's tests: feeds, sitemaps and pages, good and bad.

``Site`` runs ``http.server`` in a thread on a free port; a test puts documents at
paths (``site.add``) and reads back what was asked (``site.requests``). Routes can
answer with any status, headers and bytes, honour ``If-None-Match`` and
``If-Modified-Since``, wait before answering, redirect, stream without end, or
close the connection. Builders write RSS, Atom, sitemaps and article pages.
"""

from __future__ import annotations

import datetime
import email.utils
import html
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer
    etag: str = ""
    last_modified: str = ""
    stream: Callable[[], Iterable[bytes]] | None = None  # chunks sent one by one, without a length
    fail_first: int = 0  # answer 503 this many times before the real answer


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class Site:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else every answer waits 40 ms for a delayed ACK

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route(b"not here", status=404, content_type="text/plain")
                if route.delay and site.stopping.wait(route.delay):
                    return
                if route.fail_first:
                    route.fail_first -= 1
                    route = Route(b"busy", status=503, content_type="text/plain")
                try:
                    self._answer(route)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up: as a real server, carry on

            def _answer(self, route: Route) -> None:
                if self._unchanged(route):
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.stream is not None:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for chunk in route.stream():
                        if site.stopping.is_set():
                            return
                        self.wfile.write(chunk)
                        self.wfile.flush()
                    return
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def _unchanged(self, route: Route) -> bool:
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    return True
                return bool(route.last_modified) and self.headers.get("If-Modified-Since") == route.last_modified

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request, client_address) -> None:
                pass  # a client that hung up on purpose (a timeout test) is no failure of the server

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.origin + path

    def add(self, path: str, body: bytes | str = b"", **options) -> str:
        """Serve ``body`` at ``path``; returns the full address."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add(path, b"", status=status, content_type="text/plain", headers={"Location": to})

    def asked(self, path: str) -> int:
        return sum(1 for request in self.requests if request.path == path)


def endless(chunk: bytes, every: float = 0.01) -> Callable[[], Iterable[bytes]]:
    """A stream that never ends: ``chunk`` again and again."""

    def chunks() -> Iterable[bytes]:
        while True:
            yield chunk
            time.sleep(every)

    return chunks


# Documents


def http_date(moment: datetime.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(datetime.UTC), usegmt=True)


@dataclass
class Story:
    """An article as a test writes it: where it lives and what it says."""

    path: str
    title: str
    paragraphs: list[str]
    published: datetime.datetime
    author: str = ""
    language: str = "ru"

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def page(story: Story, *, charset: str = "utf-8", meta_charset: str | None = None) -> str:
    """An outlet's article page with navigation, a sidebar and a footer around the article."""
    meta = f'<meta charset="{meta_charset or charset}">' if meta_charset != "" else ""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
    author = f'<meta name="author" content="{html.escape(story.author)}">' if story.author else ""
    return (
        f'<!DOCTYPE html><html lang="{story.language}"><head>{meta}<title>{html.escape(story.title)} — Qala24</title>'
        f'<meta property="article:published_time" content="{story.published.isoformat()}">{author}</head><body>'
        '<header><nav><a href="/">Басты бет</a> <a href="/news/">Жаңалықтар</a> <a href="/tag/sport/">Спорт</a>'
        "</nav></header><main><article>"
        f"<h1>{html.escape(story.title)}</h1>{paragraphs}</article>"
        '<aside><h2>Оқыңыз</h2><ul><li><a href="/news/2025/01/other-story-here">Басқа жаңалық</a></li></ul></aside>'
        "</main><footer><p>© Qala24. Барлық құқықтар қорғалған.</p></footer></body></html>"
    )


def rss(site: Site, stories: Iterable[Story], *, encoding: str = "utf-8", with_text: bool = False) -> bytes:
    items = []
    for story in stories:
        content = f"<content:encoded><![CDATA[{story.text}]]></content:encoded>" if with_text else ""
        items.append(
            f"<item><title>{html.escape(story.title)}</title><link>{site.url(story.path)}</link>"
            f"<guid>{site.url(story.path)}</guid><pubDate>{email.utils.format_datetime(story.published)}</pubDate>"
            f"<description>{html.escape(story.paragraphs[0] if story.paragraphs else '')}</description>{content}</item>"
        )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Qala24</title><link>{site.origin}/</link>{''.join(items)}</channel></rss>"
    ).encode(encoding)


def atom(site: Site, stories: Iterable[Story]) -> bytes:
    entries = "".join(
        f'<entry><title>{html.escape(s.title)}</title><link rel="alternate" href="{site.url(s.path)}"/>'
        f"<id>{site.url(s.path)}</id><updated>{s.published.isoformat()}</updated>"
        f"<summary>{html.escape(s.paragraphs[0])}</summary></entry>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Qala24</title><id>{site.origin}/</id><updated>2025-01-01T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def news_sitemap(site: Site, stories: Iterable[Story]) -> bytes:
    urls = "".join(
        f"<url><loc>{site.url(s.path)}</loc><news:news><news:publication><news:name>Qala24</news:name>"
        f"<news:language>{s.language}</news:language></news:publication>"
        f"<news:publication_date>{s.published.isoformat()}</news:publication_date>"
        f"<news:title>{html.escape(s.title)}</news:title></news:news></url>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def sitemap_index(site: Site, paths: dict[str, datetime.datetime]) -> bytes:
    maps = "".join(
        f"<sitemap><loc>{site.url(path)}</loc><lastmod>{moment.isoformat()}</lastmod></sitemap>"
        for path, moment in paths.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'
    ).encode()
