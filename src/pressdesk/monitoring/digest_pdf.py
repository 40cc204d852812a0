"""The daily digest as a printed A4 document: WeasyPrint renders the page's own fragment in the reader's language.

The fragment (``monitoring/digest.html``) is the one the digest page shows; the
PDF wraps it in ``monitoring/digest_pdf.html`` with print CSS. The chart is inline
SVG, the fonts are the system's (DejaVu Sans carries every Kazakh letter), and the
URL fetcher is the bulletin's local-only one, so nothing in a clipping's address
or text can make the server call out while rendering.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import HTML

from pressdesk.publications.bulletin_pdf import LocalOnlyFetcher, css_content

TEMPLATE = "monitoring/digest_pdf.html"


def render_html(figures, language: str) -> str:
    """``figures`` is a ``digest.DayDigest``."""
    with translation.override(language):
        return render_to_string(
            TEMPLATE,
            {
                "d": figures,
                "language": language,
                "unit_name": figures.unit.name,
                "page_footer": css_content(_("Page %(n)s of %(total)s"), {"n": "page", "total": "pages"}),
            },
        )


def render(figures, language: str) -> bytes:
    """The digest as PDF bytes, in ``language``."""
    return HTML(string=render_html(figures, language), base_url=None, url_fetcher=LocalOnlyFetcher()).write_pdf()


def filename(figures) -> str:
    """``digest-akimat-2026-03-14.pdf``: says which unit and sorts by day."""
    return f"digest-{figures.unit.code}-{figures.day.isoformat()}.pdf"
