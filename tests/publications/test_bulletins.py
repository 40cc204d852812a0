"""Information bulletins: composing and numbering per unit, the chosen materials in order, the PDF and who may see it."""

from __future__ import annotations

import datetime
import io
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from pressdesk.core.models import AuditEntry, Role
from pressdesk.core.services import DomainError
from pressdesk.publications import bulletin_pdf, bulletins
from pressdesk.publications.models import Bulletin, MaterialKind
from pressdesk.publications.services import Text
from tests.conftest import verified_client
from tests.publications.materials import KAZAKH, RUSSIAN

ISSUED = datetime.date(2026, 3, 14)
KAZAKH_LETTERS = "әғқңөұүі"
# A Kazakh text that uses every letter Russian lacks, so a lost glyph or a bad encoding shows.
ALL_LETTERS = Text("Әуежай, ғимарат, қала, аң, өзен, ұлт, үй, іс", "Қысқаша.", "Мәтін: әғқңөұүі.")


def pdf_text(data: bytes) -> tuple[int, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), [page.extract_text() for page in reader.pages]


def compose(desk, materials, *, language="kk", title="Апта жаңалықтары", unit=None) -> Bulletin:
    return bulletins.compose(
        actor=desk.secretary,
        unit=unit or desk.world.body,
        title=title,
        language=language,
        issued_on=ISSUED,
        materials=materials,
    )


# --- composing --------------------------------------------------------------------------------------------


def test_it_numbers_bulletins_one_two_per_unit_and_keeps_the_chosen_order(desk):
    first, second = desk.published(), desk.draft()
    one = compose(desk, [second, first])
    two = compose(desk, [first])
    timur = desk.world.person("timur", Role.UNIT_PRESS_SECRETARY, desk.world.almaly)
    district = desk.draft(unit=desk.world.almaly, author=timur)
    other = bulletins.compose(
        actor=timur, unit=desk.world.almaly, title="Аудан", language="ru", issued_on=ISSUED, materials=[district]
    )
    assert (one.number, two.number, other.number) == (1, 2, 1)
    assert [e.material for e in bulletins.entries(one)] == [second, first]
    entry = AuditEntry.objects.get(action="publications.bulletin.created", target_id=str(one.pk))
    assert entry.after["materials"] == [second.pk, first.pk]
    assert entry.actor == desk.secretary


def test_it_refuses_an_empty_selection_an_empty_title_and_a_material_of_another_unit(desk):
    translation.activate("en")  # the messages are checked in the language the code is written in
    material = desk.draft()
    with pytest.raises(DomainError, match="at least one material"):
        compose(desk, [])
    with pytest.raises(DomainError, match="title"):
        compose(desk, [material], title="   ")
    outside = desk.draft(unit=desk.world.almaly)
    with pytest.raises(DomainError, match="another unit"):
        compose(desk, [material, outside])
    assert not Bulletin.objects.exists()


def test_a_reader_may_not_compose(desk):
    with pytest.raises(DomainError):
        bulletins.compose(
            actor=desk.head, unit=desk.world.body, title="x", language="kk", issued_on=ISSUED, materials=[desk.draft()]
        )


def test_update_changes_title_and_order_and_is_audited(desk):
    first, second, third = desk.draft(), desk.draft(), desk.draft()
    bulletin = compose(desk, [first, second])
    bulletins.update(
        actor=desk.officer, bulletin=bulletin, title="Жаңа атау", issued_on=ISSUED, materials=[third, first]
    )
    bulletin.refresh_from_db()
    assert bulletin.title == "Жаңа атау" and bulletin.number == 1
    assert [e.material for e in bulletins.entries(bulletin)] == [third, first]
    entry = AuditEntry.objects.get(action="publications.bulletin.changed")
    assert entry.before["materials"] == [first.pk, second.pk]
    assert entry.after["materials"] == [third.pk, first.pk]


