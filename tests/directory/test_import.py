"""Importing journalists: every file format and spelling a press service has, a preview, all or nothing."""

from __future__ import annotations

import codecs
import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from pressdesk.core import search
from pressdesk.core.models import AuditEntry, Role
from pressdesk.directory import filters, importing, indexing, tabular
from pressdesk.directory.models import Beat, Contact, ImportJob, Journalist, Position
from pressdesk.directory.models.imports import ImportStatus
from tests.conftest import run_queued_tasks, verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are compared in English; the pages' tests choose their language by the URL.
    with translation.override("en"):
        yield


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False) -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = text.getvalue().encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check(data: bytes, world, name: str = "list.csv", actor=None):
    return importing.import_check(file=io.BytesIO(data), name=name, unit=world.body, actor=actor)


def commit(data: bytes, world, name: str = "list.csv", actor=None):
    return importing.import_commit(
        file=io.BytesIO(data), name=name, unit=world.body, actor=actor, consent_basis="public_contact"
    )


def errors_by_row(preview) -> dict:
    found: dict = {}
    for error in preview.errors:
        found.setdefault(error["row"], []).append(error["message"])
    return found


@pytest.fixture
def outlets(directory):
    return {
        "khabar": directory.outlet("Хабар", ru="Хабар", en="Khabar", kind="tv", level="national"),
        "kazinform": directory.outlet("Қазақпарат", ru="Казинформ", en="Kazinform", kind="agency", level="national"),
    }


# Reading every kind of file


def test_a_cp1251_csv_with_semicolons_from_russian_excel_imports(world, outlets):
    data = csv_bytes(
        [
            ["ФИО", "Эл. почта", "Телефон", "СМИ", "Должность", "Тематика", "Языки"],
            ["Иванова Мария", "m.ivanova@khabar.kz", "8 (701) 234-56-78", "Хабар", "корреспондент", "Транспорт", "рус"],
            ["Петров Олег", "oleg@inform.kz", "", "Казинформ", "редактор", "Экономика; Политика", "русский, казахский"],
        ],
        delimiter=";",
        encoding="cp1251",
    )
    preview = check(data, world)
    assert preview.ok, preview.errors
    assert (preview.rows, preview.to_import) == (2, 2)

    outcome = commit(data, world)
    assert outcome.imported == 2
    maria = Journalist.objects.get(full_name="Иванова Мария")
    assert maria.language_codes == ["ru"] and maria.preferred_language == "ru" and maria.unit == world.body
    assert [c.normalized for c in maria.contacts.all()] == ["m.ivanova@khabar.kz", "+77012345678"]
    assert [(p.outlet, p.title) for p in maria.positions.all()] == [(outlets["khabar"], "корреспондент")]
    assert [b.code for b in maria.beats.all()] == ["transport"]
    oleg = Journalist.objects.get(full_name="Петров Олег")
    assert sorted(b.code for b in oleg.beats.all()) == ["economy", "politics"]
    assert oleg.language_codes == ["kk", "ru"]


def test_a_utf8_csv_with_bom_and_kazakh_headings_imports(world, outlets):
    data = csv_bytes(
        [
            ["Аты-жөні", "Эл. пошта", "Телефон", "БАҚ", "Лауазымы", "Материал тілі", "Сенімді"],
            ["Әлиева Мадина", "madina@khabar.kz", "+7 701 111 22 33", "ХАБАР", "тілші", "қазақша", "иә"],
        ],
        bom=True,
    )
    outcome = commit(data, world)
    madina = Journalist.objects.get()
    assert outcome.imported == 1 and madina.full_name == "Әлиева Мадина"  # no BOM glued to the first heading
    assert madina.preferred_language == "kk" and madina.trusted and madina.trusted_reason
    assert madina.positions.get().outlet == outlets["khabar"]


def test_a_tab_separated_utf16_file_from_excel_unicode_text_imports(world):
    data = "Full name\tEmail\r\nDana Omarova\tdana@example.kz\r\n".encode("utf-16")
    assert commit(data, world, name="list.txt").imported == 1


