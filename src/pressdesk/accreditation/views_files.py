"""Files of accreditation given out through views that check who asks: an application's letter and photo (staff
of the accrediting unit), and the PDF pass (staff, or the holder on the portal).

Every answer is ``private, no-store`` with ``nosniff``; the content type is
told by the file's bytes, not by the name it came with. Pictures open in the
browser; anything else is a download.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from pressdesk.accreditation import passes
from pressdesk.accreditation.keyguard import needs_key
from pressdesk.accreditation.models import Accreditation
from pressdesk.accreditation.selectors_staff import VIEW, access_application, access_pass
from pressdesk.core import files as kinds
from pressdesk.core.permissions import staff_view

INLINE = (kinds.JPEG, kinds.PNG)


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


def pass_response(accreditation: Accreditation) -> HttpResponse:
    """The pass as a PDF to print, rendered now with the current serial."""
    response = HttpResponse(passes.render(accreditation), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, passes.filename(accreditation))
    return _private(response)


def stored_file(name: str, download_name: str) -> HttpResponse:
    """A stored file with the type its bytes show; a picture inline, anything else as a download."""
    if not name:  # deleted with the holder's personal data
        raise Http404(_("The file was deleted with the journalist's personal data."))
    try:
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError):
        raise Http404(_("The file is missing from the storage.")) from None
    kind = kinds.sniff(content)
    response = HttpResponse(content, content_type=kinds.CONTENT_TYPES.get(kind, "application/octet-stream"))
    download_name = kinds.clean_name(download_name)
    if kind in kinds.EXTENSIONS:
        download_name = kinds.with_extension(download_name, kind)
    response["Content-Disposition"] = content_disposition_header(kind not in INLINE, download_name)
    return _private(response)


@staff_view(VIEW)
def application_letter(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(request.user, pk)
    return stored_file(application.letter.name, application.letter_name or "letter")


@staff_view(VIEW)
def application_photo(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(request.user, pk)
    field = application.photo_small if request.GET.get("size") == "small" else application.photo
    return stored_file(field.name, f"photo-{application.pk}")


@staff_view(VIEW)
@needs_key
def pass_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return pass_response(access_pass(request.user, pk))
