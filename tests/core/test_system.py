"""The system as a whole: health, start and stop, configuration, demo data."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from pressdesk.core.models import AuditEntry, Membership, Unit, User, WorkerHeartbeat
from tests.conftest import free_port
from tests.core.test_jobs import database_env


@pytest.mark.django_db
def test_healthz_is_unhealthy_without_a_worker():
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok" and body["worker"] == "never seen" and body["pending_tasks"] == 0


@pytest.mark.django_db
def test_healthz_is_healthy_with_a_fresh_heartbeat():
    WorkerHeartbeat.objects.create(worker_id="w", seen_at=timezone.now())
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_healthz_reports_a_stale_worker(settings):
    WorkerHeartbeat.objects.create(
        worker_id="w", seen_at=timezone.now() - timezone.timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE + 5)
    )
    response = Client().get("/healthz")
    assert response.status_code == 503 and response.json()["worker"] == "stale"


@pytest.mark.django_db
def test_a_sqlite_connection_writes_ahead_and_keeps_64_mib_of_pages():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own settings")
    with connection.cursor() as cursor:
        settings = [cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in ("journal_mode", "cache_size")]
    assert settings == ["wal", -65536]  # KiB (SQLite's own is 2 MiB)


@pytest.mark.django_db(transaction=True)
def test_serve_starts_web_and_worker_and_ctrl_c_stops_both(tmp_path):
    port = free_port()
    env = {**database_env(), "PRESSDESK_VAR_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressdesk.cli", "serve", "--bind", f"127.0.0.1:{port}", "--web-workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        status = None
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    status = json.load(response)
                    break
            except OSError:
                time.sleep(0.3)  # not up yet, or 503 until the worker's first heartbeat
        assert status is not None and status["status"] == "ok", (
            proc.stdout.read() if proc.poll() is not None else status
        )
    finally:
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    assert "pressdesk: stopped." in output
    # No child left behind: the process group is empty.
    leftover = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert leftover == []


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "mysql://x@y/z"}, "the scheme must be postgresql:// or sqlite://"),
        ({"DATABASE_URL": "postgresql://user@localhost:notaport/db"}, "the port is not a number"),
        ({"DATABASE_URL": "postgresql://localhost"}, "give host and database name"),
        ({"PRESSDESK_DEBUG": "maybe"}, "is not a boolean"),
        ({"PRESSDESK_SMTP_PORT": "twenty-five"}, "is not a whole number"),
        ({"PRESSDESK_SESSION_IDLE_SECONDS": "5"}, "below the minimum"),
    ],
)
def test_bad_configuration_stops_start_up_with_a_clear_error(tmp_path, env, message):
    import os

    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update({"PRESSDESK_VAR_DIR": str(tmp_path), **env})
    result = subprocess.run(
        [sys.executable, "-m", "pressdesk.cli", "check"], env=full_env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_secret_key_is_generated_once_into_var_and_kept_private(tmp_path):
    from pressdesk.env import env_secret

    first = env_secret("PRESSDESK_TEST_SECRET_NOT_SET", tmp_path / "secret_key")
    assert env_secret("PRESSDESK_TEST_SECRET_NOT_SET", tmp_path / "secret_key") == first
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.django_db
def test_demo_data_is_idempotent():
    call_command("demo", quiet=True)
    counts = (Unit.objects.count(), User.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    call_command("demo", quiet=True)
    assert (
        Unit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    assert counts[0] == 12  # the akimat, 3 departments, 8 districts
    assert User.objects.staff().count() == 15
    assert Unit.objects.get(code="almaty-akimat").children.count() == 11


@pytest.mark.django_db
def test_an_administrator_sets_up_a_body_from_the_console():
    from django.core.management.base import CommandError

    call_command("addunit", "akimat", kind="body", kk="Әкімдік", ru="Акимат")
    call_command("addunit", "ecology", kind="department", parent="akimat", kk="Экология басқармасы")
    call_command("addstaff", "Press@Body.kz", "Айгерім Сейітова", unit="akimat", role="press_secretary")
    user = User.objects.get(email="press@body.kz")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).unit.code == "akimat"
    assert Unit.objects.get(code="ecology").is_within(Unit.objects.get(code="akimat"))
    from django.utils import translation

    with translation.override("kk"):
        expected = translation.gettext("A consultant's access must have an end date.")
    with pytest.raises(CommandError, match=expected):
        call_command("addstaff", "c@body.kz", "Консультант", unit="ecology", role="consultant")
    with pytest.raises(CommandError, match="no unit"):
        call_command("addunit", "x", kind="district", parent="nowhere", kk="Х")
