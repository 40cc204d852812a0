"""The media library's writes: upload, describe, remove; and which files a person may attach.

A file is judged by its content (``core.files.sniff`` and, for images, a full
Pillow decode), never by its name or the type the browser declared. Images are
kept re-encoded: turned upright by their EXIF orientation, then saved without
EXIF, XMP, comments or whatever was appended after the picture; a thumbnail is
made beside them. Documents are kept as they came.

Files are written to storage only when the transaction that registers them
commits, so a refusal or a rollback leaves neither a row nor a file; if the
write itself fails, the row is taken back out and nothing half-stored stays.
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps

from pressdesk.core import audit
from pressdesk.core import files as kinds
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm, units_for
from pressdesk.core.services import DomainError
from pressdesk.publications.models import Material, MediaAlt, MediaAsset, MediaSection

log = logging.getLogger(__name__)

VIEW, WRITE = "publications.view", "publications.write"
IMAGE_KINDS = (kinds.JPEG, kinds.PNG, kinds.WEBP, kinds.GIF)
DOCUMENT_KINDS = (kinds.PDF, kinds.DOCX, kinds.XLSX, kinds.PPTX, kinds.ODT, kinds.TXT)
ACCEPT = ",".join(ext for kind in (*IMAGE_KINDS, *DOCUMENT_KINDS) for ext in kinds.EXTENSIONS[kind])
THUMBNAIL_BOX = (480, 480)
# A GIF is kept as its first frame, losslessly as PNG; the other formats stay what they were.
_SAVED_AS = {kinds.JPEG: kinds.JPEG, kinds.PNG: kinds.PNG, kinds.WEBP: kinds.WEBP, kinds.GIF: kinds.PNG}
_PILLOW_FORMATS = {kinds.JPEG: "JPEG", kinds.PNG: "PNG", kinds.WEBP: "WEBP", kinds.GIF: "GIF"}
_SAVE_OPTIONS = {
    kinds.JPEG: {"quality": 88, "optimize": True},
    kinds.PNG: {"optimize": True},
    kinds.WEBP: {"quality": 88},
}


class Refused(DomainError):
    """A refusal about one field of the upload form (``field``), or about the whole upload (None)."""

    def __init__(self, message: str, field: str | None = "file"):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Prepared:
    """A checked upload, ready to be stored: the bytes to keep and, for an image, its thumbnail."""

    name: str
    kind: str
    content: bytes
    thumbnail: bytes | None = None
    width: int | None = None
    height: int | None = None

    @property
    def is_image(self) -> bool:
        return self.kind in IMAGE_KINDS


def max_bytes() -> int:
    return int(settings.MEDIA_UPLOAD_MAX_MB) * 1024 * 1024


def accepted_formats() -> str:
    return _("Photos: JPEG, PNG, WebP or GIF. Documents: PDF, DOCX, XLSX, PPTX, ODT or plain text.")


# Checking a file ------------------------------------------------------------------------------------------------


def prepare(uploaded_file: UploadedFile) -> Prepared:
    """Read and check an upload; raises Refused saying what the file is and what is accepted."""
    name = kinds.clean_name(uploaded_file.name or "")
    size = kinds.size_of(uploaded_file)
    if size > max_bytes():
        raise Refused(
            _("“%(name)s” is %(size)s: a file may be at most %(limit)s. Make it smaller and upload it again.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    content = kinds.read(uploaded_file)
    if not content:
        raise Refused(_("“%(name)s” is empty.") % {"name": name})
    kind = kinds.sniff(content)
    if kind in IMAGE_KINDS:
        return prepare_image(name, kind, content)
    if kind in DOCUMENT_KINDS:
        return Prepared(name=kinds.with_extension(name, kind), kind=kind, content=content)
    raise Refused(
        _("“%(name)s” is %(what)s, which the library does not keep. %(accepted)s")
        % {"name": name, "what": kinds.describe(kind), "accepted": accepted_formats()}
    )


def prepare_image(name: str, kind: str, content: bytes) -> Prepared:
    limit = int(settings.MEDIA_IMAGE_MAX_PIXELS)
    too_big = _(
        "“%(name)s” is too large a picture: at most %(limit)s megapixels are accepted. Reduce it and upload it again."
    ) % {"name": name, "limit": f"{limit / 1_000_000:g}"}
    # WeasyPrint, once imported, tells Pillow to accept truncated images process-wide. An upload must be
    # whole; what WeasyPrint draws comes from this library, already re-encoded, so strict is right for both.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        # Only the decoder of the format the bytes announced; Pillow refuses pictures far beyond its own limit.
        with Image.open(io.BytesIO(content), formats=[_PILLOW_FORMATS[kind]]) as source:
            if source.width * source.height > limit:
                raise Refused(too_big)
            source.load()
            image = _upright_and_bare(source, _SAVED_AS[kind])
    except Image.DecompressionBombError:
        raise Refused(too_big) from None
    except (OSError, SyntaxError, ValueError, EOFError):  # Pillow's words for a damaged or truncated file
        raise Refused(
            _("“%(name)s” looks like %(what)s but cannot be read: it may be damaged or cut short. Export it again.")
            % {"name": name, "what": kinds.describe(kind)}
        ) from None
    saved_as = _SAVED_AS[kind]
    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_BOX, Image.Resampling.LANCZOS)
    return Prepared(
        name=kinds.with_extension(name, saved_as),
        kind=saved_as,
        content=_encode(image, saved_as),
        thumbnail=_encode(thumbnail, saved_as),
        width=image.width,
        height=image.height,
    )


def _upright_and_bare(source: Image.Image, saved_as: str) -> Image.Image:
    """The picture turned as its EXIF says, in a mode the output format takes, with no metadata but its colours."""
    icc_profile = source.info.get("icc_profile")
    has_alpha = source.mode in ("RGBA", "LA", "PA") or "transparency" in source.info
    image = ImageOps.exif_transpose(source)
    if saved_as == kinds.JPEG:
        wanted = image.mode if image.mode in ("RGB", "L") else "RGB"
    elif saved_as == kinds.PNG and image.mode in ("1", "L", "LA", "RGB", "RGBA", "I", "I;16"):
        wanted = image.mode
    else:
        wanted = "RGBA" if has_alpha else "RGB"
    if wanted != image.mode:
        # A colour profile describes the old mode (CMYK, a palette…), not the converted pixels.
        image, icc_profile = image.convert(wanted), None
    image.info = {"icc_profile": icc_profile} if icc_profile else {}
    return image


def _encode(image: Image.Image, kind: str) -> bytes:
    buffer = io.BytesIO()
    options = dict(_SAVE_OPTIONS[kind])
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    image.save(buffer, format=_PILLOW_FORMATS[kind], **options)
    return buffer.getvalue()


def _language_name(code: str) -> str:
    return get_language_info(code)["name_translated"]


def clean_texts(alts: dict[str, tuple[str, str]], *, image: bool) -> dict[str, tuple[str, str]]:
    """The texts per language, trimmed; a text alternative (a title for a document) in Kazakh is required."""
    languages = {code for code, _name in settings.LANGUAGES}
    cleaned = {}
    for language, (alt, caption) in alts.items():
        if language not in languages:
            raise Refused(_("There is no language “%(code)s” here.") % {"code": language}, field=None)
        alt, caption = (alt or "").strip(), (caption or "").strip()
        if caption and not alt:
            raise Refused(
                _("A caption in %(language)s needs a text alternative in that language too.")
                % {"language": _language_name(language)},
                field=f"alt_{language}",
            )
        for field, text in ((f"alt_{language}", alt), (f"caption_{language}", caption)):
            if len(text) > 300:
                raise Refused(_("At most 300 characters."), field=field)
        if alt:
            cleaned[language] = (alt, caption)
    main = settings.LANGUAGE_CODE
    if main not in cleaned:
        message = (
            _("Say in %(language)s what the picture shows: people who cannot see it hear this text.")
            if image
            else _("Give the document a title in %(language)s.")
        )
        raise Refused(message % {"language": _language_name(main)}, field=f"alt_{main}")
    return cleaned


# Writes ---------------------------------------------------------------------------------------------------------


def upload(
    *,
    actor: User,
    unit: Unit,
    uploaded_file: UploadedFile,
    section: str,
    alts: dict[str, tuple[str, str]],
    is_public: bool = False,
) -> MediaAsset:
    """Check the file and keep it in the unit's library; the files are written when the transaction commits."""
    if not has_perm(actor, WRITE, unit):
        raise Refused(_("You may not add files to this unit's library."), field=None)
    if section not in MediaSection.values:
        raise Refused(_("Choose a section of the library."), field="section")
    if is_public and section != MediaSection.BRAND:
        raise Refused(
            _("Only brand assets may be downloaded by anyone; a photo or document is public with its material."),
            field="is_public",
        )
    prepared = prepare(uploaded_file)
    texts = clean_texts(alts, image=prepared.is_image)
    outcome: dict[str, bool] = {}
    with transaction.atomic():
        asset = _register(actor, unit, section, is_public, prepared, texts)
        transaction.on_commit(lambda: outcome.update(stored=_store(asset, prepared)))
    if outcome.get("stored") is False:
        raise Refused(_("The file could not be stored. Try again; if it fails again, tell the administrator."))
    return asset


