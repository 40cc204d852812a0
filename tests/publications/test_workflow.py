"""The life of a material through the services: each step's rule, its trail, and who is told."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.core.models import AuditEntry, Role
from pressdesk.core.services import DomainError
from pressdesk.publications import services
from pressdesk.publications.models import Material, MaterialKind, Revision, Status
from tests.conftest import run_queued_tasks
from tests.publications.materials import KAZAKH, RUSSIAN


@pytest.fixture(autouse=True)
def english():
    """The services' messages are checked in English, the language the code is written in."""
    with translation.override("en"):
        yield


# Letters go out after the step commits: the tests that read them run in real transactions.
letters = pytest.mark.django_db(transaction=True)


def trail(material: Material) -> list[str]:
    return list(AuditEntry.objects.for_object(material).order_by("pk").values_list("action", flat=True))


@letters
def test_a_press_release_goes_from_draft_to_the_head_and_is_published(desk, smtp):
    material = desk.draft()
    services.submit(actor=desk.officer, material=material)
    assert material.status == Status.IN_REVIEW
    assert [m["To"] for m in smtp.messages] == [desk.secretary.email]  # the reviewer is told, not the author

    with pytest.raises(DomainError, match="head"):
        services.approve(actor=desk.secretary, material=material)  # a press release needs the head
    services.send_to_head(actor=desk.secretary, material=material)
    assert smtp.messages[-1]["To"] == desk.head.email
    services.approve(actor=desk.head, material=material, note="Келісемін")
    services.publish_now(actor=desk.secretary, material=material)

    material.refresh_from_db()
    assert material.status == Status.PUBLISHED and material.approved_by == desk.head
    assert Material.objects.public().filter(pk=material.pk).exists()
    assert trail(material) == [
        "publications.material.created",
        "publications.version.saved",
        "publications.material.submitted",
        "publications.material.sent_to_head",
        "publications.material.approved",
        "publications.material.published",
    ]
    approval = AuditEntry.objects.get(action="publications.material.approved")
    assert approval.actor == desk.head and approval.note == "Келісемін"
    assert approval.before["status"] == "awaiting_approval" and approval.after["status"] == "approved"


def test_the_author_never_approves_their_own_material(desk):
    material = desk.draft(author=desk.secretary)
    services.submit(actor=desk.secretary, material=material)
    services.send_to_head(actor=desk.secretary, material=material)
    head_author = desk.draft(MaterialKind.NEWS, author=desk.secretary)
    services.submit(actor=desk.secretary, material=head_author)
    with pytest.raises(DomainError, match="someone else"):
        services.approve(actor=desk.secretary, material=head_author)
    head_author.refresh_from_db()
    assert head_author.status == Status.IN_REVIEW


def test_a_news_item_is_approved_by_the_press_secretary_unless_the_unit_asks_for_the_head(desk):
    news = desk.draft(MaterialKind.NEWS)
    services.submit(actor=desk.officer, material=news)
    services.approve(actor=desk.secretary, material=news)
    assert news.status == Status.APPROVED

    services.set_rule(actor=desk.secretary, unit=desk.world.body, kind=MaterialKind.NEWS, head_approves=True)
    district_news = desk.draft(MaterialKind.NEWS, unit=desk.world.almaly)  # the rule of the unit above applies
    services.submit(actor=desk.officer, material=district_news)
    with pytest.raises(DomainError, match="head"):
        services.approve(actor=desk.secretary, material=district_news)
    services.set_rule(actor=desk.secretary, unit=desk.world.almaly, kind=MaterialKind.NEWS, head_approves=False)
    services.approve(actor=desk.secretary, material=district_news)  # the district's own rule wins


