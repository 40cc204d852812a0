"""At the door: a scan of a pass (its QR token or its number typed by hand) admits once, and the revocation list.

``check_in`` takes what a gate uploads — the token or number, the event (None
at a building's gate for standing passes), the gate's label, the scan's nonce
and the device's time — and answers a ``Scan``:

* ``admitted``: the first valid scan for this event (or, with no event, for
  this gate and day);
* ``already``: a valid pass scanned before; ``first_at`` is the first scan's
  time ("already checked in at 10:52");
* ``refused`` with a code from ``REFUSALS`` (the token codes of ``signing``
  plus the pass's status, an older serial, the wrong event, or — at a
  building's entrance — a pass of a unit the staff member does not check in
  for).

A nonce seen before answers the stored result again (``repeated``) and
counts nothing: a gate that lost the answer may upload again. Only the same
scan gets it — the same pass read the same way, at the same event and gate,
by the same staff member; a nonce reused for anything else is refused
(``DomainError``), so nobody learns another scan's verdict through it. The pass's row
is locked while the scan is judged, so of two gates scanning one pass at
once exactly one admits; partial unique indexes on ``CheckIn`` stand behind
the lock on both databases.

A standing pass admits at any event and at a gate without an event; a pass
for an event admits only at that event. Validity is judged on the scan's
local day, so scans uploaded after a network drop are judged as of when
they were made. A device clock ahead of the server's is taken as now; a scan
older than ``scan_max_age_days()`` is refused (``DomainError``), not judged.

``revocation_list()`` is what a gate caches to judge offline: every pass that
is suspended, revoked or expired by status, and every re-issued pass with
its current serial (a token with a lower serial is refused), leaving out
those whose last day is past (the token itself says so).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.accreditation import signing
from pressdesk.accreditation.models import Accreditation, AccreditationStatus, CheckIn, ScanResult
from pressdesk.core.models import User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.events.models import Event

CHECK_IN = "accreditation.check_in"
CLOCK_SKEW = datetime.timedelta(minutes=5)
NONCE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
NUMBER = re.compile(r"^A-?(\d{4})-?(\d{1,7})(?:/(\d{1,5}))?$")  # A-2026-00042, or A-2026-00042/2 from the 2nd issue

UNKNOWN_PASS, REISSUED, WRONG_EVENT, OTHER_UNIT = "unknown_pass", "reissued", "wrong_event", "other_unit"
ISSUE_NEEDED = "issue_needed"
SUSPENDED, REVOKED = AccreditationStatus.SUSPENDED.value, AccreditationStatus.REVOKED.value
REFUSALS = {
    **signing.REFUSALS,
    UNKNOWN_PASS: gettext_lazy("There is no pass with this number."),
    REISSUED: gettext_lazy("This pass was replaced by a new one: ask for the new pass."),
    ISSUE_NEEDED: gettext_lazy(
        "This pass was re-issued: type the number with its issue, as printed on the pass (for example A-2026-00042/2)."
    ),
    SUSPENDED: gettext_lazy("The accreditation is suspended."),
    REVOKED: gettext_lazy("The accreditation is revoked."),
    WRONG_EVENT: gettext_lazy("The pass is for another event."),
    OTHER_UNIT: gettext_lazy("The pass was issued by another unit: it is checked at that unit's entrances."),
}


def scan_max_age_days() -> int:
    """How old an uploaded scan may be (``ACCREDITATION_SCAN_MAX_AGE_DAYS``, 2): a device offline longer than that
    should not write yesterday's admissions, judged on a day whose passes have since changed, into the record."""
    return int(getattr(settings, "ACCREDITATION_SCAN_MAX_AGE_DAYS", 2))


