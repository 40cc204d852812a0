"""Generators for bench/monitoring.py: a 5,000-name watchlist, a saved folder of pages, a million clipping rows.

Texts come from bench/monitoring_match.py's generator (declined Kazakh nouns, inflected
Russian words, watch names as written, in Cyrillic or Latin letters). The clipping rows
for search are written straight into the tables with the engine's bulk path (executemany
on SQLite, COPY on PostgreSQL), their search bodies made by the analyzer word by word
(``indexing.body`` of each distinct word, kept in a dict), because running the pipeline
on a million items would take hours; the bodies hold the same tokens ``indexing.body``
gives a text of those words, so the index is the one the pipeline would build.
"""

from __future__ import annotations

import datetime
import html
import json
import random
from collections.abc import Iterator
from pathlib import Path

from bench import monitoring_match

WATCH_NAMES = 5_000
REPRINTS = 0.1  # share of pages that reprint an earlier one (another outlet, a new first sentence)


def watch_entries(rng: random.Random, names: int = WATCH_NAMES) -> list[dict]:
    """monitoring_match's watchlist (officials, bodies of 30 towns, topics) grown with officials to ``names`` names."""
    from pressdesk.directory.demo_plan import random_name

    entries = monitoring_match.watch_entries(rng)
    taken = {name for entry in entries for name in entry["names"]}
    count = len(taken)
    while count < names:
        person = random_name(rng, "kk" if rng.random() < 0.7 else "ru", "kk" if rng.random() < 0.5 else "ru")
        words = person.full_name.split()
        pair = [f"{words[0]} {words[-1]}", f"{person.first_latin} {person.last_latin}"]
        if taken.intersection(pair):
            continue
        taken.update(pair)
        count += 2
        entries.append({"id": f"official-x{count}", "kind": "official", "names": pair, "initials": count % 4 == 0})
    return entries


def create_watches(entries: list[dict]) -> list:
    """The entries as active ``Watch`` rows of the demo's home unit (the caller's transaction keeps or drops them)."""
    from pressdesk.core.models import Unit
    from pressdesk.directory import demo_data
    from pressdesk.monitoring.models import Watch

    unit = Unit.objects.get(code=demo_data.HOME_UNIT)
    return Watch.objects.bulk_create(
        Watch(
            unit=unit,
            kind=entry["kind"],
            label=entry["names"][0][:200],
            names=entry["names"],
            exclude=entry.get("exclude", []),
            initials=entry.get("initials", False),
        )
        for entry in entries
    )


# A saved folder (ingest's layout)


def websites() -> list[str]:
    from pressdesk.directory.models import Outlet

    return sorted(
        site for site in Outlet.objects.active().exclude(website="").values_list("website", flat=True) if site
    )


