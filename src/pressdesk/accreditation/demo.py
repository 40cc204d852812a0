"""Demo accreditation at the city akimat: applications in every state, passes valid, re-issued, suspended,
revoked and expired, per-event passes for the coming press conference, and a morning's scans at the door.

Twenty journalists of the demo directory (those with a current job at an
open outlet, the same ones on every run) apply through ``services`` like the
portal does, each with a drawn silhouette for a photo and a one-page letter
from the editor. The press service grants, refuses, suspends and revokes
through the services too. The services refuse the past, so what happened
months ago is done today and then moved back with everything stamped on the
way (``_back``). Every letter counts as sent (its claim taken), so nobody is
written to. The press conference of the coming month is marked as needing
accreditation of its own. A second run finds the applicants' applications and
adds nothing.
"""

from __future__ import annotations

import datetime
import io

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from pressdesk.accreditation import changes, gate, services, signing
from pressdesk.accreditation.models import Accreditation, Application, CheckIn, HistoryEntry, Kind
from pressdesk.core import demo as core_demo
from pressdesk.core.models import AuditEntry, Unit, User
from pressdesk.directory.models import Position
from pressdesk.directory.models.outlets import OutletStatus
from pressdesk.events.models import Accreditation as EventAccreditation
from pressdesk.events.models import Event, EventText

HOME = "almaty-akimat"
# Coming events of the events' demo (by their Kazakh topic) that ask for accreditation of their own.
PER_EVENT_TOPICS = ["Қаланың бірінші тоқсандағы дамуы", "Жаңа автобус паркіне баспасөз туры"]
DAY = datetime.timedelta(days=1)
# What happens to each applicant, in order; a number is how many days ago it was granted or sent.
STORY = [
    ("granted", 200),
    ("granted", 150),
    ("granted", 120),
    ("granted", 90),
    ("granted", 40),
    ("granted", 10),
    ("reissued", 170),
    ("suspended", 130),
    ("revoked", 240),
    ("expired", 400),
    ("expired", 380),
    ("event_granted", 3),
    ("event_submitted", 1),
    ("submitted", 14),  # overdue whatever the weekday: five working days never span two weeks, holidays and all
    ("submitted", 1),
    ("in_review", 4),
    ("in_review", 2),
    ("rejected:incomplete_documents", 30),
    ("rejected:not_outlet_journalist", 60),
    ("withdrawn", 20),
]


def register() -> None:
    core_demo.register_loader(load)


def _user(local: str) -> User:
    return User.objects.get(email=core_demo.demo_email(local))


