"""Exports of the directory: what the lists show, in the files people open, and back in again."""

from __future__ import annotations

import codecs
import csv
import datetime
import io

import openpyxl
import pytest
import vobject
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from pressdesk.core.models import Role
from pressdesk.directory import importing, services
from pressdesk.directory.models import Beat, Journalist
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(directory, press_secretary):
    khabar = directory.outlet("Хабар", ru="Хабар", en="Khabar", kind="tv", level="national")
    kazinform = directory.outlet("Қазақпарат", ru="Казинформ", en="Kazinform", kind="agency", level="national")
    dana = directory.journalist(
        "Дана Омарова",
        outlet=khabar,
        title="тілші",
        email="dana@khabar.kz",
        phone="+7 701 234 56 78",
        languages=["kk", "ru"],
        preferred_language="ru",
        beats=list(Beat.objects.filter(code__in=["transport", "health"])),
    )
    services.journalist_move(actor=None, journalist=dana, outlet=kazinform, title="редактор", on=dana.created_at.date())
    services.journalist_trust(actor=press_secretary, journalist=dana, trusted=True, reason="covers the akimat")
    erlan = directory.journalist("Ерлан Садықов", email="erlan@inform.kz", phone="8 727 234 56 78", languages=["kk"])
    almaly = directory.journalist("Асель Бекова", unit=directory.world.almaly, email="asel@example.kz")
    medeu = directory.journalist("Жанна Ким", unit=directory.world.medeu, email="zhanna@example.kz")
    return {"dana": dana, "erlan": erlan, "almaly": almaly, "medeu": medeu, "khabar": khabar, "kazinform": kazinform}


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))


