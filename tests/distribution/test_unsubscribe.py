"""Unsubscribing from the address in a real letter's List-Unsubscribe header (RFC 8058): one click, or the page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.utils import translation

from pressdesk.distribution import sending, services, unsubscribe
from pressdesk.distribution.models import ALL_CATEGORIES, Category, Suppression, SuppressionSource
from pressdesk.publications.models import MaterialKind
from tests.distribution.post import to_journalists
from tests.distribution.test_bounces import sent

pytestmark = pytest.mark.django_db


def unsubscribe_path(letter) -> str:
    """The path of the one-click address in the letter's header: ``<https://…/kk/mail/unsubscribe/TOKEN/>``."""
    header = str(letter["List-Unsubscribe"]).strip()
    assert header.startswith("<") and header.endswith(">")
    assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return urlsplit(header[1:-1]).path


def one_click(path: str):
    """What a mail client's button does (RFC 8058 §3.2): a POST with that body, no cookie, no CSRF token."""
    return Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )


def test_the_mail_clients_button_unsubscribes_at_once_and_the_next_mailing_leaves_the_address_out(post, smtp):
    post.journalists(2)
    _mailing, received = sent(post, smtp)

    answer = one_click(unsubscribe_path(received["j0@example.kz"]))

    assert answer.status_code == 200
    entry = Suppression.objects.get()
    assert (entry.address, entry.category, entry.source) == (
        "j0@example.kz",
        Category.RELEASES,
        SuppressionSource.ONE_CLICK,
    )
    following = post.mailing()
    crowd = services.audience(following)
    assert [r.address for r in crowd.recipients] == ["j1@example.kz"] and crowd.unsubscribed == 1
    before = len(to_journalists(smtp))
    services.start(actor=post.secretary, mailing=following)
    sending.run(following.pk)
    assert [m["To"] for m in to_journalists(smtp)[before:]] == ["j1@example.kz"]


def test_clicking_twice_is_the_same_as_once(post, smtp):
    post.journalists(1)
    _mailing, received = sent(post, smtp)
    path = unsubscribe_path(received["j0@example.kz"])

    assert one_click(path).status_code == one_click(path).status_code == 200
    assert Suppression.objects.count() == 1


def test_opening_the_link_shows_a_page_and_unsubscribes_nobody(post, smtp):
    post.journalists(1)
    _mailing, received = sent(post, smtp)
    path = unsubscribe_path(received["j0@example.kz"])

    page = Client(enforce_csrf_checks=True).get(path)

    assert page.status_code == 200
    assert "j0@example.kz" in page.content.decode() and 'method="post"' in page.content.decode()
    assert not Suppression.objects.exists()


def test_the_page_can_stop_every_letter_of_the_press_service(post, smtp):
    post.journalists(2)
    _mailing, received = sent(post, smtp)
    path = unsubscribe_path(received["j0@example.kz"])

    answer = Client(enforce_csrf_checks=True).post(path, {"scope": ALL_CATEGORIES})

    assert answer.status_code == 200
    entry = Suppression.objects.get()
    assert (entry.category, entry.source) == (ALL_CATEGORIES, SuppressionSource.LINK)
    news = post.mailing(post.desk.published(MaterialKind.NEWS))
    assert news.category == Category.NEWS
    assert [r.address for r in services.audience(news).recipients] == ["j1@example.kz"]


def altered(token: str) -> list[str]:
    """The token with its address changed but the signature kept, and one signed with another key."""
    address_part, _sep, rest = token.partition(":")
    flipped = address_part[:-1] + ("A" if address_part[-1] != "A" else "B")
    forged = signing.dumps(
        ["j1@example.kz", Category.RELEASES], key="not our key", salt=unsubscribe.SALT, compress=True
    )
    return [f"{flipped}:{rest}", forged, "nothing-signed-here"]


@pytest.mark.parametrize("which", [0, 1, 2])
def test_an_altered_or_forged_link_is_not_found_and_unsubscribes_nobody(post, smtp, which):
    post.journalists(2)
    _mailing, received = sent(post, smtp)
    path = unsubscribe_path(received["j0@example.kz"])
    prefix, token = path.rstrip("/").rsplit("/", 1)
    bad = f"{prefix}/{altered(token)[which]}/"

    assert one_click(bad).status_code == 404
    assert Client().get(bad).status_code == 404
    assert not Suppression.objects.exists()


def test_a_damaged_link_says_so_in_the_readers_language(post, smtp):
    post.journalists(1)
    _mailing, received = sent(post, smtp)
    path = unsubscribe_path(received["j0@example.kz"]).replace("/kk/", "/en/")

    with translation.override("en"):
        page = Client().get(path[:-6] + "xxxxx/")

    assert page.status_code == 404
    assert "This unsubscribe link is damaged" in page.content.decode()
