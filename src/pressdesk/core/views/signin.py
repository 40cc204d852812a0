"""Staff sign-in: password, then the second factor (enrolment the first time)."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from pressdesk.core import signin
from pressdesk.core.forms import CodeStepForm, PasswordStepForm
from pressdesk.core.models import UserKind
from pressdesk.core.permissions import public_view


def safe_next(request: HttpRequest, candidate: str, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@public_view
@sensitive_post_parameters("password")
def signin_password(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    form = PasswordStepForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            p = signin.check_password(
                request,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                door=UserKind.STAFF,
                next_url=next_url,
            )
        except signin.SignInError as exc:
            form.add_error(None, exc.message)
            status = 403 if exc.outcome == "locked" else 400
        else:
            return redirect("core:signin_code" if signin.confirmed_totp(p.user) else "core:signin_enrol")
    elif request.method == "POST":
        status = 400
    return render(request, "core/signin.html", {"form": form, "next": next_url}, status=status)


@public_view
def signin_code(request: HttpRequest) -> HttpResponse:
    p = signin.pending(request)
    if p is None or p.door != UserKind.STAFF:
        return _expired(request)
    form = CodeStepForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            signin.verify_code(request, p, form.cleaned_data["code"])
        except signin.SignInError as exc:
            form.add_error("code", exc.message)
            status = 400
        else:
            return redirect(safe_next(request, p.next_url, reverse_lazy("core:dashboard")))
    elif request.method == "POST":
        status = 400
    return render(request, "core/signin_code.html", {"form": form, "pending_user": p.user}, status=status)


@public_view
def signin_enrol(request: HttpRequest) -> HttpResponse:
    p = signin.pending(request)
    if p is None:
        return _expired(request)
    device = signin.enrolment_device(p.user)
    form = CodeStepForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            codes = signin.confirm_enrolment(request, p, form.cleaned_data["code"])
        except signin.SignInError as exc:
            form.add_error("code", exc.message)
            status = 400
        else:
            request.session["pressdesk_new_recovery_codes"] = codes
            return redirect("core:recovery_codes" if p.door == UserKind.STAFF else "portal:recovery_codes")
    elif request.method == "POST":
        status = 400
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_svg": qr.svg_data_uri(scale=5, dark="#0b0c0c"),
        "secret": signin.readable_secret(device),
        "pending_user": p.user,
    }
    return render(request, "core/signin_enrol.html", context, status=status)


def _expired(request: HttpRequest) -> HttpResponse:
    messages.warning(request, _("Your sign-in took too long or was not started. Enter your email and password again."))
    return redirect("core:signin")


@public_view
def recovery_codes(request: HttpRequest, continue_to: str = "core:dashboard") -> HttpResponse:
    """Shows freshly issued recovery codes once; staff and portal routes pass where to go next."""
    codes = request.session.pop("pressdesk_new_recovery_codes", None)
    if not request.user.is_authenticated or not codes:
        return redirect(continue_to)
    return render(request, "core/recovery_codes.html", {"codes": codes, "continue_url": reverse_lazy(continue_to)})


@public_view
@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    was_journalist = request.user.is_authenticated and request.user.is_journalist
    logout(request)
    return redirect("portal:signin" if was_journalist else "core:signin")


def password_reset_views(namespace: str, *, door: str, request_template: str, done_template: str) -> dict:
    """The four password-reset pages for one door (staff or portal), under ``namespace``.

    The reset never signs anyone in (post_reset_login=False), so the second factor is
    still asked at the next sign-in; it does lift a lock-out, since it proves the mailbox.
    """

    class Reset(auth_views.PasswordResetView):
        template_name = request_template
        email_template_name = "core/email/password_reset.txt"
        subject_template_name = "core/email/password_reset_subject.txt"
        success_url = reverse_lazy(f"{namespace}:password_reset_sent")
        extra_email_context = {"door": door}

    class Confirm(auth_views.PasswordResetConfirmView):
        template_name = "core/password_reset_confirm.html"
        success_url = reverse_lazy(f"{namespace}:password_reset_done")
        post_reset_login = False

        def form_valid(self, form):
            response = super().form_valid(form)
            signin.unlock(form.user.email)
            return response

    return {
        "password_reset": public_view(Reset.as_view()),
        "password_reset_sent": public_view(
            auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_sent.html")
        ),
        "password_reset_confirm": public_view(Confirm.as_view()),
        "password_reset_done": public_view(auth_views.PasswordResetCompleteView.as_view(template_name=done_template)),
    }


def password_reset_urls(namespace: str, *, door: str, request_template: str, done_template: str, prefix: str) -> list:
    from django.urls import path

    views = password_reset_views(namespace, door=door, request_template=request_template, done_template=done_template)
    return [
        path(f"{prefix}", views["password_reset"], name="password_reset"),
        path(f"{prefix}sent/", views["password_reset_sent"], name="password_reset_sent"),
        path(f"{prefix}<uidb64>/<token>/", views["password_reset_confirm"], name="password_reset_confirm"),
        path(f"{prefix}done/", views["password_reset_done"], name="password_reset_done"),
    ]
