"""The buttons of a mailing's page: each a POST that calls one service and comes back with what happened."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError
from pressdesk.distribution import selectors, services
from pressdesk.distribution.forms import StartForm
from pressdesk.distribution.models import Mailing
from pressdesk.distribution.selectors import PREPARE, SEND, VIEW
from pressdesk.events.services import local_time

# A step runs a service and says, in the user's language, what it did.
Step = Callable[[HttpRequest, Mailing], str]


def _button(action: str, step: Step) -> Callable[[HttpRequest, int], HttpResponse]:
    """Check the role for ``action`` in the mailing's unit, run the step, go back to the mailing's page."""

    @require_POST
    @staff_view(VIEW)
    def handle(request: HttpRequest, pk: int) -> HttpResponse:
        mailing = selectors.access_mailing(request.user, pk, action)
        try:
            done = step(request, mailing)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return redirect("distribution:detail", mailing.pk)

    return handle


def _test(request: HttpRequest, mailing: Mailing) -> str:
    languages = services.send_test(actor=request.user, mailing=mailing)
    names = dict(settings.LANGUAGES)
    return ngettext(
        "The test letter (%(languages)s) went to %(address)s.",
        "The test letters (%(languages)s) went to %(address)s.",
        len(languages),
    ) % {"languages": ", ".join(str(names[code]) for code in languages), "address": request.user.email}


def _start(request: HttpRequest, mailing: Mailing) -> str:
    form = StartForm(request.POST, schedule="schedule" in request.POST)
    if not form.is_valid():
        raise DomainError(" ".join(error for errors in form.errors.values() for error in errors))
    send_at = form.cleaned_data["send_at"]
    mailing = services.start(actor=request.user, mailing=mailing, send_at=send_at)
    if mailing.send_at:
        return _("The mailing is scheduled for %(time)s (Almaty time).") % {"time": local_time(mailing.send_at)}
    return _("Sending has begun. The delivery log shows each letter as it goes.")


def _pause(request: HttpRequest, mailing: Mailing) -> str:
    services.pause(actor=request.user, mailing=mailing)
    return _("The mailing is paused: no more letters go until you resume it.")


def _resume(request: HttpRequest, mailing: Mailing) -> str:
    services.resume(actor=request.user, mailing=mailing)
    return _("The mailing goes on with the letters not yet sent.")


def _cancel(request: HttpRequest, mailing: Mailing) -> str:
    services.cancel(actor=request.user, mailing=mailing)
    return _("The mailing is cancelled: the letters sent stay sent, the others will not go.")


def _resend(request: HttpRequest, mailing: Mailing) -> str:
    count = services.resend_interrupted(actor=request.user, mailing=mailing)
    if not count:
        raise DomainError(_("No letter of this mailing is in doubt."))
    return ngettext("%(count)s interrupted letter goes again.", "%(count)s interrupted letters go again.", count) % {
        "count": count
    }


send_test = _button(PREPARE, _test)
start = _button(SEND, _start)
pause = _button(SEND, _pause)
resume = _button(SEND, _resume)
cancel = _button(SEND, _cancel)
resend = _button(SEND, _resend)