def test_vcard_4_from_a_phone_imports_with_its_uri_phones_and_organisation(world, outlets):
    data = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ержан Мұратов\r\nN:Мұратов;Ержан;;;\r\n"
        'EMAIL;TYPE=work:erzhan@inform.kz\r\nTEL;VALUE=uri;TYPE="voice,cell":tel:+7-701-111-22-33\r\n'
        "ORG:Казинформ;Редакция\r\nTITLE:шолушы\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Ким;Жанна;;;\r\nEMAIL:zhanna@example.kz\r\nEND:VCARD\r\n"
    ).encode()
    assert commit(data, world, name="contacts.vcf").imported == 2
    erzhan = Journalist.objects.get(full_name="Ержан Мұратов")
    assert [c.normalized for c in erzhan.contacts.all()] == ["erzhan@inform.kz", "+77011112233"]
    assert [(p.outlet, p.title) for p in erzhan.positions.all()] == [(outlets["kazinform"], "шолушы")]
    assert Journalist.objects.filter(full_name="Жанна Ким").exists()  # no FN: the name from N


def test_headings_match_in_any_case_spacing_and_language_and_a_title_row_above_them_is_skipped(world):
    data = csv_bytes(
        [
            ["Список журналистов на 2025 год", "", "", ""],
            ["  фио ", "E-MAIL", "Телефон 2", "Телеграм"],
            ["Сейітова Дана", "dana@example.kz", "87015556677", "@dana"],
        ]
    )
    preview = check(data, world)
    assert preview.ok, preview.errors
    assert preview.notes == ["These columns are not imported: Телеграм."]
    commit(data, world)
    assert Contact.objects.filter(journalist__full_name="Сейітова Дана").count() == 2


def test_missing_columns_are_one_error_that_names_them(world):
    preview = check(csv_bytes([["Outlet", "Position"], ["Хабар", "тілші"]]), world)
    assert len(preview.errors) == 1
    message = preview.errors[0]["message"]
    assert preview.errors[0]["row"] is None
    assert "Full name" in message and "Email or phone" in message


def test_missing_columns_are_named_in_the_users_language(world):
    with translation.override("ru"):
        preview = check(csv_bytes([["Email"], ["a@b.kz"]]), world)
        expected = str(tabular.JOURNALIST_COLUMNS[0].label)
    assert expected in preview.errors[0]["message"]


def test_an_old_excel_file_is_refused_with_a_way_out(world):
    preview = check(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, world, name="list.xls")
    assert not preview.ok and ".xlsx" in preview.errors[0]["message"]


def test_a_broken_xlsx_is_an_error_not_a_crash(world):
    preview = check(b"PK\x03\x04 this is no workbook", world, name="list.xlsx")
    assert not preview.ok and preview.errors[0]["row"] is None


# Rows with errors


def test_invalid_emails_are_errors_with_their_rows_and_nothing_is_written(world):
    data = csv_bytes(
        [
            ["Full name", "Email"],
            ["Dana Omarova", "dana@example.kz"],
            ["Erlan Sadykov", "erlan(at)example.kz"],
            ["", "nobody@example.kz"],
            ["Asel Bekova", "asel@example"],
        ]
    )
    preview = check(data, world)
    errors = errors_by_row(preview)
    assert sorted(errors) == [3, 4, 5]
    assert "erlan(at)example.kz" in errors[3][0]
    assert errors[4] == ["The name is missing."]
    with pytest.raises(importing.ImportRefused) as refused:
        commit(data, world)
    assert refused.value.preview.error_rows == 3
    assert Journalist.objects.count() == 0 and Contact.objects.count() == 0


@pytest.mark.parametrize(
    "written",
    [
        "+7 701 234 56 78",
        "+77012345678",
        "8 701 234 56 78",
        "8 (701) 234-56-78",
        "8-701-234-56-78",
        "87012345678",
        "7012345678",
        "+7 (701) 234 5678",
        "+7-701-234-56-78",
        "(701) 234-56-78",
        "7 701 234 56 78",
    ],
)
def test_every_common_way_of_writing_a_kazakh_mobile_number_is_the_same_number(world, written):
    commit(csv_bytes([["Full name", "Phone"], ["Dana Omarova", written]]), world)
    assert Contact.objects.get().normalized == "+77012345678"