def test_nothing_is_published_without_approval_and_an_officer_cannot_approve(desk):
    material = desk.draft()
    with pytest.raises(DomainError, match="head's approval"):
        services.publish_now(actor=desk.secretary, material=material)
    services.submit(actor=desk.officer, material=material)
    services.send_to_head(actor=desk.secretary, material=material)
    with pytest.raises(DomainError, match="Only the head"):
        services.approve(actor=desk.secretary, material=material)
    other = desk.world.person("ayan", Role.PRESS_OFFICER, desk.world.body)
    with pytest.raises(DomainError):
        services.approve(actor=other, material=material)
    material.refresh_from_db()
    assert material.status == Status.AWAITING_APPROVAL and not Material.objects.public().exists()


@letters
def test_returning_to_draft_needs_a_reason_and_tells_the_author(desk, smtp):
    material = desk.scheduled(embargo=False)
    with pytest.raises(DomainError, match="why"):
        services.return_to_draft(actor=desk.secretary, material=material, reason="  ")
    services.return_to_draft(actor=desk.secretary, material=material, reason="Сандарды тексеріңіз")
    material.refresh_from_db()
    assert material.status == Status.DRAFT and material.publish_at is None and material.approved_by is None
    letter = smtp.messages[-1]
    assert letter["To"] == desk.officer.email and "Сандарды тексеріңіз" in letter.get_content()


def test_every_save_is_a_revision_and_a_translation_knows_when_it_is_outdated(desk):
    material = desk.draft()
    kk = material.translation_map()["kk"]
    ru = material.translation_map()["ru"]
    assert (kk.revision, ru.revision, ru.source_revision) == (1, 1, 1)
    assert not ru.is_outdated(kk)

    changed = services.Text(KAZAKH.title, KAZAKH.summary, KAZAKH.body + "\n\nМектеп 1 қыркүйекте ашылады.")
    services.save_version(actor=desk.officer, material=material, language="kk", text=changed, base_revision=1)
    material = Material.objects.get(pk=material.pk)
    kk, ru = material.translation_map()["kk"], material.translation_map()["ru"]
    assert kk.revision == 2 and ru.is_outdated(kk)
    assert list(Revision.objects.filter(version=kk).values_list("number", flat=True)) == [2, 1]

    # Saving the same text again writes no empty revision.
    services.save_version(actor=desk.officer, material=material, language="kk", text=changed, base_revision=2)
    assert Revision.objects.filter(version=kk).count() == 2

    # A typo fixed in Russian without following the new original keeps it marked outdated.
    services.save_version(
        actor=desk.officer,
        material=material,
        language="ru",
        text=services.Text(RUSSIAN.title, RUSSIAN.summary, RUSSIAN.body.replace("Сегодня", "Сегодня,")),
        base_revision=1,
        follows_source=False,
    )
    ru.refresh_from_db()
    assert ru.is_outdated(kk)
    services.save_version(
        actor=desk.officer,
        material=material,
        language="ru",
        text=services.Text(RUSSIAN.title, RUSSIAN.summary, RUSSIAN.body + "\n\nШкола откроется 1 сентября."),
        base_revision=2,
    )
    ru.refresh_from_db()
    assert not ru.is_outdated(kk) and ru.source_revision == 2


def test_two_people_saving_the_same_revision_the_second_gets_a_conflict_and_nothing_is_lost(desk):
    material = desk.draft()
    first = services.Text(KAZAKH.title, KAZAKH.summary, "Бірінші редактордың мәтіні.")
    second = services.Text(KAZAKH.title + "!", KAZAKH.summary, "Екінші редактордың мәтіні.")
    services.save_version(actor=desk.secretary, material=material, language="kk", text=first, base_revision=1)
    with pytest.raises(services.Conflict) as conflict:
        services.save_version(actor=desk.officer, material=material, language="kk", text=second, base_revision=1)
    assert conflict.value.current.body == first.body and conflict.value.current.revision == 2
    assert desk.secretary.full_name in str(conflict.value)
    version = material.translation_map()["kk"]
    version.refresh_from_db()
    assert version.body == first.body  # the first save stands; the second user still has their text to compare


