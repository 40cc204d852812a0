"""The demo materials: about forty, every type and step, three months of history, one embargo, and idempotent."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.db import transaction
from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core.models import AuditEntry
from pressdesk.publications import demo, services
from pressdesk.publications.models import (
    ApprovalRule,
    Comment,
    CorrectionNote,
    Material,
    MaterialKind,
    MaterialVersion,
    MediaAsset,
    Revision,
    Status,
    Topic,
    TopicName,
)

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def state() -> dict[str, int]:
    models = [
        Material,
        MaterialVersion,
        Revision,
        Comment,
        CorrectionNote,
        Topic,
        TopicName,
        ApprovalRule,
        MediaAsset,
        AuditEntry,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_the_demo_again_adds_nothing(units):
    before = state()
    counts = demo.load(units)
    assert state() == before
    assert counts == {"materials": before["Material"], "topics": 8}


def test_about_forty_materials_of_every_type_at_every_step(units):
    assert 35 <= Material.objects.count() <= 45
    assert set(Material.objects.values_list("kind", flat=True)) == set(MaterialKind.values)
    assert set(Material.objects.values_list("status", flat=True)) == set(Status.values)
    assert Material.objects.filter(status=Status.DRAFT).count() >= 3
    assert Material.objects.filter(status=Status.WITHDRAWN).count() == 1
    assert Material.objects.filter(status=Status.CORRECTED).count() == 1


def test_mostly_kazakh_and_russian_some_english(units):
    languages = {
        material.pk: {version.language for version in material.translations.all()}
        for material in Material.objects.prefetch_related("translations")
    }
    both = [pk for pk, found in languages.items() if {"kk", "ru"} <= found]
    english = [pk for pk, found in languages.items() if "en" in found]
    assert len(both) >= 0.8 * len(languages)
    assert 3 <= len(english) < len(languages) / 2
    assert set(Material.objects.values_list("source_language", flat=True)) == {"kk", "ru"}


def test_exactly_one_embargo_until_tomorrow_ten_in_almaty_and_it_is_not_public(units):
    now = timezone.now()
    embargoed = Material.objects.filter(embargo_until__gt=now)
    assert embargoed.count() == 1
    material = embargoed.get()
    tomorrow = timezone.localdate(timezone=ALMATY) + datetime.timedelta(days=1)
    assert material.embargo_until == datetime.datetime.combine(tomorrow, datetime.time(10), tzinfo=ALMATY)
    assert material.status == Status.SCHEDULED and material.publish_at == material.embargo_until
    assert material.embargo_recipients.exists()
    public = Material.objects.public()
    assert not public.filter(pk=material.pk).exists()
    assert Material.objects.public(now=material.embargo_until).filter(pk=material.pk).exists()
    # What the newsroom shows: every published or corrected material that is not for staff only, nothing else.
    expected = Material.objects.filter(status__in=[Status.PUBLISHED, Status.CORRECTED]).exclude(kind=MaterialKind.QA)
    assert set(public.values_list("pk", flat=True)) == set(expected.values_list("pk", flat=True))
    assert public.count() >= 20


def test_publications_spread_over_the_last_three_months_with_their_history(units):
    now = timezone.now()
    published = Material.objects.exclude(published_at=None)
    dates = sorted(published.values_list("published_at", flat=True))
    assert now - datetime.timedelta(days=92) <= dates[0] and dates[-1] < now
    assert dates[-1] - dates[0] > datetime.timedelta(days=60)
    for material in published:
        entry = AuditEntry.objects.get(target_id=str(material.pk), action="publications.material.published")
        assert abs(entry.at - material.published_at) < datetime.timedelta(seconds=1)
        assert material.created_at <= material.approved_at <= material.published_at
        assert material.approved_by_id not in {None, material.author_id}
        first = Revision.objects.filter(version__parent=material).earliest("created_at")
        assert first.created_at <= material.published_at


def test_the_correction_is_noted_in_kazakh_and_russian_a_day_later(units):
    material = Material.objects.get(status=Status.CORRECTED)
    correction = material.corrections.get()
    assert set(correction.translations.values_list("language", flat=True)) == {"kk", "ru"}
    assert (
        datetime.timedelta(days=1) <= correction.made_at - material.published_at < datetime.timedelta(days=1, minutes=1)
    )
    for version in material.translations.all():
        assert version.revision == 2 and version.revisions.filter(is_correction=True).count() == 1
        assert "19" in version.body


def test_the_withdrawn_material_says_why_and_is_not_public(units):
    material = Material.objects.get(status=Status.WITHDRAWN)
    assert material.withdrawn_reason and material.withdrawn_at > material.published_at
    assert not Material.objects.public().filter(pk=material.pk).exists()


def test_one_translation_lags_behind_its_source(units):
    outdated = [
        version
        for material in Material.objects.prefetch_related("translations")
        for version in material.translations.all()
        if version.is_outdated(material.source_version())
    ]
    assert len(outdated) == 1
    assert outdated[0].language == "ru" and outdated[0].parent.status == Status.DRAFT


def test_drafts_carry_comments_and_a_returned_one_its_reason(units):
    commented = Comment.objects.filter(material__status=Status.DRAFT).values_list("material", flat=True)
    assert len(commented) >= 2
    returned = AuditEntry.objects.filter(action="publications.material.returned")
    assert returned.count() == 1 and returned.get().note


def test_some_public_materials_lead_with_a_drawn_photo_described_in_kazakh(units):
    leading = Material.objects.public().exclude(lead_image=None).select_related("lead_image")
    assert leading.count() >= 3
    for material in leading:
        photo = material.lead_image
        assert photo.is_image and photo.width == 1200 and photo.unit_id == material.unit_id
        assert photo.translations.filter(language="kk").exclude(alt="").exists()
        assert photo.created_at <= material.published_at


def test_the_made_up_history_mails_no_one_but_the_photos_wait_for_the_commit(units):
    queued = [
        getattr(func, "func", func).__module__
        for _savepoints, func, _robust in transaction.get_connection().run_on_commit
    ]
    assert "pressdesk.publications.media" in queued
    assert "pressdesk.publications.notify" not in queued


def test_unit_rules_decide_who_approves(units):
    assert services.head_approves(units["mobility"], MaterialKind.NEWS)
    assert not services.head_approves(units["bostandyk"], MaterialKind.PRESS_RELEASE)
    assert services.head_approves(units["almaly"], MaterialKind.PRESS_RELEASE)
    news = Material.objects.filter(unit=units["mobility"], kind=MaterialKind.NEWS, status=Status.PUBLISHED).get()
    assert news.approved_by.email == core_demo.demo_email("head.mobility")


def test_the_press_kit_has_the_demo_logo_and_a_second_run_adds_no_second(units):
    from pressdesk.publications.models import MediaAsset, MediaSection

    kit = MediaAsset.objects.filter(section=MediaSection.BRAND, is_public=True)
    assert kit.count() == 1 and kit.get().is_image
    core_demo.load()
    assert kit.count() == 1
