"""A staff member's own account: password, recovery codes, recent sign-ins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from pressdesk.core import services
from pressdesk.core.models import SignInAttempt
from pressdesk.core.permissions import staff_view
from pressdesk.core.signin import client_ip


@staff_view("core.view_dashboard")
@sensitive_post_parameters()
def account(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_password_change(
            user=request.user, new_password=form.cleaned_data["new_password1"], ip=client_ip(request)
        )
        update_session_auth_hash(request, request.user)  # stay signed in here, other sessions end
        messages.success(request, _("Your password has been changed."))
        return redirect("core:account")
    attempts = SignInAttempt.objects.filter(user=request.user)[:10]
    return render(
        request, "core/account.html", {"form": form, "attempts": attempts}, status=400 if form.errors else 200
    )


@require_POST
@staff_view("core.view_dashboard")
def account_recovery_codes(request: HttpRequest) -> HttpResponse:
    request.session["pressdesk_new_recovery_codes"] = services.recovery_codes_renew(
        user=request.user, ip=client_ip(request)
    )
    return redirect("core:account_recovery_codes_show")
