"""Demo materials: forty texts of the city akimat at every step of the workflow, in kk and ru (some en).

Each one is played through the services the pages use (create, save_version,
submit, send_to_head, approve, publish_now, schedule, correct, withdraw …), so
revisions, the audit trail and the workflow are real; the letters those steps
would send are not sent (``notify.quiet``). The services publish only "now",
so a published material's story is then moved back to its day (see ``_shift``).
Some lead with a picture drawn here and uploaded through the media library.
A second run finds each material by its titles and adds nothing.
"""

from __future__ import annotations

import datetime
import io
import random
import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from pressdesk.core import demo as core_demo
from pressdesk.core.models import AuditEntry, Unit, User
from pressdesk.directory.models import Journalist
from pressdesk.publications import media, notify, services
from pressdesk.publications.demo_texts import PHOTOS, PIECES, TOPICS, Piece
from pressdesk.publications.models import (
    Comment,
    Correction,
    Material,
    MaterialKind,
    MaterialVersion,
    MediaAsset,
    MediaSection,
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
    _press_kit(units["almaty-akimat"], press)
    return {"materials": Material.objects.count(), "topics": Topic.objects.count()}


LOGO_NAME = "akimat-logo.png"


def _press_kit(unit: Unit, press: User) -> None:
    """A made-up emblem in the brand assets, public: the newsroom's press kit is not empty in the demo."""
    if MediaAsset.objects.filter(section=MediaSection.BRAND, original_name=LOGO_NAME).exists():
        return
    image = Image.new("RGB", (600, 600), "#005a70")
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 60, 540, 540), outline="#f2c230", width=24)
    draw.polygon([(300, 130), (440, 420), (160, 420)], fill="#f2c230")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    media.upload(
        actor=press,
        unit=unit,
        uploaded_file=SimpleUploadedFile(LOGO_NAME, buffer.getvalue(), content_type="image/png"),
        section=MediaSection.BRAND,
        alts={
            "kk": ("Алматы қаласы әкімдігінің логотипі (демо)", ""),
            "ru": ("Логотип акимата города Алматы (демо)", ""),
            "en": ("Almaty City Akimat logo (demo)", ""),
        },
        is_public=True,
    )


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
    photo = _photo(piece, author=author, unit=unit) if piece.photo else None
    with notify.quiet():
        material = _steps(piece, author=author, unit=unit, topics=topics, press=press, photo=photo)
    if piece.step in {"published", "corrected", "withdrawn"}:
        material.refresh_from_db()
        _shift(material, since=started, by=_moment(-piece.days, piece.hour) - material.published_at)
        with notify.quiet():
            _after_publication(piece, material, press=press, published=_moment(-piece.days, piece.hour))


