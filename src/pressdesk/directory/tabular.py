"""Tables in and out: CSV, XLSX and vCard files read as rows of named fields, and written back.

Reading never holds a whole file in memory: CSV is decoded as it streams, an
XLSX workbook is opened read-only (openpyxl then streams the sheet), vCards are
parsed one at a time. Headings are matched to fields by the names people
actually give their columns in Kazakh, Russian and English, ignoring case,
spaces and punctuation, plus the heading we write ourselves in each language, so
whatever we export imports again.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import PurePath
from typing import IO

import openpyxl
import vobject
from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

CSV, XLSX, VCF = "csv", "xlsx", "vcf"
DELIMITERS = (",", ";", "\t")
# Excel in the Kazakh and Russian locales splits CSV on ";" (the comma is their decimal sign).
EXPORT_DELIMITER = ";"
SAMPLE_CHARS = 64 * 1024
HEADER_SEARCH_ROWS = 10
CHUNK = 1 << 20
# Spreadsheets run formulas in cells that start with these; exported text is guarded with a "'".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableError(Exception):
    """The file cannot be read as a table; the message says why and what to do."""


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise  # the heading we write, in the user's language
    aliases: tuple[str, ...] = ()  # other headings people give this column
    multiple: bool = False  # several columns may carry it: "Телефон", "Телефон 2"


JOURNALIST_COLUMNS = (
    Column(
        "full_name",
        gettext_lazy("Full name"),
        ("Аты-жөні", "Аты жөні", "Толық аты-жөні", "Тегі, аты", "Аты", "ФИО", "Ф.И.О.", "Имя", "Полное имя")
        + ("Фамилия, имя", "Фамилия имя отчество", "Журналист", "Тілші", "Name", "Journalist", "Full name"),
    ),
    Column(
        "email",
        gettext_lazy("Email"),
        ("Email", "E-mail", "Эл. пошта", "Электрондық пошта", "Электронная почта", "Эл. почта", "Почта", "Mail"),
        multiple=True,
    ),
    Column(
        "phone",
        gettext_lazy("Phone"),
        ("Телефон", "Тел.", "Телефон нөмірі", "Ұялы телефон", "Номер телефона", "Мобильный", "Phone", "Mobile"),
        multiple=True,
    ),
    Column("outlet", gettext_lazy("Outlet"), ("БАҚ", "СМИ", "Басылым", "Издание", "Редакция", "Outlet", "Media")),
    Column("title", gettext_lazy("Position"), ("Лауазымы", "Лауазым", "Қызметі", "Должность", "Position", "Title")),
    Column("beats", gettext_lazy("Beats"), ("Тақырыптар", "Тақырыбы", "Тематика", "Темы", "Beats", "Topics")),
    Column(
        "languages",
        gettext_lazy("Languages"),
        ("Тілдер", "Тілдері", "Жұмыс тілдері", "Языки", "Рабочие языки", "Languages", "Working languages"),
    ),
    Column(
        "preferred_language",
        gettext_lazy("Preferred language"),
        ("Материал тілі", "Материалдар тілі", "Язык материалов", "Preferred language", "Language for materials"),
    ),
    Column("trusted", gettext_lazy("Trusted"), ("Сенімді", "Сенімді топ", "Доверенный", "Trusted", "Trusted pool")),
    Column(
        "erased",
        gettext_lazy("Personal data erased"),
        ("Жеке деректер өшірілген", "Персональные данные удалены", "Personal data erased"),
    ),
)

# Written only, for now: outlets are added one by one, with the type, level and owner a list rarely has.
OUTLET_COLUMNS = (
    Column("name_kk", gettext_lazy("Name in Kazakh")),
    Column("name_ru", gettext_lazy("Name in Russian")),
    Column("name_en", gettext_lazy("Name in English")),
    Column("kind", gettext_lazy("Type")),
    Column("level", gettext_lazy("Level")),
    Column("ownership", gettext_lazy("Ownership")),
    Column("languages", gettext_lazy("Languages")),
    Column("reach", gettext_lazy("Reach")),
    Column("website", gettext_lazy("Website")),
    Column("email", gettext_lazy("Email")),
    Column("phone", gettext_lazy("Phone")),
    Column("status", gettext_lazy("Status")),
)


def heading_key(text: str) -> str:
    """A heading reduced to its letters, lower-cased: "Эл. пошта" and "ЭЛ ПОШТА:" are one heading."""
    return "".join(ch for ch in text.casefold().replace("ё", "е") if ch.isalpha())


def heading_index(columns: Iterable[Column]) -> dict[str, Column]:
    """Every heading we accept for each column, including our own export heading in each language."""
    index: dict[str, Column] = {}
    for column in columns:
        names = list(column.aliases)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.append(str(column.label))
        for name in names:
            index.setdefault(heading_key(name), column)
    return index


def column_for(heading: str, index: dict[str, Column]) -> Column | None:
    key = heading_key(heading)
    if key in index:
        return index[key]
    # "Телефон 2", "Email (рабочий)": a numbered or qualified copy of a column that may repeat. Short
    # headings take no part: "Тел." would otherwise claim a "Telegram" column.
    for known, column in index.items():
        if column.multiple and len(known) >= 5 and key.startswith(known):
            return column
    return None


@dataclass
class Table:
    """What was read: the format, which fields were found, and the rows as (row number, {field: text})."""

    format: str
    found: set[str]
    ignored: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]
    notes: list[str] = field(default_factory=list)


def read_table(file: IO[bytes], name: str, columns: tuple[Column, ...]) -> Table:
    """Read an uploaded file of any supported kind; TableError when it cannot be read."""
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    kind = detect_format(name, head)
    if kind == XLSX:
        return _read_xlsx(file, columns)
    text = _text_stream(file)
    if kind == VCF:
        return _read_vcards(text)
    return _read_csv(text, columns)


def detect_format(name: str, head: bytes) -> str:
    suffix = PurePath(name).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise TableError(_("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx or .csv."))
    if suffix in {".vcf", ".vcard"} or b"BEGIN:VCARD" in head[:1024].upper():
        return VCF
    if suffix in {".csv", ".txt", ".tsv", ""}:
        return CSV
    raise TableError(_("Files of this kind cannot be imported: use CSV, Excel (.xlsx) or vCard (.vcf)."))


def _encoding(file: IO[bytes]) -> str:
    """UTF-16 by its byte-order mark, UTF-8 (with or without BOM) when every byte decodes as such, else cp1251."""
    file.seek(0)
    start = file.read(2)
    file.seek(0)
    if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"  # Excel's "Unicode text"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := file.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1251"  # what Excel writes as "CSV" on a Russian or Kazakh Windows
    finally:
        file.seek(0)
    return "utf-8-sig"


def _text_stream(file: IO[bytes]) -> io.TextIOWrapper:
    encoding = _encoding(file)
    # cp1251 leaves one byte (0x98) undefined; a stray one should not make the whole file unreadable.
    return io.TextIOWrapper(file, encoding=encoding, errors="replace", newline="")


def clean_cell(value: object) -> str:
    """A cell as text: numbers without ".0", dates as YYYY-MM-DD, our own formula guard taken off."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time.min else value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value).replace("\u00a0", " ").strip()
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def _header_at(rows: list[list[str]], index: dict[str, Column]) -> int | None:
    """Which of the first rows holds the headings: a title line above them is common in office lists."""
    for number, row in enumerate(rows):
        found = {column.key for cell in row if (column := column_for(cell, index))}
        if len(found) >= 2 or (found and next(iter(found)) in {"full_name", "name_kk", "name_ru"}):
            return number
    return next((number for number, row in enumerate(rows) if any(row)), None)


