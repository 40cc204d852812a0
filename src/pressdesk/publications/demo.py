"""Demo materials: forty texts of the city akimat at every step of the workflow, in kk and ru (some en).

Each one is played through the services the pages use (create, save_version,
submit, send_to_head, approve, publish_now, schedule, correct, withdraw …), so
revisions, the audit trail and the letters to the next person are real. The
services publish only "now", so a published material's story is then moved
back to its day (see ``_shift``). A second run finds each material by its
titles and adds nothing.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core.models import AuditEntry, Unit, User
from pressdesk.directory.models import Journalist
from pressdesk.publications import services
from pressdesk.publications.demo_texts import PIECES, TOPICS, Piece
from pressdesk.publications.models import (
    Comment,
    Correction,
    Material,
    MaterialKind,
    MaterialVersion,
    Revision,
    Topic,
    TopicName,
)
from pressdesk.publications.services import Text

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
# Who approves as the head where the head must: the department's own head, else the akim.
HEADS = {"mobility": "head.mobility", "ecology": "head.ecology", "public-development": "head.public"}
# (unit, type, the head approves): a department whose news change traffic, a district trusted with its releases.
RULES = [("mobility", MaterialKind.NEWS, True), ("bostandyk", MaterialKind.PRESS_RELEASE, False)]
EMBARGO_RECIPIENTS = 6


def register() -> None:
    core_demo.register_loader(load)


def load(units: dict[str, Unit]) -> dict[str, int]:
    press = _user("press")
    topics = _topics()
    for code, kind, head in RULES:
        services.set_rule(actor=press, unit=units[code], kind=kind, head_approves=head)
    existing = set(MaterialVersion.objects.values_list("title", flat=True))
    for piece in PIECES:
        if not _titles(piece) & existing:
            _play(piece, units=units, topics=topics, press=press)
    return {"materials": Material.objects.count(), "topics": Topic.objects.count()}


def _user(local: str) -> User:
    return User.objects.get(email=core_demo.demo_email(local))


def _topics() -> dict[str, Topic]:
    topics = {}
    for slug, *names in TOPICS:
        topic, created = Topic.objects.get_or_create(slug=slug)
        if created:
            TopicName.objects.bulk_create(
                TopicName(parent=topic, language=language, name=name)
                for language, name in zip(("kk", "ru", "en"), names, strict=True)
            )
        topics[slug] = topic
    return topics


def _titles(piece: Piece) -> set[str]:
    titles = {title for title, _summary, _body in piece.texts.values()}
    return titles | ({piece.source_again[0]} if piece.source_again else set())


def _play(piece: Piece, *, units: dict[str, Unit], topics: dict[str, Topic], press: User) -> None:
    started = timezone.now()
    author, unit = _user(piece.author), units[piece.unit]
    (source, first), *others = piece.texts.items()
    material = services.create(
        actor=author,
        unit=unit,
        kind=piece.kind,
        language=source,
        text=Text(*first),
        topics=[topics[slug] for slug in piece.topics],
    )
    for language, text in others:
        services.save_version(actor=author, material=material, language=language, text=Text(*text), base_revision=None)
    if piece.source_again:
        services.save_version(
            actor=author, material=material, language=source, text=Text(*piece.source_again), base_revision=1
        )
    _advance(piece, material, author=author, press=press)
    for local, text in piece.comments:
        services.comment(actor=_user(local), material=material, text=text)
    if piece.step in {"published", "corrected", "withdrawn"}:
        material.refresh_from_db()
        _shift(material, since=started, by=_moment(-piece.days, piece.hour) - material.published_at)
        _after_publication(piece, material, press=press, since=_moment(-piece.days, piece.hour))


def _advance(piece: Piece, material: Material, *, author: User, press: User) -> None:
    """Take the material along the workflow as far as the piece's step."""
    if piece.step == "draft":
        return
    services.submit(actor=author, material=material)
    if piece.step == "returned":
        services.return_to_draft(actor=press, material=material, reason=piece.returned)
        return
    if piece.step == "in_review":
        return
    if services.head_approves(material.unit, material.kind):
        services.send_to_head(actor=press, material=material)
        if piece.step == "awaiting_approval":
            return
        services.approve(actor=_user(HEADS.get(piece.unit, "akim")), material=material)
    else:
        services.approve(actor=press, material=material)
    if piece.step == "approved":
        return
    if piece.step in {"scheduled", "embargoed"}:
        embargo = piece.step == "embargoed"
        services.schedule(actor=press, material=material, publish_at=_moment(piece.days, piece.hour), embargo=embargo)
        if embargo:
            trusted = Journalist.objects.trusted().order_by("pk")[:EMBARGO_RECIPIENTS]
            services.set_recipients(actor=press, material=material, journalists=trusted)
        return
    services.publish_now(actor=press, material=material)


def _after_publication(piece: Piece, material: Material, *, press: User, since: datetime.datetime) -> None:
    """A correction or a withdrawal, made the day after the publication."""
    if piece.step not in {"corrected", "withdrawn"}:
        return
    started = timezone.now()
    if piece.step == "corrected":
        texts = {}
        for language, (old, new) in piece.fix.items():
            title, summary, body = piece.texts[language]
            texts[language] = Text(title, summary, body.replace(old, new))
        services.correct(actor=press, material=material, texts=texts, notes=piece.notes)
    else:
        services.withdraw(actor=press, material=material, reason=piece.reason)
    _shift(material, since=started, by=since + datetime.timedelta(days=1) - started)


def _moment(days: int, hour: int) -> datetime.datetime:
    """``days`` from today (negative: ago) at ``hour`` o'clock in Almaty."""
    day = timezone.localdate(timezone=ALMATY) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ALMATY)


def _shift(material: Material, *, since: datetime.datetime, by: datetime.timedelta) -> None:
    """Move every timestamp of the material's story written since ``since`` by ``by``.

    Demo only: the services stamp "now", and a newsroom with three months of
    history needs its materials, revisions, corrections and audit entries on
    the days they would have happened, consistently with each other.
    """
    stamped = [
        (
            Material.objects.filter(pk=material.pk),
            ["created_at", "updated_at", "approved_at", "published_at", "withdrawn_at"],
        ),
        (MaterialVersion.objects.filter(parent=material), ["updated_at"]),
        (Revision.objects.filter(version__parent=material), ["created_at"]),
        (Comment.objects.filter(material=material), ["created_at"]),
        (Correction.objects.filter(material=material), ["made_at"]),
        (
            AuditEntry.objects.filter(
                target_type=ContentType.objects.get_for_model(Material), target_id=str(material.pk)
            ),
            ["at"],
        ),
    ]
    for rows, fields in stamped:
        for name in fields:
            rows.filter(**{f"{name}__gte": since}).update(**{name: F(name) + by})