@dataclass(frozen=True)
class Scan:
    check_in: CheckIn
    accreditation: Accreditation | None
    first_at: datetime.datetime | None = None  # the admitting scan, when this one is "already"
    repeated: bool = False  # the nonce had been uploaded before: nothing new was counted

    @property
    def result(self) -> str:
        return self.check_in.result

    @property
    def refusal(self) -> str:
        return self.check_in.refusal

    @property
    def message(self) -> str:
        if self.result == ScanResult.ADMITTED:
            return _("Valid: admitted.")
        if self.result == ScanResult.ALREADY:
            return _("Already checked in at %(time)s.") % {"time": f"{timezone.localtime(self.first_at):%H:%M}"}
        return str(REFUSALS.get(self.refusal, REFUSALS[signing.MALFORMED]))


def _answer(check_in: CheckIn, *, repeated: bool = False) -> Scan:
    first = None
    if check_in.result == ScanResult.ALREADY:
        first = _admitted(check_in.accreditation, check_in.event, check_in.gate, check_in.day).first()
    return Scan(check_in, check_in.accreditation, first.scanned_at if first else check_in.scanned_at, repeated=repeated)


def _admitted(accreditation: Accreditation | None, event: Event | None, gate: str, day: datetime.date):
    scope = Q(event=event) if event is not None else Q(event__isnull=True, gate=gate, day=day)
    return CheckIn.objects.filter(scope, accreditation=accreditation, result=ScanResult.ADMITTED)


def _read(presented: str, day: datetime.date) -> tuple[int | None, str | None, int | None, str]:
    """(pass id, pass number, serial, refusal) from what the gate read; ids None when nothing could be read.

    A number typed by hand has no pass id, and its serial is the issue typed after "/" (None without one).
    """
    text = presented.strip()
    if match := NUMBER.match(text.upper().replace(" ", "")):
        issue = int(match.group(3)) if match.group(3) else None
        return None, f"A-{match.group(1)}-{int(match.group(2)):05d}", issue, ""
    try:
        payload = signing.verify(text, today=day)
    except signing.TokenRefused as refused:
        try:
            payload = signing.decode(text)[0]
        except signing.TokenRefused:
            return None, None, None, refused.code
        # A genuine but expired token still names its pass; a forged one names nothing we trust.
        if refused.code in (signing.EXPIRED, signing.NOT_YET_VALID):
            return payload.pass_id, payload.number, payload.serial, refused.code
        return None, None, None, refused.code
    return payload.pass_id, payload.number, payload.serial, ""


def _judge(row: CheckIn, accreditation: Accreditation, dated: str = "") -> str:
    """The refusal code for the pass a scan found, or "". ``dated``: the genuine token's own refusal by its dates,
    which yields to the pass's status and to a newer issue (a card printed for an event's old date is "replaced").
    The order is checkin-verify.js's too."""
    serial, event, day = row.serial, row.event, row.day
    if accreditation.status in (AccreditationStatus.SUSPENDED, AccreditationStatus.REVOKED):
        return accreditation.status
    if serial is not None and serial < accreditation.serial:
        return REISSUED
    if serial is None and accreditation.serial > 1:  # a number typed without the issue a re-issued card prints
        return ISSUE_NEEDED
    if serial is not None and serial > accreditation.serial:  # typed: an issue never printed
        return UNKNOWN_PASS
    if dated:
        return dated
    if accreditation.status == AccreditationStatus.EXPIRED or day > accreditation.valid_until:
        return signing.EXPIRED
    if day < accreditation.valid_from:
        return signing.NOT_YET_VALID
    if accreditation.event_id is not None and (event is None or accreditation.event_id != event.pk):
        return WRONG_EVENT
    if event is None and not has_perm(row.by, CHECK_IN, accreditation.unit):
        return OTHER_UNIT  # a building's entrance admits the standing passes of its own units
    return ""