def test_a_script_in_the_title_or_body_stays_text(desk):
    material = services.create(
        actor=desk.officer,
        unit=desk.world.body,
        kind=MaterialKind.NEWS,
        language="kk",
        text=services.Text("<script>alert(1)</script> Жаңалық", "", "<img src=x onerror=alert(1)> **мәтін**"),
    )
    version = material.translation_map()["kk"]
    assert version.title == "<script>alert(1)</script> Жаңалық"  # stored as typed, escaped by templates
    assert "<img" not in version.body_html  # shown as the text that was typed, never as an element
    assert "&lt;img src=x onerror=alert(1)&gt; <strong>мәтін</strong>" in version.body_html


def test_text_is_frozen_after_review_and_a_correction_is_published_with_its_note(desk):
    material = desk.published()
    with pytest.raises(DomainError, match="correction"):
        services.save_version(actor=desk.officer, material=material, language="kk", text=KAZAKH, base_revision=1)
    with pytest.raises(DomainError, match="note"):
        services.correct(actor=desk.secretary, material=material, texts={}, notes={"ru": "Исправлено"})
    fixed = services.Text(KAZAKH.title, KAZAKH.summary, KAZAKH.body.replace("1200", "1300"))
    services.correct(
        actor=desk.secretary,
        material=material,
        texts={"kk": fixed},
        notes={"kk": "Орын саны түзетілді: 1300.", "ru": "Исправлено число мест: 1300."},
    )
    material.refresh_from_db()
    assert material.status == Status.CORRECTED and Material.objects.public().filter(pk=material.pk).exists()
    correction = material.corrections.get()
    assert correction.translated("ru").text == "Исправлено число мест: 1300."
    kk = material.translation_map()["kk"]
    assert "1300" in kk.body_html and kk.revisions.first().is_correction
    assert material.translation_map()["ru"].is_outdated(kk)  # only the original was corrected: the Russian lags
    services.correct(
        actor=desk.secretary,
        material=material,
        texts={"ru": services.Text(RUSSIAN.title, RUSSIAN.summary, RUSSIAN.body.replace("1200", "1300"))},
        notes={"kk": "Орысша мәтін де түзетілді.", "ru": "Исправлен и русский текст."},
    )
    material = Material.objects.get(pk=material.pk)
    assert not material.translation_map()["ru"].is_outdated(material.translation_map()["kk"])


def test_withdrawal_needs_a_public_reason_and_takes_the_material_off_the_newsroom(desk):
    material = desk.published()
    with pytest.raises(DomainError, match="reason"):
        services.withdraw(actor=desk.secretary, material=material, reason="")
    services.withdraw(actor=desk.secretary, material=material, reason="Деректер қайта тексерілуде.")
    material.refresh_from_db()
    assert material.status == Status.WITHDRAWN and material.withdrawn_reason == "Деректер қайта тексерілуде."
    assert not Material.objects.public().filter(pk=material.pk).exists()


def test_scheduling_refuses_the_past_and_the_material_is_public_exactly_at_its_time(desk):
    material = desk.approved()
    with pytest.raises(DomainError, match="past"):
        services.schedule(
            actor=desk.secretary, material=material, publish_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    at = timezone.now() + datetime.timedelta(hours=2)
    services.schedule(actor=desk.secretary, material=material, publish_at=at, embargo=True)
    material.refresh_from_db()
    assert material.embargo_until == at
    public = Material.objects.public
    assert not public(now=at - datetime.timedelta(seconds=1)).filter(pk=material.pk).exists()
    assert public(now=at).filter(pk=material.pk).exists()


def test_an_embargo_change_is_audited_with_its_reason_and_moves_the_publication(desk):
    material = desk.scheduled()
    later = material.publish_at + datetime.timedelta(days=1)
    with pytest.raises(DomainError, match="why"):
        services.change_embargo(actor=desk.secretary, material=material, until=later)
    with pytest.raises(DomainError, match="past"):
        services.change_embargo(
            actor=desk.secretary, material=material, until=timezone.now() - datetime.timedelta(hours=1), reason="x"
        )
    services.change_embargo(actor=desk.secretary, material=material, until=later, reason="Әкімнің кестесі өзгерді")
    material.refresh_from_db()
    assert material.publish_at == later == material.embargo_until
    entry = AuditEntry.objects.filter(action="publications.material.embargo_changed").get()
    assert entry.note == "Әкімнің кестесі өзгерді" and entry.after["embargo_until"] == later.isoformat()
    assert entry.actor == desk.secretary


@letters
def test_the_robot_records_a_due_publication_exactly_once_and_tells_the_author(desk, smtp):
    material = desk.scheduled(embargo=True)
    Material.objects.filter(pk=material.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=5),
        embargo_until=timezone.now() - datetime.timedelta(minutes=5),
    )
    before = len(smtp.messages)
    assert services.publish_due() == [material.pk]
    assert services.publish_due() == []  # a second run, or a second worker, finds nothing to do
    material.refresh_from_db()
    assert material.status == Status.PUBLISHED and material.published_at == material.publish_at
    entry = AuditEntry.objects.get(action="publications.material.published", target_id=str(material.pk))
    assert entry.actor is None  # the robot
    assert [m["To"] for m in smtp.messages[before:]] == [desk.officer.email]


