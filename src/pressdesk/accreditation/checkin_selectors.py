"""What the check-in page reads: the places a gate can stand, the passes it may show, the roster, a scan as data.

A gate stands at a *post*: an event of a unit where the staff member may
check journalists in (``accreditation.check_in``), or at a building's
entrance for standing passes (no event). The writes are ``gate.check_in``;
this module only reads.

A gate may show the face of a pass (name, outlet, photo) when the pass is of
a unit where the staff member checks in, or when it is a standing pass —
those are admitted at every event, so every gate must be able to recognise
their holders. The roster is the same rule applied to a post: the event's own
passes and the standing passes valid today, or, at an entrance, the standing
passes of the staff member's units; an entrance also learns which standing
passes are other units' (``elsewhere``), to refuse them offline.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.accreditation.gate import CHECK_IN, Scan
from pressdesk.accreditation.models import Accreditation, Kind, ScanResult
from pressdesk.core.models import User
from pressdesk.core.permissions import has_perm, units_for
from pressdesk.core.services import DomainError
from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.events.models import Accreditation as EventAccreditation
from pressdesk.events.models import Event, EventStatus

STANDING = "standing"  # the post of a building's entrance, where standing passes are checked
GATE_MAX = 60


@dataclass(frozen=True)
class Post:
    """Where a gate stands: an event (or None at an entrance for standing passes) and the gate's label."""

    event: Event | None
    gate: str

    @property
    def key(self) -> str:
        return str(self.event.pk) if self.event is not None else STANDING


def checkin_events(user: User) -> QuerySet[Event]:
    """Events of the units where ``user`` may check journalists in, cancelled ones left out."""
    return Event.objects.filter(unit__in=units_for(user, CHECK_IN)).exclude(status=EventStatus.CANCELLED)


def events_today(user: User, today: datetime.date | None = None) -> list[Event]:
    """The events a gate may choose today: under way some time today (Almaty) and needing accreditation."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    return list(
        checkin_events(user)
        .filter(starts_at__lt=start + datetime.timedelta(days=1), ends_at__gt=start)
        .exclude(accreditation=EventAccreditation.NONE)
        .select_related("venue")
        .prefetch_related("translations", "venue__translations")
        .order_by("starts_at", "pk")
    )


def access_checkin_event(user: User, value: object) -> Event | None:
    """The event a gate names (``"standing"`` for none), if the user checks in at its unit; Http404 otherwise."""
    if value == STANDING:
        return None
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        raise Http404(_("There is no such event.")) from None
    event = checkin_events(user).select_related("unit").prefetch_related("translations").filter(pk=pk).first()
    if event is None:
        raise Http404(_("There is no such event."))
    return event


def clean_gate(text: object) -> str:
    """A gate's label as typed: one line, at most 60 characters; DomainError with the reason otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise DomainError(_("Name the gate (for example “Main entrance”)."))
    label = " ".join(text.split())
    if len(label) > GATE_MAX:
        raise DomainError(_("A gate's name is at most %(count)s characters.") % {"count": GATE_MAX})
    if any(unicodedata.category(char).startswith("C") for char in label):
        raise DomainError(_("A gate's name is letters, digits and spaces."))
    return label


def may_show(user: User, accreditation: Accreditation) -> bool:
    return accreditation.kind == Kind.STANDING or has_perm(user, CHECK_IN, accreditation.unit)


def access_gate_pass(user: User, pk: int) -> Accreditation:
    """A pass whose face (photo, name) the user's gate may show; Http404 otherwise (nobody learns it exists)."""
    accreditation = Accreditation.objects.select_related("application", "unit").filter(pk=pk).first()
    if accreditation is None or not has_perm(user, CHECK_IN) or not may_show(user, accreditation):
        raise Http404(_("There is no such pass."))
    return accreditation


def _faces(queryset: QuerySet[Accreditation]) -> QuerySet[Accreditation]:
    return queryset.select_related("journalist", "outlet", "application").prefetch_related("outlet__translations")


def photo_url(accreditation: Accreditation) -> str | None:
    application = accreditation.application
    if not (application.photo_small.name or application.photo.name):
        return None
    return reverse("accreditation:checkin_photo", args=[accreditation.pk])


def face(accreditation: Accreditation) -> dict:
    """What a gate shows of a pass, JSON-ready: the holder, the outlet, the photo's address, validity, status."""
    return {
        "id": accreditation.pk,
        "number": accreditation.number,
        "serial": accreditation.serial,
        "name": accreditation.journalist.full_name,
        "outlet": accreditation.outlet.name,
        "photo": photo_url(accreditation),
        "kind": accreditation.kind,
        "event": accreditation.event_id,
        "valid_from": accreditation.valid_from.isoformat(),
        "valid_until": accreditation.valid_until.isoformat(),
        "valid_until_text": ldate(accreditation.valid_until),
        "status": accreditation.status,
    }


def _standing_on(today: datetime.date) -> Q:
    return Q(kind=Kind.STANDING, valid_from__lte=today, valid_until__gte=today)


def roster(user: User, post_event: Event | None, today: datetime.date | None = None) -> list[dict]:
    """The faces a gate at ``post_event`` (None: an entrance) may need offline, by pass number."""
    today = today or timezone.localdate()
    if post_event is None:
        found = Accreditation.objects.filter(_standing_on(today), unit__in=units_for(user, CHECK_IN))
    else:
        found = Accreditation.objects.filter(_standing_on(today) | Q(kind=Kind.EVENT, event=post_event))
    return [face(accreditation) for accreditation in _faces(found).order_by("number")]


def elsewhere(user: User, post_event: Event | None, today: datetime.date | None = None) -> list[dict]:
    """At an entrance, the standing passes valid today of units the user does not check in for (id and number, no
    face): a device refuses them offline as the server does (``gate.OTHER_UNIT``). None at an event's door, where
    every unit's standing pass admits. A pass neither here nor on the roster is one the device cannot judge."""
    if post_event is not None:
        return []
    today = today or timezone.localdate()
    found = Accreditation.objects.filter(_standing_on(today)).exclude(unit__in=units_for(user, CHECK_IN))
    return [{"id": pk, "number": number} for pk, number in found.order_by("pk").values_list("pk", "number")]


def scans_data(scans: list[Scan], user: User) -> list[dict]:
    """Judged scans as the page and the sync endpoint give them; a pass's face only where the gate may show it."""
    shown = [s.accreditation.pk for s in scans if s.accreditation is not None and may_show(user, s.accreditation)]
    faces = {a.pk: face(a) for a in _faces(Accreditation.objects.filter(pk__in=shown))} if shown else {}
    answers = []
    for scan in scans:
        row = scan.check_in
        first_at = scan.first_at if row.result == ScanResult.ALREADY else None
        answers.append(
            {
                "nonce": row.nonce,
                "result": row.result,
                "refusal": row.refusal,
                "message": scan.message,
                "first_at": first_at.isoformat() if first_at else None,
                "first_time": f"{timezone.localtime(first_at):%H:%M}" if first_at else None,
                "scanned_at": row.scanned_at.isoformat(),
                "repeated": scan.repeated,
                "pass": faces.get(row.accreditation_id),
            }
        )
    return answers
