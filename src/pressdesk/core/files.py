"""What a file really is, told by its content and never by its name or the type the browser declared.

Every module that takes files (the documents of a media request, the media
library) asks ``sniff`` and then decides which of the kinds it accepts. Kinds
that are recognised only to be named in a refusal (an HTML page, an SVG
drawing, a program) are in ``REFUSED_KINDS``: a module never accepts them, but
the user learns what the file they sent really is.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

PDF, DOCX, XLSX, PPTX, ODT = "pdf", "docx", "xlsx", "pptx", "odt"
JPEG, PNG, GIF, WEBP = "jpeg", "png", "gif", "webp"
TXT = "txt"
HTML, SVG, XML, ZIP, PROGRAM = "html", "svg", "xml", "zip", "program"

CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ODT: "application/vnd.oasis.opendocument.text",
    JPEG: "image/jpeg",
    PNG: "image/png",
    GIF: "image/gif",
    WEBP: "image/webp",
    TXT: "text/plain",
}
KIND_BY_CONTENT_TYPE = {content_type: kind for kind, content_type in CONTENT_TYPES.items()}
EXTENSIONS = {
    PDF: (".pdf",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    PPTX: (".pptx",),
    ODT: (".odt",),
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    GIF: (".gif",),
    WEBP: (".webp",),
    TXT: (".txt",),
}
# Text that is markup: a browser would run it, so it is never kept as a photo or a document.
MARKUP_KINDS = frozenset({HTML, SVG, XML})
REFUSED_KINDS = frozenset({*MARKUP_KINDS, ZIP, PROGRAM})

# How a refusal names what the file is ("“photo.jpg” is an HTML page …").
DESCRIPTIONS = {
    PDF: _("a PDF document"),
    DOCX: _("a Word document (DOCX)"),
    XLSX: _("an Excel spreadsheet (XLSX)"),
    PPTX: _("a PowerPoint presentation (PPTX)"),
    ODT: _("an OpenDocument text (ODT)"),
    JPEG: _("a JPEG image"),
    PNG: _("a PNG image"),
    GIF: _("a GIF image"),
    WEBP: _("a WebP image"),
    TXT: _("a text file"),
    HTML: _("an HTML page"),
    SVG: _("an SVG drawing"),
    XML: _("an XML file"),
    ZIP: _("a ZIP archive"),
    PROGRAM: _("a program"),
}

_SIGNATURES = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
]
# Executables of Windows, Linux and macOS: named in a refusal when the content is not text.
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
_OOXML_MAIN_FOLDERS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_MARKUP_START = re.compile(r"<[a-z!?]")
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body|script|iframe|meta|title|div|p|a|img)[\s>/]")


def _zip_kind(content: bytes) -> str:
    """An office document by the parts it holds; any other archive is just a ZIP archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == CONTENT_TYPES[ODT].encode():
                return ODT
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, ValueError):
        return ZIP
    if "[Content_Types].xml" in names:
        for folder, kind in _OOXML_MAIN_FOLDERS.items():
            if any(n.startswith(folder) for n in names):
                return kind
    return ZIP


def _text(content: bytes) -> str | None:
    """The start of the content as text, or None when it is binary."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")[:65536]
        except UnicodeDecodeError:
            return None
    head = content[:65536]
    # Other control bytes than tab, line ends and form feed mean a binary file, whatever its name says.
    if any(b < 0x20 and b not in b"\t\n\r\x0c" for b in head):
        return None
    return head.decode("utf-8", errors="replace")


def _markup_kind(text: str) -> str | None:
    """HTML, SVG or other XML when the text starts as markup does (as a browser would sniff it)."""
    start = text.lstrip("\ufeff \t\r\n\x0c")[:4096].lower()
    if not _MARKUP_START.match(start):
        return None
    if _HTML_START.match(start):
        return HTML
    if "<svg" in start:
        return SVG
    return HTML if "<html" in start else XML


def sniff(content: bytes) -> str | None:
    """The kind of file the content is, by its bytes; None when it is nothing we know."""
    for signature, kind in _SIGNATURES:
        if content.startswith(signature):
            return kind
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return WEBP
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    text = _text(content)
    if text is None:
        return PROGRAM if content.startswith(_PROGRAMS) else None
    return _markup_kind(text) or TXT


def describe(kind: str | None) -> str:
    """What the kind is called in a sentence; an unknown file is "a file of an unknown kind"."""
    return str(DESCRIPTIONS.get(kind or "", _("a file of an unknown kind")))


def clean_name(name: str) -> str:
    """The last part of a name a browser or a mail sent, without folders or NUL bytes, at most 255 characters."""
    name = PurePath(name.replace("\\", "/")).name.strip().replace("\x00", "")
    return name[-255:] or "file"


def with_extension(name: str, kind: str) -> str:
    """The name with the extension its content calls for ("scan.jpg" holding a PDF becomes "scan.pdf")."""
    path = PurePath(name)
    if path.suffix.lower() in EXTENSIONS[kind]:
        return name
    return f"{path.stem or 'file'}{EXTENSIONS[kind][0]}"[-255:]


def size_of(data: bytes | UploadedFile) -> int:
    return data.size if isinstance(data, UploadedFile) else len(data)


def read(data: bytes | UploadedFile) -> bytes:
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    data.seek(0)
    return data.read()