def test_each_material_is_shown_in_the_bulletins_language_or_its_own_with_a_note(desk):
    both = desk.draft()
    kazakh_only = desk.draft(russian=False)
    bulletin = compose(desk, [both, kazakh_only], language="ru")
    shown = bulletins.entries(bulletin)
    assert [(e.version.title, e.fallback) for e in shown] == [(RUSSIAN.title, False), (KAZAKH.title, True)]
    assert all(e.why_internal == "status" for e in shown)


@pytest.mark.django_db(transaction=True)
def test_two_composers_at_once_get_different_numbers(world):
    from tests.publications.materials import Desk

    desk = Desk(world)
    material = desk.draft()
    results, start = [], threading.Barrier(2)

    def compose_one():
        try:
            start.wait()
            results.append(compose(desk, [material]).number)
        finally:
            connection.close()

    threads = [threading.Thread(target=compose_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [1, 2]


# --- the PDF ----------------------------------------------------------------------------------------------


def test_the_pdf_is_a_printed_bulletin_in_kazakh(desk):
    published = desk.published()
    draft = desk.draft(MaterialKind.ANNOUNCEMENT)
    letters = bulletins_material(desk, ALL_LETTERS)
    bulletin = compose(desk, [published, draft, letters])
    pages, texts = pdf_text(bulletin_pdf.render(bulletin))
    text = "\n".join(texts)
    with translation.override("kk"):
        masthead = gettext("Information bulletin")
        number = gettext("No %(number)s") % {"number": 1}
        footer_1 = gettext("Page %(n)s of %(total)s") % {"n": 1, "total": pages}
        footer_last = gettext("Page %(n)s of %(total)s") % {"n": pages, "total": pages}
        kind = str(MaterialKind.ANNOUNCEMENT.label)
    assert pages >= 2
    assert "Алматы қаласының әкімдігі".upper() in texts[0] and masthead in texts[0]
    assert number in texts[0] and "14 наурыз" in texts[0], texts[0]  # the date as Kazakh writes it (Babel), not "March"
    assert KAZAKH.title in text and kind in text
    assert ALL_LETTERS.title in text and all(letter in text for letter in KAZAKH_LETTERS)
    assert footer_1 in texts[0] and footer_last in texts[-1]
    assert "Алматы қаласының әкімдігі" in texts[-1]  # the running header


def bulletins_material(desk, text: Text):
    from pressdesk.publications import services

    return services.create(actor=desk.officer, unit=desk.world.body, kind=MaterialKind.NEWS, language="kk", text=text)


# --- the pages --------------------------------------------------------------------------------------------


def test_the_compose_page_lists_the_units_materials_and_composes_them_in_the_numbered_order(desk):
    first, second, third = desk.published(), desk.draft(), desk.draft(russian=False)
    desk.draft(unit=desk.world.almaly)  # another unit's: never listed
    client = verified_client(desk.officer)
    url = reverse("publications:bulletin_new")
    page = client.get(url)
    assert page.status_code == 200
    assert sorted(row.material.pk for row in page.context["form"].rows) == sorted([first.pk, second.pk, third.pk])
    response = client.post(
        url,
        {
            "title": "Апталық шолу",
            "language": "kk",
            "issued_on": "2026-03-14",
            f"pick_{first.pk}": "on",
            f"order_{first.pk}": "2",
            f"pick_{second.pk}": "on",
            f"order_{second.pk}": "1",
            f"pick_{third.pk}": "on",  # no place: after the numbered ones
            f"order_{third.pk}": "",
        },
    )
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "publications:bulletin_detail", args=[bulletin.pk]
    )
    assert [e.material for e in bulletins.entries(bulletin)] == [second, first, third]
    assert bulletin.created_by == desk.officer and bulletin.issued_on == ISSUED


def test_the_compose_page_filters_by_status_and_type(desk):
    published, draft = desk.published(), desk.draft(MaterialKind.ANNOUNCEMENT)
    client = verified_client(desk.officer)
    url = reverse("publications:bulletin_new")
    by_status = client.get(url, {"status": "published"}).context["form"].rows
    by_kind = client.get(url, {"kind": MaterialKind.ANNOUNCEMENT}).context["form"].rows
    assert [r.material for r in by_status] == [published] and [r.material for r in by_kind] == [draft]


def test_an_empty_choice_is_refused_with_a_message_and_nothing_written(desk):
    desk.draft()
    client = verified_client(desk.officer)
    with translation.override("en"):
        url = reverse("publications:bulletin_new")
    response = client.post(url, {"title": "Бос", "language": "en", "issued_on": "2026-03-14"})
    assert response.status_code == 200
    assert "Choose at least one material" in response.content.decode()
    assert not Bulletin.objects.exists()


def test_the_edit_page_keeps_the_chosen_materials_and_saves_a_new_order(desk):
    first, second = desk.draft(), desk.draft()
    bulletin = compose(desk, [first, second])
    client = verified_client(desk.officer)
    url = reverse("publications:bulletin_edit", args=[bulletin.pk])
    form = client.get(url, {"status": "published"}).context["form"]  # the filter hides neither chosen one
    assert [r.material for r in form.rows] == [first, second]
    assert form[f"order_{second.pk}"].initial == 2
    response = client.post(
        url,
        {"title": "Түзетілген", "issued_on": "2026-03-15", f"pick_{second.pk}": "on", f"order_{second.pk}": "1"},
    )
    assert response.status_code == 302
    assert [e.material for e in bulletins.entries(bulletin)] == [second]


def test_the_pdf_download_is_an_attachment_not_kept_in_caches_and_paged_in_russian(desk):
    bulletin = compose(desk, [desk.draft()], language="ru", title="Обзор недели")
    response = verified_client(desk.head).get(reverse("publications:bulletin_pdf", args=[bulletin.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bulletin-akimat-001-2026-03-14.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    pages, texts = pdf_text(response.content)
    with translation.override("ru"):
        footer = gettext("Page %(n)s of %(total)s") % {"n": 1, "total": pages}
    assert footer in texts[0] and "Акимат города Алматы".upper() in texts[0]
    assert RUSSIAN.title in "\n".join(texts) and "14 марта 2026" in texts[0]


def test_staff_of_another_unit_get_404_and_staff_without_roles_403(desk):
    bulletin = compose(desk, [desk.draft()])
    timur = desk.world.person("timur", Role.UNIT_PRESS_SECRETARY, desk.world.almaly)
    nobody = desk.world.person("nobody", None, None)
    for name in ("bulletin_detail", "bulletin_pdf", "bulletin_edit"):
        url = reverse(f"publications:{name}", args=[bulletin.pk])
        assert verified_client(timur).get(url).status_code == 404, name
        assert verified_client(nobody).get(url).status_code == 403, name
    assert bulletin not in verified_client(timur).get(reverse("publications:bulletin_list")).context["page"]


def test_the_head_reads_a_bulletin_but_may_not_change_it(desk):
    bulletin = compose(desk, [desk.draft()])
    client = verified_client(desk.head)
    page = client.get(reverse("publications:bulletin_detail", args=[bulletin.pk]))
    assert page.status_code == 200 and KAZAKH.title in page.content.decode()
    assert client.get(reverse("publications:bulletin_edit", args=[bulletin.pk])).status_code == 403
    assert client.get(reverse("publications:bulletin_new")).status_code == 403


def test_the_list_takes_the_same_number_of_queries_for_many_bulletins(desk, django_assert_max_num_queries):
    material = desk.draft()
    for _ in range(3):
        compose(desk, [material])
    client = verified_client(desk.secretary)
    url = reverse("publications:bulletin_list")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(5):
        compose(desk, [material])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 8


def test_the_pdf_renderer_fetches_nothing_from_the_network():
    fetcher = bulletin_pdf.LocalOnlyFetcher()
    for url in ("http://127.0.0.1:9/x.png", "https://example.com/x.css", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").url.startswith("data:")
