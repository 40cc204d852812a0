"""Readers subscribe to the press service's materials on the portal: the form, the confirmation, the manage page.

No account and no session: the signed links in the letters are the authority
(``distribution.subscriptions``). Every answer to the form is the same page,
whether or not the address was subscribed already.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from pressdesk.core import ratelimit, signin
from pressdesk.core.permissions import public_view
from pressdesk.core.services import DomainError
from pressdesk.distribution import subscriptions
from pressdesk.distribution.models import Category, Subscription
from pressdesk.publications.forms import TopicChoice
from pressdesk.publications.models import Topic


class ChoicesForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of the letters"), choices=settings.LANGUAGES)
    topics = TopicChoice(
        label=gettext_lazy("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Choose none to receive materials on every topic."),
    )
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("Kinds of materials"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Choose none to receive every kind."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.prefetch_related("translations")


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=gettext_lazy("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    field_order = ["email", "language", "topics", "categories"]


def _link_failed(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(request, "portal/subscription_failed.html", {"message": str(error)}, status=400)


@public_view
@never_cache
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    status = 200
    if request.method == "POST":
        ip = signin.client_ip(request)
        if not ratelimit.hit("portal.subscribe", ip or "-", limit=settings.PORTAL_SIGNUP_PER_HOUR, window_seconds=3600):
            form.add_error(None, _("Too many attempts from your network. Wait a few minutes and try again."))
            return render(request, "portal/subscription_form.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                subscriptions.subscription_request(
                    address=data["email"],
                    language=data["language"],
                    topics=data["topics"],
                    categories=data["categories"],
                    ip=ip,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return render(request, "portal/subscription_sent.html", {"email": data["email"]})
        status = 400
    return render(request, "portal/subscription_form.html", {"form": form}, status=status)


@public_view
@never_cache
def subscription_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links); the POST confirms."""
    try:
        subscription = subscriptions.subscription_for_confirmation(token)
        if request.method == "POST":
            subscription = subscriptions.subscription_confirm(token)
    except DomainError as error:
        return _link_failed(request, error)
    return render(
        request,
        "portal/subscription_confirm.html",
        {"subscription": subscription, "manage_link": _manage_path(subscription)},
    )


def _manage_path(subscription: Subscription) -> str:
    if subscription.confirmed_at is None:
        return ""
    return reverse("portal:subscription_manage", args=[subscriptions.manage_token(subscription)])


@public_view
@never_cache
def subscription_manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = subscriptions.subscription_for_management(token)
    except DomainError as error:
        return _link_failed(request, error)
    if request.method == "POST" and "cancel" in request.POST:
        subscriptions.subscription_cancel(subscription=subscription)
        return render(request, "portal/subscription_cancelled.html", {"address": subscription.address})
    initial = {
        "language": subscription.language,
        "topics": list(subscription.topics.all()),
        "categories": subscription.categories,
    }
    form = ChoicesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subscriptions.subscription_change(
                subscription=subscription,
                language=data["language"],
                topics=data["topics"],
                categories=data["categories"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your subscription is saved."))
            return redirect(request.path)
    return render(
        request,
        "portal/subscription_manage.html",
        {"form": form, "subscription": subscription},
        status=400 if form.errors else 200,
    )