def _register(
    actor: User, unit: Unit, section: str, is_public: bool, prepared: Prepared, texts: dict[str, tuple[str, str]]
) -> MediaAsset:
    stem = f"{timezone.localdate().year}/{uuid.uuid4().hex}{kinds.EXTENSIONS[prepared.kind][0]}"
    asset = MediaAsset.objects.create(
        unit=unit,
        section=section,
        file=f"library/{stem}",
        thumbnail=f"library/thumbs/{stem}" if prepared.thumbnail is not None else "",
        original_name=prepared.name,
        content_type=kinds.CONTENT_TYPES[prepared.kind],
        size=len(prepared.content),
        width=prepared.width,
        height=prepared.height,
        sha256=hashlib.sha256(prepared.content).hexdigest(),
        is_public=is_public,
        uploaded_by=actor,
    )
    MediaAlt.objects.bulk_create(
        MediaAlt(parent=asset, language=language, alt=alt, caption=caption)
        for language, (alt, caption) in texts.items()
    )
    after = audit.snapshot(asset, ["section", "original_name", "content_type", "size", "sha256", "is_public"])
    audit.record(
        actor=actor, action="publications.media.uploaded", target=asset, unit=unit, after={**after, "texts": texts}
    )
    return asset


def _store(asset: MediaAsset, prepared: Prepared) -> bool:
    """Write the file and its thumbnail; on failure take back what was written and the row itself."""
    storage = asset.file.storage
    written: list[str] = []
    try:
        for field, content in (("file", prepared.content), ("thumbnail", prepared.thumbnail)):
            if content is None:
                continue
            name = getattr(asset, field).name
            stored = storage.save(name, ContentFile(content))
            written.append(stored)
            if stored != name:
                MediaAsset.objects.filter(pk=asset.pk).update(**{field: stored})
                setattr(asset, field, stored)
    except OSError:
        log.exception("Media file %s of unit %s could not be written", asset.pk, asset.unit_id)
        _delete_files(storage, written)
        audit.record(
            actor=None,
            action="publications.media.removed",
            target=asset,
            unit=asset.unit,
            note="The file could not be written to the storage.",
        )
        MediaAsset.objects.filter(pk=asset.pk).delete()
        return False
    return True


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            log.exception("Media file %s could not be deleted", name)


