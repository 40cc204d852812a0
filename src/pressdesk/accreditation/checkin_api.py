"""The check-in page's JSON: public keys, the revocation list, the roster of a post, and the upload of queued scans.

Every answer is for a verified staff session with ``accreditation.check_in``
and is ``private, no-store``. Shapes::

    GET keys.json          {"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "1", "x": "…", "alg": "EdDSA"}]}
    GET revocations.json   {"version": "<digest of passes>", "day": "2026-05-04", "generated_at": "…",
                            "passes": [{"id": 7, "number": "A-2026-00007", "serial": 2, "status": "revoked"}]}
                           with ETag "<version>"; If-None-Match answers 304
    GET roster.json?event=<id>|standing
                           {"event": 12 | null, "day": "2026-05-04", "passes": [<face>, …],
                            "elsewhere": [{"id": 9, "number": "A-2026-00009"}, …]}   (at an entrance: other units')
    POST sync              {"scans": [{"nonce": "…", "presented": "…", "event": 12 | null, "gate": "…",
                                       "scanned_at": "2026-05-04T05:52:00.000Z"}]}
                        →  {"results": [<result>, …]}   (one per scan, in order)

A face is ``checkin_selectors.face``; a result is ``checkin_selectors.scans_data``'s, or, for a scan that
cannot be judged at all (no nonce, an event the gate may not use, a time that is not a time),
``{"nonce": …, "result": "invalid", "message": …}``: uploading it again would not help. A body that is
not such an object is refused whole with ``{"error": …}`` (400), one over 64 KiB with 413, one that is not
JSON by its type with 415; when passes cannot be checked (no signing key) every answer is 503 with
``{"error": …}`` and the device keeps its queue. Each scan goes through ``gate.check_in``, so a nonce uploaded twice counts once
and two gates never both admit one pass.
"""

from __future__ import annotations

import datetime
import json
import logging

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pressdesk.accreditation import gate, signing
from pressdesk.accreditation.checkin_selectors import (
    access_checkin_event,
    clean_gate,
    elsewhere,
    roster,
    scans_data,
)
from pressdesk.accreditation.forms_checkin import PRESENTED_MAX
from pressdesk.accreditation.gate import CHECK_IN
from pressdesk.core.permissions import staff_view
from pressdesk.core.services import DomainError

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
MAX_SCANS = 100
INVALID = "invalid"


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


def _refused(message: str, status: int = 400) -> JsonResponse:
    return _json({"error": message}, status)


@require_GET
@staff_view(CHECK_IN)
def keys(request: HttpRequest) -> JsonResponse:
    try:
        return _json({"keys": signing.public_jwks()})
    except signing.KeyUnavailable as error:
        return _unavailable(error)


def _unavailable(error: signing.KeyUnavailable) -> JsonResponse:
    """503: the device keeps what it has (its keys, its queue) and asks again later."""
    log.error("accreditation: %s", error)
    return _refused(str(error), 503)


@require_GET
@staff_view(CHECK_IN)
def revocations(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    listed = gate.revocation_list(today=today)
    etag = f'"{listed["version"]}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
        response["Cache-Control"] = "private, no-store"
    else:
        response = _json({**listed, "day": today.isoformat()})
    response["ETag"] = etag
    return response


@require_GET
@staff_view(CHECK_IN)
def roster_json(request: HttpRequest) -> JsonResponse:
    event = access_checkin_event(request.user, request.GET.get("event", ""))
    today = timezone.localdate()
    return _json(
        {
            "event": event.pk if event else None,
            "day": today.isoformat(),
            "passes": roster(request.user, event, today),
            "elsewhere": elsewhere(request.user, event, today),
        }
    )


def _scanned_at(value: object) -> datetime.datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise DomainError(_("The scan's time is not a date and time."))
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise DomainError(_("The scan's time is not a date and time.")) from None
    if timezone.is_naive(moment):
        raise DomainError(_("The scan's time has no time zone."))
    return moment


def _one(request: HttpRequest, item: object, events: dict) -> gate.Scan:
    """Judge one uploaded scan; DomainError when it cannot be judged at all."""
    if not isinstance(item, dict):
        raise DomainError(_("A scan is an object with a nonce, what was read, the event, the gate and the time."))
    presented = item.get("presented")
    if not isinstance(presented, str):
        raise DomainError(_("The scan says nothing about what was read."))
    nonce = item.get("nonce")
    if not isinstance(nonce, str) or not gate.NONCE.match(nonce):
        raise DomainError(_("Each scan needs its own code (8 to 64 letters, digits, - or _)."))
    key = item.get("event")
    if key is not None and (not isinstance(key, int) or isinstance(key, bool)):
        raise DomainError(_("The scan's event is not an event's number."))
    if key not in events:
        try:
            events[key] = access_checkin_event(request.user, key if key is not None else "standing")
        except Http404:
            events[key] = DomainError(_("There is no such event among those you check journalists in at."))
    if isinstance(events[key], DomainError):
        raise events[key]
    return gate.check_in(
        presented=presented[:PRESENTED_MAX],
        nonce=nonce,
        user=request.user,
        event=events[key],
        gate=clean_gate(item.get("gate")),
        scanned_at=_scanned_at(item.get("scanned_at")),
    )


def _parsed(request: HttpRequest) -> list | JsonResponse:
    if request.content_type != "application/json":
        return _refused(_("Send the scans as JSON."), 415)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY or len(request.body) > MAX_BODY:
        return _refused(_("Too much at once: send at most %(count)s scans at a time.") % {"count": MAX_SCANS}, 413)
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _refused(_("The upload is not JSON."))
    scans = body.get("scans") if isinstance(body, dict) else None
    if not isinstance(scans, list):
        return _refused(_("The upload has no list of scans."))
    if len(scans) > MAX_SCANS:
        return _refused(_("Too much at once: send at most %(count)s scans at a time.") % {"count": MAX_SCANS}, 413)
    return scans


@require_POST
@staff_view(CHECK_IN)
def sync(request: HttpRequest) -> JsonResponse:
    scans = _parsed(request)
    if isinstance(scans, JsonResponse):
        return scans
    events: dict = {}
    answers: list[dict | gate.Scan] = []
    for item in scans:
        try:
            answers.append(_one(request, item, events))
        except signing.KeyUnavailable as error:  # not the scan's fault: the whole upload is tried again later
            return _unavailable(error)
        except DomainError as error:
            nonce = item.get("nonce") if isinstance(item, dict) and isinstance(item.get("nonce"), str) else None
            answers.append({"nonce": nonce[:64] if nonce else None, "result": INVALID, "message": str(error)})
    judged = iter(scans_data([a for a in answers if isinstance(a, gate.Scan)], request.user))
    return _json({"results": [next(judged) if isinstance(a, gate.Scan) else a for a in answers]})
