"""The files of an application, judged by their bytes and never by their names: the editor's letter and the photo.

The letter is a PDF, JPEG or PNG, at most ``ACCREDITATION_LETTER_MAX_MB``
(10). The photo is a JPEG or PNG, at most ``ACCREDITATION_PHOTO_MAX_MB`` (10),
that decodes and is at least 300 × 400 pixels. Pictures are re-encoded by the
media library's decoder (turned upright, metadata dropped) and the photo gets
a small copy for the pass and the check-in page. ``store`` writes files and
takes back what it wrote when one fails; the services call it inside the
transaction and ``discard`` what it wrote when the rows are not kept, so a
refusal or a rollback leaves no file behind.
"""

from __future__ import annotations

import io
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from pressdesk.core import files as kinds
from pressdesk.core.services import DomainError

log = logging.getLogger(__name__)

LETTER_KINDS = (kinds.PDF, kinds.JPEG, kinds.PNG)
PHOTO_KINDS = (kinds.JPEG, kinds.PNG)
MIN_PHOTO = (300, 400)  # width, height: what prints sharp at 3 × 4 cm


class Refused(DomainError):
    """A refusal about one field of the application (``field``), or about the whole of it (None)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _limit(name: str, default_mb: int) -> int:
    return int(getattr(settings, name, default_mb)) * 1024 * 1024


def letter_max_bytes() -> int:
    return _limit("ACCREDITATION_LETTER_MAX_MB", 10)


def photo_max_bytes() -> int:
    return _limit("ACCREDITATION_PHOTO_MAX_MB", 10)


# Files ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    name: str
    kind: str
    content: bytes
    small: bytes | None = None


def _read(uploaded: UploadedFile | None, field: str, limit: int, missing: str) -> tuple[str, bytes]:
    if uploaded is None:
        raise Refused(missing, field)
    name = kinds.clean_name(uploaded.name or "")
    size = kinds.size_of(uploaded)
    if size > limit:
        raise Refused(
            _("“%(name)s” is %(size)s: at most %(limit)s is accepted. Make it smaller and send it again.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            field,
        )
    content = kinds.read(uploaded)
    if not content:
        raise Refused(_("“%(name)s” is empty.") % {"name": name}, field)
    return name, content


def _image(name: str, kind: str, content: bytes, field: str) -> Upload:
    from pressdesk.publications import media  # the one decoder and re-encoder of uploaded pictures

    try:
        prepared = media.prepare_image(name, kind, content)
    except DomainError as error:
        raise Refused(str(error), field) from None
    return Upload(prepared.name, prepared.kind, prepared.content, prepared.thumbnail)


def check_letter(uploaded: UploadedFile | None) -> Upload:
    """The editor's letter: a PDF, JPEG or PNG by its bytes, whatever its name says."""
    name, content = _read(uploaded, "letter", letter_max_bytes(), _("Attach the editor's letter."))
    kind = kinds.sniff(content)
    if kind not in LETTER_KINDS:
        raise Refused(
            _("“%(name)s” is %(what)s. Send the editor's letter as a PDF, JPEG or PNG file.")
            % {"name": name, "what": kinds.describe(kind)},
            "letter",
        )
    if kind == kinds.PDF:
        return Upload(kinds.with_extension(name, kind), kind, content)
    return _image(name, kind, content, "letter")


def check_photo(uploaded: UploadedFile | None) -> Upload:
    """The holder's photo: a JPEG or PNG that decodes, at least 300 × 400 pixels; kept re-encoded."""
    name, content = _read(uploaded, "photo", photo_max_bytes(), _("Attach your photo."))
    kind = kinds.sniff(content)
    if kind not in PHOTO_KINDS:
        raise Refused(
            _("“%(name)s” is %(what)s. Send the photo as a JPEG or PNG picture.")
            % {"name": name, "what": kinds.describe(kind)},
            "photo",
        )
    upload = _image(name, kind, content, "photo")
    with Image.open(io.BytesIO(upload.content)) as picture:
        width, height = picture.size
    if width < MIN_PHOTO[0] or height < MIN_PHOTO[1]:
        raise Refused(
            _("The photo is %(width)s × %(height)s pixels: a pass needs at least %(min_w)s × %(min_h)s.")
            % {"width": width, "height": height, "min_w": MIN_PHOTO[0], "min_h": MIN_PHOTO[1]},
            "photo",
        )
    return upload


def path_for(upload: Upload, small: bool = False) -> str:
    stem = f"accreditation/{timezone.localdate().year}/{uuid.uuid4().hex}"
    return f"{stem}{'-small' if small else ''}{kinds.EXTENSIONS[upload.kind][0]}"


def store(files: list[tuple[str, bytes]]) -> bool:
    """Write the files and read each back; on failure take back what was written and say False."""
    written = []
    try:
        for name, content in files:
            stored = default_storage.save(name, ContentFile(content))
            written.append(stored)
            if stored != name:  # names are fresh UUIDs: another name means a clash nobody expects
                raise OSError(f"{name} was stored as {stored}")
            if default_storage.size(name) != len(content):
                raise OSError(f"{name} was stored with {default_storage.size(name)} of {len(content)} bytes")
    except OSError:
        log.exception("accreditation files %s could not be written", [name for name, _c in files])
        discard(written)
        return False
    return True


def discard(names: list[str]) -> None:
    """Delete stored files, as far as the storage lets us (a file left behind is logged, nothing more)."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            log.exception("accreditation file %s could not be deleted", name)
