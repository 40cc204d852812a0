from django.core.management.base import BaseCommand, CommandError

from pressdesk.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the media files to FILE (a .tar.gz); safe while pressdesk runs."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="where to write the backup, e.g. /srv/backup/pressdesk-2025-01-31.tar.gz")

    def handle(self, *args, file: str, **options) -> None:
        try:
            summary = backup_write(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(summary["rows"].values())
        self.stdout.write(
            f"Backed up {rows} rows and {summary['media_files']} media files to {summary['path']} "
            f"({summary['bytes']} bytes)."
        )
