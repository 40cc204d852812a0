"""The directory's rules: history of positions, trusted pool, erasure, merge, segments, search across spellings."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from pressdesk.core import search
from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.directory import filters, indexing, selectors, services
from pressdesk.directory.models import Beat, Contact, Journalist, OutletStatus, Position
from pressdesk.directory.services import ContactInput

pytestmark = pytest.mark.django_db


def names_found(query: str) -> set[str]:
    return {j.full_name for j in filters.apply(Journalist.objects.present(), filters.clean_criteria({"q": query}))}


@pytest.mark.parametrize("query", ["Айгерім", "Айгерим", "aigerim", "Aygerim", "AIGERIM", "айгер", "Нұрланова Айгерім"])
def test_a_journalist_is_found_by_any_spelling_of_the_name(directory, query):
    directory.journalist("Айгерім Нұрланова")
    directory.journalist("Ержан Сәрсенов")
    assert names_found(query) == {"Айгерім Нұрланова"}


def test_search_finds_other_spellings_and_the_email(directory):
    directory.journalist("Жанна Ким", name_variants="Zhanna Kim", email="z.kim@kaznews.demo")
    assert names_found("Janna") == {"Жанна Ким"}
    assert names_found("z.kim") == {"Жанна Ким"}


def test_search_of_a_changed_name_forgets_the_old_one(directory, press_secretary):
    record = directory.journalist("Дана Омарова")
    services.journalist_update(
        actor=press_secretary, journalist=record, languages=["kk"], beats=[], full_name="Дана Сейітова"
    )
    assert names_found("Омарова") == set()
    assert names_found("Seitova") == {"Дана Сейітова"}


def test_moving_to_another_outlet_keeps_the_history(directory, press_secretary):
    first, second = directory.outlet("Алматы ақшамы"), directory.outlet("Жетісу TV", kind="tv")
    record = directory.journalist("Асель Бекова", outlet=first, title="тілші", since=datetime.date(2020, 1, 1))
    services.journalist_move(
        actor=press_secretary, journalist=record, outlet=second, title="редактор", on=datetime.date(2026, 3, 1)
    )
    positions = list(record.positions.order_by("since"))
    assert [(p.outlet, p.until) for p in positions] == [(first, datetime.date(2026, 3, 1)), (second, None)]
    entry = AuditEntry.objects.filter(action="directory.journalist.moved").get()
    assert entry.actor == press_secretary
    assert entry.before == {"outlet": "Алматы ақшамы"} and entry.after["outlet"] == "Жетісу TV"


def test_a_move_cannot_predate_the_current_position(directory, press_secretary):
    record = directory.journalist(outlet=directory.outlet(), since=datetime.date(2025, 5, 1))
    with pytest.raises(DomainError):
        services.journalist_move(
            actor=press_secretary, journalist=record, outlet=directory.outlet("Басқа"), on=datetime.date(2025, 1, 1)
        )
    assert record.positions.get().until is None


def test_closing_an_outlet_ends_its_positions_and_merging_points_to_the_other(directory, press_secretary):
    old, new = directory.outlet("Ескі газет"), directory.outlet("Жаңа газет")
    record = directory.journalist(outlet=old)
    services.outlet_close(actor=press_secretary, outlet=old, on=datetime.date(2026, 6, 30), merged_into=new)
    old.refresh_from_db()
    assert old.status == OutletStatus.MERGED and old.merged_into == new
    assert record.positions.get().until == datetime.date(2026, 6, 30)
    with pytest.raises(DomainError):
        services.outlet_close(actor=press_secretary, outlet=old, on=datetime.date(2026, 7, 1))


def test_trusting_needs_a_reason_and_records_who_and_when(directory, press_secretary):
    record = directory.journalist()
    with pytest.raises(DomainError):
        services.journalist_trust(actor=press_secretary, journalist=record, trusted=True, reason="  ")
    services.journalist_trust(actor=press_secretary, journalist=record, trusted=True, reason="Embargo kept since 2019")
    record.refresh_from_db()
    assert record.trusted and record.trusted_by == press_secretary and record.trusted_at is not None
    assert Journalist.objects.trusted().get() == record
    services.journalist_trust(actor=press_secretary, journalist=record, trusted=False, reason="Broke an embargo")
    record.refresh_from_db()
    assert not record.trusted and record.trusted_reason == ""
    assert list(AuditEntry.objects.filter(target_id=str(record.pk)).values_list("note", flat=True).order_by("pk"))[
        -2:
    ] == ["Embargo kept since 2019", "Broke an embargo"]


def test_erasing_removes_personal_data_everywhere_but_keeps_the_counts(directory, press_secretary):
    outlet = directory.outlet()
    record = directory.journalist("Гүлнар Ахметова", outlet=outlet, email="gulnar@news.demo", phone="+7 701 111 22 33")
    services.journalist_update(
        actor=press_secretary, journalist=record, languages=["kk"], beats=[], notes="лично звонить вечером"
    )
    services.journalist_erase(actor=press_secretary, journalist=record, reason="Request of 1 May")
    record.refresh_from_db()
    assert record.full_name == "" and record.notes == "" and record.erased_at is not None
    assert not Contact.objects.filter(journalist=record).exists()
    assert names_found("Гүлнар") == set()
    # History and counts stay: the position remains, the audit trail no longer holds the name or the phone.
    assert Position.objects.filter(outlet=outlet).count() == 1
    trail = " ".join(str(e.before) + str(e.after) + e.target_repr for e in AuditEntry.objects.for_object(record))
    assert "Гүлнар" not in trail and "111 22 33" not in trail and "звонить" not in trail
    assert AuditEntry.objects.filter(action="directory.journalist.erased", note="Request of 1 May").exists()
    with pytest.raises(DomainError):
        services.journalist_update(actor=press_secretary, journalist=record, languages=[], beats=[], full_name="X")


def test_merging_moves_positions_and_contacts_and_keeps_both_histories(directory, press_secretary):
    a, b = directory.outlet("Бірінші"), directory.outlet("Екінші")
    keep = directory.journalist("Айгерім Нұрланова", outlet=a, email="aigerim@news.demo")
    other = directory.journalist("Aigerim Nurlanova", outlet=b, email="AIGERIM@news.demo", phone="87011234567")
    services.journalist_merge(actor=press_secretary, keep=keep, other=other)
    keep.refresh_from_db()
    other.refresh_from_db()
    assert other.merged_into == keep
    assert set(keep.positions.values_list("outlet__pk", flat=True)) == {a.pk, b.pk}
    assert sorted(keep.contacts.values_list("normalized", flat=True)) == ["+77011234567", "aigerim@news.demo"]
    assert "Aigerim Nurlanova" in keep.variants
    assert AuditEntry.objects.for_object(other).filter(action="directory.journalist.created").exists()
    assert names_found("Nurlanova") == {"Айгерім Нұрланова"}
    with pytest.raises(DomainError):
        services.journalist_merge(actor=press_secretary, keep=keep, other=other)


def test_duplicates_are_found_by_name_across_spellings_and_by_shared_phone(directory, press_secretary):
    first = directory.journalist("Қайрат Серікұлы")
    second = directory.journalist("Kairat Serikuly")
    third = directory.journalist("Марат Оспанов", phone="+7 (701) 555-44-33")
    fourth = directory.journalist("Марат О.", phone="8 701 555 44 33")
    directory.journalist("Другой Человек", phone="+7 702 000 00 01")
    pairs = {(p.first.pk, p.second.pk): p.reasons for p in selectors.duplicate_pairs(press_secretary)}
    assert pairs == {(first.pk, second.pk): ("name",), (third.pk, fourth.pk): ("phone",)}


@pytest.mark.parametrize(
    "raw", ["+7 701 234 56 78", "8 701 234 56 78", "87012345678", "+7(701)234-56-78", "8-701-234-56-78", "701 234 5678"]
)
def test_kazakh_phone_numbers_in_every_common_form_meet(directory, raw):
    record = directory.journalist(phone=raw)
    assert record.contacts.get().normalized == "+77012345678"


def test_a_bad_contact_is_refused_with_a_message_and_nothing_is_saved(directory):
    with translation.override("en"), pytest.raises(DomainError, match="not an email"):
        directory.journalist("Бақыт Жұмабаев", email="bakyt@")
    assert not Journalist.objects.exists()


def test_segment_counts_follow_outlet_conditions_on_the_same_position(directory, press_secretary):
    transport = Beat.objects.get(code="transport")
    city_tv = directory.outlet("Алматы TV", kind="tv", level="city", languages=("kk", "ru"))
    national_paper = directory.outlet("Егемен", kind="newspaper", level="national", languages=("kk",))
    city_paper = directory.outlet("Вечерка", kind="newspaper", level="city", languages=("ru",))
    match = directory.journalist("Сая Тілеуова", outlet=city_tv, beats=[transport])
    directory.journalist("Нет Бита", outlet=city_tv)
    mixed = directory.journalist("Дві Роботи", outlet=national_paper, beats=[transport])
    services.journalist_move(actor=None, journalist=mixed, outlet=None, on=datetime.date(2026, 1, 1))
    directory.journalist("Газетчик", outlet=city_paper, beats=[transport])
    criteria = {
        "outlet_kinds": ["tv", "online"],
        "outlet_levels": ["city", "national"],
        "outlet_languages": ["kk"],
        "beats": ["transport"],
    }
    segment = services.segment_save(actor=press_secretary, unit=directory.world.body, name="ТВ", criteria=criteria)
    members = filters.apply(Journalist.objects.present(), segment.criteria)
    assert list(members) == [match]


def test_a_segment_with_an_unknown_value_is_refused(press_secretary, world):
    with pytest.raises(DomainError):
        services.segment_save(actor=press_secretary, unit=world.body, name="X", criteria={"outlet_kinds": ["cinema"]})
    with pytest.raises(DomainError):
        services.segment_save(actor=press_secretary, unit=world.body, name="X", criteria={"beats": ["astrology"]})


def test_stale_contacts_and_media_changes_are_listed(directory, press_secretary):
    record = directory.journalist(email="old@news.demo")
    record.contacts.update(confirmed_on=datetime.date(2020, 1, 1))
    directory.outlet("Жаңа сайт", kind="online")
    assert [c.value for c in selectors.stale_contacts(press_secretary)] == ["old@news.demo"]
    actions = [e.action for e in selectors.media_changes(press_secretary)]
    assert "directory.outlet.created" in actions and "directory.journalist.created" in actions
    services.contact_confirm(actor=press_secretary, contact=record.contacts.get())
    assert not selectors.stale_contacts(press_secretary).exists()


def test_the_index_is_rebuilt_from_the_records(directory):
    directory.journalist("Ерлан Тоқтаров")
    search.clear(indexing.JOURNALIST)
    assert names_found("Yerlan") == set()
    search.rebuild(indexing.JOURNALIST)
    assert names_found("Yerlan") == {"Ерлан Тоқтаров"}


def test_a_failed_create_leaves_no_record_and_no_index_entry(directory, world):
    with pytest.raises(DomainError):
        services.journalist_create(
            actor=None,
            unit=world.body,
            full_name="Мирас Әбілов",
            consent_basis="consent",
            contacts=[ContactInput(kind="phone", value="12")],
        )
    assert not Journalist.objects.exists()
    assert names_found("Мирас") == set()
