"""The distribution pages: who may see and do what, the new-mailing form, the mailing's page, the log, the settings."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.core.models import AuditEntry, Role
from pressdesk.distribution import services, unsubscribe
from pressdesk.distribution.models import Delivery, DeliveryStatus, Mailing, MailingStatus, UnitSettings
from pressdesk.publications.models import MaterialKind
from tests.conftest import run_queued_tasks, verified_client
from tests.distribution.post import subject, to_journalists


@pytest.fixture
def secretary(post):
    return verified_client(post.secretary)


def almaty(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%dT%H:%M}"


def new_form(material, **extra) -> dict:
    """What the new-mailing form posts: every field."""
    data = {
        "material": material.pk,
        "recipients": "segment",
        "segment": "",
        "q": "",
        "trusted": "",
        "category": "",
        "include_subscribers": "on",
        "files": "links",
        "send_at": "",
    }
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


# --- who may see and do what -------------------------------------------------------------------------------------


def test_a_head_sees_mailings_but_cannot_prepare_one(post):
    material = post.desk.published()
    head = verified_client(post.desk.head)
    segment = post.segment()

    assert head.get("/en/distribution/").status_code == 200
    assert head.get("/en/distribution/new/").status_code == 403
    response = head.post("/en/distribution/new/", new_form(material, segment=segment.pk))

    assert response.status_code == 403
    assert not Mailing.objects.exists()
    page = head.get(f"/en/materials/{material.pk}/")
    assert "Send to journalists" not in page.content.decode()


def test_a_district_press_secretary_cannot_reach_the_citys_mailing(post):
    post.journalists(1)
    mailing = post.mailing()
    district = verified_client(post.world.person("timur", Role.UNIT_PRESS_SECRETARY, post.world.almaly))

    for path in ("", "log/", "log.csv", "letter/kk/"):
        assert district.get(f"/en/distribution/{mailing.pk}/{path}").status_code == 404, path
    for step in ("start", "pause", "cancel", "test", "resend"):
        assert district.post(f"/en/distribution/{mailing.pk}/{step}/").status_code == 404, step
    listing = district.get("/en/distribution/").content.decode()
    assert f"/en/distribution/{mailing.pk}/" not in listing
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DRAFT


def test_an_officer_prepares_but_only_the_press_secretary_sends(post):
    post.journalists(2)
    mailing = post.mailing()
    officer = verified_client(post.officer)

    page = officer.get(f"/en/distribution/{mailing.pk}/").content.decode()
    assert "Send a test to me" in page and "Send now" not in page and "Cancel the mailing" not in page

    assert officer.post(f"/en/distribution/{mailing.pk}/start/", {"now": "1"}).status_code == 403
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DRAFT and not mailing.deliveries.exists()


# --- preparing a mailing -----------------------------------------------------------------------------------------


def test_the_material_page_leads_to_a_new_mailing_with_the_category_of_its_type(post, secretary):
    material = post.desk.published(MaterialKind.ANNOUNCEMENT)

    page = secretary.get(f"/en/materials/{material.pk}/").content.decode()
    assert f'href="/en/distribution/new/?material={material.pk}"' in page

    form = secretary.get(f"/en/distribution/new/?material={material.pk}").content.decode()
    assert f'name="material" value="{material.pk}"' in form
    assert '<option value="announcements" selected>' in form


def test_a_mailing_is_prepared_from_a_saved_segment(post, secretary):
    material = post.desk.published()
    segment = post.segment()

    response = secretary.post(
        f"/en/distribution/new/?material={material.pk}", new_form(material, segment=segment.pk, files="attach")
    )

    mailing = Mailing.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/distribution/{mailing.pk}/"
    assert mailing.segment == segment and mailing.attach_files and mailing.category == "releases"
    assert mailing.status == MailingStatus.DRAFT and mailing.created_by == post.secretary


def test_a_time_chosen_when_preparing_is_confirmed_on_the_mailings_page(post, secretary):
    material = post.desk.published()
    tomorrow = (timezone.now() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)

    secretary.post("/en/distribution/new/", new_form(material, segment=post.segment().pk, send_at=almaty(tomorrow)))

    mailing = Mailing.objects.get()
    assert mailing.status == MailingStatus.DRAFT and mailing.send_at == tomorrow
    page = secretary.get(f"/en/distribution/{mailing.pk}/").content.decode()
    assert "press “Schedule” to confirm it" in page and f'value="{almaty(tomorrow)}"' in page


def test_a_mailing_by_the_directorys_filter_keeps_the_filter(post, secretary):
    material = post.desk.published()
    post.journalists(2, language="ru", prefix="ru")
    post.journalists(1, language="kk", prefix="kk")

    secretary.post(
        "/en/distribution/new/",
        new_form(material, recipients="filter", preferred_language="ru", include_subscribers=None),
    )

    mailing = Mailing.objects.get()
    assert mailing.segment is None and mailing.criteria == {"preferred_language": ["ru"]}
    assert not mailing.include_subscribers
    assert sorted(r.address for r in services.audience(mailing).recipients) == ["ru0@example.kz", "ru1@example.kz"]


def test_a_draft_material_is_refused_with_the_reason_and_nothing_is_saved(post, secretary):
    draft = post.desk.draft()
    segment = post.segment()

    page = secretary.get(f"/en/distribution/new/?material={draft.pk}").content.decode()
    assert "This material cannot be sent now." in page

    with translation.override("en"):
        response = secretary.post(f"/en/distribution/new/?material={draft.pk}", new_form(draft, segment=segment.pk))
    assert response.status_code == 400
    assert "Only a material that is published" in response.content.decode()
    assert not Mailing.objects.exists()


def test_the_form_asks_for_a_segment_and_a_time_ahead(post, secretary):
    material = post.desk.published()
    past = timezone.now() - datetime.timedelta(hours=1)

    response = secretary.post("/en/distribution/new/", new_form(material, send_at=almaty(past)))

    text = response.content.decode()
    assert response.status_code == 400
    assert "Choose a saved segment, or choose the journalists by the filter." in text
    assert "Choose a time in the future (Almaty time)." in text
    assert not Mailing.objects.exists()


def test_the_material_list_offers_only_what_can_be_sent(post, secretary):
    published = post.desk.published()
    draft = post.desk.draft()

    form = secretary.get("/en/distribution/new/").content.decode()

    assert f'<option value="{published.pk}"' in form and f'<option value="{draft.pk}"' not in form


# --- the mailing's page ------------------------------------------------------------------------------------------


def test_the_mailing_page_shows_the_audience_and_the_letter_in_each_language(post, secretary):
    post.journalists(2, language="kk", prefix="kk")
    post.journalists(1, language="ru", prefix="ru")
    post.directory.journalist("Хатсыз Тілші", preferred_language="kk")  # no email
    unsubscribe.suppress("kk1@example.kz", "releases")
    mailing = post.mailing()

    page = secretary.get(f"/en/distribution/{mailing.pk}/").content.decode()

    assert "2 recipients now" in page
    assert "1 unsubscribed from this category" in page
    assert "1 journalist without a working email" in page
    assert "Алматыда жаңа мектеп ашылды" in page and "В Алматы открылась новая школа" in page
    assert "as Журналист kk0 receives it" in page and "as Журналист ru0 receives it" in page
    assert "List-Unsubscribe-Post" in page and "List-Unsubscribe=One-Click" in page
    assert f'src="/en/distribution/{mailing.pk}/letter/ru/?journalist=' in page
    assert "Send now" in page and "Schedule" in page


def test_the_letters_html_is_served_for_a_sandboxed_frame_only(post, secretary):
    people = post.journalists(1, language="ru")
    mailing = post.mailing()

    response = secretary.get(f"/en/distribution/{mailing.pk}/letter/ru/?journalist={people[0].pk}")

    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "В Алматы открылась новая школа" in html and "Журналист j0" in html
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "script-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert secretary.get(f"/en/distribution/{mailing.pk}/letter/xx/").status_code == 404


def test_a_mailing_paused_by_the_mail_server_says_so_and_what_happens_next(post, secretary):
    post.journalists(1)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    Mailing.objects.filter(pk=mailing.pk).update(
        status=MailingStatus.PAUSED, auto_resume=True, pause_reason="The mail server cannot be reached: refused"
    )

    page = secretary.get(f"/en/distribution/{mailing.pk}/").content.decode()

    assert "Paused: the mail server failed." in page and "The mail server cannot be reached: refused" in page
    assert "tries the mail server again by itself after 5 minutes" in page
    assert "Resume" in page and "Pause" not in page.split("Resume")[0].split("Next steps")[1]


def test_the_list_shows_figures_and_filters_by_status(post, secretary, django_assert_max_num_queries):
    post.journalists(3)
    done = post.mailing()
    services.start(actor=post.secretary, mailing=done)
    Delivery.objects.filter(mailing=done).update(status=DeliveryStatus.SENT)
    Delivery.objects.filter(pk=done.deliveries.first().pk).update(status=DeliveryStatus.BOUNCED)
    for _n in range(4):
        post.mailing()

    with django_assert_max_num_queries(14):
        page = secretary.get("/en/distribution/").content.decode()
    assert "2 sent of 3" in page and "bounced: 1" in page

    drafts = secretary.get("/en/distribution/?status=draft").content.decode()
    assert f'href="/en/distribution/{done.pk}/"' not in drafts and drafts.count("Draft</span>") == 4


# --- the delivery log --------------------------------------------------------------------------------------------


def log_of(mailing, count: int, **fields) -> None:
    """``count`` letters in the log of a started mailing (the runner's rows, as a factory writes them)."""
    Delivery.objects.bulk_create(
        Delivery(mailing=mailing, address=f"reader{n}@example.kz", name=f"Оқырман {n}", **fields) for n in range(count)
    )


def test_the_log_pages_through_hundreds_of_letters_and_filters(post, secretary, django_assert_max_num_queries):
    post.journalists(1)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    log_of(mailing, 820, language="kk", status=DeliveryStatus.SENT, sent_at=timezone.now())
    Delivery.objects.bulk_create(
        Delivery(mailing=mailing, address=f"ru{n}@example.ru", language="ru", status=DeliveryStatus.FAILED, error="550")
        for n in range(5)
    )

    with django_assert_max_num_queries(14):
        first = secretary.get(f"/en/distribution/{mailing.pk}/log/").content.decode()
    last = secretary.get(f"/en/distribution/{mailing.pk}/log/?page=9").content.decode()
    failed = secretary.get(f"/en/distribution/{mailing.pk}/log/?status=failed&language=ru").content.decode()

    assert "826 letters" in first and "Page 1 of 9" in first and first.count("@example.kz</td>") == 100
    assert "Page 9 of 9" in last and "ru4@example.ru" in last
    assert "5 letters" in failed and "550" in failed and "reader" not in failed
    assert "status=failed&amp;language=ru" in failed  # the export keeps the filter


# --- the unit's language order -----------------------------------------------------------------------------------


def test_the_press_secretary_sets_the_language_order_and_letters_follow_it(post, secretary):
    post.journalists(1, language="en", prefix="en")
    body = post.world.body

    response = secretary.post(f"/en/distribution/settings/{body.pk}/", {"first": "ru", "second": "kk", "third": ""})

    assert response.status_code == 302
    assert UnitSettings.objects.get(unit=body).language_order == "ru,kk"
    assert AuditEntry.objects.filter(action="distribution.settings.changed", actor=post.secretary).exists()
    mailing = post.mailing()
    assert [r.language for r in services.audience(mailing).recipients] == ["ru"]  # no English text: Russian next
    assert "Русский → Қазақша" in secretary.get("/en/distribution/settings/").content.decode()


def test_a_language_twice_in_the_order_is_refused(post, secretary):
    body = post.world.body

    with translation.override("en"):
        response = secretary.post(f"/en/distribution/settings/{body.pk}/", {"first": "kk", "second": "kk"})

    assert response.status_code == 400
    assert "Each language may come only once" in response.content.decode()
    assert not UnitSettings.objects.filter(unit=body).exists()


def test_the_language_order_of_another_unit_is_out_of_reach(post):
    district = verified_client(post.world.person("timur", Role.UNIT_PRESS_SECRETARY, post.world.almaly))
    officer = verified_client(post.officer)

    assert district.get(f"/en/distribution/settings/{post.world.body.pk}/").status_code == 403
    assert district.get(f"/en/distribution/settings/{post.world.almaly.pk}/").status_code == 200
    assert officer.get("/en/distribution/settings/").status_code == 403


# --- the dashboard -----------------------------------------------------------------------------------------------


def test_the_dashboard_lists_paused_and_todays_mailings(post, secretary):
    post.journalists(1)
    paused = post.mailing()
    services.start(actor=post.secretary, mailing=paused)
    services.pause(actor=post.secretary, mailing=paused)
    later_today = timezone.localtime().replace(hour=23, minute=59)
    today = None
    if later_today > timezone.now():
        today = post.mailing(post.desk.published(MaterialKind.NEWS))
        services.start(actor=post.secretary, mailing=today, send_at=later_today)
    quiet = post.mailing(post.desk.published(MaterialKind.ANNOUNCEMENT))

    page = secretary.get("/en/desk/").content.decode()

    assert f'href="/en/distribution/{paused.pk}/"' in page and "paused" in page
    if today is not None:
        assert f'href="/en/distribution/{today.pk}/"' in page and "goes today at 23:59" in page
    assert f'href="/en/distribution/{quiet.pk}/"' not in page


# --- the whole way through the pages, against a real SMTP server ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_prepare_test_send_and_read_the_log_through_the_pages(post, smtp):
    post.journalists(2, language="kk", prefix="kk")
    post.journalists(1, language="ru", prefix="ru")
    material = post.desk.published()
    segment = post.segment()
    secretary = verified_client(post.secretary)

    with translation.override("en"):
        secretary.post(f"/en/distribution/new/?material={material.pk}", new_form(material, segment=segment.pk))
        mailing = Mailing.objects.get()
        tested = secretary.post(f"/en/distribution/{mailing.pk}/test/", follow=True).content.decode()
    assert "The test letters (Қазақша, Русский) went to aigerim@test.kz." in tested
    tests = sorted(subject(m) for m in smtp.messages if m["To"] == "aigerim@test.kz" and "[TEST]" in m["Subject"])
    assert tests == ["[TEST] Алматыда жаңа мектеп ашылды", "[TEST] В Алматы открылась новая школа"]
    assert not to_journalists(smtp)

    started = secretary.post(f"/en/distribution/{mailing.pk}/start/", {"now": "1"}, follow=True).content.decode()
    assert "Sending has begun." in started
    run_queued_tasks()

    received = sorted(m["To"] for m in to_journalists(smtp))
    assert received == ["kk0@example.kz", "kk1@example.kz", "ru0@example.kz"]
    page = secretary.get(f"/en/distribution/{mailing.pk}/").content.decode()
    assert "Finished on" in page and "Send now" not in page
    log = secretary.get(f"/en/distribution/{mailing.pk}/log/").content.decode()
    assert log.count("<td>Sent</td>") == 3 and "Журналист ru0" in log


@pytest.mark.django_db(transaction=True)
def test_interrupted_letters_go_again_only_when_the_press_secretary_decides(post, smtp):
    post.journalists(2)
    mailing = post.mailing()
    secretary = verified_client(post.secretary)
    secretary.post(f"/en/distribution/{mailing.pk}/start/", {"now": "1"})
    run_queued_tasks()
    doubt = mailing.deliveries.first()
    Delivery.objects.filter(pk=doubt.pk).update(status=DeliveryStatus.UNKNOWN)
    smtp.messages.clear()

    page = secretary.get(f"/en/distribution/{mailing.pk}/").content.decode()
    assert "1 letter was interrupted." in page and "Send the interrupted letters again" in page
    with translation.override("en"):
        again = secretary.post(f"/en/distribution/{mailing.pk}/resend/", follow=True).content.decode()
    assert "1 interrupted letter goes again." in again
    run_queued_tasks()

    assert [m["To"] for m in to_journalists(smtp)] == [doubt.address]


def test_scheduling_needs_a_time_ahead_then_cancelling_stops_it(post, secretary):
    post.journalists(1)
    mailing = post.mailing()
    tomorrow = timezone.now() + datetime.timedelta(days=1)

    refused = secretary.post(f"/en/distribution/{mailing.pk}/start/", {"schedule": "1", "send_at": ""}, follow=True)
    assert "Give the day and time to send it." in refused.content.decode()
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DRAFT

    scheduled = secretary.post(
        f"/en/distribution/{mailing.pk}/start/", {"schedule": "1", "send_at": almaty(tomorrow)}, follow=True
    ).content.decode()
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SCHEDULED
    assert f"The mailing is scheduled for {timezone.localtime(tomorrow):%Y-%m-%d %H:%M}" in scheduled

    secretary.post(f"/en/distribution/{mailing.pk}/cancel/")
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.CANCELLED
    again = secretary.post(f"/en/distribution/{mailing.pk}/pause/", follow=True).content.decode()
    assert "Only a mailing being sent can be paused." in again


def test_pause_and_resume_from_the_page(post, secretary):
    post.journalists(1)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)

    paused = secretary.post(f"/en/distribution/{mailing.pk}/pause/", follow=True).content.decode()
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.PAUSED and "Paused by Aigerim." in paused
    assert "Nothing goes until someone resumes the mailing." in paused

    secretary.post(f"/en/distribution/{mailing.pk}/resume/")
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENDING
    assert secretary.get(f"/en/distribution/{mailing.pk}/resume/").status_code == 405


def test_a_mailing_form_sent_twice_prepares_one_mailing(post):
    from tests.once import sent_twice

    material = post.desk.published()
    segment = post.segment()
    secretary = verified_client(post.desk.secretary)
    first, second = sent_twice(secretary, "/en/distribution/new/", new_form(material, segment=segment.pk))
    assert first == second == f"/en/distribution/{Mailing.objects.get().pk}/"
