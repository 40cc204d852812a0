"""``pressdesk token create|list|revoke``: personal API tokens from the console, for scripts and servers.

The token is made for ``--user`` and in their name (the audit trail records
them as the actor), through the same services as the staff page "API tokens".
``create`` prints the token alone on standard output, once, so a script can
capture it: ``TOKEN=$(pressdesk token create --user dana@akimat.kz)``.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from pressdesk.api import services
from pressdesk.api.models import ApiToken
from pressdesk.core.models import User
from pressdesk.core.services import DomainError

DEFAULT_NAME = "console"


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a day: write it as YYYY-MM-DD.") from None


def _user(name_or_email: str) -> User:
    """The staff member by email, or by full name when that names exactly one."""
    wanted = name_or_email.strip()
    found = list(User.objects.staff().filter(Q(email__iexact=wanted) | Q(full_name__iexact=wanted))[:2])
    if not found:
        raise CommandError(f"No staff member has the email or the full name {wanted!r}.")
    if len(found) > 1:
        raise CommandError(f"Several staff members are called {wanted!r}: give the email instead.")
    return found[0]


def _state(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "revoked " + timezone.localtime(token.revoked_at).strftime("%Y-%m-%d")
    if token.expired:
        return "expired"
    return "works until " + token.expires_on.isoformat() if token.expires_on else "works"


class Command(BaseCommand):
    help = "Make, list or revoke personal API tokens (Authorization: Bearer …) of a staff member."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="create|list|revoke")
        create = actions.add_parser("create", help="make a token and print it once (only the token, on stdout)")
        create.add_argument("--user", required=True, metavar="EMAIL_OR_NAME", help="whose token it is")
        create.add_argument("--name", default=DEFAULT_NAME, metavar="LABEL", help="where it is used (default: console)")
        create.add_argument("--expires", type=_day, metavar="YYYY-MM-DD", help="its last working day (default: none)")
        listing = actions.add_parser("list", help="list a staff member's tokens (never the tokens themselves)")
        listing.add_argument("--user", required=True, metavar="EMAIL_OR_NAME")
        revoke = actions.add_parser("revoke", help="revoke a token by the characters it begins with")
        revoke.add_argument("--prefix", required=True, metavar="PD_…", help="as shown by `token list`")
        revoke.add_argument("--user", metavar="EMAIL_OR_NAME", help="whose token it is, if the prefix is not enough")

    def handle(self, *args, action: str, **options) -> None:
        try:
            getattr(self, f"_{action}")(**options)
        except DomainError as error:
            raise CommandError(str(error)) from None

    def _create(self, *, user: str, name: str, expires: datetime.date | None, **options) -> None:
        _token, raw = services.api_token_create(actor=_user(user), name=name, expires_on=expires)
        self.stdout.write(raw)

    def _list(self, *, user: str, **options) -> None:
        for token in ApiToken.objects.filter(user=_user(user)):
            used = timezone.localtime(token.last_used_at).strftime("%Y-%m-%d %H:%M") if token.last_used_at else "never"
            self.stdout.write(f"{token.prefix}…\t{token.name}\t{_state(token)}\tlast used: {used}")

    def _revoke(self, *, prefix: str, user: str | None, **options) -> None:
        prefix = prefix.strip().rstrip("…")
        if len(prefix) < len(services.TOKEN_PREFIX) + 4:
            raise CommandError("Give at least the first characters `token list` shows, e.g. pd_AbCd.")
        tokens = ApiToken.objects.filter(prefix__startswith=prefix, revoked_at__isnull=True).select_related("user")
        if user:
            tokens = tokens.filter(user=_user(user))
        found = list(tokens[:2])
        if not found:
            raise CommandError(f"No working token begins with {prefix!r}.")
        if len(found) > 1:
            raise CommandError(f"Several tokens begin with {prefix!r}: give more characters or --user.")
        token = found[0]
        services.api_token_revoke(actor=token.user, token=token)
        self.stdout.write(f"Revoked {token.prefix}… ({token.name}) of {token.user.email}.")
