"""The public newsroom as JSON: only what Material.objects.public() holds, for anyone, cacheable, no token."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from pressdesk.publications import services
from pressdesk.publications.models import Material, MaterialKind, Topic, TopicName
from tests.api.conftest import api_client
from tests.publications.materials import KAZAKH, RUSSIAN, Desk

pytestmark = pytest.mark.django_db

LIST = "/api/public/materials"


@pytest.fixture
def desk(world) -> Desk:
    return Desk(world)


def listed(params: dict | None = None, client: Client | None = None) -> list[int]:
    response = (client or Client()).get(LIST, params or {})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_a_published_material_is_read_by_anyone_in_each_of_its_languages(desk):
    material = desk.published()
    anyone = Client()
    assert listed({"language": "kk"}) == [material.pk]
    assert listed({"language": "ru"}) == [material.pk]
    assert listed({"language": "en"}) == []  # no English text: not in the English list
    body = anyone.get(f"{LIST}/{material.pk}", {"language": "ru"}).json()
    assert body["title"] == RUSSIAN.title and body["language"] == "ru"
    assert "<strong>1200 мест</strong>" in body["body_html"]
    assert body["unit"]["names"]["en"] == "Almaty City Akimat" and body["kind"] == "press_release"
    assert body["public_at"] and body["corrected"] is False and body["corrections"] == []
    assert "author" not in body and "approved_by" not in body  # who wrote it is the staff's business
    fallback = anyone.get(f"{LIST}/{material.pk}", {"language": "en"}).json()  # opened by id: the nearest text
    assert (fallback["language"], fallback["title"]) == ("kk", KAZAKH.title)


@pytest.mark.parametrize("step", ["draft", "approved", "scheduled", "embargo_lifted_later", "withdrawn", "internal"])
def test_what_is_not_public_is_a_404_exactly_like_a_missing_number(desk, step):
    if step == "draft":
        material = desk.draft()
    elif step == "approved":
        material = desk.approved()
    elif step == "scheduled":
        material = desk.scheduled(embargo=False)
    elif step == "embargo_lifted_later":
        # its publication time has come, but the embargo runs an hour longer
        material = desk.scheduled(embargo=True)
        Material.objects.filter(pk=material.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    elif step == "withdrawn":
        material = desk.published()
        services.withdraw(actor=desk.secretary, material=material, reason="Қате")
    else:
        material = desk.published(MaterialKind.NEWS)
        Material.objects.filter(pk=material.pk).update(kind=MaterialKind.QA)
    anyone = Client(HTTP_ACCEPT_LANGUAGE="en")
    hidden = anyone.get(f"{LIST}/{material.pk}")
    missing = anyone.get(f"{LIST}/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "There is no published material with this number."}
    assert "max-age=0" in hidden["Cache-Control"]
    assert listed({"language": "kk"}) == listed({"language": "ru"}) == []
    # a staff token sees no more here than anyone
    assert listed({"language": "kk"}, api_client(desk.secretary)) == []
    assert api_client(desk.secretary).get(f"{LIST}/{material.pk}").status_code == 404


def test_a_scheduled_material_appears_at_its_time_even_before_the_worker_runs(desk):
    material = desk.scheduled(embargo=True)
    assert listed() == []
    past = timezone.now() - datetime.timedelta(seconds=1)
    Material.objects.filter(pk=material.pk).update(publish_at=past, embargo_until=past)
    assert listed() == [material.pk]
    assert Client().get(f"{LIST}/{material.pk}").json()["public_at"]


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_answers_are_shared_like_the_newsrooms_pages(desk, settings):
    settings.NEWSROOM_CACHE_SECONDS = 90
    material = desk.published()
    for path in (LIST, f"{LIST}/{material.pk}"):
        response = Client().get(path)
        assert response.status_code == 200
        assert {"public", "max-age=90"} <= cache_directives(response), path
        assert "Cookie" not in response.get("Vary", "") and not response.cookies
        again = Client().get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
    with_cookie = Client(HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=stale").get(LIST)
    assert "private" in cache_directives(with_cookie)  # its answer may clear that cookie: no shared cache keeps it
    missing = Client().get(f"{LIST}/999999")
    assert "max-age=0" in cache_directives(missing)  # it may go public any minute


def test_the_list_is_filtered_by_kind_and_topic_and_paged_newest_first(desk):
    schools = Topic.objects.create(slug="schools")
    TopicName.objects.create(parent=schools, language="kk", name="Мектептер")
    older = desk.published(MaterialKind.NEWS)
    newer = desk.published()
    services.update_details(
        actor=desk.officer, material=desk.draft(), kind=MaterialKind.NEWS, topics=[schools], spokesperson=None
    )
    Material.objects.filter(pk=older.pk).update(published_at=timezone.now() - datetime.timedelta(days=1))
    Material.objects.filter(pk=older.pk).first().topics.set([schools])
    assert listed() == [newer.pk, older.pk]
    assert listed({"kind": "news"}) == [older.pk]
    assert listed({"topic": "schools"}) == [older.pk]  # the draft with the same topic stays out
    page = Client().get(LIST, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and [item["id"] for item in page["items"]] == [older.pk]
    topic = Client().get(LIST, {"topic": "schools"}).json()["items"][0]["topics"][0]
    assert topic == {"slug": "schools", "names": {"kk": "Мектептер", "ru": None, "en": None}}


@pytest.mark.parametrize(
    "params, named", [({"language": "de"}, "de"), ({"kind": "poem"}, "poem"), ({"limit": 500}, "limit")]
)
def test_a_bad_parameter_is_a_422_that_names_it(world, params, named):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(LIST, params)
    assert response.status_code == 422
    assert named in response.json()["detail"]


def test_a_bad_token_sent_along_does_not_stop_a_public_read(desk):
    material = desk.published()
    assert listed(client=Client(HTTP_AUTHORIZATION="Bearer pd_nonsense")) == [material.pk]


def test_the_public_endpoints_are_marked_public_and_the_staff_ones_are_not(world):
    def routes(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from routes(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p.callback

    marks = dict(routes(get_resolver().url_patterns))
    assert marks["api/public/materials"].permission_action is None
    assert marks["api/public/materials/<int:material_id>"].permission_action is None
    assert marks["api/materials/<int:material_id>/publish"].permission_action == "publications.publish"
    assert marks["api/materials/<int:material_id>/versions/<language>"].permission_action == "publications.write"


def test_the_public_list_costs_the_same_queries_for_one_material_or_many(desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(LIST).status_code == 200
        return len(captured)

    desk.published()
    one = queries()
    for _ in range(4):
        desk.published()
    assert queries() == one
