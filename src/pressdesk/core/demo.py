"""The demo world: Almaty city akimat, its departments and districts, and fictional staff.

Everything here is idempotent: a second run finds what the first one made and
changes nothing. People are fictional; the city and its districts are real.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pressdesk.core import services
from pressdesk.core.models import Membership, Role, Unit, UnitKind, User, UserKind

DEMO_DOMAIN = "almaty.demo"
DEMO_PASSWORD = "demo-pressdesk-2026"
_SECRET_SALT = b"pressdesk demo only - never for real accounts"

BODY = ("almaty-akimat", {"kk": "Алматы қаласының әкімдігі", "ru": "Акимат города Алматы", "en": "Almaty City Akimat"})
DEPARTMENTS = [
    (
        "mobility",
        {
            "kk": "Қалалық мобильділік басқармасы",
            "ru": "Управление городской мобильности",
            "en": "Department of Urban Mobility",
        },
    ),
    (
        "ecology",
        {
            "kk": "Экология және қоршаған орта басқармасы",
            "ru": "Управление экологии и окружающей среды",
            "en": "Department of Ecology and Environment",
        },
    ),
    (
        "public-development",
        {
            "kk": "Қоғамдық даму басқармасы",
            "ru": "Управление общественного развития",
            "en": "Department of Public Development",
        },
    ),
]
DISTRICTS = [
    ("alatau", "Алатау", "Алатауский", "Alatau"),
    ("almaly", "Алмалы", "Алмалинский", "Almaly"),
    ("auezov", "Әуезов", "Ауэзовский", "Auezov"),
    ("bostandyk", "Бостандық", "Бостандыкский", "Bostandyk"),
    ("zhetysu", "Жетісу", "Жетысуский", "Zhetysu"),
    ("medeu", "Медеу", "Медеуский", "Medeu"),
    ("nauryzbay", "Наурызбай", "Наурызбайский", "Nauryzbay"),
    ("turksib", "Түрксіб", "Турксибский", "Turksib"),
]

# (email local part, full name, language, [(unit code, role)])
STAFF = [
    ("akim", "Дәурен Серікұлы Ахметов", "kk", [("almaty-akimat", Role.HEAD)]),
    ("press", "Айгерім Нұрланқызы Сейітова", "kk", [("almaty-akimat", Role.PRESS_SECRETARY)]),
    ("officer.omarov", "Данияр Омаров", "kk", [("almaty-akimat", Role.PRESS_OFFICER)]),
    ("officer.kovaleva", "Мария Ковалева", "ru", [("almaty-akimat", Role.PRESS_OFFICER)]),
    ("analyst", "Әсел Жұмабаева", "kk", [("almaty-akimat", Role.ANALYST)]),
    ("head.mobility", "Бауыржан Тоқтаров", "kk", [("mobility", Role.HEAD)]),
    ("head.ecology", "Елена Ким", "ru", [("ecology", Role.HEAD)]),
    ("head.public", "Нұржан Әбілов", "kk", [("public-development", Role.HEAD)]),
    ("ps.mobility", "Гүлназ Бекова", "kk", [("mobility", Role.UNIT_PRESS_SECRETARY)]),
    ("ps.almaly", "Тимур Сағындықов", "kk", [("almaly", Role.UNIT_PRESS_SECRETARY)]),
    ("ps.bostandyk", "Анна Литвиненко", "ru", [("bostandyk", Role.UNIT_PRESS_SECRETARY)]),
    ("ps.medeu", "Арман Қасымов", "kk", [("medeu", Role.UNIT_PRESS_SECRETARY)]),
    (
        "ps.auezov",
        "Жанар Төлеуова",
        "kk",
        [("auezov", Role.UNIT_PRESS_SECRETARY), ("alatau", Role.UNIT_PRESS_SECRETARY)],
    ),
    ("ps.turksib", "Сергей Ли", "ru", [("turksib", Role.UNIT_PRESS_SECRETARY)]),
    ("consultant", "Ольга Петренко", "ru", [("public-development", Role.CONSULTANT)]),
]
JOURNALIST = ("journalist", "Мадина Әлиева", "kk")


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def demo_totp_key(email: str) -> str:
    """A fixed secret per demo account, so printed instructions stay valid across runs."""
    return hmac.new(_SECRET_SALT, email.encode(), hashlib.sha1).hexdigest()


def demo_recovery_codes(email: str) -> list[str]:
    digest = hmac.new(_SECRET_SALT, b"recovery:" + email.encode(), hashlib.sha256).hexdigest()
    return [digest[i : i + 8] for i in range(0, 40, 8)]


def is_demo_account(user: User) -> bool:
    return user.email.endswith("@" + DEMO_DOMAIN)


def _unit(code: str, kind: str, names: dict[str, str], parent: Unit | None) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        unit = services.unit_create(actor=None, code=code, kind=kind, names=names, parent=parent)
    return unit


def _person(local: str, full_name: str, language: str, kind: str) -> User:
    email = demo_email(local)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=full_name, kind=kind, language=language, email_confirmed_at=timezone.now()
        )
    return user


def _second_factor(user: User) -> None:
    key = demo_totp_key(user.email)
    if not TOTPDevice.objects.filter(user=user, confirmed=True, key=key).exists():
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name="demo authenticator", key=key, confirmed=True)
    codes = demo_recovery_codes(user.email)
    static = StaticDevice.objects.filter(user=user, name="recovery").first()
    if static is None:
        static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        for code in codes:
            static.token_set.create(token=code)


# Modules add their demo data here (core knows no business module); each loader is idempotent too.
_LOADERS: list[Callable[[dict[str, Unit]], dict[str, int]]] = []


def register_loader(loader: Callable[[dict[str, Unit]], dict[str, int]]) -> None:
    """``loader(units_by_code)`` runs after core's demo and returns counts to print."""
    if loader not in _LOADERS:
        _LOADERS.append(loader)


@transaction.atomic
def load() -> dict[str, int]:
    body = _unit(BODY[0], UnitKind.BODY, BODY[1], None)
    units = {body.code: body}
    for code, names in DEPARTMENTS:
        units[code] = _unit(code, UnitKind.DEPARTMENT, names, body)
    for code, kk, ru, en in DISTRICTS:
        names = {"kk": f"{kk} ауданының әкімдігі", "ru": f"Аппарат акима {ru} района", "en": f"{en} District Akimat"}
        units[code] = _unit(code, UnitKind.DISTRICT, names, body)
    consultant_until = timezone.localdate() + datetime.timedelta(days=90)
    for local, full_name, language, roles in STAFF:
        user = _person(local, full_name, language, UserKind.STAFF)
        _second_factor(user)
        for unit_code, role in roles:
            if not Membership.objects.filter(user=user, unit=units[unit_code], role=role).exists():
                services.membership_grant(
                    actor=None,
                    user=user,
                    unit=units[unit_code],
                    role=role,
                    valid_until=consultant_until if role == Role.CONSULTANT else None,
                )
    _person(JOURNALIST[0], JOURNALIST[1], JOURNALIST[2], UserKind.JOURNALIST)
    counts = {"units": Unit.objects.count(), "staff": User.objects.staff().count()}
    for loader in _LOADERS:
        counts.update(loader(units))
    return counts


def demo_totp_base32(email: str) -> str:
    import base64

    return base64.b32encode(bytes.fromhex(demo_totp_key(email))).decode().rstrip("=")
