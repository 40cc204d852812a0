"""``pressdesk token``: a token made on the console works over the API, is listed without its secret, and is revoked."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from pressdesk.api.models import ApiToken
from pressdesk.cli import main
from pressdesk.core.models import AuditEntry
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

OUTLETS = "/api/directory/outlets"


def said(message: str) -> str:
    """A service's message as the console prints it: in the site's language, Kazakh."""
    with translation.override("kk"):
        return translation.gettext(message)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_create_prints_only_a_token_that_works_over_the_api(press_secretary):
    printed = run("create", "--user", press_secretary.email, "--name", "nightly export")
    raw = printed.strip()
    assert printed == raw + "\n" and raw.startswith("pd_") and " " not in raw
    assert bearer(raw).get(OUTLETS).status_code == 200
    token = ApiToken.objects.get(user=press_secretary)
    assert token.name == "nightly export" and token.key_hash != raw
    entry = AuditEntry.objects.get(action="api.token.created")
    assert entry.actor_id == press_secretary.pk


def test_the_user_may_be_named_by_full_name_and_the_token_may_end_on_a_day(press_secretary):
    last_day = timezone.localdate() + datetime.timedelta(days=30)
    raw = run("create", "--user", "AIGERIM", "--expires", last_day.isoformat()).strip()
    assert ApiToken.objects.get(user=press_secretary).expires_on == last_day
    assert bearer(raw).get(OUTLETS).status_code == 200


@pytest.mark.parametrize(
    "args, message",
    [
        (["--user", "nobody@nowhere.kz"], "No staff member has the email or the full name"),
        (
            ["--user", "aigerim@test.kz", "--expires", "2020-01-01"],
            said("The last day of the token is in the past: choose today or a later day."),
        ),
        (["--user", "aigerim@test.kz", "--expires", "next week"], "is not a day"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_no_token(press_secretary, args, message):
    with pytest.raises(CommandError) as refused:
        run("create", *args)
    assert message in str(refused.value)
    assert not ApiToken.objects.exists()


def test_staff_without_a_role_gets_no_token(outsider):
    with pytest.raises(CommandError) as refused:
        run("create", "--user", outsider.email)
    assert str(refused.value) == said("Only staff with a role may have API tokens.")
    assert not ApiToken.objects.exists()


def test_a_failure_exits_non_zero_with_the_message_on_stderr(outsider, capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["pressdesk", "token", "create", "--user", outsider.email])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code != 0
    captured = capsys.readouterr()
    assert captured.out == "" and said("Only staff with a role may have API tokens.") in captured.err


def test_list_shows_the_tokens_without_their_secret_and_revoke_closes_one(press_secretary):
    raw = run("create", "--user", press_secretary.email, "--name", "bot").strip()
    listing = run("list", "--user", press_secretary.email)
    token = ApiToken.objects.get()
    assert token.prefix in listing and "bot" in listing and "works" in listing
    assert raw not in listing

    said = run("revoke", "--prefix", token.prefix)
    assert "Revoked" in said and press_secretary.email in said
    assert bearer(raw).get(OUTLETS).status_code == 401
    assert "revoked" in run("list", "--user", press_secretary.email)
    assert AuditEntry.objects.get(action="api.token.revoked").actor_id == press_secretary.pk
    with pytest.raises(CommandError, match="No working token begins with"):
        run("revoke", "--prefix", token.prefix)
