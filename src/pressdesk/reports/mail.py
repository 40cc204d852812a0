"""The scheduled report's letter: one per recipient, in their language, with the PDF and/or XLSX in that language.

Each file is made once per language however many readers share it. Letters go
through monitoring's sender (one letter each; a refused address is logged and
the others still get theirs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import User
from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.monitoring.mail import Letter, language_of, send
from pressdesk.reports import pdf, tables, xlsx
from pressdesk.reports.models import Frequency, Schedule
from pressdesk.reports.report import Report, filename

SUBJECTS = {
    Frequency.WEEKLY: _("Weekly report, %(since)s – %(until)s: %(unit)s"),
    Frequency.MONTHLY: _("Monthly report, %(since)s – %(until)s: %(unit)s"),
}


def _once_per_language(make: Callable[[str], bytes]) -> Callable[[str], bytes]:
    made: dict[str, bytes] = {}

    def get(language: str) -> bytes:
        if language not in made:
            made[language] = make(language)
        return made[language]

    return get


def page_link(built: Report) -> str:
    """The same report on the analytics page (the reader signs in first)."""
    query = {
        "unit": built.unit.pk,
        "period": "custom",
        "since": built.period.since.isoformat(),
        "until": built.period.until.isoformat(),
    }
    return f"{settings.SITE_URL}{reverse('reports:analytics')}?{urlencode(query)}"


def letters(built: Report, schedule: Schedule, people: Iterable[User]) -> int:
    """The report's letter to each person; returns how many went."""
    pdfs = _once_per_language(lambda language: pdf.render(built, language))
    workbooks = _once_per_language(lambda language: xlsx.workbook(built, language))

    def write(person: User) -> Letter:
        language = language_of(person)
        period = {"since": ldate(built.period.since), "until": ldate(built.period.until), "unit": built.unit.name}
        attachments = []
        if schedule.send_pdf:
            attachments.append((filename(built, "pdf"), pdfs(language), "application/pdf"))
        if schedule.send_xlsx:
            attachments.append((filename(built, "xlsx"), workbooks(language), xlsx.CONTENT_TYPE))
        body = render_to_string(
            "reports/email/report.txt",
            {
                "person": person,
                "report": built,
                "sections": tables.sections(built),
                "link": page_link(built),
                "schedules": settings.SITE_URL + reverse("reports:schedules"),
            },
        )
        return Letter(str(SUBJECTS[schedule.frequency]) % period, body, attachments)

    return send(people, write, f"report of schedule {schedule.pk} for {built.period.since}")
