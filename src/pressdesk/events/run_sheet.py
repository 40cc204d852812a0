"""Paper for the press centre: the run sheet of an event and its logistics list, as A4 PDFs.

WeasyPrint renders them the way the bulletin is rendered, with the bulletin's
local-only URL fetcher (nothing is fetched while rendering) and its page footer
helper. Fonts are the system's DejaVu, which carries every Kazakh letter.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from weasyprint import HTML

from pressdesk.events import logistics, staffing
from pressdesk.events.models import Event, QuestionStatus
from pressdesk.publications.bulletin_pdf import LocalOnlyFetcher, css_content


def pdf(template: str, context: dict, language: str) -> bytes:
    """``template`` rendered in ``language`` as PDF bytes, with "page n of m" at the foot of each page."""
    with translation.override(language):
        html = render_to_string(
            template,
            {
                **context,
                "language": language,
                "page_footer": css_content(_("Page %(n)s of %(total)s"), {"n": "page", "total": "pages"}),
            },
        )
    return HTML(string=html, base_url=None, url_fetcher=LocalOnlyFetcher()).write_pdf()


def _event_context(event: Event, language: str) -> dict:
    text = event.translated(language)
    return {
        "event": event,
        "title": text.title if text else event.title,
        "description": text.description if text else "",
        "text_language": text.language if text else "",
        "unit_name": event.unit.name,
    }


def render(event: Event, language: str) -> bytes:
    """The run sheet: when and where, languages, speakers, who is on duty, the programme and accepted questions."""
    with translation.override(language):
        context = {
            **_event_context(event, language),
            "speakers": list(event.speakers.select_related("user")),
            "duties": staffing.by_role(event),
            "questions": list(event.questions.filter(in_advance=True, status=QuestionStatus.ACCEPTED)),
            "language_names": _language_names(event),
        }
    return pdf("events/work/run_sheet_pdf.html", context, language)


def render_logistics(event: Event, language: str) -> bytes:
    context = {
        **_event_context(event, language),
        "arrangements": list(event.arrangements.select_related("journalist")),
        "totals": logistics.totals(event),
    }
    return pdf("events/work/logistics_pdf.html", context, language)


def _language_names(event: Event) -> list[str]:
    names = dict(settings.LANGUAGES)
    return [str(names.get(code, code)) for code in event.language_list()]


def filename(event: Event, what: str = "run-sheet") -> str:
    """``run-sheet-akimat-2026-03-14-42.pdf``: says which unit and day, sorts by date."""
    day = timezone.localdate(event.starts_at)
    return f"{what}-{event.unit.code}-{day.isoformat()}-{event.pk}.pdf"