def check_in(
    *,
    presented: str,
    nonce: str,
    user: User,
    event: Event | None = None,
    gate: str = "",
    scanned_at: datetime.datetime | None = None,
) -> Scan:
    """Judge one scan and record it once; raises DomainError only for a request no gate should send."""
    if not NONCE.match(nonce or ""):
        raise DomainError(_("Each scan needs its own code (8 to 64 letters, digits, - or _)."))
    if not has_perm(user, CHECK_IN, event.unit if event is not None else None):
        raise DomainError(_("Your roles do not allow checking journalists in here."))
    now = timezone.now()
    if scanned_at is None or timezone.is_naive(scanned_at) or scanned_at > now + CLOCK_SKEW:
        scanned_at = now
    if scanned_at < now - datetime.timedelta(days=(days := scan_max_age_days())):
        raise DomainError(
            _("This scan was made more than %(days)s days ago: it is too old to be counted.") % {"days": days}
        )
    day = timezone.localdate(scanned_at)
    gate = (gate or "").strip()[:60]
    pass_id, number, serial, refusal = _read(presented or "", day)
    row = CheckIn(
        event=event,
        gate=gate,
        day=day,
        scanned_at=scanned_at,
        received_at=now,
        nonce=nonce,
        by=user,
        presented=(number or (presented or "").strip())[:40],
        serial=serial,
    )
    if (earlier := _earlier(row)) is not None:
        return earlier
    try:
        with transaction.atomic():
            return _record(row, pass_id, number, refusal)
    except IntegrityError:  # the same nonce uploaded twice at once: the other upload recorded it
        if (earlier := _earlier(row)) is None:
            raise
        return earlier


def _earlier(row: CheckIn) -> Scan | None:
    """The stored answer when ``row``'s nonce was uploaded before for this very scan; DomainError for another."""
    earlier = CheckIn.objects.filter(nonce=row.nonce).select_related("accreditation", "event").first()
    if earlier is None:
        return None
    same = (earlier.presented, earlier.serial, earlier.event_id, earlier.gate, earlier.by_id) == (
        row.presented,
        row.serial,
        row.event_id,
        row.gate,
        row.by_id,
    )
    if not same:
        raise DomainError(_("This scan code was already used for another pass: enter the pass again."))
    return _answer(earlier, repeated=True)


def _record(row: CheckIn, pass_id: int | None, number: str | None, refusal: str) -> Scan:
    found = Accreditation.objects.select_for_update(of=("self",))
    found = found.filter(pk=pass_id) if pass_id is not None else found.filter(number=number or "")
    accreditation = found.first() if (pass_id is not None or number) else None
    if accreditation is not None and number and accreditation.number != number:
        accreditation = None
    if accreditation is None:
        row.result, row.refusal = ScanResult.REFUSED, refusal or UNKNOWN_PASS
        row.save()
        return Scan(row, None)
    row.accreditation = accreditation
    row.refusal = _judge(row, accreditation, dated=refusal)
    if row.refusal:
        row.result = ScanResult.REFUSED
        row.save()
        return Scan(row, accreditation)
    first = _admitted(accreditation, row.event, row.gate, row.day).first()
    row.result = ScanResult.ALREADY if first is not None else ScanResult.ADMITTED
    row.save()
    return Scan(row, accreditation, first.scanned_at if first else row.scanned_at)


def revocation_list(*, today: datetime.date | None = None) -> dict:
    """What a gate caches to judge passes offline (see the module's docstring).

    ``version`` is a digest of the passes listed, so it changes exactly when the list does — whatever order the
    changes committed in (a counter read from the history could miss a change that committed after a later one).
    """
    today = today or timezone.localdate()
    refused = Q(status__in=[AccreditationStatus.SUSPENDED, AccreditationStatus.REVOKED, AccreditationStatus.EXPIRED])
    rows = (
        Accreditation.objects.filter(refused | Q(serial__gt=1), valid_until__gte=today)
        .order_by("pk")
        .values("pk", "number", "serial", "status")
    )
    passes = [
        {"id": row["pk"], "number": row["number"], "serial": row["serial"], "status": row["status"]} for row in rows
    ]
    content = json.dumps(passes, separators=(",", ":"), sort_keys=True).encode()
    return {
        "version": hashlib.sha256(content).hexdigest()[:32],
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "passes": passes,
    }
