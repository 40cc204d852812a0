"""The report as an XLSX workbook: one sheet per section, the figures as numbers (shares as percentages).

Each sheet starts with the section's key figures, then each of its tables with
its heading row. Text cells are always written as text — a name that starts
with "=" stays a name, never a formula.
"""

from __future__ import annotations

import io
import re

import openpyxl
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.reports import tables

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)


def _cell(sheet, value, font: Font | None = None) -> WriteOnlyCell:
    if isinstance(value, str) or value is None:
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value or ""))
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value=float(value) if isinstance(value, tables.Share) else value)
        if isinstance(value, tables.Share):
            cell.number_format = "0.0%"
    if font is not None:
        cell.font = font
    return cell


def _title(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the book."""
    base = re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip() or "Sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" {number}"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def workbook(report, language: str) -> bytes:
    """``report`` (a ``report.Report``) as XLSX bytes, its words in ``language``."""
    with translation.override(language):
        book = openpyxl.Workbook(write_only=True)
        taken: set[str] = set()
        period = _("%(since)s – %(until)s") % {
            "since": ldate(report.period.since),
            "until": ldate(report.period.until),
        }
        for section in tables.sections(report):
            sheet = book.create_sheet(_title(section.title, taken))
            sheet.column_dimensions["A"].width = 44
            sheet.append([_cell(sheet, section.title, TITLE)])
            sheet.append([_cell(sheet, report.unit.name), _cell(sheet, period)])
            for note in report.period.notes:
                sheet.append([_cell(sheet, note)])
            sheet.append([])
            if section.empty:
                sheet.append([_cell(sheet, section.empty)])
                continue
            for label, value in section.lead:
                sheet.append([_cell(sheet, label), _cell(sheet, value)])
            for table in section.tables:
                sheet.append([])
                sheet.append([_cell(sheet, table.title, BOLD)])
                sheet.append([_cell(sheet, heading, BOLD) for heading in table.header])
                for row in table.rows:
                    sheet.append([_cell(sheet, value) for value in row])
                if table.note:
                    sheet.append([_cell(sheet, table.note)])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