@letters  # the worker closes the connection: a real transaction
def test_the_publishing_job_runs_in_the_worker_and_catches_up_after_downtime(desk):
    from pressdesk.core import jobs
    from pressdesk.schedule import SCHEDULE

    job = next(j for j in SCHEDULE if j.name == "publications.publish_due")
    material = desk.scheduled(embargo=False)
    # The worker was down when the material fell due: it went public at its time all the same…
    due = timezone.now() - datetime.timedelta(hours=3)
    Material.objects.filter(pk=material.pk).update(publish_at=due)
    assert Material.objects.public().filter(pk=material.pk).exists()
    # …and the first tick after the restart records the publication, once.
    assert jobs.tick(worker_id="restarted", jobs={job.name: job})
    run_queued_tasks()
    material.refresh_from_db()
    assert material.status == Status.PUBLISHED
    assert jobs.tick(worker_id="restarted", jobs={job.name: job}) == []  # same minute: nothing claimed again
    assert AuditEntry.objects.filter(action="publications.material.published").count() == 1


def test_lines_to_take_are_never_public(desk):
    material = desk.approved(MaterialKind.QA)
    with pytest.raises(DomainError, match="staff only"):
        services.publish_now(actor=desk.secretary, material=material)
    Material.objects.filter(pk=material.pk).update(status=Status.PUBLISHED)
    assert not Material.objects.public().filter(pk=material.pk).exists()


@letters
def test_a_comment_reaches_the_author(desk, smtp):
    material = desk.draft()
    services.comment(actor=desk.secretary, material=material, text="Тақырыпты қысқартыңыз")
    assert smtp.messages[-1]["To"] == desk.officer.email
    with pytest.raises(DomainError):
        services.comment(actor=desk.secretary, material=material, text=" ")


def test_whoever_changed_the_text_cannot_approve_it(desk):
    news = desk.draft(MaterialKind.NEWS)
    services.submit(actor=desk.officer, material=news)
    services.save_version(
        actor=desk.secretary,
        material=news,
        language="kk",
        text=services.Text(KAZAKH.title, KAZAKH.summary, "Хатшы қайта жазған мәтін."),
        base_revision=1,
    )
    with pytest.raises(DomainError, match="someone else"):
        services.approve(actor=desk.secretary, material=news)
    other = desk.world.person("gulnaz", Role.PRESS_SECRETARY, desk.world.body)
    services.approve(actor=other, material=news)  # a second pair of eyes
    assert news.status == Status.APPROVED


def test_the_type_is_settled_before_review_so_the_head_cannot_be_bypassed(desk):
    release = desk.draft()
    services.submit(actor=desk.officer, material=release)
    with pytest.raises(DomainError, match="only in a draft"):
        services.update_details(
            actor=desk.secretary, material=release, kind=MaterialKind.NEWS, topics=[], spokesperson=None
        )
    release.refresh_from_db()
    assert release.kind == MaterialKind.PRESS_RELEASE


