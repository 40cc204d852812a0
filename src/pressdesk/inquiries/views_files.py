"""Files of a media request, given out only to those who may see the request."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _

from pressdesk.core.permissions import staff_view
from pressdesk.inquiries.models import Attachment
from pressdesk.inquiries.views import access_inquiry


def attachment_response(attachment: Attachment) -> FileResponse:
    """The file under the name it was sent with; never shown inline, whatever the browser thinks of it."""
    try:
        file = default_storage.open(attachment.file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the storage. Ask the journalist to send it again.")) from None
    response = FileResponse(
        file, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view("inquiries.view")
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    inquiry = access_inquiry(request.user, pk)
    attachment = inquiry.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("There is no such file."))
    return attachment_response(attachment)
