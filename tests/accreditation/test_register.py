"""The register of accredited journalists: its filters, what each unit sees, and the export read back as CSV and
XLSX."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pressdesk.accreditation import changes
from pressdesk.accreditation.models import Accreditation, Kind
from pressdesk.core.models import Role
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

REGISTER = "/en/accreditation/register/"
EXPORT = "/en/accreditation/register/export/"


@pytest.fixture
def passes(office):
    """Madina (standing, valid), Yerlan (for a briefing, valid), Oleg (standing, then suspended)."""
    madina = office.granted()
    yerlan, account = office.person("Ерлан Сапаров")
    event = office.event(days=5)
    briefing = office.granted(journalist=yerlan, account=account, kind=Kind.EVENT, event=event, unit=None)
    oleg, account = office.person("Олег Ким", language="ru")
    suspended = office.granted(journalist=oleg, account=account)
    changes.accreditation_suspend(actor=office.officer, accreditation=suspended, ground="editor_request")
    return {"madina": madina, "briefing": briefing, "suspended": suspended, "event": event}


def shown(client, query: str = "") -> list[str]:
    response = client.get(REGISTER + query)
    assert response.status_code == 200
    return [p.number for p in response.context["page"].object_list]


def test_the_register_opens_on_valid_accreditations_and_filters(office, passes):
    client = verified_client(office.officer)
    madina, briefing, suspended = passes["madina"].number, passes["briefing"].number, passes["suspended"].number
    assert sorted(shown(client)) == sorted([madina, briefing])
    assert sorted(shown(client, "?status=")) == sorted([madina, briefing, suspended])
    assert shown(client, "?status=suspended") == [suspended]
    assert shown(client, f"?status=&kind={Kind.EVENT}") == [briefing]
    assert shown(client, f"?status=&event={passes['event'].pk}") == [briefing]
    assert sorted(shown(client, f"?status=&outlet={office.outlet.pk}")) == sorted([madina, briefing, suspended])
    assert shown(client, "?status=&q=Сапар") == [briefing]
    assert shown(client, "?status=&q=Nobody") == []
    day = timezone.localdate(passes["event"].starts_at)
    assert shown(client, f"?status=&kind={Kind.EVENT}&valid_on={(day + datetime.timedelta(days=1)).isoformat()}") == []
    assert shown(client, f"?status=&kind={Kind.EVENT}&valid_on={day.isoformat()}") == [briefing]


def test_a_name_is_found_in_another_script(office, passes):
    assert shown(verified_client(office.officer), "?q=Madina") == [passes["madina"].number]


def test_another_unit_s_register_is_its_own(office, passes, world):
    timur = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    assert shown(verified_client(timur), "?status=") == []
    assert verified_client(timur).get(EXPORT + "?status=&format=csv").getvalue().count(b"\r\n") == 1


def test_the_register_makes_a_fixed_number_of_queries(office, passes, django_assert_max_num_queries):
    for n in range(10):
        journalist, account = office.person(f"Тілші {n}")
        office.granted(journalist=journalist, account=account)
    client = verified_client(office.officer)
    with django_assert_max_num_queries(14):
        assert client.get(REGISTER + "?status=").status_code == 200


def test_the_csv_export_reads_back_with_the_filter_applied(office, passes):
    response = verified_client(office.officer).get(EXPORT + "?status=&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Number", "Full name", "Outlet"]
    by_number = {row[0]: row for row in rows[1:]}
    assert set(by_number) == {p.number for p in Accreditation.objects.all()}
    madina = by_number[passes["madina"].number]
    assert madina[1] == "Мадина Әлиева" and madina[3] == "Standing accreditation" and madina[7] == "Valid"
    assert madina[6] == passes["madina"].valid_until.isoformat()
    briefing = by_number[passes["briefing"].number]
    assert briefing[4] == passes["event"].title
    assert by_number[passes["suspended"].number][7] == "Suspended"


def test_the_xlsx_export_reads_back_and_defaults_to_valid_accreditations(office, passes):
    with translation.override("en"):
        response = verified_client(office.officer).get(EXPORT + "?format=xlsx")
    assert 'filename="accreditation-register-' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    assert rows[0][0] == "Number"
    assert sorted(row[0] for row in rows[1:]) == sorted([passes["madina"].number, passes["briefing"].number])


def test_an_unknown_format_is_not_found(office):
    assert verified_client(office.officer).get(EXPORT + "?format=pdf").status_code == 404


def test_the_register_links_each_pass(office, passes):
    body = verified_client(office.officer).get(REGISTER).content.decode()
    with translation.override("en"):
        assert reverse("accreditation:pass", args=[passes["madina"].pk]) in body