def _steps(
    piece: Piece, *, author: User, unit: Unit, topics: dict[str, Topic], press: User, photo: MediaAsset | None
) -> Material:
    """Write the texts and the photo, advance the material, add the comments."""
    (source, first), *others = piece.texts.items()
    material = services.create(
        actor=author,
        unit=unit,
        kind=piece.kind,
        language=source,
        text=Text(*first),
        topics=[topics[slug] for slug in piece.topics],
    )
    if photo is not None:
        services.update_details(
            actor=author,
            material=material,
            kind=material.kind,
            topics=material.topics.all(),
            spokesperson=None,
            lead_image=photo,
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
    return material


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


def _after_publication(piece: Piece, material: Material, *, press: User, published: datetime.datetime) -> None:
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
    _shift(material, since=started, by=published + datetime.timedelta(days=1) - started)


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
        (MediaAsset.objects.filter(pk=material.lead_image_id), ["created_at"]),
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


def _photo(piece: Piece, *, author: User, unit: Unit) -> MediaAsset:
    """A picture drawn for the piece, uploaded to the unit's library like any photo (re-encoded, thumbnailed)."""
    scene, alts = PHOTOS[piece.photo]
    picture = SimpleUploadedFile(f"{piece.photo}.jpg", _draw(scene, seed=piece.photo), content_type="image/jpeg")
    return media.upload(actor=author, unit=unit, uploaded_file=picture, section=MediaSection.LIBRARY, alts=alts)


def _draw(scene: str, *, seed: str, size: tuple[int, int] = (1200, 675)) -> bytes:
    """A flat illustration: sky, the Trans-Ili Alatau with snow caps, and the scene's subject in front."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # sky: deep blue above, pale at the horizon
        t = y / height
        draw.line([(0, y), (width, y)], fill=(int(70 + 150 * t), int(130 + 100 * t), int(200 + 45 * t)))
    peaks = [(x, int(height * rng.uniform(0.18, 0.38))) for x in range(-100, width + 200, 180)]
    for (x, top), colour in zip(peaks, [(96, 110, 140), (84, 98, 128)] * len(peaks), strict=False):
        draw.polygon([(x - 260, int(height * 0.62)), (x, top), (x + 260, int(height * 0.62))], fill=colour)
        draw.polygon([(x - 55, top + 50), (x, top), (x + 55, top + 50)], fill=(245, 247, 250))
    ground = (236, 240, 244) if scene == "rink" else (96, 150, 84)
    draw.rectangle([0, int(height * 0.62), width, height], fill=ground)
    _SCENES[scene](draw, width, height, rng)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _bus(draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random) -> None:
    draw.rectangle([0, int(height * 0.72), width, height], fill=(70, 72, 78))  # the road
    left, top, right, bottom = 260, int(height * 0.5), 940, int(height * 0.82)
    draw.rounded_rectangle([left, top, right, bottom], radius=28, fill=(40, 160, 90))
    for x in range(left + 40, right - 80, 110):
        draw.rectangle([x, top + 30, x + 80, top + 110], fill=(200, 230, 245))
    for x in (left + 120, right - 120):
        draw.ellipse([x - 45, bottom - 45, x + 45, bottom + 45], fill=(25, 25, 28))


def _rink(draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random) -> None:
    draw.ellipse([150, int(height * 0.66), width - 150, height - 30], fill=(190, 225, 245), outline=(120, 160, 200))
    for _ in range(9):  # skaters
        x, y = rng.randint(260, width - 260), rng.randint(int(height * 0.72), height - 90)
        draw.ellipse([x - 9, y - 40, x + 9, y - 22], fill=(40, 40, 60))
        draw.rectangle([x - 8, y - 22, x + 8, y + 10], fill=rng.choice([(200, 40, 50), (40, 90, 180), (240, 170, 0)]))


def _trees(draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random) -> None:
    for row in range(3):
        y = int(height * (0.7 + 0.1 * row))
        for x in range(80 + 60 * row, width, 190):
            draw.rectangle([x - 6, y - 40, x + 6, y + 20], fill=(110, 80, 50))
            draw.ellipse([x - 45, y - 120, x + 45, y - 30], fill=(40 + 20 * row, 120 + 15 * row, 60))


def _building(
    draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random, walls: tuple = (238, 232, 220)
) -> tuple[int, int, int, int]:
    left, top, right, bottom = 240, int(height * 0.34), 960, int(height * 0.86)
    draw.rectangle([left, top, right, bottom], fill=walls, outline=(150, 140, 130), width=4)
    draw.rectangle([left - 20, top - 24, right + 20, top], fill=(170, 70, 60))
    for floor in range(3):
        y = top + 30 + floor * 100
        for x in range(left + 40, right - 60, 95):
            draw.rectangle([x, y, x + 55, y + 60], fill=(150, 195, 230))
    draw.rectangle([(left + right) // 2 - 40, bottom - 110, (left + right) // 2 + 40, bottom], fill=(120, 80, 60))
    return left, top, right, bottom


def _clinic(draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random) -> None:
    left, top, right, _bottom = _building(draw, width, height, rng, walls=(250, 250, 250))
    x, y = (left + right) // 2, top - 70
    draw.ellipse([x - 50, y - 50, x + 50, y + 50], fill=(255, 255, 255), outline=(200, 40, 50), width=6)
    draw.rectangle([x - 12, y - 34, x + 12, y + 34], fill=(200, 40, 50))
    draw.rectangle([x - 34, y - 12, x + 34, y + 12], fill=(200, 40, 50))


_SCENES = {"bus": _bus, "rink": _rink, "trees": _trees, "school": _building, "clinic": _clinic}
