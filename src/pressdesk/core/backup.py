"""Back up and restore everything: every database row and every media file, in one tar.gz.

Rows are Django-serialised JSON lines keyed by primary key, so a backup taken on
SQLite restores into PostgreSQL and back. The archive holds, in this order:
``manifest.json`` (what the backup is and which migrations made its rows),
``database.jsonl`` (one object per line, parents before children) and
``media/…`` (the files under MEDIA_ROOT).
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import IO, Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pressdesk.core import audit

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
        raise BackupError(f"cannot write the backup {target}: {_one_line(exc)}") from None
    return {**manifest, "media_files": media_files, "path": str(target), "bytes": target.stat().st_size}


def backup_restore(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Replace every row and every media file with the backup's; on any failure nothing changes."""
    source = Path(path).expanduser().absolute()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    try:
        media_root.parent.mkdir(parents=True, exist_ok=True)
        # Unpacked beside MEDIA_ROOT so that swapping the directories is a rename.
        workdir = Path(tempfile.mkdtemp(prefix=".pressdesk-restore-", dir=media_root.parent))
    except OSError as exc:
        raise BackupError(f"cannot unpack next to MEDIA_ROOT ({media_root}): {_one_line(exc)}") from None
    try:
        manifest, media_files = _unpack(source, workdir)
        _check_swappable(workdir, media_root)
        summary = _load_database(workdir / DATABASE, manifest, source=source, media_files=media_files)
        _swap_media(workdir / MEDIA, media_root, workdir / "media-before-restore")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return summary


# Writing


def _dump_database(stream: IO[bytes]) -> dict[str, Any]:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
    with _read_snapshot():
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": connection.vendor, "django": django.get_version()},
            "migrations": _migration_state(),
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
        raise BackupError(f"{source} is damaged or not a pressdesk backup: {_one_line(exc)}") from None
    except OSError as exc:
        raise BackupError(f"cannot unpack {source}: {_one_line(exc)}") from None
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
    here = _migration_state()
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
        raise BackupError(f"the database could not be restored and is unchanged: {_one_line(exc)}") from None
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
            f"the database was restored but the media files could not be swapped in: {_one_line(exc)}"
        ) from None


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


def _migration_state() -> dict[str, list[str]]:
    """The applied migrations per app, as the code's migration graph names them (squashes resolved)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state: dict[str, list[str]] = {}
    for app, name in sorted(loader.applied_migrations):
        if (app, name) in loader.graph.nodes:
            state.setdefault(app, []).append(name)
    return state


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0] if text.strip() else type(exc).__name__
