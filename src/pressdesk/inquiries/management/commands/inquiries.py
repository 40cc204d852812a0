import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pressdesk.core.models import Unit
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
        receiver = self._unit(unit)
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

    def _unit(self, code: str | None) -> Unit:
        if code:
            unit = Unit.objects.with_names().filter(code=code).first()
            if unit is None:
                codes = ", ".join(Unit.objects.order_by("path").values_list("code", flat=True)[:30])
                raise CommandError(f"There is no unit with the code {code!r}. The codes are: {codes}.")
            return unit
        tops = list(Unit.objects.with_names().filter(parent__isnull=True))
        if not tops:
            raise CommandError("There are no units yet: create the body first (pressdesk addunit).")
        if len(tops) > 1:
            codes = ", ".join(u.code for u in tops)
            raise CommandError(f"There are several top units ({codes}): say which one with --unit CODE.")
        return tops[0]
