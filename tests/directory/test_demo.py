"""The demo directory: a believable media landscape that loads twice without change and is searchable across scripts."""

from __future__ import annotations

import pytest

from pressdesk.core import demo as core_demo
from pressdesk.core.models import AuditEntry, User
from pressdesk.directory import demo, demo_data, filters, selectors
from pressdesk.directory.models import (
    Contact,
    ContactKind,
    Journalist,
    Outlet,
    OutletFeed,
    OutletKind,
    OutletStatus,
    Partner,
    PartnerPerson,
    Position,
    Segment,
)

pytestmark = pytest.mark.django_db


def state() -> dict[str, int]:
    models = [Outlet, OutletFeed, Journalist, Position, Contact, Partner, PartnerPerson, Segment, AuditEntry]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["trusted"] = Journalist.objects.trusted().count()
    counts["closed"] = Outlet.objects.exclude(status=OutletStatus.ACTIVE).count()
    return counts


def test_loading_the_demo_again_changes_nothing(units):
    before = state()
    counts = demo.load(units)
    assert state() == before
    assert counts == {
        "outlets": before["Outlet"],
        "journalists": Journalist.objects.present().count(),
        "trusted journalists": before["trusted"],
        "partners": before["Partner"],
        "segments": before["Segment"],
    }


def test_the_demo_looks_like_a_city_media_landscape(units):
    assert 55 <= Outlet.objects.count() <= 65
    assert set(Outlet.objects.values_list("kind", flat=True)) == set(OutletKind.values)
    assert Outlet.objects.filter(status=OutletStatus.CLOSED).count() >= 2
    merged = Outlet.objects.get(status=OutletStatus.MERGED)
    assert merged.merged_into.status == OutletStatus.ACTIVE
    assert not merged.positions.filter(until__isnull=True).exists()
    assert all(".demo/" in url for url in Outlet.objects.values_list("website", flat=True))
    assert all(".demo/" in url for url in OutletFeed.objects.values_list("url", flat=True))

    present = Journalist.objects.present()
    assert 370 <= present.count() <= 430
    assert 20 <= present.filter(trusted=True).exclude(trusted_reason="").count() <= 30
    assert present.filter(name_variants__regex=r"[A-Za-z]").count() >= 30
    assert present.filter(full_name__endswith="қызы").exists() and present.filter(full_name__endswith="ұлы").exists()
    moved = Position.objects.filter(until__isnull=False).values("journalist").distinct().count()
    assert moved >= 40
    press_secretary = User.objects.get(email=core_demo.demo_email("press"))
    assert selectors.stale_contacts(press_secretary).count() >= 50
    emails = Contact.objects.filter(kind=ContactKind.EMAIL).values_list("normalized", flat=True)
    assert all(email.endswith(".demo") for email in emails)
    assert PartnerPerson.objects.values("partner").distinct().count() == Partner.objects.count() >= 5

    assert Segment.objects.count() == 4
    for segment in Segment.objects.all():
        assert filters.apply(present, segment.criteria).exists(), segment.name


def test_the_duplicates_page_has_the_three_planted_pairs(units):
    press_secretary = User.objects.get(email=core_demo.demo_email("press"))
    pairs = {
        frozenset((pair.first.full_name, pair.second.full_name)) for pair in selectors.duplicate_pairs(press_secretary)
    }
    assert pairs == {frozenset(twin[:2]) for twin in demo_data.TWINS}


def test_a_kazakh_name_is_found_by_its_latin_spelling(units):
    found = filters.apply(Journalist.objects.present(), filters.clean_criteria({"q": "Zhuldyz Sarsenbaeva"}))
    assert {j.full_name for j in found} == {"Жұлдыз Сәрсенбаева", "Жулдыз Сарсенбаева"}
    assert not any(j.name_variants for j in found)  # found through the analyzer, not through a stored Latin spelling
