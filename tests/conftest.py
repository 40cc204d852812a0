"""Shared fixtures: the demo-like world, personas per role, a real SMTP server."""

from __future__ import annotations

import time

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from pressdesk.core import services
from pressdesk.core.models import Role, Unit, UnitKind, User, UserKind

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """One test database per pytest run, so two runs on one machine never share a file."""
    import os

    from pytest_django.fixtures import _set_suffix_to_test_databases

    _set_suffix_to_test_databases(f"p{os.getpid()}")


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


@pytest.fixture(autouse=True)
def _no_language_left_over():
    # LocaleMiddleware leaves the request's language active in the thread; the next test starts clean.
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    # Each test gets its own empty in-memory cache; production shares a database cache. A fresh name each time:
    # an object's id is reused once it is freed, and a reused name would hand one test another's rate-limit counts.
    import uuid

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }


class World:
    """Almaty city akimat with one department and two districts."""

    def __init__(self):
        self.body = services.unit_create(
            actor=None,
            code="akimat",
            kind=UnitKind.BODY,
            names={"kk": "Алматы қаласының әкімдігі", "ru": "Акимат города Алматы", "en": "Almaty City Akimat"},
        )
        self.mobility = services.unit_create(
            actor=None,
            code="mobility",
            kind=UnitKind.DEPARTMENT,
            names={"kk": "Мобильділік басқармасы", "ru": "Управление мобильности", "en": "Mobility Department"},
            parent=self.body,
        )
        self.almaly = services.unit_create(
            actor=None,
            code="almaly",
            kind=UnitKind.DISTRICT,
            names={"kk": "Алмалы ауданы", "ru": "Алмалинский район", "en": "Almaly District"},
            parent=self.body,
        )
        self.medeu = services.unit_create(
            actor=None,
            code="medeu",
            kind=UnitKind.DISTRICT,
            names={"kk": "Медеу ауданы", "ru": "Медеуский район", "en": "Medeu District"},
            parent=self.body,
        )
        self.units = {"body": self.body, "mobility": self.mobility, "almaly": self.almaly, "medeu": self.medeu}

    def person(self, name: str, role: str | None, unit: Unit | None, **extra) -> User:
        user = services.staff_create(actor=None, email=f"{name}@test.kz", full_name=name.title(), password=PASSWORD)
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        if role:
            services.membership_grant(actor=None, user=user, unit=unit, role=role, **extra)
        return user


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def press_secretary(world) -> User:
    return world.person("aigerim", Role.PRESS_SECRETARY, world.body)


@pytest.fixture
def unit_press_secretary(world) -> User:
    return world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)


@pytest.fixture
def outsider(world) -> User:
    """Staff with no role anywhere."""
    return world.person("nobody", None, None)


@pytest.fixture
def journalist(db) -> User:
    return User.objects.create_user("madina@media.kz", PASSWORD, full_name="Мадина Әлиева", kind=UserKind.JOURNALIST)


def verified_client(user: User) -> Client:
    """A client signed in as ``user`` with the second factor passed (for page tests)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session["pressdesk_signed_in_at"] = time.time()
    session["pressdesk_seen_at"] = time.time()
    session.save()
    return client


def current_code(user: User) -> str:
    from django_otp.oath import TOTP

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class Inbox:
    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler protocol
        import email
        import email.policy

        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback; Django sends to it over the wire."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()


def run_queued_tasks() -> int:
    """Run every task waiting in the database queue, as the worker would; returns how many ran."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.finished().count()
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run()
    return DBTaskResult.objects.finished().count() - before


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    """The whole demo world (core's loader calls every module's), loaded once per test module and rolled back after."""
    from django.db import transaction

    from pressdesk.core import demo as core_demo

    with django_db_blocker.unblock(), transaction.atomic():
        core_demo.load()
        yield {unit.code: unit for unit in Unit.objects.all()}
        transaction.set_rollback(True)