def test_an_approval_is_of_the_revisions_the_approver_saw(desk):
    news = desk.draft(MaterialKind.NEWS)
    services.submit(actor=desk.officer, material=news)
    seen = services.revisions_of(news)  # the press secretary opens the material…
    changed = services.Text(KAZAKH.title, KAZAKH.summary, KAZAKH.body + "\n\nСоңғы сөйлем.")
    services.save_version(actor=desk.officer, material=news, language="kk", text=changed, base_revision=1)
    with pytest.raises(DomainError, match="changed since you opened it"):  # …and the author saves meanwhile
        services.approve(actor=desk.secretary, material=news, seen=seen)
    services.approve(actor=desk.secretary, material=news, seen=services.revisions_of(news))
    assert news.status == Status.APPROVED


def test_a_rule_changed_after_approval_holds_back_publication_until_the_head_approves(desk):
    news = desk.approved(MaterialKind.NEWS)
    assert news.approved_by == desk.secretary
    services.set_rule(actor=desk.secretary, unit=desk.world.body, kind=MaterialKind.NEWS, head_approves=True)
    with pytest.raises(DomainError, match="head's approval"):
        services.publish_now(actor=desk.secretary, material=news)
    services.return_to_draft(actor=desk.secretary, material=news, reason="Енді басшы бекітеді")
    services.submit(actor=desk.officer, material=news)
    services.send_to_head(actor=desk.secretary, material=news)
    services.approve(actor=desk.head, material=news)
    services.publish_now(actor=desk.secretary, material=news)
    assert news.status == Status.PUBLISHED


def test_a_language_is_added_to_a_published_material_by_whoever_may_publish(desk):
    material = desk.published()
    english = services.Text("A new school opened in Almaty", "", "A school for **1,200** pupils opened today.")
    with pytest.raises(DomainError, match="Only those who may publish"):
        services.save_version(actor=desk.officer, material=material, language="en", text=english, base_revision=None)
    services.save_version(actor=desk.secretary, material=material, language="en", text=english, base_revision=None)
    assert AuditEntry.objects.filter(action="publications.version.added_after_publication").count() == 1
    with pytest.raises(DomainError, match="correction"):  # what is out is changed only by a correction
        services.save_version(actor=desk.secretary, material=material, language="en", text=english, base_revision=1)


def test_a_due_material_the_robot_has_not_recorded_yet_can_be_corrected(desk):
    material = desk.scheduled(embargo=False)
    due = timezone.now() - datetime.timedelta(minutes=1)
    Material.objects.filter(pk=material.pk).update(publish_at=due)
    services.correct(actor=desk.secretary, material=material, texts={}, notes={"kk": "Күні нақтыланды."})
    material.refresh_from_db()
    assert material.status == Status.CORRECTED and material.published_at == due
    assert services.publish_due() == []  # the robot has nothing left to record


def test_returning_to_draft_takes_back_what_was_shared_under_embargo(desk):
    from tests.directory.conftest import Directory

    journalist = Directory(desk.world).journalist()
    material = desk.scheduled(embargo=True)
    services.set_recipients(actor=desk.secretary, material=material, journalists=[journalist])
    services.return_to_draft(actor=desk.secretary, material=material, reason="Күн ауысады")
    assert not material.embargo_recipients.exists()


def test_a_title_is_one_line_and_texts_have_limits(desk):
    material = services.create(
        actor=desk.officer,
        unit=desk.world.body,
        kind=MaterialKind.NEWS,
        language="kk",
        text=services.Text("Бірінші\r\nекінші  жол", "", "Мәтін."),
    )
    assert material.translation_map()["kk"].title == "Бірінші екінші жол"
    with pytest.raises(DomainError, match="too long"):
        services.comment(actor=desk.secretary, material=material, text="ә" * 5001)
    with pytest.raises(DomainError, match="too long"):
        services.save_version(
            actor=desk.officer,
            material=material,
            language="kk",
            text=services.Text("Тақырып", "", "ә" * 100_001),
            base_revision=1,
        )
