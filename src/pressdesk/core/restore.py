"""Restore a backup written by ``pressdesk.core.backup``: all rows and media, or nothing.

The archive is read to its very end and checked (format, version, migrations)
before anything changes; the rows are replaced in one transaction; media is
swapped in by renaming directories only after that transaction commits.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pressdesk.core import audit, search
from pressdesk.core.backup import (
    DATABASE,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_MAX_BYTES,
    MEDIA,
    BackupError,
    migration_state,
    one_line,
    tables_in_order,
)


def backup_restore(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Replace every row and every media file with the backup's; on any failure nothing changes."""
    source = Path(path).expanduser().absolute()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    try:
        media_root.parent.mkdir(parents=True, exist_ok=True)
        # Unpacked beside MEDIA_ROOT so that swapping the directories is a rename.
        workdir = Path(tempfile.mkdtemp(prefix=".pressdesk-restore-", dir=media_root.parent))
    except OSError as exc:
        raise BackupError(f"cannot unpack next to MEDIA_ROOT ({media_root}): {one_line(exc)}") from None
    try:
        manifest, media_files = _unpack(source, workdir)
        _check_swappable(workdir, media_root)
        summary = _load_database(workdir / DATABASE, manifest, source=source, media_files=media_files)
        _swap_media(workdir / MEDIA, media_root, workdir / "media-before-restore")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return summary


# Restoring


def _unpack(source: Path, workdir: Path) -> tuple[dict[str, Any], int]:
    """Check the manifest, then unpack the rows and the media; reading to the end proves the file whole."""
    try:
        with gzip.open(source, "rb") as unzipped, tarfile.open(fileobj=unzipped, mode="r:") as tar:
            members = iter(tar)
            manifest = _read_manifest(tar, next(members, None), source)
            _check_manifest(manifest, source)
            _extract(tar, next(members, None), workdir, lambda member: member.name == DATABASE)
            (workdir / MEDIA).mkdir()
            media_files = 0
            for member in members:
                _extract(tar, member, workdir, lambda member: member.name.startswith(f"{MEDIA}/"))
                media_files += 1
            # tar stops at its end marker; only reading the gzip stream to its end checks
            # the checksum and finds a file cut short after the marker.
            while unzipped.read(1 << 16):
                pass
    except FileNotFoundError:
        raise BackupError(f"there is no backup file {source}") from None
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BackupError(f"{source} is damaged or not a pressdesk backup: {one_line(exc)}") from None
    except OSError as exc:
        raise BackupError(f"cannot unpack {source}: {one_line(exc)}") from None
    return manifest, media_files


def _read_manifest(tar: tarfile.TarFile, member: tarfile.TarInfo | None, source: Path) -> dict[str, Any]:
    if member is None or member.name != MANIFEST or not member.isfile() or member.size > MANIFEST_MAX_BYTES:
        raise BackupError(f"{source} is not a pressdesk backup: it does not start with {MANIFEST}")
    try:
        manifest = json.loads(tar.extractfile(member).read())
    except ValueError:
        raise BackupError(f"{source} is not a pressdesk backup: {MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a pressdesk backup: {MANIFEST} does not name the format {FORMAT}")
    return manifest


def _check_manifest(manifest: dict[str, Any], source: Path) -> None:
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"{source} is backup format version {manifest.get('version')}; "
            f"this pressdesk restores version {FORMAT_VERSION}"
        )
    here = migration_state()
    there = manifest.get("migrations")
    if there != here:
        apps_differing = sorted(app for app in set(here) | set(there or {}) if here.get(app) != (there or {}).get(app))
        details = ", ".join(
            f"{app}: backup at {_last(there, app)}, this database at {_last(here, app)}" for app in apps_differing
        )
        raise BackupError(
            f"the backup was made at other database migrations than this database has ({details}); "
            f"restore it with the pressdesk version that made it"
        )


def _last(state: dict[str, list[str]] | None, app: str) -> str:
    names = (state or {}).get(app) or []
    return names[-1] if names else "none"


