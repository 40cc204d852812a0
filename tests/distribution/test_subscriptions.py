"""Readers subscribe on the portal by language and topic, confirm by a letter, and then receive mailings."""

from __future__ import annotations

import re
import time

import pytest
from django.core import signing
from django.test import Client
from django.utils import translation

from pressdesk.core.models import AuditEntry
from pressdesk.distribution import sending, services, subscriptions, unsubscribe
from pressdesk.distribution.models import Category, Subscription, Suppression
from pressdesk.publications import services as publications
from pressdesk.publications.models import MaterialKind, Topic, TopicName
from tests.conftest import run_queued_tasks
from tests.distribution.post import subject
from tests.publications.materials import Desk

pytestmark = pytest.mark.django_db(transaction=True)

READER = "reader@example.kz"
LINK = re.compile(r"https?://\S+/portal/subscribe/(confirm|manage)/\S+/")


def topic(slug: str, kk: str, ru: str, en: str) -> Topic:
    made = Topic.objects.create(slug=slug)
    for language, name in {"kk": kk, "ru": ru, "en": en}.items():
        TopicName.objects.create(parent=made, language=language, name=name)
    return made


@pytest.fixture
def schools(db) -> Topic:
    return topic("schools", "Мектептер", "Школы", "Schools")


@pytest.fixture
def roads(db) -> Topic:
    return topic("roads", "Жолдар", "Дороги", "Roads")


class TopicalDesk(Desk):
    """The same desk, whose materials are written on the given topics."""

    def __init__(self, desk: Desk, topics: list[Topic]) -> None:
        self.__dict__.update(desk.__dict__)
        self.topics = topics

    def draft(self, kind: str = MaterialKind.PRESS_RELEASE, **options):
        material = super().draft(kind, **options)
        return publications.update_details(
            actor=material.author, material=material, kind=kind, topics=self.topics, spokesperson=None
        )


def ask(client: Client, *, email: str = READER, language: str = "ru", topics=(), categories=(), page: str = "ru"):
    return client.post(
        f"/{page}/portal/subscribe/",
        {"email": email, "language": language, "topics": [t.pk for t in topics], "categories": list(categories)},
    )


def letters_to(smtp, address: str) -> list:
    return [m for m in smtp.messages if m["To"] == address]


def link_in(message) -> tuple[str, str]:
    """(purpose, path) of the link in a subscription letter."""
    found = LINK.search(message.get_body(("plain",)).get_content())
    assert found, "the letter has no subscription link"
    return found.group(1), "/" + found.group(0).split("/", 3)[3]


def confirmed(smtp, client: Client, **choices) -> Subscription:
    ask(client, **choices)
    run_queued_tasks()
    _purpose, path = link_in(letters_to(smtp, choices.get("email", READER))[-1])
    client.post(path)
    return Subscription.objects.get(address=choices.get("email", READER))


def test_a_reader_subscribes_confirms_and_receives_a_material_of_their_topic_in_their_language(
    post, smtp, schools, roads
):
    client = Client()
    page = client.get("/ru/portal/subscribe/")
    assert page.status_code == 200
    assert "Школы" in page.content.decode() and "Мектептер" not in page.content.decode()

    answer = ask(client, language="ru", topics=[schools], categories=[Category.RELEASES])

    assert answer.status_code == 200 and READER in answer.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None  # nothing is live yet
    on_schools = TopicalDesk(post.desk, [schools]).published()
    assert services.subscribers(post.mailing(on_schools)) == []
    run_queued_tasks()
    purpose, path = link_in(letters_to(smtp, READER)[0])
    assert purpose == "confirm" and path.startswith("/ru/portal/subscribe/confirm/")

    assert client.get(path).status_code == 200  # a mail scanner opening the link confirms nothing
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert client.post(path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    mailing = post.mailing(on_schools)
    services.start(actor=post.secretary, mailing=mailing)
    sending.run(mailing.pk)
    (letter,) = [m for m in letters_to(smtp, READER) if m["Message-ID"].startswith("<pd-")]
    assert subject(letter) == "В Алматы открылась новая школа"
    assert letter["Content-Language"] == "ru"
    on_roads = TopicalDesk(post.desk, [roads]).published()
    assert services.subscribers(post.mailing(on_roads)) == []
    news = TopicalDesk(post.desk, [schools]).published(MaterialKind.NEWS)
    assert services.subscribers(post.mailing(news)) == []  # not a kind the reader asked for


def test_the_form_for_an_address_already_subscribed_sends_a_manage_link_and_tells_nothing(post, smtp, schools, roads):
    client = Client()
    subscription = confirmed(smtp, client, topics=[schools])
    audited = AuditEntry.objects.count()

    again = ask(client, language="kk", topics=[roads])
    fresh = ask(client, email="new@example.kz", language="kk", topics=[roads])

    assert again.status_code == fresh.status_code == 200
    assert again.content.decode().replace(READER, "@") == fresh.content.decode().replace("new@example.kz", "@")
    subscription.refresh_from_db()
    assert subscription.language == "ru" and list(subscription.topics.all()) == [schools]
    assert AuditEntry.objects.count() == audited + 1  # the new address's request only
    run_queued_tasks()
    purpose, path = link_in(letters_to(smtp, READER)[-1])
    assert purpose == "manage" and path.startswith("/ru/portal/subscribe/manage/")
    assert link_in(letters_to(smtp, "new@example.kz")[0])[0] == "confirm"


def test_the_manage_link_changes_the_topics_and_language_and_cancels(post, smtp, schools, roads):
    client = Client()
    subscription = confirmed(smtp, client, topics=[schools])
    manage = f"/ru/portal/subscribe/manage/{subscriptions.manage_token(subscription)}/"

    page = client.get(manage)
    assert page.status_code == 200 and READER in page.content.decode()
    saved = client.post(manage, {"language": "kk", "topics": [roads.pk], "categories": ["news", "releases"]})
    assert saved.status_code == 302
    subscription.refresh_from_db()
    assert (subscription.language, list(subscription.topics.all())) == ("kk", [roads])
    assert subscription.categories == ["news", "releases"]

    with translation.override("en"):
        refused = client.post(manage, {"language": "xx"})
    assert refused.status_code == 400

    assert client.post(manage, {"cancel": "1"}).status_code == 200
    assert not Subscription.objects.exists()
    assert client.get(manage).status_code == 400  # the link of a cancelled subscription opens nothing
    assert AuditEntry.objects.filter(action="distribution.subscription.cancelled").exists()


class LongAgo(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time() - subscriptions.LINK_MAX_AGE.total_seconds()) - 60)


