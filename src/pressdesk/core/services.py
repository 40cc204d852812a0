"""Writes with a rule in core: units, staff, roles. Each one is audited."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pressdesk.core import audit
from pressdesk.core.models import Membership, Role, Unit, UnitTranslation, User, UserKind
from pressdesk.core.permissions import has_perm
from pressdesk.core.signin import issue_recovery_codes, unlock


class DomainError(Exception):
    """A rule was broken; the message is for the user, already translated."""


def _next_path(parent: Unit | None) -> str:
    prefix = parent.path if parent else ""
    siblings = Unit.objects.filter(parent=parent).count()
    return f"{prefix}{siblings + 1:06d}."


@transaction.atomic
def unit_create(*, actor: User | None, code: str, kind: str, names: dict[str, str], parent: Unit | None = None) -> Unit:
    if not names.get("kk"):
        raise DomainError(_("A unit needs a name in Kazakh."))
    if parent is not None:
        parent = Unit.objects.select_for_update().get(pk=parent.pk)
    unit = Unit.objects.create(code=code, kind=kind, parent=parent, path=_next_path(parent))
    for language, name in names.items():
        if name:
            UnitTranslation.objects.create(parent=unit, language=language, name=name)
    audit.record(
        actor=actor,
        action="core.unit.created",
        target=unit,
        unit=unit,
        after={"code": code, "kind": kind, "names": names, "parent": parent.pk if parent else None},
    )
    return unit


@transaction.atomic
def unit_rename(*, actor: User | None, unit: Unit, names: dict[str, str]) -> Unit:
    before = {row.language: row.name for row in unit.translations.all()}
    for language, name in names.items():
        if name:
            UnitTranslation.objects.update_or_create(parent=unit, language=language, defaults={"name": name})
        else:
            UnitTranslation.objects.filter(parent=unit, language=language).delete()
    after = {row.language: row.name for row in unit.translations.all()}
    if before != after:
        audit.record(
            actor=actor,
            action="core.unit.renamed",
            target=unit,
            unit=unit,
            before={"names": before},
            after={"names": after},
        )
    return unit


@transaction.atomic
def staff_create(
    *, actor: User | None, email: str, full_name: str, password: str | None = None, language: str = "kk"
) -> User:
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("An account with this email already exists."))
    user = User.objects.create_user(email, password, full_name=full_name, kind=UserKind.STAFF, language=language)
    audit.record(actor=actor, action="core.staff.created", target=user, after={"email": email, "full_name": full_name})
    return user


@transaction.atomic
def membership_grant(
    *,
    actor: User | None,
    user: User,
    unit: Unit,
    role: str,
    valid_until: datetime.date | None = None,
    ip: str | None = None,
) -> Membership:
    if actor is not None and not has_perm(actor, "core.manage_staff", unit):
        raise DomainError(_("You may not give roles in this unit."))
    if user.kind != UserKind.STAFF:
        raise DomainError(_("Roles can be given only to staff accounts."))
    if role == Role.CONSULTANT and valid_until is None:
        raise DomainError(_("A consultant's access must have an end date."))
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"valid_until": valid_until}
    )
    before = None if created else {"valid_until": membership.valid_until}
    if not created and membership.valid_until != valid_until:
        membership.valid_until = valid_until
        membership.save(update_fields=["valid_until"])
    elif not created:
        return membership
    audit.record(
        actor=actor,
        action="core.role.granted",
        target=user,
        unit=unit,
        before=before,
        after={"role": role, "unit": unit.pk, "valid_until": valid_until},
        ip=ip,
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: User | None, membership: Membership, ip: str | None = None) -> None:
    if actor is not None and not has_perm(actor, "core.manage_staff", membership.unit):
        raise DomainError(_("You may not take away roles in this unit."))
    if actor is not None and membership.user_id == actor.pk and membership.role == Role.PRESS_SECRETARY:
        raise DomainError(_("You cannot take away your own press secretary role; ask another press secretary."))
    audit.record(
        actor=actor,
        action="core.role.revoked",
        target=membership.user,
        unit=membership.unit,
        before={"role": membership.role, "unit": membership.unit_id, "valid_until": membership.valid_until},
        ip=ip,
    )
    membership.delete()


def account_unlock(*, actor: User | None, user: User, ip: str | None = None) -> None:

    unlock(user.email)
    audit.record(actor=actor, action="core.account.unlocked", target=user, ip=ip)


@transaction.atomic
def second_factor_reset(*, actor: User | None, user: User, ip: str | None = None) -> None:
    """Forget a lost phone: remove the authenticator and recovery codes; enrolment comes at the next sign-in."""
    if actor is not None and actor.pk == user.pk:
        raise DomainError(_("You cannot reset your own second factor; ask another press secretary."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, action="core.account.second_factor_reset", target=user, ip=ip)


@transaction.atomic
def staff_invite(
    *,
    actor: User,
    email: str,
    full_name: str,
    language: str,
    unit: Unit,
    role: str,
    valid_until: datetime.date | None = None,
    ip: str | None = None,
) -> User:
    """A new colleague: an account without a password, a role, and a letter with a link to set one."""
    if not has_perm(actor, "core.manage_staff", unit):
        raise DomainError(_("You may not give roles in this unit."))
    user = staff_create(actor=actor, email=email, full_name=full_name, language=language or "kk")
    membership_grant(actor=actor, user=user, unit=unit, role=role, valid_until=valid_until, ip=ip)
    from pressdesk.core.tasks import send_staff_invitation

    # The letter goes from the worker: a mail server that is down never loses the new account.
    transaction.on_commit(lambda: send_staff_invitation.enqueue(user_id=user.pk, inviter_id=actor.pk, unit_id=unit.pk))
    return user


def send_invitation(user: User, *, inviter: User, unit: Unit) -> None:
    with translation.override(user.language):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = settings.SITE_URL + reverse("core:password_reset_confirm", args=[uid, token])
        context = {"user": user, "inviter": inviter, "unit_name": unit.name, "link": link}
        body = render_to_string("core/email/invitation.txt", context)
        send_mail(_("You are invited to pressdesk"), body, None, [user.email])


@transaction.atomic
def account_password_change(*, user: User, new_password: str, ip: str | None = None) -> None:
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(actor=user, action="core.account.password_changed", target=user, ip=ip)


@transaction.atomic
def recovery_codes_renew(*, user: User, ip: str | None = None) -> list[str]:
    """New recovery codes; the old ones stop working at once."""

    codes = issue_recovery_codes(user)
    audit.record(actor=user, action="core.account.recovery_codes_renewed", target=user, ip=ip)
    return codes