def silhouette(number: int) -> bytes:
    """A drawn head and shoulders on a pale background: a photo for a fictional person."""
    backgrounds = [(214, 226, 240), (226, 236, 221), (240, 230, 214), (232, 222, 240)]
    image = Image.new("RGB", (360, 480), backgrounds[number % len(backgrounds)])
    draw = ImageDraw.Draw(image)
    shade = (70 + number * 7 % 60, 80, 95)
    draw.ellipse((120, 90, 240, 230), fill=shade)
    draw.ellipse((50, 260, 310, 560), fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def editor_letter() -> bytes:
    from weasyprint import HTML

    from pressdesk.publications.bulletin_pdf import LocalOnlyFetcher

    html = (
        '<html lang="kk"><body style="font-family: DejaVu Sans"><p>Бас редакторға</p>'
        "<p>Редакция тілшімізді Алматы қаласы әкімдігінде аккредиттеуді сұрайды.</p>"
        "<p>Бас редактор (демо)</p></body></html>"
    )
    return HTML(string=html, url_fetcher=LocalOnlyFetcher()).write_pdf()


def _applicants() -> list:
    """(journalist, outlet) for the first twenty present journalists with a job at an open outlet."""
    jobs = (
        Position.objects.filter(
            until__isnull=True,
            outlet__status=OutletStatus.ACTIVE,
            journalist__erased_at__isnull=True,
            journalist__merged_into__isnull=True,
        )
        .select_related("journalist", "outlet")
        .order_by("journalist_id", "pk")
    )
    chosen: dict[int, tuple] = {}
    for job in jobs:
        chosen.setdefault(job.journalist_id, (job.journalist, job.outlet, job.title))
        if len(chosen) == len(STORY):
            break
    return list(chosen.values())


def _events() -> list[Event]:
    ids = EventText.objects.filter(language="kk", title__in=PER_EVENT_TOPICS).values_list("parent", flat=True)
    events = list(Event.objects.filter(pk__in=ids, starts_at__gt=timezone.now()).order_by("starts_at"))
    # Demo only: the events' demo plans none that asks for accreditation; these two do.
    Event.objects.filter(pk__in=[e.pk for e in events]).update(accreditation=EventAccreditation.PER_EVENT)
    for event in events:
        event.accreditation = EventAccreditation.PER_EVENT
    return events


@transaction.atomic
def load(units: dict[str, Unit]) -> dict[str, int]:
    signing.ensure_key()  # the demo's passes are signed; a real office makes its key with `rotate-key`
    applicants = _applicants()
    if Application.objects.filter(journalist__in=[a[0] for a in applicants]).exists():
        return _counts()
    officer, secretary = _user("officer.omarov"), _user("press")
    events = _events()
    letter = editor_letter()
    started = timezone.now()
    for number, ((journalist, outlet, title), (fate, days)) in enumerate(zip(applicants, STORY, strict=False)):
        if fate.startswith("event") and not events:
            continue
        application = services.application_submit(
            journalist=journalist,
            outlet=outlet,
            kind=Kind.EVENT if fate.startswith("event") else Kind.STANDING,
            unit=units[HOME],
            event=events[0] if fate.startswith("event") else None,
            letter=SimpleUploadedFile("hat.pdf", letter),
            photo=SimpleUploadedFile("foto.jpg", silhouette(number)),
            consent=True,
            position=title,
        )
        _decide(application, fate, officer, secretary)
        if fate not in ("event_granted", "event_submitted"):
            _back(application, days * DAY, since=started)
    changes.expire_due()
    _scans(officer)
    # Nobody is written to: every letter of the demo counts as sent.
    HistoryEntry.objects.filter(notified_at__isnull=True).update(notified_at=timezone.now())
    Application.objects.filter(notified_at__isnull=True).update(notified_at=timezone.now())
    return _counts()


def _decide(application: Application, fate: str, officer: User, secretary: User) -> None:
    if fate in ("submitted", "event_submitted"):
        return
    if fate == "withdrawn":
        services.application_withdraw(
            actor=officer, application=application, note="Редакция хатпен өтінімді қайтарып алды."
        )
        return
    services.application_start_review(actor=officer, application=application)
    if fate == "in_review":
        return
    if fate.startswith("rejected:"):
        reason = fate.removeprefix("rejected:")
        note = "Өтініш берушінің аты редакция штатында жоқ." if reason == "not_outlet_journalist" else ""
        services.application_reject(actor=officer, application=application, reason=reason, note=note)
        return
    accreditation = services.application_approve(actor=officer, application=application)
    if fate == "reissued":
        changes.accreditation_reissue(actor=officer, accreditation=accreditation, note="Рұқсаттама жоғалды.")
    elif fate == "suspended":
        changes.accreditation_suspend(
            actor=officer, accreditation=accreditation, ground="editor_request", note="Редакцияның хаты бойынша."
        )
    elif fate == "revoked":
        changes.accreditation_revoke(
            actor=secretary,
            accreditation=accreditation,
            ground="repeated_breach",
            note="Брифинг кезінде екі рет тәртіп бұзды: ескертулер хаттамада.",
        )


def _back(application: Application, by: datetime.timedelta, *, since: datetime.datetime) -> None:
    """Move what was stamped since ``since`` on the application, its pass and their trail ``by`` into the past."""
    days = by.days * DAY
    Application.objects.filter(pk=application.pk).update(
        submitted_at=F("submitted_at") - by,
        consent_at=F("consent_at") - by,
        requested_from=F("requested_from") - days,
        requested_until=F("requested_until") - days,
    )
    # The deadline counts working days from the submission, so it is counted again, not moved by calendar days:
    # nine days back from a Saturday is not nine days back from a Monday.
    application.refresh_from_db(fields=["submitted_at"])
    Application.objects.filter(pk=application.pk).update(
        review_due=services.review_due(application.submitted_at, application.event)
    )
    Application.objects.filter(pk=application.pk, decided_at__isnull=False).update(decided_at=F("decided_at") - by)
    passes = Accreditation.objects.filter(application=application)
    passes.update(
        valid_from=F("valid_from") - days,
        valid_until=F("valid_until") - days,
        issued_at=F("issued_at") - by,
        changed_at=F("changed_at") - by,
    )
    # Later changes (a re-issue, a suspension) came some weeks after the grant, not on the same day.
    entries = HistoryEntry.objects.filter(accreditation__in=passes)
    entries.update(at=F("at") - by)
    entries.exclude(change="issued").update(at=F("at") + min(by, 30 * DAY))
    for model, ids in ((Application, [application.pk]), (Accreditation, list(passes.values_list("pk", flat=True)))):
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(model), target_id__in=[str(pk) for pk in ids], at__gte=since
        ).update(at=F("at") - by)


def _scans(officer: User) -> None:
    """Yesterday morning at the main entrance: three journalists came, one twice, and a revoked pass was refused."""
    yesterday = timezone.localdate() - DAY
    morning = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(9, 40)))
    active = list(Accreditation.objects.valid_on(yesterday).filter(kind=Kind.STANDING).order_by("pk")[:3])
    revoked = Accreditation.objects.filter(status="revoked").first()
    scanned = [*active, active[0], *([revoked] if revoked else [])] if active else []
    for minute, accreditation in enumerate(scanned):
        gate.check_in(
            presented=signing.token_for(accreditation),
            nonce=f"demo-{accreditation.number}-{minute}",
            user=officer,
            gate="Бас кіреберіс",
            scanned_at=morning + minute * 7 * datetime.timedelta(minutes=1),
        )


def _counts() -> dict[str, int]:
    return {
        "accreditation applications": Application.objects.count(),
        "accreditations": Accreditation.objects.count(),
        "check-ins": CheckIn.objects.count(),
    }