def test_a_damaged_or_expired_link_opens_nothing(post, smtp):
    client = Client()
    ask(client)
    subscription = Subscription.objects.get()
    token = subscriptions.confirmation_token(subscription)
    old = LongAgo(salt=subscriptions.CONFIRM_SALT).sign_object({"s": subscription.pk, "a": READER})

    damaged = client.post(f"/en/portal/subscribe/confirm/{token[:-3]}abc/")
    expired = client.post(f"/en/portal/subscribe/confirm/{old}/")
    wrong_kind = client.get(f"/en/portal/subscribe/manage/{token}/")

    assert damaged.status_code == expired.status_code == wrong_kind.status_code == 400
    assert "damaged" in damaged.content.decode() and "damaged" in wrong_kind.content.decode()
    assert "expired" in expired.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_the_form_is_limited_per_client_address(post, smtp, settings):
    settings.PORTAL_SIGNUP_PER_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert ask(client, email="a@example.kz").status_code == 200
    assert ask(client, email="b@example.kz").status_code == 200
    with translation.override("en"):
        third = ask(client, email="c@example.kz", page="en")
    assert third.status_code == 429 and "Too many attempts" in third.content.decode()
    assert not Subscription.objects.filter(address="c@example.kz").exists()
    assert ask(Client(REMOTE_ADDR="203.0.113.8"), email="c@example.kz").status_code == 200


def test_one_address_gets_a_few_letters_an_hour_whoever_fills_in_the_form(post, smtp):
    for n in range(subscriptions.LETTERS_PER_ADDRESS + 2):
        assert ask(Client(REMOTE_ADDR=f"203.0.113.{n}")).status_code == 200
    run_queued_tasks()
    assert len(letters_to(smtp, READER)) == subscriptions.LETTERS_PER_ADDRESS


def test_a_wrong_address_is_explained_and_nothing_is_kept(post):
    with translation.override("en"):
        answer = ask(Client(), email="not an address", page="en")
    assert answer.status_code == 400
    assert "Enter a valid email address." in answer.content.decode()
    assert not Subscription.objects.exists()


def test_confirming_undoes_an_earlier_unsubscribe_only_for_what_is_asked_again(post, smtp):
    unsubscribe.suppress(READER, "all")
    confirmed(smtp, Client(), categories=[Category.RELEASES])

    assert not unsubscribe.suppressed(READER, Category.RELEASES)
    assert unsubscribe.suppressed(READER, Category.NEWS)
    assert set(Suppression.objects.values_list("category", flat=True)) == set(Category.values) - {Category.RELEASES}


def test_changing_the_language_does_not_undo_an_unsubscribe_only_ticking_the_category_again_does(post, smtp):
    subscription = confirmed(smtp, Client(), categories=[Category.RELEASES, Category.NEWS])
    unsubscribe.suppress(READER, Category.NEWS)  # from a letter's footer, later

    subscriptions.subscription_change(
        subscription=subscription, language="kk", topics=[], categories=[Category.RELEASES, Category.NEWS]
    )
    assert unsubscribe.suppressed(READER, Category.NEWS)

    subscriptions.subscription_change(
        subscription=subscription, language="kk", topics=[], categories=[Category.RELEASES, Category.ANNOUNCEMENTS]
    )
    unsubscribe.suppress(READER, Category.ANNOUNCEMENTS)
    subscriptions.subscription_change(
        subscription=subscription, language="kk", topics=[], categories=[Category.RELEASES, Category.NEWS]
    )
    assert not unsubscribe.suppressed(READER, Category.NEWS)  # asked for again, through the reader's own link
    assert unsubscribe.suppressed(READER, Category.ANNOUNCEMENTS)
