"""Journalists' accounts on the portal: sign-up, confirmation, sign-in, reset, second factor."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from pressdesk.core import ratelimit, signin
from pressdesk.core.forms import CodeStepForm, PasswordStepForm
from pressdesk.core.models import UserKind
from pressdesk.core.permissions import public_view
from pressdesk.core.views.signin import safe_next
from pressdesk.portal import services
from pressdesk.portal.forms import SignUpForm


def journalist_view(view):
    """A portal page for a signed-in journalist."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated or not request.user.is_journalist:
            return redirect(f"{reverse_lazy('portal:signin')}?next={request.path}")
        return view(request, *args, **kwargs)

    wrapper.permission_action = "portal.journalist"
    return wrapper


def _too_many(request: HttpRequest, template: str, form) -> HttpResponse:
    form.add_error(None, _("Too many attempts from your network. Wait a few minutes and try again."))
    return render(request, template, {"form": form}, status=429)


@public_view
@sensitive_post_parameters("password")
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST":
        if not ratelimit.hit(
            "portal.signup",
            signin.client_ip(request) or "-",
            limit=settings.PORTAL_SIGNUP_PER_HOUR,
            window_seconds=3600,
        ):
            return _too_many(request, "portal/signup.html", form)
        if form.is_valid():
            data = form.cleaned_data
            services.journalist_sign_up(
                full_name=data["full_name"],
                email=data["email"],
                password=data["password"],
                language=data["language"],
                ip=signin.client_ip(request),
            )
            return render(request, "portal/signup_sent.html", {"email": data["email"]})
    return render(request, "portal/signup.html", {"form": form}, status=400 if form.errors else 200)


@public_view
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.journalist_confirm(token)
    except services.PortalError as exc:
        return render(request, "portal/confirm_failed.html", {"message": str(exc)}, status=400)
    messages.success(request, _("Your email is confirmed. You can sign in now."))
    return redirect("portal:signin")


@public_view
@sensitive_post_parameters("password")
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    form = PasswordStepForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.hit(
            "portal.signin",
            signin.client_ip(request) or "-",
            limit=settings.PORTAL_SIGNIN_PER_MINUTE,
            window_seconds=60,
        ):
            return _too_many(request, "portal/signin.html", form)
        status = 400
        if form.is_valid():
            try:
                p = signin.check_password(
                    request,
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password"],
                    door=UserKind.JOURNALIST,
                    next_url=next_url,
                )
                if signin.needs_second_factor(p.user):
                    return redirect("portal:signin_code")
                signin.complete_without_factor(request, p)
                return redirect(safe_next(request, next_url, reverse_lazy("portal:account")))
            except signin.SignInError as exc:
                form.add_error(None, exc.message)
                status = 403 if exc.outcome == "locked" else 400
    return render(request, "portal/signin.html", {"form": form, "next": next_url}, status=status)


@public_view
def sign_in_code(request: HttpRequest) -> HttpResponse:
    p = signin.pending(request)
    if p is None or p.door != UserKind.JOURNALIST:
        messages.warning(
            request, _("Your sign-in took too long or was not started. Enter your email and password again.")
        )
        return redirect("portal:signin")
    form = CodeStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signin.verify_code(request, p, form.cleaned_data["code"])
        except signin.SignInError as exc:
            form.add_error("code", exc.message)
        else:
            return redirect(safe_next(request, p.next_url, reverse_lazy("portal:account")))
    return render(request, "portal/signin_code.html", {"form": form}, status=400 if form.errors else 200)


@journalist_view
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/account.html", {"has_factor": signin.confirmed_totp(request.user) is not None})


@journalist_view
def enrol_factor(request: HttpRequest) -> HttpResponse:
    """A journalist opts in to a second factor: reuse the staff enrolment page."""
    signin.begin_enrolment(request, request.user)
    return redirect("core:signin_enrol")
