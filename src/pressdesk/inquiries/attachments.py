"""Files that come with a media request: what is accepted (by content, not by name), and how they are kept.

A file is accepted when its first bytes say it is one of the allowed kinds and its name's extension
agrees: PDF, DOCX, XLSX, ODT, JPEG, PNG or plain text. Limits are settings
(``INQUIRY_ATTACHMENT_MAX_MB``, ``INQUIRY_ATTACHMENT_MAX_FILES``).

Files are written to storage only after the transaction that registers them commits
(``transaction.on_commit``): a rolled-back request — by an error of its own or of an
enclosing transaction — never leaves a file behind. The cost is a row whose file could not
be written (a full disk after the commit); that is logged and noted on the request, and the
download says the file is missing, rather than an orphan nobody knows about.
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pressdesk.core.services import DomainError
from pressdesk.inquiries.models import Attachment, Inquiry, Note

log = logging.getLogger(__name__)

PDF, DOCX, XLSX, ODT, JPEG, PNG, TXT = "pdf", "docx", "xlsx", "odt", "jpeg", "png", "txt"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ODT: "application/vnd.oasis.opendocument.text",
    JPEG: "image/jpeg",
    PNG: "image/png",
    TXT: "text/plain",
}
EXTENSIONS = {
    PDF: {".pdf"},
    DOCX: {".docx"},
    XLSX: {".xlsx"},
    ODT: {".odt"},
    JPEG: {".jpg", ".jpeg"},
    PNG: {".png"},
    TXT: {".txt"},
}
ACCEPT = ",".join(sorted(ext for exts in EXTENSIONS.values() for ext in exts))


def max_bytes() -> int:
    return int(getattr(settings, "INQUIRY_ATTACHMENT_MAX_MB", 10)) * 1024 * 1024


def max_files() -> int:
    return int(getattr(settings, "INQUIRY_ATTACHMENT_MAX_FILES", 5))


@dataclass(frozen=True)
class Checked:
    name: str
    content: bytes
    kind: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _zip_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == CONTENT_TYPES[ODT].encode():
                return ODT
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        return None
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return DOCX
        if any(n.startswith("xl/") for n in names):
            return XLSX
    return None


def _is_text(content: bytes) -> bool:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            content.decode("utf-16")
        except UnicodeDecodeError:
            return False
        return True
    # Other control bytes than tab, line ends and form feed mean a binary file, whatever its name says.
    return not any(b < 0x20 and b not in b"\t\n\r\x0c" for b in content[:65536])


def sniff(content: bytes) -> str | None:
    """The kind of file the content is, by its first bytes; None when it is none of the allowed kinds."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    if _is_text(content):
        return TXT
    return None


def _clean_name(name: str) -> str:
    name = PurePath(name.replace("\\", "/")).name.strip().replace("\x00", "")
    return name[-255:] or "file"


def _read(data: bytes | UploadedFile) -> bytes:
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    data.seek(0)
    return data.read()


def check_one(name: str, data: bytes | UploadedFile) -> Checked:
    """Read and check one file; raises DomainError saying what is wrong with it and what is accepted."""
    name = _clean_name(name)
    size = data.size if isinstance(data, UploadedFile) else len(data)
    if size > max_bytes():
        raise DomainError(
            _("“%(name)s” is %(size)s: a file may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    content = _read(data)
    if not content:
        raise DomainError(_("“%(name)s” is empty.") % {"name": name})
    kind = sniff(content)
    if kind is None or PurePath(name).suffix.lower() not in EXTENSIONS[kind]:
        raise DomainError(
            _(
                "“%(name)s” is not a PDF, DOCX, XLSX, ODT, JPEG, PNG or text file, or its content does not match "
                "its name. Send the document in one of these formats."
            )
            % {"name": name}
        )
    return Checked(name=name, content=content, kind=kind)


def _too_many(count: int) -> str | None:
    if count <= max_files():
        return None
    return ngettext(
        "At most %(limit)d file can be attached to a request.",
        "At most %(limit)d files can be attached to a request.",
        max_files(),
    ) % {"limit": max_files()}


def check_all(files: list[tuple[str, bytes | UploadedFile]]) -> list[Checked]:
    if (problem := _too_many(len(files))) is not None:
        raise DomainError(problem)
    return [check_one(name, data) for name, data in files]


def problems(files: list[tuple[str, bytes | UploadedFile]]) -> list[str]:
    """Every reason the files would be refused, for a form to show them all at once."""
    found = [problem] if (problem := _too_many(len(files))) is not None else []
    for name, data in files:
        try:
            check_one(name, data)
        except DomainError as error:
            found.append(str(error))
    return found


def attach(inquiry: Inquiry, files: list[Checked], *, from_journalist: bool = True) -> list[Attachment]:
    """Record the files on the request now; write them to storage when the transaction commits.

    A file the request already has (the same bytes) is not kept twice.
    """
    known = set(inquiry.attachments.values_list("checksum", flat=True))
    added = []
    for file in files:
        if file.checksum in known:
            continue
        known.add(file.checksum)
        suffix = sorted(EXTENSIONS[file.kind])[0] if file.kind != JPEG else ".jpg"
        attachment = Attachment.objects.create(
            inquiry=inquiry,
            file=f"inquiries/{timezone.localdate().year}/{uuid.uuid4().hex}{suffix}",
            original_name=file.name,
            size=len(file.content),
            content_type=CONTENT_TYPES[file.kind],
            checksum=file.checksum,
            from_journalist=from_journalist,
        )
        added.append((attachment, file.content))
    if added:
        transaction.on_commit(lambda: _write(added))
    return [attachment for attachment, _content in added]


def _write(files: list[tuple[Attachment, bytes]]) -> None:
    for attachment, content in files:
        try:
            stored = default_storage.save(attachment.file.name, ContentFile(content))
        except OSError:
            log.exception("Attachment %s of inquiry %s could not be written", attachment.pk, attachment.inquiry_id)
            Note.objects.create(
                inquiry_id=attachment.inquiry_id,
                text=_("The file “%(name)s” could not be stored. Ask the journalist to send it again.")
                % {"name": attachment.original_name},
            )
            # Without a file the row would only block the same file when the journalist sends it again.
            Attachment.objects.filter(pk=attachment.pk).delete()
            continue
        if stored != attachment.file.name:
            Attachment.objects.filter(pk=attachment.pk).update(file=stored)