def test_city_numbers_and_numbers_stored_as_numbers_in_excel_are_read(world):
    data = xlsx_bytes([["Аты-жөні", "Телефон"], ["Дана Омарова", 87272345678], ["Ерлан Садықов", "8 (727) 234-56-79"]])
    commit(data, world, name="list.xlsx")
    assert sorted(Contact.objects.values_list("normalized", flat=True)) == ["+77272345678", "+77272345679"]


def test_a_wrong_phone_number_is_an_error(world):
    preview = check(csv_bytes([["Full name", "Phone"], ["Dana Omarova", "12-34"]]), world)
    assert list(errors_by_row(preview)) == [2]


def test_several_contacts_in_one_cell_are_all_kept(world):
    data = csv_bytes(
        [["Full name", "Email", "Phone"], ["Dana", "a@b.kz, A@B.kz; c@d.kz", "87011112233 / 8 727 2345678"]]
    )
    commit(data, world)
    assert sorted(Contact.objects.values_list("normalized", flat=True)) == [
        "+77011112233",
        "+77272345678",
        "a@b.kz",
        "c@d.kz",
    ]


def test_unknown_outlets_beats_and_languages_are_errors_that_say_what_to_do(world, outlets):
    data = csv_bytes(
        [
            ["Full name", "Email", "Outlet", "Beats", "Languages"],
            ["Dana", "dana@example.kz", "Жаңа газет", "Спорт", "kk"],
            ["Erlan", "erlan@example.kz", "Жаңа газет", "Quidditch", "klingon"],
            ["Asel", "asel@example.kz", "Khabar", "", ""],
        ]
    )
    preview = check(data, world)
    errors = errors_by_row(preview)
    assert sorted(errors) == [2, 3]
    assert "Жаңа газет" in errors[2][0] and "add it first" in errors[2][0]
    assert any("Quidditch" in e for e in errors[3]) and any("klingon" in e for e in errors[3])
    assert any("Жаңа газет (2)" in note for note in preview.notes)  # listed once, with how many rows need it


def test_a_position_without_an_outlet_is_an_error(world):
    preview = check(csv_bytes([["Full name", "Email", "Position"], ["Dana", "d@e.kz", "editor"]]), world)
    assert "editor" in errors_by_row(preview)[2][0]


def test_several_positions_keep_their_titles_in_place(world, outlets):
    data = csv_bytes(
        [["Full name", "Email", "Outlet", "Position"], ["Dana", "d@e.kz", "Khabar; Kazinform", "; editor"]]
    )
    commit(data, world)
    positions = {p.outlet_id: p.title for p in Position.objects.all()}
    assert positions == {outlets["khabar"].pk: "", outlets["kazinform"].pk: "editor"}


# Duplicates


def test_an_email_or_phone_twice_in_one_file_is_an_error_on_the_later_row(world, outlets):
    data = csv_bytes(
        [
            ["Full name", "Email", "Phone", "Outlet"],
            ["Dana Omarova", "dana@example.kz", "", "Khabar"],
            ["Dana O.", "DANA@example.kz", "", ""],
            ["Erlan Sadykov", "", "+7 701 000 00 01", ""],
            ["E. Sadykov", "", "8 701 000 00 01", ""],
        ]
    )
    errors = errors_by_row(check(data, world))
    assert sorted(errors) == [3, 5]
    assert "row 2" in errors[3][0] and "email" in errors[3][0]
    assert "row 4" in errors[5][0] and "phone" in errors[5][0]


def test_the_same_name_twice_in_one_file_is_shown_and_both_are_imported(world, outlets):
    data = csv_bytes(
        [
            ["Full name", "Email", "Outlet"],
            ["Dana Omarova", "dana@example.kz", "Khabar"],
            ["Omarova Dana", "d.omarova@gmail.com", "Khabar"],
            ["Dana Omarova", "third@example.kz", "Kazinform"],
        ]
    )
    preview = check(data, world)
    assert preview.ok
    assert [(d["row"], d["other"], d["reason"]) for d in preview.duplicates] == [
        (3, "row 2", "same name and outlet"),
        (4, "row 2", "same name"),
    ]
    assert commit(data, world).imported == 3