def _mapped(rows: Iterator[list[object]], columns: tuple[Column, ...], format: str, notes: list[str]) -> Table:
    """Find the heading row, then read every later row as {field: text} with its row number in the file."""
    index = heading_index(columns)
    first = [[clean_cell(v) for v in row] for row in islice(rows, HEADER_SEARCH_ROWS)]
    header_number = _header_at(first, index)
    if header_number is None:
        raise TableError(_("The file is empty."))
    positions: dict[int, Column] = {}
    ignored = []
    for position, heading in enumerate(first[header_number]):
        column = column_for(heading, index) if heading else None
        taken = column is not None and not column.multiple and column in positions.values()
        if column is None or taken:
            if heading:
                ignored.append(heading)
        else:
            positions[position] = column
    found = {column.key for column in positions.values()}
    return Table(format, found, ignored, _values(first, header_number, rows, positions), notes)


def _values(
    first: list[list[str]], header_number: int, rest: Iterator[list[object]], positions: dict[int, Column]
) -> Iterator[tuple[int, dict[str, str]]]:
    def all_rows() -> Iterator[list[str]]:
        yield from first[header_number + 1 :]
        for row in rest:
            yield [clean_cell(v) for v in row]

    for number, row in enumerate(all_rows(), start=header_number + 2):
        if not any(row):
            continue
        values: dict[str, str] = {}
        for position, column in positions.items():
            cell = row[position] if position < len(row) else ""
            if cell:
                values[column.key] = f"{values[column.key]}\n{cell}" if column.key in values else cell
        yield number, values


