"""An advice note and an analysis on paper (PDF, WeasyPrint), and an analysis as a workbook (XLSX).

The PDFs wrap the page's own fragments (``planning/notes/_note.html``,
``planning/analysis/_figures.html``) in print CSS, rendered in the reader's
language; the chart is the page's inline SVG; the fonts are the system's, and the
URL fetcher is the bulletin's local-only one, so nothing in a note or a clipping
can make the server call out while rendering. The workbook is one sheet of
(section, name, figures …) rows written through the directory's XLSX helper.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import HTML

from pressdesk.core.templatetags.l10n_kk import ldate, ldatetime
from pressdesk.planning.analysis_reading import Coverage, Readout, read
from pressdesk.planning.models import AdviceNote, Analysis
from pressdesk.publications.bulletin_pdf import LocalOnlyFetcher, css_content


def _pdf(template: str, context: dict, language: str) -> bytes:
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


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def note_pdf(note: AdviceNote, language: str) -> bytes:
    evidence = list(note.clippings.select_related("outlet").prefetch_related("outlet__translations"))
    with translation.override(language):
        coverage = Coverage(note.figures, f"note-{note.pk}-tone") if note.figures else None
        context = {"note": note, "evidence": evidence, "coverage": coverage, "unit_name": note.unit.name}
    return _pdf("planning/notes/pdf.html", context, language)


def note_filename(note: AdviceNote) -> str:
    return f"note-{note.unit.code}-{note.pk}.pdf"


def analysis_pdf(analysis: Analysis, language: str) -> bytes:
    with translation.override(language):
        context = {"analysis": analysis, "r": read(analysis), "unit_name": analysis.unit.name}
    return _pdf("planning/analysis/pdf.html", context, language)


def analysis_filename(analysis: Analysis, extension: str) -> str:
    return f"analysis-{analysis.unit.code}-{analysis.pk}-{analysis.last_day.isoformat()}.{extension}"


# The workbook


def xlsx_header() -> list[str]:
    return [_("Section"), _("Name"), _("Figure"), _("Details")]


def xlsx_rows(r: Readout) -> Iterator[list[object]]:
    analysis = r.analysis
    about = _("About")
    yield [about, _("Title"), analysis.title, ""]
    yield [about, _("Period"), f"{ldate(analysis.first_day)} – {ldate(analysis.last_day)}", ""]
    yield [about, _("Figures assembled"), ldatetime(r.assembled_at), analysis.get_status_display()]
    events, section = r.events, _("Events")
    for label, key in (
        (_("Events"), "count"),
        (_("Held"), "held"),
        (_("Journalists registered"), "registered"),
        (_("Journalists present"), "present"),
        (_("Questions received"), "questions_received"),
        (_("Questions asked"), "questions_asked"),
        (_("Questions answered"), "questions_answered"),
    ):
        yield [section, label, events.get(key, 0), ""]
    for row in r.event_rows:
        details = _("%(present)s present, %(asked)s questions asked, %(answered)s answered") % row
        yield [_("Event"), row["title"], ldatetime(row["starts_at"]), f"{row['status_label']}; {details}"]
    for part in r.parts:
        yield [
            _("Campaign part"),
            part["title"],
            ldate(part["starts_on"]),
            f"{part['kind_label']}; {part['status_label']}",
        ]
    for row in r.materials:
        when = ldatetime(row["public_at"]) if row["public_at"] else _("not public")
        yield [_("Material"), row["title"], when, row["kind_label"]]
        if row.get("public"):
            pickup = _("%(clippings)s clippings, %(outlets)s outlets, reach %(reach)s") % {
                "clippings": row.get("clippings", 0),
                "outlets": row.get("outlets", 0),
                "reach": row.get("reach", 0),
            }
            yield [_("Pickup"), row["title"], row.get("clippings", 0), pickup]
    yield from _coverage_rows(r.coverage)
    yield [_("Conclusions"), "", analysis.conclusions, ""]
    yield [_("For next time"), "", analysis.next_time, ""]


def _coverage_rows(coverage: Coverage) -> Iterator[list[object]]:
    section = _("Coverage")
    yield [section, _("Items"), coverage.total, ""]
    yield [section, _("Outlets"), coverage.outlet_count, ""]
    yield [section, _("Reach"), coverage.reach, ""]
    for _code, label, n in coverage.tones():
        yield [_("Tone"), label, n, ""]
    for label, n in coverage.languages():
        yield [_("Language"), label, n, ""]
    for label, n in coverage.kinds():
        yield [_("Type"), label, n, ""]
    for row in coverage.outlets():
        yield [_("Outlet"), row["name"], row["clippings"], row["reach"] or ""]
    for label, counts, total in coverage.timeline():
        tones = ", ".join(f"{name}: {n}" for (_code, name, _all), n in zip(coverage.tones(), counts, strict=True))
        yield [_("Tone over time"), label, total, tones]