def write_folder(
    folder: Path, pages: int, rng: random.Random, entries: list[dict], *, framed: bool = False
) -> list[Path]:
    """``pages`` article pages of the directory's outlets, each site's listed in its RSS feed; the page files.

    ``framed``: each article inside a news site's whole page (``_framed``) instead of a bare one."""
    sites = websites()
    texts = monitoring_match.texts(rng, entries, pages)
    now = datetime.datetime.now(datetime.UTC)
    feeds: dict[str, list[str]] = {site: [] for site in sites}
    files = []
    for number, (text, language) in enumerate(texts):
        if number and rng.random() < REPRINTS:
            text = f"{texts[rng.randrange(number)][0]}"  # a reprint: the same story elsewhere
        site = rng.choice(sites)
        url = f"{site.rstrip('/')}/{language}/news/bench-{number}"
        at = now - datetime.timedelta(minutes=7 * number + 5)
        sentences = text.split(". ")
        title = sentences[0][:120]
        path = folder / "pages" / url.split("://", 1)[1].rstrip("/")
        path = path.with_name(path.name + ".html")
        path.parent.mkdir(parents=True, exist_ok=True)
        page = _page(language, title, sentences[1:], at)
        if framed:
            page = _framed(page, language, rng, [t for t, _l in texts[max(0, number - 40) : number + 40]])
        path.write_text(page, encoding="utf-8")
        files.append(path)
        feeds[site].append(
            f"<item><title>{html.escape(title)}</title><link>{url}</link><guid>{url}</guid>"
            f"<pubDate>{at.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        )
    (folder / "feeds").mkdir(parents=True, exist_ok=True)
    for number, (site, items) in enumerate(feeds.items()):
        if items:
            rss = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{site}</title>'
            rss += f"<link>{site}</link>{''.join(items)}</channel></rss>"
            (folder / "feeds" / f"{number:03d}.xml").write_text(rss, encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({}), encoding="utf-8")
    return files


def _page(language: str, title: str, sentences: list[str], at: datetime.datetime) -> str:
    """An article page with a site's menus, a sidebar of other headlines and a footer around it."""
    paragraphs = [". ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    body = "".join(f"<p>{html.escape(p)}.</p>" for p in paragraphs if p)
    menu = "".join(f'<li><a href="/{language}/tag/{n}/">{html.escape(w)}</a></li>' for n, w in enumerate(sentences[:6]))
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta property="article:published_time" content="{at.isoformat()}"></head><body>'
        f"<header><nav><ul>{menu}</ul></nav></header><main><article><h1>{html.escape(title)}</h1>{body}</article>"
        f"<aside><h2>Read also</h2><ul>{menu}</ul></aside></main><footer><p>© 2025</p></footer></body></html>"
    )


def _framed(page: str, language: str, rng: random.Random, others: list[str]) -> str:
    """The article page inside what a news site's saved page carries around it (about 110 KB): meta tags, inline
    styles and scripts (settings, analytics, structured data), a menu of a hundred sections, a ticker, teasers of
    other stories with their leads, tags, share buttons, a comments block and a footer of links and counters."""

    def headline() -> str:
        return html.escape(rng.choice(others).split(". ")[0][:110])

    def teaser(n: int) -> str:
        lead = html.escape(". ".join(rng.choice(others).split(". ")[1:3])[:240])
        return (
            f'<div class="card"><a href="/{language}/news/other-{n}"><img src="/img/{n}.jpg" alt="" loading="lazy">'
            f'<h3>{headline()}</h3></a><p class="lead">{lead}</p><time datetime="2025-01-0{n % 9 + 1}">'
            f"0{n % 9 + 1}.01.2025</time></div>"
        )

    styles = "".join(
        f".c{n}{{margin:{n % 7}px;padding:{n % 5}px;color:#{n * 4099 % 0xFFFFFF:06x}}}" for n in range(900)
    )
    config = json.dumps({"ads": [{"slot": n, "sizes": [[300, 250], [728, 90]]} for n in range(40)], "lang": language})
    metas = "".join(f'<meta property="og:x{n}" content="{headline()}">' for n in range(20))
    menu = "".join(
        f'<li><a href="/{language}/section/{n}/">{html.escape(w)}</a><ul>'
        + "".join(f'<li><a href="/{language}/section/{n}/{m}/">{m}</a></li>' for m in range(6))
        + "</ul></li>"
        for n, w in enumerate(rng.choice(others).split()[:16])
    )
    ticker = "".join(f'<li><a href="/{language}/news/t{n}">{headline()}</a></li>' for n in range(12))
    cards = "".join(teaser(n) for n in range(40))
    footer = "".join(f'<li><a href="/{language}/page/{n}">{headline()[:30]}</a></li>' for n in range(60))
    head, body = page.split("</head><body>", 1)
    body = body.removesuffix("</body></html>")
    return (
        f"{head}{metas}<style>{styles}</style><script>window.siteConfig={config};</script>"
        f'<script type="application/ld+json">{json.dumps({"@type": "WebSite", "name": "news"})}</script></head><body>'
        f'<header><a class="logo" href="/">news</a><nav class="menu"><ul>{menu}</ul></nav><form action="/search">'
        f'<input name="q" aria-label="search"></form></header><div class="ticker"><ul>{ticker}</ul></div>'
        f'{body}<div class="share"><a href="#tg">Telegram</a><a href="#fb">Facebook</a><a href="#wa">WhatsApp</a></div>'
        f'<section class="related"><h2>{headline()}</h2>{cards}</section><div id="comments" class="comments"></div>'
        f"<footer><ul>{footer}</ul><p>© 2025</p></footer><script>{'var a=1;' * 2000}</script></body></html>"
    )


# A million clippings, straight into the tables


class Vocabulary:
    """Words of generated kk/ru news and watch names, with each word's index tokens computed once."""

    def __init__(self, rng: random.Random, entries: list[dict]):
        from tests.text.declension import forms

        self.kk = [form for noun in monitoring_match.KK_NOUNS for form in forms(noun)] + monitoring_match.KK_OTHER * 10
        self.ru = [w + e for w in monitoring_match.RU_WORDS for e in monitoring_match.RU_ENDINGS]
        self.names = [name.split() for entry in entries for name in entry["names"]]
        self._bodies: dict[tuple[str, str], str] = {}

    def body(self, word: str, language: str) -> str:
        from pressdesk.monitoring import indexing

        key = (word, language)
        found = self._bodies.get(key)
        if found is None:
            found = self._bodies[key] = indexing.body("", word, language)
        return found


def clipping_rows(
    rng: random.Random, vocabulary: Vocabulary, total: int, first_id: int, outlets: list[int]
) -> Iterator:
    """``(id, fields, body, named)`` for ``total`` short clippings over the last year; ``named``: a watch name is in it."""
    now = datetime.datetime.now(datetime.UTC)
    tones = ["neutral"] * 6 + ["positive"] * 2 + ["negative"] * 2
    for number in range(total):
        language = "kk" if rng.random() < 0.6 else "ru"
        words = rng.choices(vocabulary.kk if language == "kk" else vocabulary.ru, k=rng.randint(25, 70))
        named = rng.random() < 0.3
        if named:
            at = rng.randrange(len(words))
            words[at:at] = rng.choice(vocabulary.names)
        title = " ".join(words[:8]).capitalize()
        text = " ".join(words[8:]).capitalize() + "."
        body = " ".join(vocabulary.body(word, language) for word in words)
        fields = {
            "outlet_id": rng.choice(outlets),
            "url": f"https://bench.demo/{first_id + number}",
            "canonical_url": f"https://bench.demo/{first_id + number}",
            "title": title,
            "published_at": now - datetime.timedelta(seconds=rng.randrange(365 * 86_400)),
            "fetched_at": now,
            "language": language,
            "text": text,
            "tone": rng.choice(tones),
        }
        yield first_id + number, fields, body, named


def insert(model, rows: list[dict]) -> None:
    """Rows (column values by field attname; the others their defaults) with the engine's bulk path."""
    from django.db import connection

    if not rows:
        return
    # The primary key is left to the database unless the rows give it.
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    defaults = {f.attname: f.get_default() for f in fields}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [
        tuple(f.get_db_prep_save(row.get(f.attname, defaults[f.attname]), connection) for f in fields) for row in rows
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)  # noqa: S608 (our names)