def _read_csv(text: io.TextIOWrapper, columns: tuple[Column, ...]) -> Table:
    sample = text.read(SAMPLE_CHARS)
    text.seek(0)
    if "\n" in sample and len(sample) == SAMPLE_CHARS:
        sample = sample[: sample.rindex("\n")]
    delimiter = _delimiter(sample, heading_index(columns))
    return _mapped(_csv_rows(text, delimiter), columns, CSV, [])


def _delimiter(sample: str, index: dict[str, Column]) -> str:
    """The delimiter under which most headings are recognised; on a tie, the one that splits rows widest."""

    def score(delimiter: str) -> tuple[int, int]:
        rows = []
        try:
            rows = list(islice(csv.reader(io.StringIO(sample), delimiter=delimiter), HEADER_SEARCH_ROWS))
        except csv.Error:
            pass
        recognised = max((len({c for cell in row if (c := column_for(cell, index))}) for row in rows), default=0)
        return recognised, max((len(row) for row in rows), default=0)

    return max(DELIMITERS, key=score)


def _csv_rows(text: io.TextIOWrapper, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(text, delimiter=delimiter)
    try:
        yield from reader
    except csv.Error:
        raise TableError(
            _("Row %(row)s cannot be read: a quotation mark is probably not closed.") % {"row": reader.line_num}
        ) from None


def _read_xlsx(file: IO[bytes], columns: tuple[Column, ...]) -> Table:
    unreadable = _("The file cannot be read as an Excel workbook. Open it in Excel and save it again as .xlsx.")
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, SyntaxError):
        raise TableError(unreadable) from None
    if not book.worksheets:
        book.close()
        raise TableError(_("The file is empty."))
    sheet = book.worksheets[0]
    notes = []
    if len(book.worksheets) > 1:
        notes.append(_("Only the first sheet, “%(name)s”, is read.") % {"name": sheet.title})

    def rows() -> Iterator[list[object]]:
        try:
            for row in sheet.iter_rows(values_only=True):
                yield list(row)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError):
            raise TableError(unreadable) from None
        finally:
            book.close()

    return _mapped(rows(), columns, XLSX, notes)


VCARD_FIELDS = {"full_name", "email", "phone", "outlet", "title"}


def _read_vcards(text: io.TextIOWrapper) -> Table:
    def cards() -> Iterator[tuple[int, dict[str, str]]]:
        number = 0
        try:
            for card in vobject.readComponents(text, ignoreUnreadable=True):
                if card.name != "VCARD":
                    continue
                number += 1
                yield number, _card_values(card)
        except (vobject.base.ParseError, ValueError):
            raise TableError(
                _("Card %(number)s cannot be read: the file is not a valid vCard.") % {"number": number + 1}
            ) from None

    return Table(VCF, set(VCARD_FIELDS), [], cards(), [])


