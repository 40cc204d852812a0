"""A bulletin as a printed A4 issue: WeasyPrint renders the HTML template in the bulletin's language.

The template needs nothing from outside: its CSS is inline and its fonts are
the system's (DejaVu Sans carries every Kazakh letter). The URL fetcher
refuses anything but inline ``data:`` resources, so a link in a material's
body can never make the server call out while rendering.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from pressdesk.publications.bulletins import entries
from pressdesk.publications.models import Bulletin

TEMPLATE = "publications/bulletins/pdf.html"


class LocalOnlyFetcher(URLFetcher):
    """Gives WeasyPrint inline ``data:`` resources only; every other URL fails and is left out of the page."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False)


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return f'"{escaped}"'


def css_content(message: str, counters: dict[str, str]) -> SafeString:
    """A translated sentence with %(name)s slots as a CSS ``content`` value, each slot a counter.

    ``css_content("Page %(n)s of %(total)s", {"n": "page", "total": "pages"})`` gives
    ``"Page " counter(page) " of " counter(pages)``, in whatever word order the translation has.
    """
    parts = []
    for index, piece in enumerate(re.split(r"%\((\w+)\)s", message)):
        if index % 2:
            parts.append(f"counter({counters[piece]})")
        elif piece:
            parts.append(_css_string(piece))
    return mark_safe(" ".join(parts) or '""')


def render_html(bulletin: Bulletin) -> str:
    with translation.override(bulletin.language):
        items = entries(bulletin)
        return render_to_string(
            TEMPLATE,
            {
                "bulletin": bulletin,
                "unit_name": bulletin.unit.name,
                "entries": items,
                "has_internal": any(entry.internal for entry in items),
                # "Page %(n)s of %(total)s" is the pagination's sentence: already in every language.
                "page_footer": css_content(_("Page %(n)s of %(total)s"), {"n": "page", "total": "pages"}),
            },
        )


def render(bulletin: Bulletin) -> bytes:
    """The bulletin as PDF bytes."""
    return HTML(string=render_html(bulletin), base_url=None, url_fetcher=LocalOnlyFetcher()).write_pdf()


def filename(bulletin: Bulletin) -> str:
    """``bulletin-akimat-007-2026-03-14.pdf``: sorts by number within a unit and says which unit."""
    return f"bulletin-{bulletin.unit.code}-{bulletin.number:03d}-{bulletin.issued_on.isoformat()}.pdf"
