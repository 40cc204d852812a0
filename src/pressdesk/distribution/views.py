"""Staff pages of distribution: the mailings, a new mailing, one mailing with its audience and previews."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from pressdesk.core.audit_display import with_readable_changes
from pressdesk.core.models import AuditEntry
from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.core.submissions import once
from pressdesk.directory.selectors import describe_criteria
from pressdesk.distribution import selectors, sending, services
from pressdesk.distribution.forms import MailingFilterForm, MailingForm, StartForm
from pressdesk.distribution.models import DeliveryStatus, Mailing, MailingStatus
from pressdesk.distribution.selectors import PREPARE, SEND, VIEW
from pressdesk.publications.access import access_material
from pressdesk.publications.models import Material

PER_PAGE = 50
# The letter's HTML part, shown in a sandboxed frame: its own inline styles, no script, no form, framed by us only.
LETTER_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "script-src": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'self'"],
    "sandbox": [""],
}


@staff_view(VIEW)
def mailing_list(request: HttpRequest) -> HttpResponse:
    form = MailingFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(selectors.mailing_list(request.user, status), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": urlencode({"status": status}) if status else "",
        "can_prepare": has_perm(request.user, PREPARE),
        "can_configure": has_perm(request.user, SEND),
    }
    return render(request, "distribution/list.html", context)


@staff_view(PREPARE)
def mailing_new(request: HttpRequest) -> HttpResponse:
    """From a material's page (``?material=``), or choosing among the materials that can be sent."""
    user = request.user
    material = None
    materials = selectors.material_choices(user)
    if request.GET.get("material"):
        material = access_material(user, _pk(request.GET["material"]), PREPARE)
        # Whatever its state: the service says why it cannot be sent, in words, rather than "not a valid choice".
        materials = Material.objects.filter(pk=material.pk).prefetch_related("translations")
    initial = {}
    if material is not None:
        initial = {"material": material.pk, "category": services.CATEGORY_OF_KIND.get(material.kind, "")}
    form = MailingForm(
        request.POST if request.method == "POST" else None,
        materials=materials,
        segments=selectors.segments_for(user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():

        def prepare() -> str:
            return reverse("distribution:detail", args=[services.create(actor=user, **form.options()).pk])

        done = _("The mailing is prepared. Check who receives it and how the letter looks.")
        try:
            return redirect(once(request, prepare, done=done))
        except DomainError as error:
            form.add_error(None, str(error))
    context = {"form": form, "material": material, "refusal": _refusal(material) if material else ""}
    return render(request, "distribution/new.html", context, status=400 if form.errors else 200)


def _pk(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404(_("There is no such material.")) from None


def _refusal(material) -> str:
    """Why this material cannot be sent now, before anyone fills the form in."""
    try:
        services.embargoed_at(material, timezone.now())
    except DomainError as error:
        return str(error)
    return ""


@staff_view(VIEW)
def mailing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = selectors.access_mailing(request.user, pk)
    before_start = mailing.status in (MailingStatus.DRAFT, MailingStatus.SCHEDULED)
    audience = services.audience(mailing) if before_start else None
    counts = services.counts(mailing)
    may = _may(request, mailing, counts)
    context = {
        "total_sent": counts[DeliveryStatus.SENT],
        "interrupted": counts[DeliveryStatus.UNKNOWN],
        "mailing": mailing,
        "audience": audience,
        "by_language": _by_language(audience) if audience else [],
        # The beats' names are read only when the filter names beats.
        "recipients": describe_criteria(mailing.criteria, None if mailing.criteria.get("beats") else {}),
        "counts": [(DeliveryStatus(s).label, counts[s], s) for s in selectors.FIGURES if counts[s] or s == "sent"],
        "total": sum(counts.values()),
        "previews": [_preview(mailing, sample) for sample in selectors.samples(mailing, audience)],
        "may": may,
        "start_form": StartForm(initial={"send_at": mailing.send_at and timezone.localtime(mailing.send_at)}),
        "retry_minutes": int(sending.RESUME_AFTER_FAILURE.total_seconds() // 60),
        "history": _history(mailing),
    }
    return render(request, "distribution/detail.html", context)


def _may(request: HttpRequest, mailing: Mailing, counts: dict[str, int]) -> dict[str, bool]:
    may_send = has_perm(request.user, SEND, mailing.unit)
    status = mailing.status
    return {
        "test": status in services.OPEN and has_perm(request.user, PREPARE, mailing.unit),
        "start": may_send and status in (MailingStatus.DRAFT, MailingStatus.SCHEDULED),
        "pause": may_send and status == MailingStatus.SENDING,
        "resume": may_send and status == MailingStatus.PAUSED,
        "cancel": may_send and status in services.OPEN,
        "resend": may_send and counts[DeliveryStatus.UNKNOWN] > 0 and status != MailingStatus.CANCELLED,
        "export": has_perm(request.user, "directory.export", mailing.unit),
    }


def _by_language(audience: services.Audience) -> list[tuple[str, int]]:
    counted = audience.by_language()
    return [(name, counted[code]) for code, name in settings.LANGUAGES if code in counted]


def _preview(mailing: Mailing, sample: selectors.Sample) -> dict:
    letter = services.preview(mailing, sample.language, name=sample.name)
    headers = letter.extra_headers
    frame = reverse("distribution:preview_html", args=[mailing.pk, sample.language])
    if sample.journalist_id:
        frame += "?" + urlencode({"journalist": sample.journalist_id})
    return {
        "language": sample.language,
        "language_name": dict(settings.LANGUAGES)[sample.language],
        "name": sample.name,
        "subject": letter.subject,
        "headers": [
            (_("From"), letter.from_email),
            (_("To"), ", ".join(letter.to)),
            (_("Subject"), letter.subject),
            # The mail client's "unsubscribe" button (RFC 8058) reads these two as they are.
            *[(key, headers[key]) for key in ("List-Unsubscribe", "List-Unsubscribe-Post")],
        ],
        "text": letter.body,
        "attachments": [(name, len(content)) for name, content, _type in letter.attachments],
        "frame": frame,
    }


def _history(mailing: Mailing) -> list[AuditEntry]:
    entries = AuditEntry.objects.for_object(mailing).select_related("target_type").order_by("-at", "-pk")[:50]
    return with_readable_changes(entries)


@staff_view(VIEW)
@xframe_options_sameorigin
@csp_replace(LETTER_POLICY)
def preview_html(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """The HTML part of the letter in ``language``, exactly as sent, for the sandboxed frame on the mailing page."""
    mailing = selectors.access_mailing(request.user, pk)
    if language not in dict(settings.LANGUAGES):
        raise Http404(_("There is no such language."))
    name = selectors.sample_name(request.user, _journalist(request.GET.get("journalist")))
    letter = services.preview(mailing, language, name=name)
    html = next(content for content, mimetype in letter.alternatives if mimetype == "text/html")
    return HttpResponse(html, content_type="text/html; charset=utf-8")


def _journalist(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 12 else None
