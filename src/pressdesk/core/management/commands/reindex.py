from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pressdesk.core import search


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from the database: the kinds named (for example "
        "directory.journalist), or all of them. Safe while pressdesk runs; searches see the old index until it is done."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("kinds", nargs="*", metavar="KIND", help="a kind of document to rebuild (default: all)")

    def handle(self, *args, kinds: list[str], **options) -> None:
        known = search.registered_kinds()
        unknown = [kind for kind in kinds if kind not in known]
        if unknown:
            raise CommandError(
                f"no search kind {', '.join(unknown)}; the kinds are: {', '.join(known) or 'none registered'}"
            )
        with transaction.atomic():
            if kinds:
                counts = {kind: count for name in dict.fromkeys(kinds) for kind, count in search.rebuild(name).items()}
            else:
                counts = search.rebuild()
        if not counts:
            self.stdout.write("No kinds of document are registered for search; the index is empty.")
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} documents indexed.")
