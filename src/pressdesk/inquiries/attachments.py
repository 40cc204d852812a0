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
import logging
import uuid
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

from pressdesk.core import files as kinds
from pressdesk.core.services import DomainError
from pressdesk.inquiries.models import Attachment, Inquiry, Note

log = logging.getLogger(__name__)

ACCEPTED = (kinds.PDF, kinds.DOCX, kinds.XLSX, kinds.ODT, kinds.JPEG, kinds.PNG, kinds.TXT)
EXTENSIONS = {kind: set(kinds.EXTENSIONS[kind]) for kind in ACCEPTED}
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


def sniff(content: bytes) -> str | None:
    """The accepted kind the content is; None when it is none of them.

    Markup counts as text here: a request's documents are only ever downloaded as attachments, never shown.
    """
    kind = kinds.sniff(content)
    if kind in kinds.MARKUP_KINDS:
        return kinds.TXT
    return kind if kind in ACCEPTED else None


def check_one(name: str, data: bytes | UploadedFile) -> Checked:
    """Read and check one file; raises DomainError saying what is wrong with it and what is accepted."""
    name = kinds.clean_name(name)
    size = kinds.size_of(data)
    if size > max_bytes():
        raise DomainError(
            _("“%(name)s” is %(size)s: a file may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    content = kinds.read(data)
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
        suffix = kinds.EXTENSIONS[file.kind][0]
        attachment = Attachment.objects.create(
            inquiry=inquiry,
            file=f"inquiries/{timezone.localdate().year}/{uuid.uuid4().hex}{suffix}",
            original_name=file.name,
            size=len(file.content),
            content_type=kinds.CONTENT_TYPES[file.kind],
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
