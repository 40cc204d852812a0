"""``pressdesk accreditation keys|rotate-key|expire``: the pass-signing keys and the expiry run from the console.

``keys`` lists the signing keys (id, the public key as base64url, which one
signs now) — never the private halves. ``rotate-key`` adds the next key (the
first one, in a new office): passes printed before stay valid while the old
key's file is kept. Nothing else makes keys.
``expire`` marks passes past their last day, as the daily job does.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from pressdesk.accreditation import changes, signing


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a day: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Pass-signing keys (list, rotate) and the expiry of passes past their last day."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="keys|rotate-key|expire")
        actions.add_parser("keys", help="list the signing keys' ids and public keys (never the private ones)")
        actions.add_parser("rotate-key", help="add the next signing key (the first one too); older passes stay valid")
        expire = actions.add_parser("expire", help="mark passes past their last day as expired")
        expire.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="judge as of this day (default: today)")

    def handle(self, *args, action: str, **options) -> None:
        if action == "keys":
            try:
                current = signing.current_kid()
            except signing.KeyUnavailable as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"key folder: {signing.key_dir()}")
            for jwk in signing.public_jwks():
                mark = "  (signs now)" if int(jwk["kid"]) == current else ""
                self.stdout.write(f"{jwk['kid']:>3}  {jwk['x']}{mark}")
        elif action == "rotate-key":
            try:
                kid = signing.rotate()
            except ValueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Key {kid} signs from now on; passes signed with older keys stay valid.")
        else:
            count = changes.expire_due(today=options.get("today"))
            self.stdout.write(f"{count} accreditation(s) expired.")
