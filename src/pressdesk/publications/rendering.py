"""Material bodies: CommonMark in, sanitised HTML out.

Raw HTML in the source is not interpreted (markdown-it's ``html`` option is
off), so ``<script>`` typed into a body is shown as text; the result then
goes through nh3's allow-list all the same, so a parser bug cannot open a hole.
"""

from __future__ import annotations

import html

import nh3
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "a", "code", "pre", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def body_html(source: str) -> str:
    """The body as safe HTML. Headings start at h2: the page's h1 is the title."""
    rendered = _PARSER.render(source or "")
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(source: str) -> str:
    """The body without markup, for search, feeds' summaries and PDF tables of contents."""
    return html.unescape(nh3.clean(body_html(source), tags=set())).strip()
