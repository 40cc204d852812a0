"""The staff page where one makes, sees once and revokes personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.api import services
from pressdesk.api.forms import TokenForm
from pressdesk.api.models import ApiToken
from pressdesk.api.registry import USE_API
from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError
from pressdesk.core.signin import client_ip

NEW_TOKEN_KEY = "pressdesk_new_api_token"  # noqa: S105  (a session key name)


@staff_view(USE_API)
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.api_token_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"],
                ip=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            # Shown on the next page load only, then gone: the database keeps only its hash.
            request.session[NEW_TOKEN_KEY] = {"id": token.pk, "token": raw}
            return redirect("api_tokens:list")
    new = request.session.pop(NEW_TOKEN_KEY, None)
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new": new},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view(USE_API)
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = ApiToken.objects.get(pk=token_id, user=request.user)
    except ApiToken.DoesNotExist:
        raise Http404(_("You have no such token.")) from None
    try:
        services.api_token_revoke(actor=request.user, token=token, ip=client_ip(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The token “%(name)s” is revoked: it no longer opens the API.") % {"name": token.name}
        )
    return redirect("api_tokens:list")