def _require_write(actor: User, asset: MediaAsset) -> None:
    if not has_perm(actor, WRITE, asset.unit):
        raise Refused(_("You may not change files of this unit's library."), field=None)


def _texts_of(asset: MediaAsset) -> dict[str, tuple[str, str]]:
    return {row.language: (row.alt, row.caption) for row in asset.translations.all()}


@transaction.atomic
def describe(
    *, actor: User, asset: MediaAsset, alts: dict[str, tuple[str, str]], is_public: bool | None = None
) -> MediaAsset:
    """Replace the texts of a file; a language left empty loses its text. A brand asset may be made public or not."""
    asset = MediaAsset.objects.select_for_update().select_related("unit").get(pk=asset.pk)
    _require_write(actor, asset)
    texts = clean_texts(alts, image=asset.is_image)
    if is_public and asset.section != MediaSection.BRAND:
        raise Refused(_("Only brand assets may be downloaded by anyone."), field="is_public")
    before = {"texts": _texts_of(asset), "is_public": asset.is_public}
    asset.translations.exclude(language__in=texts).delete()
    for language, (alt, caption) in texts.items():
        MediaAlt.objects.update_or_create(parent=asset, language=language, defaults={"alt": alt, "caption": caption})
    if is_public is not None and is_public != asset.is_public:
        asset.is_public = is_public
        asset.save(update_fields=["is_public"])
    after = {"texts": _texts_of(asset), "is_public": asset.is_public}
    if before != after:
        audit.record(
            actor=actor,
            action="publications.media.described",
            target=asset,
            unit=asset.unit,
            before=before,
            after=after,
        )
    return asset


def used_by(asset: MediaAsset) -> QuerySet[Material]:
    """The materials that show the file as their main photo or carry it as an attachment."""
    return Material.objects.filter(Q(lead_image=asset) | Q(pk__in=asset.materials.values("pk")))


@transaction.atomic
def remove(*, actor: User, asset: MediaAsset) -> None:
    """Take a file out of the library; refused while a material uses it. The files go when the removal commits."""
    asset = MediaAsset.objects.select_for_update().select_related("unit").get(pk=asset.pk)
    _require_write(actor, asset)
    users = used_by(asset)
    if count := users.count():
        # Only titles the user may read: another unit's draft is not named, only counted.
        seen = users.filter(unit__in=units_for(actor, "publications.view")).prefetch_related("translations")[:5]
        titles = ", ".join(f"“{m}”" for m in seen) or "…"
        raise Refused(
            ngettext(
                "The file is used by %(count)d material (%(titles)s). Take it out of the material first.",
                "The file is used by %(count)d materials (%(titles)s). Take it out of them first.",
                count,
            )
            % {"count": count, "titles": titles},
            field=None,
        )
    before = {
        **audit.snapshot(asset, ["section", "original_name", "content_type", "size", "sha256", "is_public", "file"]),
        "texts": _texts_of(asset),
    }
    audit.record(actor=actor, action="publications.media.removed", target=asset, unit=asset.unit, before=before)
    names = [name for name in (asset.file.name, asset.thumbnail.name) if name]
    storage = asset.file.storage
    asset.delete()
    transaction.on_commit(lambda: _delete_files(storage, names))


# Reads ----------------------------------------------------------------------------------------------------------


def visible_to(user: User) -> QuerySet[MediaAsset]:
    """The files of every unit whose materials the user may see."""
    return MediaAsset.objects.filter(unit__in=units_for(user, VIEW))


def choices_for(user: User, *, images_only: bool = False) -> QuerySet[MediaAsset]:
    """The files a user may attach to a material (the same rule ``services.update_details`` checks)."""
    assets = visible_to(user).prefetch_related("translations")
    return assets.images() if images_only else assets
