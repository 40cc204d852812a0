"""The runner's look at its mailing before each letter: the same answers on both databases, whether the question
travels while the letter is written (PostgreSQL, outside a transaction) or is asked in line."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from pressdesk.distribution import sending, services
from pressdesk.distribution.lookout import AsyncLookout, lookout
from pressdesk.distribution.models import Mailing, MailingStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_look_answers_for_the_mailing_as_it_is_when_asked(post):
    post.journalists(1)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.take_over(mailing.pk, "ours", timezone.now())
    mailings = Mailing.objects.filter(pk=mailing.pk)
    with lookout(mailing.pk, "ours") as look:
        assert isinstance(look, AsyncLookout) == (connection.vendor == "postgresql")
        look.ask()
        assert look.still() and look.still()  # read once, kept until the next question
        look.ask()  # asked and never read: the next question reads it first
        look.ask()
        assert look.still()
        mailings.update(status=MailingStatus.PAUSED)
        look.ask()
        assert not look.still()
        mailings.update(status=MailingStatus.SENDING, runner="another")
        look.ask()
        assert not look.still()
        mailings.update(runner="ours")
        assert look.still() is False  # no new question, the last answer
        look.ask()
        assert look.still()
    if isinstance(look, AsyncLookout):
        assert look.connection.closed
