"""The report as a printed A4 document: WeasyPrint renders the page's own fragment in the reader's language.

The fragment (``reports/_report.html``) is the one the analytics page shows, so
the page and the paper carry the same figures and the same SVG charts. The URL
fetcher is the bulletin's local-only one: nothing in a title or a name can make
the server call out while rendering. Rendering holds no shared state, so two
copies asked for at once are made side by side, each whole.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import HTML

from pressdesk.publications.bulletin_pdf import LocalOnlyFetcher, css_content
from pressdesk.reports import tables

TEMPLATE = "reports/report_pdf.html"


def render_html(report, language: str) -> str:
    """``report`` is a ``report.Report``."""
    with translation.override(language):
        return render_to_string(
            TEMPLATE,
            {
                "report": report,
                "sections": tables.sections(report),
                "language": language,
                "unit_name": report.unit.name,
                "page_footer": css_content(_("Page %(n)s of %(total)s"), {"n": "page", "total": "pages"}),
            },
        )


def render(report, language: str) -> bytes:
    return HTML(string=render_html(report, language), base_url=None, url_fetcher=LocalOnlyFetcher()).write_pdf()
