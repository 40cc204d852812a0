"""Logistics for visiting journalists: pick-ups and hotel stays around the event, costs in tenge, totals, a PDF."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.events import logistics
from pressdesk.events.models import Arrangement, ArrangementKind
from tests.conftest import verified_client
from tests.directory.conftest import Directory


@pytest.fixture
def visitor(world):
    return Directory(world).journalist("Әлия Жұмағұлова")


def pickup(event, journalist, *, hours_before: float = 3, cost="12500"):
    return logistics.Plan(
        journalist=journalist,
        kind=ArrangementKind.TRANSPORT,
        pickup_at=event.starts_at - datetime.timedelta(hours=hours_before),
        pickup_place="Алматы әуежайы, 1-терминал",
        vehicle="Hyundai H-1, 777 ABA 02",
        cost=Decimal(cost) if cost is not None else None,
    )


def stay(event, journalist, *, nights_before: int = 1, nights: int = 2, cost="45000"):
    check_in = timezone.localdate(event.starts_at) - datetime.timedelta(days=nights_before)
    return logistics.Plan(
        journalist=journalist,
        kind=ArrangementKind.HOTEL,
        hotel="Қазақстан қонақ үйі",
        check_in=check_in,
        check_out=check_in + datetime.timedelta(days=nights),
        booking_reference="KZ-4471",
        cost=Decimal(cost),
    )


def test_a_pickup_and_a_hotel_add_up_per_event(office, visitor, world):
    event = office.event()
    other = Directory(world).journalist("Ivan Petrov")
    logistics.add(actor=office.secretary, event=event, plan=pickup(event, visitor))
    logistics.add(actor=office.secretary, event=event, plan=stay(event, visitor))
    logistics.add(actor=office.secretary, event=event, plan=pickup(event, other, cost="7500.50"))
    totals = logistics.totals(event)
    assert (totals.transport, totals.hotel, totals.total) == (
        Decimal("20000.50"),
        Decimal("45000"),
        Decimal("65000.50"),
    )
    assert (totals.count, totals.journalists) == (3, 2)
    assert AuditEntry.objects.filter(action="events.arrangement.added", target_id=str(event.pk)).count() == 3


def test_fields_of_the_other_kind_are_not_kept(office, visitor):
    event = office.event()
    plan = pickup(event, visitor)
    plan.hotel = "ignored"
    arrangement = logistics.add(actor=office.secretary, event=event, plan=plan)
    assert arrangement.hotel == "" and arrangement.pickup_place.startswith("Алматы")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda e, j: stay(e, j, nights=0), "Check-out must be after check-in"),
        (lambda e, j: stay(e, j, nights_before=6, nights=7), "at most three days before"),
        (lambda e, j: stay(e, j, cost="-1"), "cannot be negative"),
        (lambda e, j: pickup(e, j, cost="-0.01"), "cannot be negative"),
        (lambda e, j: pickup(e, j, hours_before=24 * 4), "pick-up must be between"),
        (lambda e, j: pickup(e, j, hours_before=-30), "pick-up must be between"),
    ],
)
def test_bad_logistics_are_refused_with_a_reason_and_nothing_kept(office, visitor, make, message):
    event = office.event()
    with translation.override("en"), pytest.raises(DomainError, match=message):
        logistics.add(actor=office.secretary, event=event, plan=make(event, visitor))
    assert not Arrangement.objects.exists()


def test_a_journalist_erased_from_the_directory_gets_no_arrangements(office, visitor):
    event = office.event()
    visitor.erased_at = timezone.now()
    visitor.save(update_fields=["erased_at"])
    with translation.override("en"), pytest.raises(DomainError, match="from the directory"):
        logistics.add(actor=office.secretary, event=event, plan=pickup(event, visitor))


def test_a_change_keeps_the_old_values_in_the_audit_and_a_bad_change_keeps_the_row(office, visitor):
    event = office.event()
    arrangement = logistics.add(actor=office.secretary, event=event, plan=stay(event, visitor))
    logistics.change(actor=office.secretary, arrangement=arrangement, plan=stay(event, visitor, cost="50000"))
    entry = AuditEntry.objects.get(action="events.arrangement.changed")
    assert (entry.before["cost"], entry.after["cost"]) == ("45000.00", "50000.00")
    with pytest.raises(DomainError):
        logistics.change(actor=office.secretary, arrangement=arrangement, plan=stay(event, visitor, nights=0))
    arrangement.refresh_from_db()
    assert arrangement.cost == Decimal("50000") and arrangement.check_out > arrangement.check_in
    logistics.remove(actor=office.secretary, arrangement=arrangement)
    assert not Arrangement.objects.exists()


def test_the_logistics_page_adds_with_totals_and_says_what_is_wrong(office, visitor):
    event = office.event()
    client = verified_client(office.secretary)
    url = f"/en/events/{event.pk}/logistics/"
    day = timezone.localdate(event.starts_at)
    bad = {
        "journalist": visitor.pk,
        "kind": "hotel",
        "hotel": "Rixos",
        "check_in": day.isoformat(),
        "check_out": (day - datetime.timedelta(days=1)).isoformat(),
        "cost": "30000",
    }
    page = client.post(url, bad)
    assert page.status_code == 200
    assert "Check-out must be after check-in." in page.content.decode()
    assert 'value="Rixos"' in page.content.decode()  # what was typed stays in the form
    page = client.post(url, {**bad, "cost": "-5", "check_out": (day + datetime.timedelta(days=1)).isoformat()})
    assert "The cost cannot be negative." in page.content.decode()
    good = {**bad, "check_out": (day + datetime.timedelta(days=1)).isoformat()}
    assert client.post(url, good).status_code == 302
    page = client.get(url).content.decode()
    assert "Rixos" in page and "30,000" in page


def test_the_printed_list_carries_names_places_and_totals(office, visitor, world):
    event = office.event()
    logistics.add(actor=office.secretary, event=event, plan=pickup(event, visitor))
    logistics.add(actor=office.secretary, event=event, plan=stay(event, visitor))
    response = verified_client(office.secretary).get(f"/kk/events/{event.pk}/logistics.pdf")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split())
    for expected in ("Әлия Жұмағұлова", "Қазақстан қонақ үйі", "Алматы әуежайы", "KZ-4471", "Қоғамдық көлік"):
        assert expected in text
    assert "57 500" in text  # 12 500 + 45 000 tenge in the total
