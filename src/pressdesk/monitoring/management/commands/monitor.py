"""``pressdesk monitor``: media monitoring from the command line.

``match`` reads items from a JSONL file and writes, for each, the language, the
watch entries found and the tone, through ``matching.analyse`` — the very function
the server runs on every item. The input is streamed; the output is written to a
temporary file beside the target and renamed over it only when every line was
read, so a bad line leaves no partial output behind.

``ingest --from DIR`` stores the items of a saved folder of feeds and pages
(layout in ``monitoring/ingest.py``) through the server's pipeline, without the
network; a second run of the same folder stores nothing new.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from pressdesk.monitoring import watchlist as watchlists
from pressdesk.monitoring.matching import Watchlist, analyse


class Command(BaseCommand):
    help = (
        "Media monitoring from the command line. match: find a watchlist's entries and the tone of JSONL items; "
        "ingest: store the items of a saved folder of feeds and pages."
    )
    # match reads and writes files only: the project's checks (URLs, models, admin) would only slow it down;
    # a subcommand that needs the database can run them itself (self.check()).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="match|ingest")
        language = argparse.ArgumentParser(add_help=False)
        language.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help=f"the language of messages (default: the site's, {settings.LANGUAGE_CODE})",
        )
        match = actions.add_parser(
            "match",
            parents=[language],
            help="for each JSONL item {id, text, [title], [url]} write {id, language, matches, tone}, in order",
        )
        match.add_argument(
            "--watchlist", required=True, metavar="W.json", help='a JSON list of {"id", "kind", "names": [...]}'
        )
        match.add_argument("--input", required=True, metavar="D.jsonl", help='one JSON object {"id", "text"} a line')
        match.add_argument("--output", required=True, metavar="O.jsonl", help="written only when every line is good")
        ingest = actions.add_parser(
            "ingest", parents=[language], help="store the items of a saved folder of feeds and pages, offline"
        )
        ingest.add_argument("--from", dest="folder", required=True, metavar="DIR", help="see monitoring/ingest.py")

    def handle(self, *args, action: str, verbosity: int = 1, language: str | None = None, **options) -> None:
        with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
            self._run(action, verbosity, options)

    def _run(self, action: str, verbosity: int, options: dict) -> None:
        if action == "match":
            self._match(Path(options["watchlist"]), Path(options["input"]), Path(options["output"]), verbosity)
        elif action == "ingest":
            self._ingest(Path(options["folder"]))

    def _ingest(self, folder: Path) -> None:
        from pressdesk.monitoring.ingest import IngestError, ingest_dir

        self.check(databases=["default"])
        try:
            summary = ingest_dir(folder)
        except IngestError as error:
            raise CommandError(str(error)) from None
        for line in summary.lines():
            self.stdout.write(line)

    def _match(self, watchlist_path: Path, source: Path, target: Path, verbosity: int) -> None:
        try:
            watchlist = Watchlist(watchlists.load(watchlist_path))
        except watchlists.WatchlistError as error:
            raise CommandError(str(error)) from None
        try:
            items = source.open("rb")
        except OSError as error:
            raise CommandError(
                _("%(path)s cannot be read: %(reason)s.") % {"path": source, "reason": error.strerror}
            ) from None
        count = found = 0
        with items, _replacing(target) as out:
            for id, text, title in _items(items, source):
                analysis = analyse(text, watchlist, title=title)
                record = {"id": id, "language": analysis.language, "matches": list(analysis.matches)}
                record["tone"] = analysis.tone.label
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count, found = count + 1, found + bool(analysis.matches)
        if verbosity > 0:
            self.stdout.write(
                _("%(count)d items read, %(found)d with a match; written to %(path)s.")
                % {"count": count, "found": found, "path": target}
            )


def _items(lines: IO[bytes], source: Path) -> Iterator[tuple[object, str, str]]:
    """(id, text, title) of each non-blank line; CommandError naming the first bad one."""
    for number, raw in enumerate(lines, start=1):
        where = {"path": source, "line": number}
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise CommandError(_("%(path)s, line %(line)d: not UTF-8 text.") % where) from None
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(
                _("%(path)s, line %(line)d: not JSON (%(reason)s).") % {**where, "reason": error.msg}
            ) from None
        if not isinstance(item, dict):
            raise CommandError(_('%(path)s, line %(line)d: not a JSON object {"id", "text"}.') % where)
        id = item.get("id")
        if id is None or id == "" or isinstance(id, bool | list | dict):
            raise CommandError(_('%(path)s, line %(line)d: no "id" (a text or a number).') % where)
        text, title = item.get("text"), item.get("title", "")
        if not isinstance(text, str):
            raise CommandError(_('%(path)s, line %(line)d: no "text" (a string).') % where)
        if not isinstance(title, str | None) or not isinstance(item.get("url", ""), str | None):
            raise CommandError(_('%(path)s, line %(line)d: "title" and "url" must be strings.') % where)
        yield id, text, title or ""


@contextmanager
def _replacing(target: Path) -> Iterator[IO[str]]:
    """A text file that takes the place of ``target`` on success and is removed on any failure."""
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise CommandError(
            _("%(path)s cannot be written: %(reason)s.") % {"path": target, "reason": error.strerror}
        ) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            yield file
        mask = os.umask(0)
        os.umask(mask)
        temporary.chmod(0o666 & ~mask)  # as a file the user made, not mkstemp's private 0600
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
