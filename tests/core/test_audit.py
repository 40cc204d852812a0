"""The audit trail: one record per change, readable per object and searchable, scoped by unit."""

from __future__ import annotations

from pressdesk.core import services
from pressdesk.core.models import AuditEntry
from tests.conftest import verified_client


def test_a_change_records_who_what_when_before_and_after(world, press_secretary):
    services.unit_rename(
        actor=press_secretary,
        unit=world.medeu,
        names={"kk": "Медеу ауданының әкімдігі", "ru": "Медеуский район", "en": ""},
    )
    entry = AuditEntry.objects.for_object(world.medeu).get(action="core.unit.renamed")
    assert entry.actor == press_secretary
    assert entry.before["names"]["kk"] == "Медеу ауданы" and entry.after["names"]["kk"] == "Медеу ауданының әкімдігі"
    assert "en" not in entry.after["names"]
    assert dict((k, (b, a)) for k, b, a in entry.changes())["names"][1]["kk"] == "Медеу ауданының әкімдігі"


def test_no_change_writes_no_record(world, press_secretary):
    names = {t.language: t.name for t in world.medeu.translations.all()}
    services.unit_rename(actor=press_secretary, unit=world.medeu, names=names)
    assert not AuditEntry.objects.filter(action="core.unit.renamed").exists()


def test_press_secretary_reads_the_history_of_one_object(world, press_secretary):
    services.unit_rename(actor=press_secretary, unit=world.medeu, names={"kk": "Жаңа атау"})
    services.unit_rename(actor=press_secretary, unit=world.almaly, names={"kk": "Басқа атау"})
    response = verified_client(press_secretary).get(f"/kk/audit/?type=core.unit&id={world.medeu.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Жаңа атау" in page and "Басқа атау" not in page


def test_press_secretary_searches_the_trail(world, press_secretary):
    services.unit_rename(actor=press_secretary, unit=world.medeu, names={"kk": "Іздеу үшін атау"})
    client = verified_client(press_secretary)
    assert "Іздеу үшін атау" in client.get("/kk/audit/?q=renamed").content.decode()
    assert "Іздеу үшін атау" not in client.get("/kk/audit/?action=core.role").content.decode()


def test_audit_search_rejects_an_inverted_date_range(world, press_secretary):
    response = verified_client(press_secretary).get("/en/audit/?since=2026-11-20&until=2026-11-01")
    assert "error-summary" in response.content.decode()


def test_unit_press_secretary_sees_only_their_units_trail(world, press_secretary, unit_press_secretary):
    services.unit_rename(actor=press_secretary, unit=world.almaly, names={"kk": "Алмалы жаңа"})
    services.unit_rename(actor=press_secretary, unit=world.medeu, names={"kk": "Медеу жаңа"})
    page = verified_client(unit_press_secretary).get("/kk/audit/").content.decode()
    assert "Алмалы жаңа" in page and "Медеу жаңа" not in page


def test_press_officer_may_not_read_the_trail(world):
    from pressdesk.core.models import Role

    officer = world.person("officer", Role.PRESS_OFFICER, world.body)
    assert verified_client(officer).get("/kk/audit/").status_code == 403


def test_audit_list_query_count_does_not_grow_with_entries(world, press_secretary, django_assert_max_num_queries):
    for i in range(30):
        services.unit_rename(actor=press_secretary, unit=world.medeu, names={"kk": f"Атау {i}"})
    client = verified_client(press_secretary)
    with django_assert_max_num_queries(12):
        assert client.get("/kk/audit/").status_code == 200


def test_the_trail_names_fields_and_values_in_words(world, press_secretary):
    from django.utils import translation

    from pressdesk.core.models import Role

    officer = world.person("daniyar", None, None)
    services.membership_grant(actor=press_secretary, user=officer, unit=world.mobility, role=Role.PRESS_OFFICER)
    page = verified_client(press_secretary).get("/ru/audit/?action=core.role.granted").content.decode()
    with translation.override("ru"):
        assert str(Role.PRESS_OFFICER.label) in page
        assert translation.gettext("role") in page
    assert "Управление мобильности" in page  # the unit's name, not its id
    assert "press_officer" not in page
