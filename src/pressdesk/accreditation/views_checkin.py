"""The check-in page at the door, and the holder's photo it shows.

Without JavaScript the page is two plain forms: where the gate stands (GET),
then a pass typed or pasted (POST), judged by ``gate.check_in`` and answered
on the page. The form carries a nonce, so sending it again (a refresh) counts
once. With JavaScript, ``static/accreditation/checkin.js`` checks passes on
the device and uploads the scans through ``checkin_api``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from pressdesk.accreditation import gate, signing
from pressdesk.accreditation.checkin_selectors import Post, access_gate_pass, events_today, scans_data
from pressdesk.accreditation.forms_checkin import PostForm, ScanForm, fresh_nonce
from pressdesk.accreditation.gate import CHECK_IN
from pressdesk.accreditation.keyguard import needs_key
from pressdesk.accreditation.views_files import stored_file
from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError


def _messages() -> dict[str, str]:
    """Every text the page's script may show, in the page's language (``%(name)s`` filled in by the script)."""
    return {
        **{code: str(text) for code, text in gate.REFUSALS.items()},
        "admitted": _("Valid: admitted."),
        "already": _("Already checked in at %(time)s."),
        "word_admitted": _("Valid"),
        "word_already": _("Already checked in"),
        "word_refused": _("Refused"),
        "word_pending": _("Not checked yet"),
        "checked_here": _("Checked on this device."),
        "checked_server": _("Confirmed by the server."),
        "pending_online": _("Asking the server…"),
        "pending_offline": _(
            "This device cannot judge this pass offline: compare the photo and an identity document. "
            "The scan is kept and judged when the network is back."
        ),
        "not_recorded": _("Not recorded: %(reason)s"),
        "online": _("Online."),
        "offline": _("Offline: passes are checked on this device and the scans kept until the network is back."),
        "waiting": _("Waiting to upload: %(count)s."),
        "list_time": _("List of withdrawn passes as of %(time)s."),
        "no_list": _("The list of withdrawn passes is not loaded yet: a revoked pass may look valid."),
        "no_crypto": _("This browser cannot check signatures here: each scan waits for the server's answer."),
        "signed_out": _("Your session has ended: sign in again in another tab. The scans are kept on this device."),
        "camera_start": _("Scan with the camera"),
        "camera_stop": _("Stop the camera"),
        "camera_denied": _("The camera could not be opened: type the pass number instead."),
        "name": _("Name"),
        "outlet": _("Outlet"),
        "number": _("Pass number"),
        "valid_until": _("Valid until"),
        "photo_of": _("Photo of %(name)s"),
        "unknown_holder": _("The holder is not on this device's list: compare the pass with an identity document."),
        "uploaded": _("sent to the server"),
        "queued": _("waiting to be sent"),
    }


def _config(request: HttpRequest, post: Post) -> dict:
    return {
        "user": request.user.pk,
        "event": post.event.pk if post.event is not None else None,
        "post": post.key,
        "gate": post.gate,
        "keys": signing.public_jwks(),
        "urls": {
            "keys": reverse("accreditation:checkin_keys"),
            "revocations": reverse("accreditation:checkin_revocations"),
            "roster": f"{reverse('accreditation:checkin_roster')}?event={post.key}",
            "sync": reverse("accreditation:checkin_sync"),
            "signout": reverse("core:signout"),
        },
        "messages": _messages(),
    }


def _scan_form(request: HttpRequest, post: Post) -> ScanForm:
    return ScanForm(user=request.user, initial={"event": post.key, "gate": post.gate, "nonce": fresh_nonce()})


def _scanner(request: HttpRequest, post: Post, form: ScanForm, result: dict | None) -> HttpResponse:
    context = {
        "post": post,
        "form": form,
        "result": result,
        "config": _config(request, post),
    }
    return render(request, "accreditation/checkin_scan.html", context)


def _chooser(request: HttpRequest, form: PostForm) -> HttpResponse:
    return render(request, "accreditation/checkin_choose.html", {"form": form})


def _judged(request: HttpRequest, form: ScanForm, post: Post) -> dict | None:
    """The scan of a valid form as the page shows it; None (and the reason on the form) when it was not recorded."""
    if form.is_valid():
        data = form.cleaned_data
        try:
            scan = gate.check_in(
                presented=data["presented"], nonce=data["nonce"], user=request.user, event=post.event, gate=post.gate
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return scans_data([scan], request.user)[0]
    form.data = form.data.copy()
    form.data["nonce"] = fresh_nonce()  # nothing was recorded: the next try is a scan of its own
    return None


@staff_view(CHECK_IN)
@needs_key
def checkin(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ScanForm(request.POST, user=user)
        form.is_valid()
        if "event" not in form.cleaned_data or "gate" not in form.cleaned_data:
            return _chooser(request, PostForm(request.POST, user=user, events=events_today(user)))
        post = Post(form.cleaned_data["event"], form.cleaned_data["gate"])
        result = _judged(request, form, post)
        return _scanner(request, post, _scan_form(request, post) if result else form, result)
    chooser = PostForm(request.GET or None, user=user, events=events_today(user))
    if chooser.is_bound and chooser.is_valid():
        post = Post(chooser.cleaned_data["event"], chooser.cleaned_data["gate"])
        return _scanner(request, post, _scan_form(request, post), None)
    return _chooser(request, chooser)


@staff_view(CHECK_IN)
def checkin_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The holder's small photo, for a gate that may show this pass; never kept by a cache."""
    application = access_gate_pass(request.user, pk).application
    field = application.photo_small if application.photo_small.name else application.photo
    return stored_file(field.name, f"photo-{pk}")
