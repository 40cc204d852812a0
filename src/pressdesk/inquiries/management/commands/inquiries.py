import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pressdesk.core.management.units import unit_for_command
from pressdesk.inquiries import email_intake

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Media inquiries from the command line: import requests that came by email."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="import-mail")
        mail = actions.add_parser(
            "import-mail",
            help="receive the letters in PATH as media requests; letters already received are left alone",
        )
        mail.add_argument("path", help="a .eml file, a folder of .eml files, a Maildir folder or an mbox file")
        mail.add_argument("--unit", metavar="CODE", help="the press service that receives them (needed with several)")

    def handle(self, *args, action: str, path: str, unit: str | None, **options) -> None:
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{source} does not exist.")
        receiver = unit_for_command(unit)
        skipped = 0
        for where, raw in email_intake.letters(source):
            try:
                outcome = email_intake.receive_letter(raw, unit=receiver, source=where)
            except Exception as error:  # one letter must not stop the batch; the reason is printed and logged
                log.exception("Letter %s could not be received", where)
                outcome = email_intake.Outcome(where, skipped=f"{type(error).__name__}: {error}")
            skipped += bool(outcome.skipped)
            self.stdout.write(self._line(outcome))
        if skipped:
            raise CommandError(f"{skipped} letter(s) skipped.", returncode=1)

    @staticmethod
    def _line(outcome: email_intake.Outcome) -> str:
        if outcome.skipped:
            return f"{outcome.source}: skipped: {outcome.skipped}"
        if outcome.seen_before:
            return f"{outcome.source}: already received as {outcome.number}"
        line = f"{outcome.source}: {outcome.number}" + (" (repeats the open request)" if outcome.repeated else "")
        return "; ".join([line, *outcome.notes])