def xlsx_rows(data: bytes) -> list[list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [[cell or "" for cell in row] for row in book.worksheets[0].iter_rows(values_only=True)]


def snapshot() -> set[tuple]:
    """Each present person as everything an export carries about them."""
    people = set()
    for j in Journalist.objects.present().prefetch_related("contacts", "beats", "positions__outlet__translations"):
        people.add(
            (
                j.full_name,
                frozenset(c.normalized for c in j.contacts.all()),
                frozenset((p.outlet.name, p.title) for p in j.positions.all() if p.until is None),
                frozenset(b.code for b in j.beats.all()),
                j.languages,
                j.preferred_language,
                j.trusted,
            )
        )
    return people


def reimport(data: bytes, name: str, unit) -> importing.Outcome:
    return importing.import_commit(file=io.BytesIO(data), name=name, unit=unit, actor=None, consent_basis="consent")


def test_the_csv_opens_in_excel_with_cyrillic_and_headings_in_the_users_language(world, press_secretary, people):
    response = verified_client(press_secretary).get("/ru/directory/journalists/export.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="journalists-' in response["Content-Disposition"]
    rows = csv_rows(body(response))
    with translation.override("ru"):
        assert rows[0][0] == translation.gettext("Full name")
    dana = next(row for row in rows if row[0] == "Дана Омарова")
    # A phone starting with "+" would be read by Excel as a formula; the importer takes the guard off again.
    assert dana[1] == "dana@khabar.kz" and dana[2] == "'+7 701 234 5678"
    assert dana[3] == "Казинформ" and dana[4] == "редактор"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_back_as_the_same_people(world, press_secretary, people, fmt):
    response = verified_client(press_secretary).get(f"/kk/directory/journalists/export.{fmt}")
    assert response.status_code == 200
    data = body(response)
    before = snapshot()
    assert len(before) == 4
    Journalist.objects.all().delete()
    outcome = reimport(data, f"journalists.{fmt}", world.body)
    assert outcome.imported == 4
    assert snapshot() == before


def test_vcards_import_back_as_the_same_names_contacts_and_jobs(world, press_secretary, people):
    response = verified_client(press_secretary).get("/en/directory/journalists/export.vcf")
    data = body(response)
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == 4 and all(card.version.value == "3.0" for card in cards)
    dana = next(card for card in cards if card.fn.value == "Дана Омарова")
    assert dana.org.value == ["Kazinform"] and dana.title.value == "редактор"  # the current job, in English
    assert not hasattr(dana, "note")  # notes are internal, never in an address book

    def people_now():
        return {
            (j.full_name, frozenset(c.normalized for c in j.contacts.all()), tuple(p.outlet_id for p in j.current()))
            for j in Journalist.objects.present().prefetch_related("contacts")
        }

    before = people_now()
    Journalist.objects.all().delete()
    assert reimport(data, "people.vcf", world.body).imported == 4
    assert people_now() == before


def test_the_export_takes_the_filter_of_the_list(world, press_secretary, people):
    client = verified_client(press_secretary)
    rows = csv_rows(body(client.get("/en/directory/journalists/export.csv?trusted=yes")))
    assert [row[0] for row in rows[1:]] == ["Дана Омарова"]
    rows = csv_rows(body(client.get("/en/directory/journalists/export.csv?beats=transport")))
    assert [row[0] for row in rows[1:]] == ["Дана Омарова"]


def test_a_wrong_filter_exports_nothing_and_goes_back_to_the_list(world, press_secretary, people):
    response = verified_client(press_secretary).get("/en/directory/journalists/export.csv?trusted=perhaps")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/directory/journalists/?")


def test_an_outsider_cannot_export(world, outsider, people):
    client = verified_client(outsider)
    for path in ("journalists/export.csv", "journalists/export.vcf", "outlets/export.xlsx"):
        assert client.get(f"/en/directory/{path}").status_code == 403


def test_someone_who_may_only_look_cannot_export(world, people):
    consultant = world.person("consultant", Role.CONSULTANT, world.body, valid_until=datetime.date(2099, 1, 1))
    assert verified_client(consultant).get("/en/directory/journalists/export.csv").status_code == 403


def test_a_unit_press_secretary_exports_only_what_they_see(world, unit_press_secretary, people):
    client = verified_client(unit_press_secretary)
    names = {row[0] for row in csv_rows(body(client.get("/en/directory/journalists/export.csv")))[1:]}
    # Their own district and the akimat above it; not the neighbouring district.
    assert names == {"Дана Омарова", "Ерлан Садықов", "Асель Бекова"}
    cards = vobject.readComponents(body(client.get("/en/directory/journalists/export.vcf")).decode())
    assert "Жанна Ким" not in {card.fn.value for card in cards}


def test_erased_records_are_anonymised_rows_and_merged_ones_are_left_out(world, press_secretary, people, directory):
    services.journalist_erase(actor=press_secretary, journalist=people["erlan"], reason="his written request")
    copy = directory.journalist("Dana Omarova", email="dana.o@gmail.com")
    services.journalist_merge(actor=press_secretary, keep=people["dana"], other=copy)
    client = verified_client(press_secretary)
    rows = csv_rows(body(client.get("/en/directory/journalists/export.csv")))
    text = repr(rows)
    assert "Ерлан" not in text and "erlan@inform.kz" not in text and "Садықов" not in text
    erased = next(row for row in rows if row[0] == f"Erased record #{people['erlan'].pk}")
    assert erased[1:3] == ["", ""] and erased[-1] == "yes"
    assert [row[0] for row in rows].count("Dana Omarova") == 0  # the merged copy
    assert sum("dana.o@gmail.com" in row[1] for row in rows) == 1  # its email lives on in the kept record
    cards = list(vobject.readComponents(body(client.get("/en/directory/journalists/export.vcf")).decode()))
    assert len(cards) == 3


def test_anonymised_rows_are_left_out_when_an_export_is_imported(world, press_secretary, people):
    services.journalist_erase(actor=press_secretary, journalist=people["erlan"], reason="his written request")
    with translation.override("en"):
        data = body(verified_client(press_secretary).get("/en/directory/journalists/export.xlsx"))
        Journalist.objects.filter(erased_at__isnull=True).delete()
        outcome = reimport(data, "journalists.xlsx", world.body)
    assert outcome.imported == 3 and outcome.preview.erased == 1
    assert Journalist.objects.filter(erased_at__isnull=True).count() == 3


def test_text_that_looks_like_a_formula_stays_text(world, press_secretary, directory):
    directory.journalist('=HYPERLINK("http://evil.example","click")', email="x@example.kz")
    client = verified_client(press_secretary)
    rows = csv_rows(body(client.get("/en/directory/journalists/export.csv")))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","click")'
    book = openpyxl.load_workbook(io.BytesIO(body(client.get("/en/directory/journalists/export.xlsx"))))
    cell = book.worksheets[0]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_outlets_are_exported_with_the_list_filter(world, press_secretary, people, directory):
    directory.outlet("Алматы ақшамы", kind="newspaper", level="city")
    client = verified_client(press_secretary)
    rows = csv_rows(body(client.get("/en/directory/outlets/export.csv?kind=tv")))
    assert rows[0][:3] == ["Name in Kazakh", "Name in Russian", "Name in English"]
    assert [row[0] for row in rows[1:]] == ["Хабар"]
    rows = xlsx_rows(body(client.get("/en/directory/outlets/export.xlsx")))
    assert {row[0] for row in rows[1:]} == {"Хабар", "Қазақпарат", "Алматы ақшамы"}
    assert client.get("/en/directory/outlets/export.vcf").status_code == 404


def test_the_command_exports_what_the_unit_sees(world, people, tmp_path):
    target = tmp_path / "almaly.csv"
    call_command("directory", "export", "journalists", "--unit", "almaly", "--output", str(target))
    names = {row[0] for row in csv_rows(target.read_bytes())[1:]}
    assert names == {"Дана Омарова", "Ерлан Садықов", "Асель Бекова"}
    target = tmp_path / "all.xlsx"
    call_command("directory", "export", "journalists", "--format", "xlsx", "--output", str(target))
    assert len(xlsx_rows(target.read_bytes())) == 5
    out = io.StringIO()
    call_command("directory", "export", "journalists", "--format", "vcf", stdout=out)
    assert out.getvalue().count("BEGIN:VCARD") == 4
    with pytest.raises(CommandError, match="--output"):
        call_command("directory", "export", "outlets", "--format", "xlsx")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_an_export_makes_the_same_few_queries_for_many_journalists(
    world, press_secretary, directory, django_assert_max_num_queries, fmt
):
    outlet = directory.outlet("Хабар", ru="Хабар", en="Khabar", kind="tv", level="national")
    beats = list(Beat.objects.filter(code__in=["transport", "health"]))
    for i in range(40):
        directory.journalist(f"Journalist Number{i}", outlet=outlet, email=f"j{i}@example.kz", beats=beats)
    client = verified_client(press_secretary)
    with django_assert_max_num_queries(20):
        response = client.get(f"/en/directory/journalists/export.{fmt}")
        assert len(body(response)) > 1000


def test_every_export_of_personal_data_leaves_a_trace_in_the_audit_trail(world, press_secretary, people, tmp_path):
    from pressdesk.core.models import AuditEntry

    client = verified_client(press_secretary)
    client.get("/en/directory/journalists/export.csv", {"outlet_kinds": ["tv"]})
    call_command("directory", "export", "journalists", "--format", "csv", "--output", str(tmp_path / "all.csv"))
    by_person, by_command = AuditEntry.objects.filter(action="directory.export.done").order_by("pk")
    assert by_person.actor == press_secretary
    assert by_person.after["criteria"] == {"outlet_kinds": ["tv"]} and by_person.after["format"] == "csv"
    assert (
        by_command.actor is None
        and by_command.after["rows"] == Journalist.objects.exclude(merged_into__isnull=False).count()
    )