def _card_values(card) -> dict[str, str]:
    def texts(name: str) -> list[str]:
        found = []
        for line in card.contents.get(name, []):
            value = line.value
            if isinstance(value, list):  # ORG: organisation name, then its departments
                value = value[0] if value else ""
            if isinstance(value, vobject.vcard.Name):
                value = " ".join(p for p in (value.given, value.additional, value.family) if isinstance(p, str) and p)
            value = clean_cell(value)
            if value:
                found.append(value)
        return found

    name = texts("fn") or texts("n")
    # vCard 4.0 writes phones as URIs: TEL;VALUE=uri:tel:+7-701-234-5678
    phones = [re.sub(r"^tel:", "", p, flags=re.IGNORECASE) for p in texts("tel")]
    values = {
        "full_name": name[0] if name else "",
        "email": "\n".join(texts("email")),
        "phone": "\n".join(phones),
        "outlet": "\n".join(texts("org")[:1]),
        "title": "\n".join(texts("title")[:1]),
    }
    return {key: value for key, value in values.items() if value}


# Writing ---------------------------------------------------------------------------------------------------------


def _guarded(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


class _Pending:
    """What csv.writer writes, held until the response takes it."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> bytes:
        text = "".join(self.parts)
        self.parts.clear()
        return text.encode("utf-8")


def csv_chunks(header: list[str], rows: Iterable[list[str]]) -> Iterator[bytes]:
    """A CSV file as UTF-8 with a BOM (so Excel reads Cyrillic right), streamed in pieces."""
    pending = _Pending()
    writer = csv.writer(pending, delimiter=EXPORT_DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    yield codecs.BOM_UTF8 + pending.take()
    rows = iter(rows)
    while batch := list(islice(rows, 500)):
        writer.writerows([_guarded(value) for value in row] for row in batch)
        yield pending.take()


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet"


def xlsx_file(header: list[str], rows: Iterable[list[str]], title: str) -> IO[bytes]:
    """An XLSX workbook written row by row to a temporary file, rewound for reading."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_xlsx_cell(sheet, heading, bold) for heading in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return out


def _xlsx_cell(sheet, value: str, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    # openpyxl would store "=…" as a formula; everything we write is text.
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


@dataclass(frozen=True)
class Card:
    full_name: str
    emails: list[str]
    phones: list[str]
    organisation: str = ""
    title: str = ""


def vcard_chunks(cards: Iterable[Card]) -> Iterator[bytes]:
    """vCard 3.0, which every phone and mail program reads; one card per person."""
    for card in cards:
        vcard = vobject.vCard()
        # N is required in 3.0; whether the family name comes first varies too much here to split FN reliably.
        vcard.add("n").value = vobject.vcard.Name()
        vcard.add("fn").value = card.full_name
        for address in card.emails:
            line = vcard.add("email")
            line.value = address
            line.type_param = "INTERNET"
        for number in card.phones:
            line = vcard.add("tel")
            line.value = number
            line.type_param = "VOICE"
        if card.organisation:
            vcard.add("org").value = [card.organisation]
        if card.title:
            vcard.add("title").value = card.title
        yield vcard.serialize().encode("utf-8")


def download(
    fmt: str, header: list[str], rows: Iterable[list[object]], *, title: str, filename: str
) -> FileResponse | StreamingHttpResponse:
    """A table as an attachment: XLSX in one file, CSV streamed. Every cell is written as text."""
    cells = ([str(cell) for cell in row] for row in rows)
    if fmt == XLSX:
        return FileResponse(xlsx_file(header, cells, title), as_attachment=True, filename=filename)
    response = StreamingHttpResponse(csv_chunks(header, cells), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
