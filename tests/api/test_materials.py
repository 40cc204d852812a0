"""Materials over the API with personal tokens: the whole story, the rules the services keep, and who sees what."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from pressdesk.core import services as core_services
from pressdesk.core.models import Role
from pressdesk.publications import services
from pressdesk.publications.models import Material, MaterialKind, Status, Topic
from tests.api.conftest import api_client
from tests.publications.materials import KAZAKH, RUSSIAN, Desk

pytestmark = pytest.mark.django_db

BASE = "/api/materials"


@pytest.fixture
def desk(world) -> Desk:
    return Desk(world)


class Caller:
    """One person's script: a token client that speaks JSON and reads the answers in English."""

    def __init__(self, user):
        self.client: Client = api_client(user, HTTP_ACCEPT_LANGUAGE="en")

    def get(self, path: str, params: dict | None = None):
        return self.client.get(BASE + path, params or {})

    def send(self, method: str, path: str, data: dict | None = None):
        return getattr(self.client, method)(BASE + path, json.dumps(data or {}), content_type="application/json")

    def post(self, path: str, data: dict | None = None):
        return self.send("post", path, data)

    def put(self, path: str, data: dict):
        return self.send("put", path, data)


def text_of(text) -> dict:
    return {"title": text.title, "summary": text.summary, "body": text.body}


def public_sees(material_id: int) -> dict[str, bool]:
    """Whether the public list in each language holds it, and whether it opens by id."""
    anyone = Client()
    seen = {}
    for language in ("kk", "ru"):
        listing = anyone.get("/api/public/materials", {"language": language}).json()
        seen[language] = material_id in [item["id"] for item in listing["items"]]
    seen["by id"] = anyone.get(f"/api/public/materials/{material_id}").status_code == 200
    return seen


NOWHERE = {"kk": False, "ru": False, "by id": False}


