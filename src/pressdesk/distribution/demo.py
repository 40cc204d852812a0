"""Demo mailings: last week's release sent to a segment, a mailing scheduled for tomorrow, one being prepared.

The sent mailing goes through the real path (``services.start`` and the
runner) into Django's in-memory mail outbox, so its delivery log is what a
real run writes; no letter leaves the machine. A second run adds nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core.models import Unit, User
from pressdesk.directory.models import Segment
from pressdesk.distribution import sending, services, unsubscribe
from pressdesk.distribution.channels import EmailChannel
from pressdesk.distribution.models import Mailing, Subscription, UnitSettings
from pressdesk.publications.models import Material, MaterialKind


def register() -> None:
    core_demo.register_loader(load)


def load(units: dict[str, Unit]) -> dict[str, int]:
    if Mailing.objects.exists():
        return {"mailings": Mailing.objects.count()}
    press = User.objects.get(email=core_demo.demo_email("press"))
    public = Material.objects.public().filter(kind=MaterialKind.PRESS_RELEASE).order_by("-published_at")
    segment = _largest_segment(press)
    if segment is None or public.count() < 2:
        return {"mailings": 0}
    for unit in units.values():
        UnitSettings.objects.get_or_create(unit=unit, defaults={"language_order": "kk,ru,en"})
    unsubscribe.suppress(_first_address(press, segment), "releases")
    Subscription.objects.get_or_create(
        address="oqyrman@example.kz", defaults={"language": "kk", "confirmed_at": timezone.now()}
    )
    sent = services.create(actor=press, material=public[0], segment=segment)
    services.start(actor=press, mailing=sent)
    sending.run(sent.pk, channel=_outbox())
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    later = services.create(actor=press, material=public[1], segment=segment)
    services.start(actor=press, mailing=later, send_at=tomorrow.replace(hour=4, minute=0, second=0, microsecond=0))
    services.create(actor=press, material=public[1], segment=segment, attach_files=True)
    return {"mailings": Mailing.objects.count()}


def _largest_segment(actor: User) -> Segment | None:
    sizes = [(services.members(actor, s.criteria).count(), s.pk, s) for s in Segment.objects.all()]
    sizes = [entry for entry in sizes if entry[0]]
    return max(sizes)[2] if sizes else None


def _first_address(actor: User, segment: Segment) -> str:
    first = services.with_working_email(services.members(actor, segment.criteria)).order_by("pk").first()
    return first.working_email if first else "nobody@example.kz"


def _outbox() -> EmailChannel:
    channel = EmailChannel("django.core.mail.backends.locmem.EmailBackend")
    channel.open()
    return channel
