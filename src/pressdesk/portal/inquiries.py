"""The journalist's side of media inquiries: send a request with its documents, follow its status."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core.models import Unit
from pressdesk.core.services import DomainError
from pressdesk.inquiries import services
from pressdesk.inquiries.forms import PortalRequestForm, UnitChoice
from pressdesk.inquiries.models import Attachment, Channel, Inquiry
from pressdesk.inquiries.views_files import attachment_response
from pressdesk.portal.views import journalist_view


class SendRequestForm(PortalRequestForm):
    unit = UnitChoice(label=gettext_lazy("To"), queryset=Unit.objects.none())
    field_order = ["unit", *PortalRequestForm.field_order]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["requester_name"]
        del self.fields["requester_email"]
        units = Unit.objects.with_names().order_by("path")
        self.fields["unit"].queryset = units
        self.fields["unit"].initial = units.first()

    def clean(self):
        return forms.Form.clean(self)  # the account gives the email, so a phone is not required


@journalist_view
def request_new(request: HttpRequest) -> HttpResponse:
    form = SendRequestForm(request.POST or None, request.FILES or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            received = services.inquiry_receive(
                actor=request.user,
                unit=data["unit"],
                channel=Channel.PORTAL,
                account=request.user,
                requester_name=request.user.full_name,
                requester_email=request.user.email,
                attachments=data["attachments"],
                **{
                    k: data[k]
                    for k in ("outlet_name", "requester_phone", "language", "answer_form", "subject", "question")
                },
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if received.duplicate:
                messages.warning(request, _("You have already sent this request; it is being answered."))
            else:
                messages.success(
                    request,
                    _("Your request is registered as %(number)s. A receipt is on its way to your email.")
                    % {"number": received.inquiry.number},
                )
            return redirect("portal:request", received.inquiry.pk)
    return render(request, "portal/request_new.html", {"form": form})


@journalist_view
def request_list(request: HttpRequest) -> HttpResponse:
    inquiries = Inquiry.objects.filter(account=request.user).exclude(status="merged").order_by("-received_at")
    return render(request, "portal/request_list.html", {"inquiries": inquiries})


@journalist_view
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = Inquiry.objects.filter(account=request.user, pk=pk).first()
    if inquiry is None:
        raise Http404(_("There is no such request."))
    files = inquiry.attachments.filter(from_journalist=True)
    return render(request, "portal/request_detail.html", {"inquiry": inquiry, "attachments": files})


@journalist_view
def request_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A file the journalist sent with one of their own requests."""
    attachment = Attachment.objects.filter(
        pk=attachment_pk, inquiry_id=pk, inquiry__account=request.user, from_journalist=True
    ).first()
    if attachment is None:
        raise Http404(_("There is no such file."))
    return attachment_response(attachment)