def test_a_person_already_in_the_directory_is_skipped_and_shown(world, directory):
    known = directory.journalist("Айгерім Нұрланова", email="aigerim@example.kz", phone="+7 701 999 88 77")
    namesake = directory.journalist("Ержан Сәрсенов", email="erzhan@example.kz")
    data = csv_bytes(
        [
            ["Full name", "Email", "Phone"],
            ["Aigerim N.", "AIGERIM@example.kz", ""],
            ["Айгерім", "", "8 701 999 88 77"],
            ["Сәрсенов Ержан", "erzhan.sarsenov@other.kz", ""],
            ["Жанна Ким", "zhanna@example.kz", ""],
        ]
    )
    preview = check(data, world)
    assert preview.ok and preview.known == 2 and preview.to_import == 2
    found = {(d["row"], d["other_id"], d["skipped"]) for d in preview.duplicates}
    assert found == {(2, known.pk, True), (3, known.pk, True), (4, namesake.pk, False)}
    assert commit(data, world).imported == 2
    assert Journalist.objects.count() == 4


def test_records_out_of_the_importers_sight_are_not_revealed_as_duplicates(world, directory, unit_press_secretary):
    directory.journalist("Айгерім Нұрланова", unit=world.medeu, email="aigerim@example.kz")
    data = csv_bytes([["Full name", "Email"], ["Айгерім Нұрланова", "aigerim@example.kz"]])
    preview = importing.import_check(file=io.BytesIO(data), name="a.csv", unit=world.almaly, actor=unit_press_secretary)
    assert preview.ok and preview.duplicates == [] and preview.known == 0


# Trust


def test_the_trusted_mark_counts_only_for_people_who_may_trust(world):
    officer = world.person("officer", Role.PRESS_OFFICER, world.body)
    data = csv_bytes([["Full name", "Email", "Trusted"], ["Dana", "d@e.kz", "yes"]])
    outcome = commit(data, world, actor=officer)
    assert outcome.trusted == 0 and not Journalist.objects.get().trusted
    assert any("trusted" in note for note in outcome.preview.notes)


def test_a_trusted_cell_that_is_neither_yes_nor_empty_is_an_error(world):
    preview = check(csv_bytes([["Full name", "Email", "Trusted"], ["Dana", "d@e.kz", "maybe"]]), world)
    assert "maybe" in errors_by_row(preview)[2][0]


# Writing


def test_an_import_writes_one_audit_entry_and_makes_everyone_findable(world, press_secretary):
    rows = [["Full name", "Email"]] + [[f"Journalist Number{i}", f"j{i}@example.kz"] for i in range(30)]
    outcome = commit(csv_bytes(rows), world, name="spring.csv", actor=press_secretary)
    assert outcome.imported == 30
    entry = AuditEntry.objects.get(action="directory.import.done")
    assert AuditEntry.objects.filter(action__startswith="directory.").count() == 1
    assert entry.actor == press_secretary and entry.unit == world.body
    assert entry.after["imported"] == 30 and entry.after["file"] == "spring.csv"
    found = filters.apply(Journalist.objects.all(), filters.clean_criteria({"q": "Number17"}))
    assert [j.full_name for j in found] == ["Journalist Number17"]
    assert Journalist.objects.get(full_name="Journalist Number3").name_key == indexing.name_key("Journalist Number3")


def index_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pressdesk_search")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_failure_halfway_leaves_the_directory_and_the_search_index_as_before(world, directory, monkeypatch):
    directory.journalist("Айгерім Нұрланова", email="aigerim@example.kz")
    before = (Journalist.objects.count(), Contact.objects.count(), index_size(), AuditEntry.objects.count())
    real = search.index_many
    calls = []

    def index_then_fail(kind, rows):
        calls.append(real(kind, rows))  # the first batch really is in the index before the failure
        if len(calls) == 2:
            raise OSError("disk full")
        return calls[-1]

    monkeypatch.setattr(importing, "BATCH", 10)
    monkeypatch.setattr(search, "index_many", index_then_fail)
    rows = [["Full name", "Email"]] + [[f"Person Number{i}", f"p{i}@example.kz"] for i in range(35)]
    with pytest.raises(OSError):
        commit(csv_bytes(rows), world)
    assert calls == [10, 10]
    assert (Journalist.objects.count(), Contact.objects.count(), index_size(), AuditEntry.objects.count()) == before
    assert search.ids(indexing.JOURNALIST, ["number3"]) == []