def _extract(
    tar: tarfile.TarFile, member: tarfile.TarInfo | None, workdir: Path, expected: Callable[[tarfile.TarInfo], bool]
) -> None:
    if member is None or not member.isfile() or not expected(member):
        name = member.name if member is not None else "the end of the file"
        raise BackupError(f"{tar.name} is damaged or not a pressdesk backup: unexpected {name}")
    # The "data" filter refuses absolute paths, escapes from workdir, links and device files.
    tar.extract(member, workdir, filter="data")


def _check_swappable(workdir: Path, media_root: Path) -> None:
    # Checked before the database changes, so a layout we cannot swap fails with nothing touched.
    if media_root.exists() and (os.path.ismount(media_root) or media_root.stat().st_dev != workdir.stat().st_dev):
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) is a mount point; restore replaces the directory, "
            f"so point PRESSDESK_MEDIA_DIR at a directory inside the mount"
        )


def _load_database(rows: Path, manifest: dict[str, Any], *, source: Path, media_files: int) -> dict[str, Any]:
    tables = tables_in_order()
    try:
        with transaction.atomic(durable=True):
            _lock_for_restore(tables)
            _delete_all(tables)
            loaded = _insert_all(rows)
            expected = {label: count for label, count in manifest["rows"].items() if count}
            if loaded != expected:
                raise BackupError(f"{source} is damaged: its rows do not match its manifest")
            connection.check_constraints()
            _reset_sequences(tables)
            # The search index is not a model, so it was neither emptied nor loaded: rebuild it from the rows.
            search.rebuild()
            summary = {
                "file": str(source),
                "created_at": manifest["created_at"],
                "from_database": manifest["database"]["vendor"],
                "rows": sum(loaded.values()),
                "media_files": media_files,
                "requeued_tasks": _requeue_interrupted_tasks(),
            }
            audit.record(actor=None, action="core.backup.restored", after=summary)
    except (DeserializationError, DatabaseError, ValueError, OSError) as exc:
        raise BackupError(f"the database could not be restored and is unchanged: {one_line(exc)}") from None
    finally:
        # Content type ids come from the backup; the cache must not keep the replaced ones.
        ContentType.objects.clear_cache()
    return summary


def _lock_for_restore(tables: list[type[models.Model]]) -> None:
    # On SQLite the restore's BEGIN IMMEDIATE already excludes other writers. On PostgreSQL,
    # block writes (not reads) so nothing is written into the tables half-way through.
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in tables)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {names} IN EXCLUSIVE MODE")  # noqa: S608 (names are quoted model tables)


def _delete_all(tables: list[type[models.Model]]) -> None:
    # Plain DELETE, children first: no signals, no cascades in Python, and unlike TRUNCATE
    # it is safe for a backup that reads a snapshot at the same time.
    with connection.cursor() as cursor:
        for model in reversed(tables):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def _insert_all(rows: Path) -> dict[str, int]:
    loaded: Counter[str] = Counter()
    with rows.open(encoding="utf-8") as stream:
        for item in serializers.deserialize("jsonl", stream):
            # A raw save, as loaddata does: no model save() logic, auto_now fields kept as stored.
            item.save(force_insert=True)
            loaded[item.object._meta.label_lower] += 1
    return dict(loaded)


def _reset_sequences(tables: list[type[models.Model]]) -> None:
    # Rows came with their ids; PostgreSQL's sequences must move past them (SQLite needs nothing).
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), tables):
            cursor.execute(statement)


def _requeue_interrupted_tasks() -> int:
    # A task running when the backup was taken has no worker now; left RUNNING it would
    # never finish. Tasks are idempotent, so running it again is safe.
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )


def _swap_media(unpacked: Path, media_root: Path, previous: Path) -> None:
    try:
        if media_root.exists():
            os.chmod(unpacked, media_root.stat().st_mode)  # keep the permissions the web server relies on
            os.replace(media_root, previous)
        try:
            os.replace(unpacked, media_root)
        except OSError:
            if previous.exists():
                os.replace(previous, media_root)
            raise
    except OSError as exc:
        raise BackupError(
            f"the database was restored but the media files could not be swapped in: {one_line(exc)}"
        ) from None
