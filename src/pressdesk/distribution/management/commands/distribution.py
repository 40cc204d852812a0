"""Distribution from the command line: read the bounce mailbox."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pressdesk.distribution import bounces


class Command(BaseCommand):
    help = "Mailings from the command line: read delivery-status notifications (bounces)."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="bounces")
        read = actions.add_parser(
            "bounces",
            help=(
                "read the delivery-status notifications in PATH: a hard bounce marks the address invalid, "
                "a soft one is counted and the letter tried again; reading the same mail again changes nothing. "
                "Hard, soft and already seen count addresses (a report may name several), the rest count messages."
            ),
        )
        read.add_argument("path", help="an mbox file, a .eml file, a Maildir folder or a folder of .eml files")
        read.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the report (default: %(default)s)",
        )

    def handle(self, *args, action: str, path: str, language: str, verbosity: int = 1, **options) -> None:
        with translation.override(language):
            try:
                summary = bounces.read_mailbox(Path(path))
            except bounces.NotAMailbox as exc:
                raise CommandError(str(exc)) from None
            for where, problem in summary.problems:
                self.stderr.write(f"{where}: {problem}")
            if verbosity > 1:
                for line in summary.lines:
                    self.stdout.write(line)
            self.stdout.write(str(summary))