# The command


def test_the_dry_run_reports_bad_rows_exits_non_zero_and_writes_nothing(world, tmp_path, capsys):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["Full name", "Email"], ["Dana", "dana@example.kz"], ["Erlan", "not-an-email"]]))
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("directory", "import", "journalists", str(path), "--dry-run", stderr=err, stdout=io.StringIO())
    assert failed.value.returncode == 1
    assert "Row 3: “not-an-email” is not an email address." in err.getvalue()
    assert Journalist.objects.count() == 0


def test_the_dry_run_of_a_good_file_says_what_would_happen_and_writes_nothing(world, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["Full name", "Email"], ["Dana", "dana@example.kz"]]))
    out = io.StringIO()
    call_command("directory", "import", "journalists", str(path), "--dry-run", stdout=out)
    assert "1 journalists would be imported" in out.getvalue()
    assert Journalist.objects.count() == 0 and not AuditEntry.objects.filter(action="directory.import.done").exists()


def test_the_command_imports_as_the_system_into_the_unit_named(world, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["Full name", "Email"], ["Dana", "dana@example.kz"]]))
    call_command("directory", "import", "journalists", str(path), "--unit", "almaly", stdout=io.StringIO())
    assert Journalist.objects.get().unit == world.almaly
    assert AuditEntry.objects.get(action="directory.import.done").actor is None


def test_the_command_refuses_a_bad_file_entirely(world, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["Full name", "Email"], ["Dana", "dana@example.kz"], ["", "x@y.kz"]]))
    with pytest.raises(CommandError):
        call_command("directory", "import", "journalists", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Journalist.objects.count() == 0


def test_the_command_needs_a_unit_when_there_are_several_top_units(world, tmp_path):
    from pressdesk.core import services
    from pressdesk.core.models import UnitKind

    services.unit_create(actor=None, code="other", kind=UnitKind.BODY, names={"kk": "Басқа", "ru": "Другой"})
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["Full name", "Email"], ["Dana", "dana@example.kz"]]))
    with pytest.raises(CommandError, match="--unit"):
        call_command("directory", "import", "journalists", str(path), stdout=io.StringIO())


# The pages


def upload(client, data: bytes, name: str, unit, basis: str = "public_contact"):
    file = io.BytesIO(data)
    file.name = name
    return client.post("/en/directory/imports/", {"file": file, "unit": unit.pk, "consent_basis": basis})


@pytest.mark.django_db(transaction=True)
def test_a_press_secretary_uploads_sees_the_preview_and_imports(world, press_secretary, outlets):
    client = verified_client(press_secretary)
    data = csv_bytes(
        [["Full name", "Email", "Outlet"], ["Dana Omarova", "dana@example.kz", "Khabar"], ["Erlan", "e@x.kz", ""]]
    )
    response = upload(client, data, "May list.csv", world.body)
    job = ImportJob.objects.get()
    assert response["Location"] == f"/en/directory/imports/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page  # follows the check without JavaScript
    page = client.get(response["Location"] + "?refresh=off").content.decode()
    assert 'http-equiv="refresh"' not in page and "Update the page" in page  # and the reloading can be stopped
    status = client.get(f"/en/directory/imports/{job.pk}/status/").json()  # what the page's script asks instead
    assert status == {"status": "uploaded", "running": True, "progress": "The file is waiting to be read."}

    assert run_queued_tasks() == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED and job.rows_total == 2
    page = client.get(f"/en/directory/imports/{job.pk}/").content.decode()
    assert "Import 2 journalists" in page and 'http-equiv="refresh"' not in page
    assert Journalist.objects.count() == 0

    client.post(f"/en/directory/imports/{job.pk}/start/")
    assert run_queued_tasks() == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.rows_imported == 2 and not job.file
    assert "2 journalists imported" in client.get(f"/en/directory/imports/{job.pk}/").content.decode()
    assert Journalist.objects.filter(unit=world.body).count() == 2
    assert AuditEntry.objects.filter(action="directory.import.done", actor=press_secretary).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_preview_with_errors_shows_them_by_row_and_offers_no_import(world, press_secretary):
    client = verified_client(press_secretary)
    data = csv_bytes([["Full name", "Email"], ["Dana", "dana@example.kz"], ["Erlan", "erlan-at-example"]])
    upload(client, data, "list.csv", world.body)
    run_queued_tasks()
    job = ImportJob.objects.get()
    page = client.get(f"/en/directory/imports/{job.pk}/").content.decode()
    assert "erlan-at-example" in page and "Import 1 journalist" not in page
    client.post(f"/en/directory/imports/{job.pk}/start/")
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED and Journalist.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_check_speaks_the_language_of_the_person_who_uploaded(world, press_secretary):
    client = verified_client(press_secretary)
    file = io.BytesIO(csv_bytes([["ФИО", "Email"], ["", "a@b.kz"]]))
    file.name = "list.csv"
    client.post("/ru/directory/imports/", {"file": file, "unit": world.body.pk, "consent_basis": "consent"})
    run_queued_tasks()
    with translation.override("ru"):
        expected = translation.gettext("The name is missing.")
    assert ImportJob.objects.get().errors == [{"row": 2, "message": expected}]


