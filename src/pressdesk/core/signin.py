"""Signing in: password, then a second factor, for staff and (optionally) journalists.

Nobody is logged in until both steps pass: after the password the session
holds only a short-lived *pending* marker, so a stolen password alone opens
nothing. Every attempt is written to SignInAttempt.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pressdesk.core.models import SignInAttempt, User, UserKind
from pressdesk.core.models.accounts import SignInOutcome

PENDING_KEY = "pressdesk_pending_signin"
PENDING_SECONDS = 5 * 60
RECOVERY_CODES = 10


class SignInError(Exception):
    """A sign-in step failed; ``message`` is for the user, in their language."""

    def __init__(self, message: str, outcome: str = SignInOutcome.BAD_PASSWORD):
        super().__init__(message)
        self.message = message
        self.outcome = outcome


@dataclass
class Pending:
    user: User
    door: str
    next_url: str


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def log_attempt(request: HttpRequest, *, email: str, door: str, outcome: str, user: User | None = None) -> None:
    SignInAttempt.objects.create(
        email=email[:254],
        user=user,
        door=door,
        outcome=outcome,
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return ngettext(
        "This account is locked after too many wrong passwords. Try again in %(minutes)d minute, "
        "reset your password by email, or ask your press secretary to unlock it.",
        "This account is locked after too many wrong passwords. Try again in %(minutes)d minutes, "
        "reset your password by email, or ask your press secretary to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """django-axes hook: our sign-in views already render the lock-out message."""
    if original_response is not None:
        return original_response
    from django.shortcuts import render

    return render(request, "core/locked.html", {"message": lockout_message()}, status=403)


def is_locked(request: HttpRequest, email: str) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": email})


def locked_emails(emails: list[str]) -> set[str]:
    """Which of these accounts are locked now, in one query."""
    import datetime

    from axes.models import AccessAttempt
    from django.utils import timezone

    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return set(
        AccessAttempt.objects.filter(
            username__in=emails, failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
        ).values_list("username", flat=True)
    )


def unlock(email: str) -> None:
    axes_reset(username=email.strip().lower())


def check_password(request: HttpRequest, *, email: str, password: str, door: str, next_url: str = "") -> Pending:
    """Step one. On success the session holds a pending sign-in, nothing more."""
    email = email.strip().lower()
    if is_locked(request, email):
        log_attempt(request, email=email, door=door, outcome=SignInOutcome.LOCKED)
        raise SignInError(lockout_message(), SignInOutcome.LOCKED)
    user = authenticate(request, username=email, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            log_attempt(request, email=email, door=door, outcome=SignInOutcome.LOCKED)
            raise SignInError(lockout_message(), SignInOutcome.LOCKED)
        log_attempt(request, email=email, door=door, outcome=SignInOutcome.BAD_PASSWORD)
        if _awaits_confirmation(email, password):
            raise SignInError(_("Confirm your email first: open the link in the letter we sent you."))
        raise SignInError(_("The email or the password is wrong. Check both and try again."))
    if user.kind != door:
        log_attempt(request, email=email, door=door, outcome=SignInOutcome.WRONG_DOOR, user=user)
        if door == UserKind.STAFF:
            raise SignInError(
                _("This is the staff sign-in. Journalists sign in on the portal."), SignInOutcome.WRONG_DOOR
            )
        raise SignInError(
            _("This is the journalists' sign-in. Staff sign in at the staff sign-in page."), SignInOutcome.WRONG_DOOR
        )
    request.session.cycle_key()
    return _set_pending(request, user, door, next_url)


def _awaits_confirmation(email: str, password: str) -> bool:
    """The right password of an account whose email is not confirmed yet."""
    user = User.objects.filter(email__iexact=email, is_active=False, email_confirmed_at__isnull=True).first()
    return user is not None and user.check_password(password)


def _set_pending(request: HttpRequest, user: User, door: str, next_url: str) -> Pending:
    request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "door": door, "next": next_url}
    return Pending(user=user, door=door, next_url=next_url)


def begin_enrolment(request: HttpRequest, user: User) -> Pending:
    """A signed-in journalist opts in to a second factor: enrol as if signing in again."""
    return _set_pending(request, user, user.kind, "")


def pending(request: HttpRequest) -> Pending | None:
    data = request.session.get(PENDING_KEY)
    if not data:
        return None
    if time.time() - data["at"] > PENDING_SECONDS:
        del request.session[PENDING_KEY]
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    if user is None:
        return None
    return Pending(user=user, door=data["door"], next_url=data.get("next", ""))


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def needs_second_factor(user: User) -> bool:
    """Staff always; journalists only when they enrolled one."""
    return user.kind == UserKind.STAFF or confirmed_totp(user) is not None


def _is_reused(device: TOTPDevice, token: str) -> bool:
    """Was ``token`` valid for a time step this device already accepted?"""
    if device.last_t < 0:
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return totp.verify(int(token), device.tolerance) and totp.t() <= device.last_t


def verify_code(request: HttpRequest, p: Pending, code: str) -> None:
    """Step two: a TOTP code or one recovery code. Logs the user in on success."""
    code = "".join(code.split()).lower()
    email = p.user.email
    device = confirmed_totp(p.user)
    if device is None:
        raise SignInError(_("Set up your authenticator app first."), SignInOutcome.BAD_CODE)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        locked_until = (details or {}).get("locked_until")
        wait = max(1, int(locked_until.timestamp() - time.time()) + 1) if locked_until else 1
        log_attempt(request, email=email, door=p.door, outcome=SignInOutcome.BAD_CODE, user=p.user)
        raise SignInError(
            ngettext(
                "Too many wrong codes. Wait %(seconds)d second, then enter the newest code.",
                "Too many wrong codes. Wait %(seconds)d seconds, then enter the newest code.",
                wait,
            )
            % {"seconds": wait},
            SignInOutcome.BAD_CODE,
        )
    if code.isdigit() and len(code) == device.digits:
        if _is_reused(device, code):
            log_attempt(request, email=email, door=p.door, outcome=SignInOutcome.REUSED_CODE, user=p.user)
            raise SignInError(
                _("This code has already been used. Wait for the next code in your app and enter it."),
                SignInOutcome.REUSED_CODE,
            )
        if device.verify_token(code):  # counts a failure towards throttling itself
            _complete(request, p, device)
            return
    else:
        static = StaticDevice.objects.filter(user=p.user, confirmed=True).first()
        if static is not None and static.verify_token(code):
            _complete(request, p, static)
            return
        device.throttle_increment()
    log_attempt(request, email=email, door=p.door, outcome=SignInOutcome.BAD_CODE, user=p.user)
    raise SignInError(
        _("The code is wrong. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes."),
        SignInOutcome.BAD_CODE,
    )


def complete_without_factor(request: HttpRequest, p: Pending) -> None:
    """A journalist without a second factor: the password was enough."""
    if needs_second_factor(p.user):
        raise SignInError(_("Enter the code from your authenticator app."), SignInOutcome.BAD_CODE)
    _complete(request, p, None)


def _complete(request: HttpRequest, p: Pending, device) -> None:
    request.session.pop(PENDING_KEY, None)
    login(request, p.user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    request.session["pressdesk_signed_in_at"] = time.time()
    request.session["pressdesk_seen_at"] = time.time()
    log_attempt(request, email=p.user.email, door=p.door, outcome=SignInOutcome.SUCCESS, user=p.user)


# Enrolment -----------------------------------------------------------------


def enrolment_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up (one per user, reused on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def readable_secret(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    import base64

    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def confirm_enrolment(request: HttpRequest, p: Pending, code: str) -> list[str]:
    """Confirm the new authenticator with a code from it; returns fresh recovery codes."""
    from django.db import transaction

    device = enrolment_device(p.user)
    code = "".join(code.split())
    if not (code.isdigit() and device.verify_token(code)):
        log_attempt(request, email=p.user.email, door=p.door, outcome=SignInOutcome.BAD_CODE, user=p.user)
        raise SignInError(
            _("The code does not match. Check that the clock on your phone is right and enter the code shown now."),
            SignInOutcome.BAD_CODE,
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=p.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = issue_recovery_codes(p.user)
    _complete(request, p, device)
    return codes


def issue_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = []
    for _i in range(RECOVERY_CODES):
        token = StaticToken.random_token()
        static.token_set.create(token=token)
        codes.append(token)
    return codes