def test_the_whole_story_over_the_api_and_the_public_sees_it_only_when_due(desk):
    officer, secretary, head = Caller(desk.officer), Caller(desk.secretary), Caller(desk.head)

    created = officer.post(
        "", {"unit": desk.world.body.pk, "kind": "press_release", "language": "kk", **text_of(KAZAKH)}
    )
    assert created.status_code == 201, created.content
    material = created.json()
    pk = material["id"]
    assert material["status"] == "draft" and material["author"]["id"] == desk.officer.pk
    assert [(v["language"], v["revision"]) for v in material["versions"]] == [("kk", 1)]
    assert public_sees(pk) == NOWHERE

    russian = officer.put(f"/{pk}/versions/ru", {**text_of(RUSSIAN), "base_revision": None})
    assert russian.status_code == 200, russian.content
    assert russian.json()["revision"] == 1 and russian.json()["source_revision"] == 1
    assert russian.json()["outdated"] is False

    assert officer.post(f"/{pk}/submit").json()["status"] == "in_review"
    assert public_sees(pk) == NOWHERE
    assert secretary.post(f"/{pk}/send-to-head").json()["status"] == "awaiting_approval"
    approved = head.post(f"/{pk}/approve", {"note": "Келісемін"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["approved_by"]["id"] == desk.head.pk
    assert public_sees(pk) == NOWHERE

    at = (timezone.now() + datetime.timedelta(hours=3)).replace(microsecond=0)
    scheduled = secretary.post(f"/{pk}/schedule", {"publish_at": at.isoformat(), "embargo": True})
    assert scheduled.status_code == 200, scheduled.content
    body = scheduled.json()
    assert body["status"] == "scheduled"
    assert datetime.datetime.fromisoformat(body["embargo_until"]) == at
    assert public_sees(pk) == NOWHERE

    past = timezone.now() - datetime.timedelta(minutes=1)
    Material.objects.filter(pk=pk).update(publish_at=past)  # its time has come, but the embargo still holds
    assert public_sees(pk) == NOWHERE
    Material.objects.filter(pk=pk).update(embargo_until=past)
    assert public_sees(pk) == {"kk": True, "ru": True, "by id": True}
    in_russian = Client().get(f"/api/public/materials/{pk}", {"language": "ru"}).json()
    assert in_russian["title"] == RUSSIAN.title and in_russian["languages"] == ["kk", "ru"]


def test_the_author_cannot_approve_their_own_material(desk):
    secretary = Caller(desk.secretary)
    material = desk.draft(MaterialKind.NEWS, author=desk.secretary)
    services.submit(actor=desk.secretary, material=material)
    response = secretary.post(f"/{material.pk}/approve")
    assert response.status_code == 400
    assert response.json() == {"detail": "You wrote this material: someone else must approve it."}
    material.refresh_from_db()
    assert material.status == Status.IN_REVIEW and material.approved_by is None


def test_what_the_head_must_approve_cannot_be_approved_or_published_without_them(desk):
    secretary = Caller(desk.secretary)
    material = desk.draft(MaterialKind.PRESS_RELEASE)
    services.submit(actor=desk.officer, material=material)
    response = secretary.post(f"/{material.pk}/approve")
    assert response.status_code == 400
    assert response.json()["detail"] == "A press release of this unit needs the head's approval: send it to the head."
    publishing = secretary.post(f"/{material.pk}/publish")
    assert publishing.status_code == 400
    assert publishing.json()["detail"] == "This material needs the head's approval before it is published."
    material.refresh_from_db()
    assert material.status == Status.IN_REVIEW


def test_a_news_item_the_rule_leaves_to_the_press_secretary_is_approved_and_published_by_them(desk):
    material = desk.draft(MaterialKind.NEWS)
    services.submit(actor=desk.officer, material=material)
    secretary = Caller(desk.secretary)
    assert secretary.post(f"/{material.pk}/approve").json()["status"] == "approved"
    published = secretary.post(f"/{material.pk}/publish").json()
    assert published["status"] == "published" and published["published_at"]
    assert public_sees(material.pk) == {"kk": True, "ru": True, "by id": True}


def test_two_people_saving_the_same_revision_the_second_gets_409_with_both_texts(desk):
    material = desk.draft()
    officer, secretary = Caller(desk.officer), Caller(desk.secretary)
    read = officer.get(f"/{material.pk}").json()
    base = next(v["revision"] for v in read["versions"] if v["language"] == "kk")
    theirs = {**text_of(KAZAKH), "title": "Хатшының нұсқасы"}
    mine = {**text_of(KAZAKH), "title": "Офицердің нұсқасы"}
    assert secretary.put(f"/{material.pk}/versions/kk", {**theirs, "base_revision": base}).status_code == 200

    response = officer.put(f"/{material.pk}/versions/kk", {**mine, "base_revision": base})
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("Aigerim saved this text while you were editing it.")
    assert body["current"]["title"] == "Хатшының нұсқасы" and body["current"]["revision"] == base + 1
    assert body["yours"]["title"] == "Офицердің нұсқасы"
    version = material.translations.get(language="kk")
    assert (version.title, version.revision) == ("Хатшының нұсқасы", base + 1)

    merged = officer.put(f"/{material.pk}/versions/kk", {**mine, "base_revision": base + 1})
    assert merged.status_code == 200 and merged.json()["revision"] == base + 2


def test_a_translation_whose_source_moved_on_is_flagged_outdated(desk):
    material = desk.draft()
    officer = Caller(desk.officer)
    officer.put(f"/{material.pk}/versions/kk", {**text_of(KAZAKH), "title": "Жаңа тақырып", "base_revision": 1})
    versions = {v["language"]: v for v in officer.get(f"/{material.pk}").json()["versions"]}
    assert versions["kk"]["revision"] == 2 and versions["kk"]["outdated"] is False
    assert versions["ru"]["source_revision"] == 1 and versions["ru"]["outdated"] is True


def test_an_embargo_or_a_schedule_in_the_past_is_refused_and_nothing_changes(desk):
    material = desk.approved()
    secretary = Caller(desk.secretary)
    past = timezone.now() - datetime.timedelta(hours=1)
    response = secretary.post(f"/{material.pk}/schedule", {"publish_at": past.isoformat(), "embargo": True})
    assert response.status_code == 400
    assert response.json()["detail"] == "The time is in the past: choose a moment from now on."
    naive = (timezone.now() + datetime.timedelta(hours=1)).replace(tzinfo=None).isoformat()
    response = secretary.post(f"/{material.pk}/schedule", {"publish_at": naive})
    assert response.status_code == 400 and response.json()["detail"] == "Give the time with its time zone."
    material.refresh_from_db()
    assert material.status == Status.APPROVED and material.publish_at is None and material.embargo_until is None


def test_an_embargo_moved_into_the_past_is_refused_and_one_moved_later_keeps_it_hidden(desk):
    material = desk.scheduled()
    secretary = Caller(desk.secretary)
    past = timezone.now() - datetime.timedelta(minutes=5)
    refused = secretary.post(f"/{material.pk}/embargo", {"until": past.isoformat(), "reason": "Ерте"})
    assert refused.status_code == 400 and "past" in refused.json()["detail"]
    later = timezone.now() + datetime.timedelta(days=1)
    moved = secretary.post(f"/{material.pk}/embargo", {"until": later.isoformat(), "reason": "Әкім кешікті"})
    assert moved.status_code == 200 and moved.json()["publish_at"] == moved.json()["embargo_until"]
    assert public_sees(material.pk) == NOWHERE


def test_a_user_of_another_unit_neither_sees_nor_acts_on_the_material(desk):
    stranger = Caller(desk.world.person("timur", Role.UNIT_PRESS_SECRETARY, desk.world.medeu))
    material = desk.draft()
    services.submit(actor=desk.officer, material=material)
    assert stranger.get(f"/{material.pk}").status_code == 404
    assert material.pk not in [m["id"] for m in stranger.get("").json()["items"]]
    for path in ("/send-to-head", "/approve", "/submit"):
        response = stranger.post(f"/{material.pk}{path}")
        assert response.status_code == 404, path
        assert response.json() == {"detail": "There is no such material."}
    assert stranger.put(f"/{material.pk}/versions/kk", {**text_of(KAZAKH), "base_revision": 1}).status_code == 404
    material.refresh_from_db()
    assert material.status == Status.IN_REVIEW


def test_who_sees_a_material_but_may_not_write_in_its_unit_gets_403(desk):
    world = desk.world
    analyst = world.person("erlan", Role.ANALYST, world.body)  # sees the whole akimat
    core_services.membership_grant(actor=None, user=analyst, unit=world.almaly, role=Role.UNIT_PRESS_SECRETARY)
    material = desk.draft()
    caller = Caller(analyst)
    assert caller.get(f"/{material.pk}").status_code == 200
    response = caller.put(f"/{material.pk}/versions/kk", {**text_of(KAZAKH), "base_revision": 1})
    assert response.status_code == 403
    assert response.json()["detail"] == "Your role in this unit does not allow this."
    assert Caller(desk.head).post(f"/{material.pk}/submit").status_code == 403  # the head writes nothing


def test_the_list_is_filtered_by_status_kind_and_unit(desk):
    world = desk.world
    news = desk.draft(MaterialKind.NEWS)
    release = desk.approved()
    district = desk.draft(unit=world.almaly)
    secretary = Caller(desk.secretary)

    def ids(params: dict) -> set[int]:
        response = secretary.get("", params)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids({}) == {news.pk, release.pk, district.pk}
    assert ids({"status": "approved"}) == {release.pk}
    assert ids({"status": ["draft", "approved"], "kind": "news"}) == {news.pk}
    assert ids({"unit": world.almaly.pk}) == {district.pk}
    refused = secretary.get("", {"status": "lost"})
    assert refused.status_code == 422 and "lost" in refused.json()["detail"]
    page = secretary.get("", {"limit": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 2


def test_details_change_the_type_and_topics_and_keep_the_rest(desk):
    topic = Topic.objects.create(slug="schools")
    material = desk.draft(MaterialKind.NEWS)
    officer = Caller(desk.officer)
    changed = officer.send("patch", f"/{material.pk}", {"topics": ["schools"]})
    assert changed.status_code == 200, changed.content
    assert changed.json()["kind"] == "news" and [t["slug"] for t in changed.json()["topics"]] == ["schools"]
    assert officer.send("patch", f"/{material.pk}", {"kind": "article"}).json()["kind"] == "article"
    assert list(Material.objects.get(pk=material.pk).topics.all()) == [topic]
    unknown = officer.send("patch", f"/{material.pk}", {"topics": ["astrology"]})
    assert unknown.status_code == 400 and "astrology" in unknown.json()["detail"]


def test_return_to_draft_needs_a_reason_and_comments_are_shared(desk):
    material = desk.draft()
    services.submit(actor=desk.officer, material=material)
    secretary, officer = Caller(desk.secretary), Caller(desk.officer)
    assert secretary.post(f"/{material.pk}/return", {"reason": "  "}).status_code == 400
    assert secretary.post(f"/{material.pk}/return", {"reason": "Сандарды тексеріңіз"}).json()["status"] == "draft"
    assert secretary.post(f"/{material.pk}/comments", {"text": "Екінші абзац"}).status_code == 201
    comments = officer.get(f"/{material.pk}/comments").json()
    assert [(c["author"]["id"], c["text"]) for c in comments] == [(desk.secretary.pk, "Екінші абзац")]


def test_a_correction_and_a_withdrawal_go_through_the_services(desk):
    material = desk.published()
    secretary = Caller(desk.secretary)
    fixed = {**text_of(KAZAKH), "body": KAZAKH.body.replace("60", "64")}
    corrected = secretary.post(
        f"/{material.pk}/correct", {"texts": {"kk": fixed}, "notes": {"kk": "Сынып саны түзетілді"}}
    )
    assert corrected.status_code == 200, corrected.content
    assert corrected.json()["status"] == "corrected"
    public = Client().get(f"/api/public/materials/{material.pk}").json()
    assert public["corrected"] is True and public["corrections"][0]["note"] == "Сынып саны түзетілді"
    assert "64" in public["body_html"]
    assert secretary.post(f"/{material.pk}/withdraw", {"reason": ""}).status_code == 400
    assert secretary.post(f"/{material.pk}/withdraw", {"reason": "Қате"}).json()["status"] == "withdrawn"
    assert public_sees(material.pk) == NOWHERE


def test_a_material_cannot_be_written_for_another_unit_or_of_an_unknown_type(desk):
    stranger = Caller(desk.world.person("timur", Role.UNIT_PRESS_SECRETARY, desk.world.medeu))
    data = {"unit": desk.world.body.pk, "kind": "news", "language": "kk", **text_of(KAZAKH)}
    refused = stranger.post("", data)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "This unit is not yours: you have no role there that allows this."
    assert stranger.post("", {**data, "unit": 999999}).status_code == 404
    assert stranger.post("", {**data, "unit": desk.world.medeu.pk, "kind": "poem"}).status_code == 400
    assert not Material.objects.exists()


def test_the_schema_lists_the_materials_and_public_paths(world):
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert {
        "/api/materials",
        "/api/materials/{material_id}",
        "/api/materials/{material_id}/versions/{language}",
        "/api/materials/{material_id}/schedule",
        "/api/public/materials",
        "/api/public/materials/{material_id}",
    } <= set(paths)
    assert "409" in paths["/api/materials/{material_id}/versions/{language}"]["put"]["responses"]
    assert paths["/api/materials/{material_id}/approve"]["post"]["security"]
    assert "security" not in paths["/api/public/materials"]["get"]


def test_the_list_costs_the_same_queries_for_one_material_or_many(desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    secretary = Caller(desk.secretary)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert secretary.get("", {"limit": 200}).status_code == 200
        return len(captured)

    desk.draft()
    queries()  # the token's first use is noted once
    one = queries()
    for kind in (MaterialKind.NEWS, MaterialKind.ARTICLE, MaterialKind.STATEMENT):
        desk.approved(kind)
    assert queries() == one
