"""Backup and restore with real rows and real files, on whichever database DATABASE_URL names."""

from __future__ import annotations

import io
import json
import tarfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pressdesk.core import services
from pressdesk.core.models import AuditEntry, Membership, Unit, UnitKind, User
from pressdesk.core.tasks import clear_expired_sessions
from tests.conftest import verified_client

# Backups read their own snapshot transaction, so tests cannot sit inside the usual test transaction.
pytestmark = pytest.mark.django_db(transaction=True)

RESTORED = "core.backup.restored"


def all_rows() -> dict[str, list[dict]]:
    """Every row of every table, for exact comparison (the restore's own audit entry left out)."""
    tables = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]
    rows = {m._meta.label_lower: list(m._base_manager.order_by("pk").values()) for m in tables}
    rows["core.auditentry"] = [row for row in rows["core.auditentry"] if row["action"] != RESTORED]
    return rows


def media_files() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def put_media(name: str, data: bytes) -> None:
    path = Path(settings.MEDIA_ROOT, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def backup(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


def restore(path: Path) -> str:
    out = io.StringIO()
    call_command("restore", str(path), "--yes", stdout=out)
    return out.getvalue()


def rewritten(
    archive: Path, *, manifest: Callable[[dict], dict] | None = None, rows: Callable[[bytes], bytes] | None = None
) -> Path:
    """A copy of a backup with its manifest or its rows changed, packed as a well-formed tar.gz."""
    copy = archive.with_name("altered.tar.gz")
    with tarfile.open(archive, "r:gz") as source, tarfile.open(copy, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest:
                data = json.dumps(manifest(json.loads(data))).encode()
            if member.name == "database.jsonl" and rows:
                data = rows(data)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return copy


@pytest.fixture
def office(world, press_secretary) -> dict:
    """The world with a group, a session, a queued task and media files: something of every kind."""
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="view_auditentry"))
    press_secretary.groups.add(editors)
    verified_client(press_secretary)  # leaves a session row behind
    put_media("photos/әкім-брифинг.jpg", bytes(range(256)) * 40)
    put_media("releases/2025/press-release.pdf", b"%PDF-1.7 release")
    return {"editors": editors}


def test_it_brings_back_every_row_and_every_media_file(office, world, press_secretary, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    rows_before, media_before = all_rows(), media_files()
    rows_before["sessions.session"] = []  # sessions are never backed up; see the next test

    assert "2 media files" in backup(archive)
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds password hashes and second-factor keys
    services.unit_rename(actor=press_secretary, unit=world.almaly, names={"kk": "Жаңа атау"})
    services.unit_create(
        actor=press_secretary, code="new-unit", kind=UnitKind.PRIMARY, names={"kk": "Жаңа"}, parent=world.medeu
    )
    Membership.objects.filter(user=press_secretary).delete()
    press_secretary.groups.clear()
    User.objects.filter(pk=press_secretary.pk).update(full_name="Changed")
    Path(settings.MEDIA_ROOT, "photos/әкім-брифинг.jpg").unlink()
    put_media("releases/2025/press-release.pdf", b"overwritten")
    put_media("stray.txt", b"made after the backup")

    assert "2 media files" in restore(archive)

    assert all_rows() == rows_before
    assert media_files() == media_before
    entry = AuditEntry.objects.get(action=RESTORED)
    assert entry.actor is None and entry.after["file"] == str(archive)


def test_it_keeps_sessions_out_of_the_backup_and_signs_everyone_out(office, press_secretary, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    session_key = Session.objects.get().session_key
    backup(archive)
    with tarfile.open(archive, "r:gz") as tar:
        assert session_key.encode() not in tar.extractfile("database.jsonl").read()

    restore(archive)

    assert not Session.objects.exists()


def test_it_requeues_a_task_that_was_running_at_backup_time(world, tmp_path):
    result = clear_expired_sessions.enqueue(period_start="2025-01-01T00:00:00+05:00")
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING)
    archive = tmp_path / "backup.tar.gz"
    backup(archive)

    assert "1 tasks that were running" in restore(archive)

    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY


def test_it_restores_into_a_freshly_created_database(office, world, tmp_path):
    """Disaster recovery: a new, empty, migrated database whose id sequences start again at 1."""
    archive = tmp_path / "backup.tar.gz"
    rows_before = all_rows()
    rows_before["sessions.session"] = []
    backup(archive)
    call_command("flush", interactive=False, verbosity=0)

    restore(archive)

    assert all_rows() == rows_before
    # New rows get new ids, not ones the restored rows hold (PostgreSQL sequences were reset).
    unit = services.unit_create(
        actor=None, code="after-restore", kind=UnitKind.PRIMARY, names={"kk": "Кейін"}, parent=world.body
    )
    assert unit.pk > max(row["id"] for row in rows_before["core.unit"])
    assert Group.objects.create(name="after").pk > office["editors"].pk


def test_it_refuses_to_restore_without_yes(world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    Unit.objects.filter(code="medeu").update(code="medeu-2")

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))

    assert Unit.objects.filter(code="medeu-2").exists()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: len(data) // 2], "damaged or not a pressdesk backup"),
        (lambda data: data[:-9], "damaged or not a pressdesk backup"),
        (lambda data: data[:100] + bytes(200) + data[300:], "damaged or not a pressdesk backup"),
        (lambda data: b"just some text, not an archive\n", "damaged or not a pressdesk backup"),
    ],
    ids=["half", "last-bytes-missing", "bytes-overwritten", "not-an-archive"],
)
def test_a_damaged_backup_fails_and_changes_nothing(office, tmp_path, damage, message):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    archive.write_bytes(damage(archive.read_bytes()))
    put_media("stray.txt", b"made after the backup")
    rows_before, media_before = all_rows(), media_files()

    with pytest.raises(CommandError, match=message):
        restore(archive)

    assert all_rows() == rows_before
    assert media_files() == media_before
    assert not list(tmp_path.glob(".pressdesk-restore-*"))