def test_a_file_over_the_size_limit_is_refused_with_a_clear_message(world, press_secretary, settings):
    settings.IMPORT_MAX_MB = 1
    client = verified_client(press_secretary)
    data = csv_bytes([["Full name", "Email"]] + [[f"Person {i}", f"p{i}@example.kz"] for i in range(60_000)])
    assert len(data) > 1024 * 1024
    response = upload(client, data, "huge.csv", world.body)
    assert response.status_code == 400
    assert "files up to 1 MB can be imported" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_an_outsider_cannot_open_the_import_pages(world, outsider, press_secretary):
    job = ImportJob.objects.create(unit=world.body, actor=press_secretary, kind="journalists", original_name="a.csv")
    client = verified_client(outsider)
    assert client.get("/en/directory/imports/").status_code == 403
    assert client.get(f"/en/directory/imports/{job.pk}/").status_code == 403


def test_a_unit_press_secretary_sees_and_imports_only_into_their_unit(world, press_secretary, unit_press_secretary):
    job = ImportJob.objects.create(unit=world.body, actor=press_secretary, kind="journalists", original_name="a.csv")
    client = verified_client(unit_press_secretary)
    assert client.get(f"/en/directory/imports/{job.pk}/").status_code == 404
    response = upload(client, csv_bytes([["Full name", "Email"], ["Dana", "d@e.kz"]]), "a.csv", world.body)
    assert response.status_code == 400 and ImportJob.objects.count() == 1
    response = upload(client, csv_bytes([["Full name", "Email"], ["Dana", "d@e.kz"]]), "a.csv", world.almaly)
    assert response.status_code == 302


def test_an_upload_needs_the_legal_basis_for_the_personal_data(world, press_secretary):
    response = upload(verified_client(press_secretary), csv_bytes([["Full name"], ["Dana"]]), "a.csv", world.body, "")
    assert response.status_code == 400 and ImportJob.objects.count() == 0


def test_a_beat_is_recognised_in_any_language(world):
    data = csv_bytes([["Full name", "Email", "Beats"], ["Dana", "d@e.kz", "Денсаулық сақтау, Education, спорт"]])
    commit(data, world)
    assert sorted(Beat.objects.filter(journalists__isnull=False).values_list("code", flat=True)) == [
        "education",
        "health",
        "sport",
    ]


@pytest.mark.django_db(transaction=True)
def test_an_import_that_fails_in_the_worker_says_so_and_leaves_nothing_behind(world, press_secretary, monkeypatch):
    client = verified_client(press_secretary)
    upload(client, csv_bytes([["Full name", "Email"], ["Dana", "dana@example.kz"]]), "list.csv", world.body)
    run_queued_tasks()
    job = ImportJob.objects.get()
    client.post(f"/en/directory/imports/{job.pk}/start/")

    def broken(kind, rows):
        raise OSError("disk full")

    monkeypatch.setattr(search, "index_many", broken)
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "nothing was imported" in job.failure
    assert Journalist.objects.count() == 0 and not AuditEntry.objects.filter(action="directory.import.done").exists()
    assert "nothing was imported" in client.get(f"/en/directory/imports/{job.pk}/").content.decode()
