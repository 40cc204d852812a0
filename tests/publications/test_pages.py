"""The staff pages of materials: the story from a draft to a scheduled release, and what each page refuses."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from pressdesk.core.models import AuditEntry, Role
from pressdesk.publications import services
from pressdesk.publications.models import Material, MaterialKind, Status
from tests.conftest import verified_client
from tests.publications.materials import KAZAKH, RUSSIAN


def text_data(text, **extra) -> dict:
    return {"title": text.title, "summary": text.summary, "body": text.body, **extra}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_story_from_a_kazakh_draft_to_a_scheduled_release_under_embargo(desk):
    officer, secretary, head = (verified_client(p) for p in (desk.officer, desk.secretary, desk.head))
    response = officer.post(
        "/kk/materials/new/",
        text_data(KAZAKH, unit=desk.world.body.pk, kind=MaterialKind.PRESS_RELEASE, language="kk"),
    )
    material = Material.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kk/materials/{material.pk}/"
    response = officer.post(f"/kk/materials/{material.pk}/text/ru/", text_data(RUSSIAN, follows_source="on"))
    assert response.status_code == 302
    officer.post(f"/kk/materials/{material.pk}/step/submit/")

    page = secretary.get(f"/kk/materials/{material.pk}/").content.decode()
    assert "step/to-head/" in page and "step/approve/" not in page  # a press release goes to the head
    secretary.post(f"/kk/materials/{material.pk}/step/to-head/")

    dashboard = head.get("/kk/desk/").content.decode()
    assert f"/kk/materials/{material.pk}/step/approve/" in dashboard  # the head approves from the dashboard
    head.post(f"/kk/materials/{material.pk}/step/approve/", {"reason": ""}, follow=True)
    material.refresh_from_db()
    assert material.status == Status.APPROVED and material.approved_by == desk.head

    at = timezone.localtime() + datetime.timedelta(days=1)
    at = at.replace(hour=10, minute=0, second=0, microsecond=0)
    secretary.post(
        f"/kk/materials/{material.pk}/schedule/", {"publish_at": at.strftime("%Y-%m-%dT%H:%M"), "embargo": "on"}
    )
    material.refresh_from_db()
    assert material.status == Status.SCHEDULED and material.publish_at == at == material.embargo_until
    assert not Material.objects.public().filter(pk=material.pk).exists()


def test_a_conflicting_save_keeps_the_users_text_and_shows_both(desk):
    material = desk.draft()
    services.save_version(
        actor=desk.secretary,
        material=material,
        language="kk",
        text=services.Text(KAZAKH.title, KAZAKH.summary, "Хатшының нұсқасы."),
        base_revision=1,
    )
    response = verified_client(desk.officer).post(
        f"/kk/materials/{material.pk}/text/kk/",
        text_data(services.Text(KAZAKH.title, KAZAKH.summary, "Қызметкердің нұсқасы."), base_revision=1),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Қызметкердің нұсқасы." in page  # the user's own text is still in the form
    assert "<del>Хатшының</del>" in page and "<ins>Қызметкердің</ins>" in page
    assert 'name="base_revision" value="2"' in page  # saving again now overrides knowingly
    assert material.translation_map()["kk"].body == "Хатшының нұсқасы."


def test_the_detail_page_says_which_translation_is_outdated_and_the_revisions_page_shows_the_change(desk):
    material = desk.draft()
    changed = services.Text(KAZAKH.title, KAZAKH.summary, KAZAKH.body.replace("60 сынып", "64 сынып"))
    services.save_version(actor=desk.officer, material=material, language="kk", text=changed, base_revision=1)
    client = verified_client(desk.secretary)
    page = client.get(f"/en/materials/{material.pk}/").content.decode()
    assert page.count("translation outdated") == 1
    diff = client.get(f"/kk/materials/{material.pk}/revisions/kk/?old=1&new=2").content.decode()
    assert "<del>60</del>" in diff and "<ins>64</ins>" in diff


def test_staff_of_another_unit_do_not_see_the_material_and_an_officer_cannot_approve(desk):
    material = desk.draft()
    services.submit(actor=desk.officer, material=material)
    district = desk.world.person("timur", Role.UNIT_PRESS_SECRETARY, desk.world.almaly)
    assert verified_client(district).get(f"/kk/materials/{material.pk}/").status_code == 404
    assert verified_client(district).post(f"/kk/materials/{material.pk}/step/to-head/").status_code == 404
    assert verified_client(desk.officer).post(f"/kk/materials/{material.pk}/step/to-head/").status_code == 403
    news = desk.draft(MaterialKind.NEWS)
    services.submit(actor=desk.officer, material=news)
    colleague = desk.world.person("ayan", Role.PRESS_OFFICER, desk.world.body)
    response = verified_client(colleague).post(f"/en/materials/{news.pk}/step/approve/", follow=True)
    assert "Your roles do not allow approving materials of this unit." in messages_of(response)
    news.refresh_from_db()
    assert news.status == Status.IN_REVIEW


def test_self_approval_on_the_page_is_refused_with_the_reason(desk):
    material = desk.draft(MaterialKind.NEWS, author=desk.secretary)
    services.submit(actor=desk.secretary, material=material)
    response = verified_client(desk.secretary).post(
        f"/en/materials/{material.pk}/step/approve/", {"reason": ""}, follow=True
    )
    assert "You wrote this material: someone else must approve it." in messages_of(response)
    material.refresh_from_db()
    assert material.status == Status.IN_REVIEW


def test_an_embargo_in_the_past_is_refused_on_the_page(desk):
    material = desk.approved()
    past = timezone.localtime() - datetime.timedelta(hours=1)
    response = verified_client(desk.secretary).post(
        f"/en/materials/{material.pk}/schedule/",
        {"publish_at": past.strftime("%Y-%m-%dT%H:%M"), "embargo": "on"},
        follow=True,
    )
    assert "The time is in the past: choose a moment from now on." in messages_of(response)
    material.refresh_from_db()
    assert material.status == Status.APPROVED


def test_a_correction_and_a_withdrawal_from_the_pages(desk):
    material = desk.published()
    client = verified_client(desk.secretary)
    form = client.get(f"/kk/materials/{material.pk}/correct/").content.decode()
    assert 'name="kk-body"' in form and 'name="ru-body"' in form
    data = {
        f"{code}-{key}": value
        for code, text in (("kk", KAZAKH), ("ru", RUSSIAN))
        for key, value in text_data(text).items()
    }
    data["kk-body"] = KAZAKH.body.replace("1200", "1300")
    response = client.post(f"/kk/materials/{material.pk}/correct/", {**data, "note_ru": "Исправлено число мест."})
    assert response.status_code == 200  # the note in the original language is required
    response = client.post(
        f"/kk/materials/{material.pk}/correct/", {**data, "note_kk": "Орын саны түзетілді.", "note_ru": ""}
    )
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.status == Status.CORRECTED and "1300" in material.translation_map()["kk"].body
    client.post(f"/kk/materials/{material.pk}/withdraw/", {"reason": "Қате жарияланды."})
    material.refresh_from_db()
    assert material.status == Status.WITHDRAWN


def test_the_list_filters_by_queue_type_and_words(desk):
    news = desk.draft(MaterialKind.NEWS)
    release = desk.draft()
    services.submit(actor=desk.officer, material=release)
    client = verified_client(desk.secretary)
    assert list(client.get("/kk/materials/?view=to_review").context["page"].object_list) == [release]
    assert list(client.get("/kk/materials/?kind=news").context["page"].object_list) == [news]
    found = client.get("/kk/materials/?q=мектептер").context["page"].object_list
    assert set(found) == {news, release}
    assert list(client.get("/kk/materials/?q=трамвай").context["page"].object_list) == []


def test_the_press_secretary_sets_who_approves_and_the_change_is_audited(desk):
    client = verified_client(desk.secretary)
    page = client.get("/kk/materials/rules/")
    assert page.status_code == 200
    client.post("/kk/materials/rules/", {"unit": desk.world.almaly.pk, "kind": MaterialKind.NEWS, "head_approves": "1"})
    assert services.head_approves(desk.world.almaly, MaterialKind.NEWS)
    assert not services.head_approves(desk.world.body, MaterialKind.NEWS)
    assert AuditEntry.objects.filter(action="publications.rule.changed").count() == 1
    assert verified_client(desk.officer).get("/kk/materials/rules/").status_code == 403


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_page_of_a_material_opens_in_each_language(desk, language):
    material = desk.published()
    client = verified_client(desk.secretary)
    for path in ["", "details/", "text/en/", "revisions/kk/", "correct/"]:
        response = client.get(f"/{language}/materials/{material.pk}/{path}")
        assert response.status_code == 200, path
    assert client.get(f"/{language}/materials/").status_code == 200
    assert client.get(f"/{language}/materials/new/").status_code == 200


def test_a_scheduled_release_is_shared_under_embargo_with_the_trusted_members_of_a_segment(desk):
    from pressdesk.directory.models import Journalist, Segment
    from tests.directory.conftest import Directory

    directory = Directory(desk.world)
    trusted = directory.journalist("Айгерім Нұрланова")
    Journalist.objects.filter(pk=trusted.pk).update(trusted=True)
    directory.journalist("Иван Петров")  # in the segment but not trusted
    segment = Segment.objects.create(unit=desk.world.body, name="Барлығы", criteria={})
    material = desk.scheduled(embargo=True)
    client = verified_client(desk.secretary)
    assert (
        f'action="/kk/materials/{material.pk}/recipients/"'
        in client.get(f"/kk/materials/{material.pk}/").content.decode()
    )
    client.post(f"/kk/materials/{material.pk}/recipients/", {"segment": segment.pk, "trusted_only": "on"})
    assert list(material.embargo_recipients.all()) == [trusted]
    entry = AuditEntry.objects.get(action="publications.material.recipients_changed")
    assert entry.after == {"recipients": [trusted.pk]}
    assert (
        verified_client(desk.officer)
        .post(f"/kk/materials/{material.pk}/recipients/", {"segment": segment.pk})
        .status_code
        == 403
    )


def test_a_new_material_sent_twice_is_one_draft(desk):
    from tests.once import sent_twice

    officer = verified_client(desk.officer)
    data = text_data(KAZAKH, unit=desk.world.body.pk, kind=MaterialKind.PRESS_RELEASE, language="kk")
    first, second = sent_twice(officer, "/en/materials/new/", data)
    assert first == second == f"/en/materials/{Material.objects.get().pk}/"