@pytest.mark.parametrize(
    ("break_rows", "fix_count"),
    [
        (lambda data: data.rstrip(b"\n") + b"\n{not json\n", False),
        # A translation of a unit that does not exist: only the foreign key check at the end finds it.
        (
            lambda data: (
                data
                + b'{"model": "core.unittranslation", "pk": 999999, "fields": {"parent": 424242, "language": "kk", "name": "x"}}\n'
            ),
            True,
        ),
    ],
    ids=["bad-last-line", "dangling-foreign-key"],
)
def test_a_restore_failing_half_way_leaves_the_data_as_it_was(office, tmp_path, break_rows, fix_count):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)

    def count_the_extra_row(manifest: dict) -> dict:
        manifest["rows"]["core.unittranslation"] += 1
        return manifest

    broken = rewritten(archive, rows=break_rows, manifest=count_the_extra_row if fix_count else None)
    Unit.objects.filter(code="medeu").update(code="medeu-2")
    put_media("stray.txt", b"made after the backup")
    rows_before, media_before = all_rows(), media_files()

    with pytest.raises(CommandError, match="could not be restored and is unchanged"):
        restore(broken)

    assert all_rows() == rows_before
    assert media_files() == media_before


def test_it_refuses_a_backup_of_other_migrations(world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)

    def from_the_future(manifest: dict) -> dict:
        manifest["migrations"]["core"].append("9999_from_the_future")
        return manifest

    with pytest.raises(CommandError, match="other database migrations.*core: backup at 9999_from_the_future"):
        restore(rewritten(archive, manifest=from_the_future))


def test_it_refuses_another_format_version(world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)

    with pytest.raises(CommandError, match="format version 2; this pressdesk restores version 1"):
        restore(rewritten(archive, manifest=lambda manifest: {**manifest, "version": 2}))


def test_it_refuses_a_tar_gz_that_is_not_a_backup(world, tmp_path):
    archive = tmp_path / "photos.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.addfile(tarfile.TarInfo("photo.jpg"), io.BytesIO(b""))

    with pytest.raises(CommandError, match="is not a pressdesk backup"):
        restore(archive)


def test_it_says_when_the_file_is_missing(world, tmp_path):
    with pytest.raises(CommandError, match="there is no backup file"):
        restore(tmp_path / "nowhere.tar.gz")


def test_it_says_when_the_backup_cannot_be_written(world, tmp_path):
    with pytest.raises(CommandError, match="cannot write the backup .*No such file or directory"):
        backup(tmp_path / "no-such-directory" / "backup.tar.gz")
    assert not list(tmp_path.glob("**/*.partial"))


def test_it_refuses_to_write_the_backup_into_media(world):
    with pytest.raises(CommandError, match="outside MEDIA_ROOT"):
        backup(Path(settings.MEDIA_ROOT) / "backup.tar.gz")


def test_it_takes_one_instant_while_another_connection_writes(world, tmp_path):
    """Each write adds a unit, its translation and its audit entry at once; a snapshot never splits them."""
    for number in range(400):  # enough rows that the dump takes a while
        AuditEntry.objects.create(actor_label="system", action="test.filler", note="x" * 200, after={"n": number})
    started, stop, errors = threading.Event(), threading.Event(), []

    def write_units() -> None:
        try:
            number = 0
            while not stop.is_set():
                services.unit_create(actor=None, code=f"w{number}", kind=UnitKind.PRIMARY, names={"kk": f"W {number}"})
                number += 1
                if number == 3:
                    started.set()
        except Exception as exc:  # reported by the test below
            errors.append(exc)
            started.set()
        finally:
            connection.close()

    writer = threading.Thread(target=write_units)
    writer.start()
    try:
        assert started.wait(30)
        archive = tmp_path / "backup.tar.gz"
        backup(archive)
    finally:
        stop.set()
        writer.join(30)
    assert not errors

    with tarfile.open(archive, "r:gz") as tar:
        objects = [json.loads(line) for line in tar.extractfile("database.jsonl")]
    units = {o["pk"] for o in objects if o["model"] == "core.unit"}
    translated = {o["fields"]["parent"] for o in objects if o["model"] == "core.unittranslation"}
    audited = {int(o["fields"]["target_id"]) for o in objects if o["fields"].get("action") == "core.unit.created"}
    assert len(units) >= 4 + 3  # the world's four and the three written before the backup began
    assert units == translated == audited

    restore(archive)  # which checks every foreign key before it commits

    assert set(Unit.objects.values_list("pk", flat=True)) == units
    assert AuditEntry.objects.filter(action="core.unit.created").count() == len(units)
