from django.core.management.base import BaseCommand, CommandError

from pressdesk.core.backup import BackupError
from pressdesk.core.restore import backup_restore


class Command(BaseCommand):
    help = (
        "Replace every database row and every media file with those of a backup FILE. "
        "Everyone has to sign in again afterwards. Needs --yes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="a backup written by `pressdesk backup`")
        parser.add_argument("--yes", action="store_true", help="confirm that the current data is to be replaced")

    def handle(self, *args, file: str, yes: bool, **options) -> None:
        if not yes:
            raise CommandError(
                "restore replaces all data and media files with the backup's; run it again with --yes to go ahead"
            )
        try:
            summary = backup_restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Restored {summary['rows']} rows and {summary['media_files']} media files "
            f"from the backup of {summary['created_at']}."
        )
        if summary["requeued_tasks"]:
            self.stdout.write(f"{summary['requeued_tasks']} tasks that were running at backup time will run again.")
