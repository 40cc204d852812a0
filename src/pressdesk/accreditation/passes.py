"""The printable pass: an A6 card in the holder's language, rendered by WeasyPrint.

It shows the body and the accrediting unit, the photo, the name, the outlet,
the kind (and the event for a per-event pass), the validity, the number and a
QR code carrying the signed token (``signing``). The QR is drawn by ``segno``
as inline SVG and the photo is embedded as a ``data:`` URL; the fetcher takes
only ``data:`` URLs, so rendering never reaches the network.
"""

from __future__ import annotations

import base64

import segno
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from pressdesk.accreditation import signing
from pressdesk.accreditation.models import Accreditation
from pressdesk.core import files as kinds
from pressdesk.core.models import Unit
from pressdesk.publications.bulletin_pdf import LocalOnlyFetcher

TEMPLATE = "accreditation/pdf/pass.html"


def qr_svg(token: str) -> str:
    """The token as an inline SVG QR code (level M, a quiet zone of four modules)."""
    return segno.make(token, error="m", micro=False).svg_inline(scale=4, border=4, omitsize=True)


def _photo_data(accreditation: Accreditation) -> str:
    field = accreditation.application.photo_small or accreditation.application.photo
    try:
        with field.open("rb") as handle:
            content = handle.read()
    except (OSError, ValueError):  # a photo lost from storage: the card says so instead of failing
        return ""
    kind = kinds.sniff(content)
    if kind not in (kinds.JPEG, kinds.PNG):
        return ""
    return f"data:{kinds.CONTENT_TYPES[kind]};base64,{base64.b64encode(content).decode('ascii')}"


def _body(unit: Unit) -> Unit | None:
    """The body at the top of the unit's tree, when the unit is not the body itself."""
    if unit.parent_id is None:
        return None
    return Unit.objects.prefetch_related("translations").filter(path=unit.path[:7]).first()


def render_html(accreditation: Accreditation, *, token: str | None = None) -> str:
    application = accreditation.application
    token = token or signing.token_for(accreditation)  # a key problem is told in the reader's language, not the card's
    with translation.override(application.language):
        return render_to_string(
            TEMPLATE,
            {
                "pass": accreditation,
                "journalist": accreditation.journalist,
                "outlet_name": accreditation.outlet.name,
                "unit_name": accreditation.unit.name,
                "body": _body(accreditation.unit),
                "event": accreditation.event,
                "position": application.position,
                "photo": _photo_data(accreditation),
                "qr": qr_svg(token),
                "language": application.language,
            },
        )


def render(accreditation: Accreditation, *, token: str | None = None) -> bytes:
    """The pass as PDF bytes, with the current token unless one is given."""
    html = render_html(accreditation, token=token)
    return HTML(string=html, base_url=None, url_fetcher=LocalOnlyFetcher()).write_pdf()


def filename(accreditation: Accreditation) -> str:
    """``pass-A-2026-00042-2.pdf``: the number and the issue."""
    return f"pass-{accreditation.number}-{accreditation.serial}.pdf"
