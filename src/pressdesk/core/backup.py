"""Back up everything: every database row and every media file, in one tar.gz.

Rows are Django-serialised JSON lines keyed by primary key, so a backup taken on
SQLite restores into PostgreSQL and back. The archive holds, in this order:
``manifest.json`` (what the backup is and which migrations made its rows),
``database.jsonl`` (one object per line, parents before children) and
``media/…`` (the files under MEDIA_ROOT).
"""

from __future__ import annotations

import datetime
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import IO, Any

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = "pressdesk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
MEDIA = "media"
# Sessions are live sign-in credentials, not records: a backup file must not hand
# them out, and a restore must not revive sessions that were signed out since.
# A restore therefore empties the table and everyone signs in again.
NOT_BACKED_UP = frozenset({"sessions.session"})
ROWS_PER_FETCH = 2000
MANIFEST_MAX_BYTES = 1 << 20


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why in one line."""


class _ExactJSONEncoder(DjangoJSONEncoder):
    # DjangoJSONEncoder cuts times to milliseconds for JavaScript; a backup keeps microseconds.
    def default(self, o: Any) -> Any:
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def backup_write(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Write a backup to ``path`` while the system runs; the file appears only when complete."""
    target = Path(path).expanduser().absolute()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if target.resolve().is_relative_to(media_root):
        raise BackupError(f"write the backup outside MEDIA_ROOT ({media_root}), or it would contain itself")
    try:
        with tempfile.TemporaryFile(dir=target.parent) as rows:
            manifest = _dump_database(rows)
            media_files = _write_archive(target, manifest, rows, media_root)
    except OSError as exc:
        raise BackupError(f"cannot write the backup {target}: {one_line(exc)}") from None
    return {**manifest, "media_files": media_files, "path": str(target), "bytes": target.stat().st_size}


# Writing


def _dump_database(stream: IO[bytes]) -> dict[str, Any]:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
    with _read_snapshot():
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": connection.vendor, "django": django.get_version()},
            "migrations": migration_state(),
            "rows": {
                model._meta.label_lower: _dump_model(model, text)
                for model in tables_in_order()
                if model._meta.label_lower not in NOT_BACKED_UP
            },
        }
    text.flush()
    text.detach()  # the archive reads the bytes; closing the wrapper would close them
    return manifest


@contextmanager
def _read_snapshot() -> Iterator[None]:
    """One read transaction that sees the database at one instant and lets web and worker write on."""
    if connection.in_atomic_block:
        raise RuntimeError("a backup must start outside any transaction, or it cannot see one instant")
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # atomic() would BEGIN IMMEDIATE (our settings) and hold the write lock for the
        # whole backup. A deferred read transaction in WAL mode is a snapshot from its first read.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            cursor.execute("SELECT count(*) FROM sqlite_master")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")


def _dump_model(model: type[models.Model], stream: IO[str]) -> int:
    count = 0

    def counted() -> Iterator[models.Model]:
        nonlocal count
        for obj in model._base_manager.order_by("pk").iterator(chunk_size=ROWS_PER_FETCH):
            count += 1
            yield obj

    # Only the model's own columns: many-to-many rows are dumped as their own table.
    own_fields = [field.name for field in model._meta.local_fields]
    serializers.serialize("jsonl", counted(), stream=stream, fields=own_fields, cls=_ExactJSONEncoder)
    return count


def _write_archive(target: Path, manifest: dict[str, Any], rows: IO[bytes], media_root: Path) -> int:
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                _add_file(tar, MANIFEST, io.BytesIO(json.dumps(manifest, indent=2, ensure_ascii=False).encode()))
                _add_file(tar, DATABASE, rows)
                media_files = _add_media(tar, media_root)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(partial)
        raise
    return media_files


def _add_file(tar: tarfile.TarFile, name: str, stream: IO[bytes]) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = stream.seek(0, os.SEEK_END), int(timezone.now().timestamp()), 0o600
    stream.seek(0)
    tar.addfile(info, stream)


def _add_media(tar: tarfile.TarFile, media_root: Path) -> int:
    """Add every regular file under MEDIA_ROOT.

    This runs after the snapshot and Django stores a file before the row that
    names it, so every file a backed-up row names is here (newer files are harmless extras).
    """
    count = 0
    for directory, subdirectories, names in os.walk(media_root, onerror=_raise_unless_gone):
        subdirectories.sort()
        for name in sorted(names):
            file = Path(directory, name)
            if file.is_symlink() or not file.is_file():
                continue  # only regular files: a link may point anywhere, opening a pipe would hang
            try:
                handle = file.open("rb")
            except FileNotFoundError:
                continue  # deleted while the backup ran
            with handle:
                info = tar.gettarinfo(arcname=f"{MEDIA}/{file.relative_to(media_root).as_posix()}", fileobj=handle)
                tar.addfile(info, handle)
                count += 1
    return count


def _raise_unless_gone(error: OSError) -> None:
    # os.walk ignores errors by default; a directory we cannot read must fail the backup.
    if not isinstance(error, FileNotFoundError):
        raise error


# Shared


def tables_in_order() -> list[type[models.Model]]:
    """Every table as a model (many-to-many tables too), parents before children."""
    tables = [
        model for model in apps.get_models(include_auto_created=True) if model._meta.managed and not model._meta.proxy
    ]
    parents = {
        model: {
            field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is not model and field.related_model in tables
        }
        for model in tables
    }
    try:
        return list(TopologicalSorter(parents).static_order())
    except CycleError:
        # Both databases check foreign keys at commit, so any order loads; the sorted one only reads better.
        return tables


def migration_state() -> dict[str, list[str]]:
    """The applied migrations per app, as the code's migration graph names them (squashes resolved)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state: dict[str, list[str]] = {}
    for app, name in sorted(loader.applied_migrations):
        if (app, name) in loader.graph.nodes:
            state.setdefault(app, []).append(name)
    return state


def one_line(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0] if text.strip() else type(exc).__name__
