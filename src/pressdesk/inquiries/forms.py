"""Forms of media inquiries: intake by staff and on the portal, the steps of the answer."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit, User
from pressdesk.inquiries import attachments
from pressdesk.inquiries.models import AnswerForm, Channel, RefusalGround


class RequestFields(forms.Form):
    requester_name = forms.CharField(label=_("Journalist's name"), max_length=200)
    outlet_name = forms.CharField(label=_("Outlet"), max_length=200)
    requester_email = forms.EmailField(label=_("Email"), required=False)
    requester_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Language of the answer"), choices=settings.LANGUAGES)
    answer_form = forms.ChoiceField(label=_("Form of the answer"), choices=AnswerForm.choices)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)

    def clean(self):
        data = super().clean()
        if not data.get("requester_email") and not data.get("requester_phone"):
            raise forms.ValidationError(_("Give an email or a phone number: the answer must reach the journalist."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; cleans to ``[(name, UploadedFile), …]`` checked by content, size and number."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": attachments.ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        uploads = [super(MultipleFileField, self).clean(f, initial) for f in files]
        if errors := attachments.problems([(f.name, f) for f in uploads]):
            raise forms.ValidationError(errors)
        return [(f.name, f) for f in uploads]


def attachment_help() -> str:
    return _("PDF, DOCX, XLSX, ODT, JPEG, PNG or text; up to %(count)s files of at most %(size)s MB each.") % {
        "count": attachments.max_files(),
        "size": int(attachments.max_bytes() / 1024 / 1024),
    }


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class WithAttachments(RequestFields):
    attachments = MultipleFileField(label=_("Documents"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachment_help()


class StaffIntakeForm(WithAttachments):
    unit = UnitChoice(label=_("Press service"), queryset=Unit.objects.none())
    channel = forms.ChoiceField(label=_("Received by"), choices=[c for c in Channel.choices if c[0] != Channel.PORTAL])
    received_at = forms.DateTimeField(
        label=_("Received"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    field_order = ["unit", "channel", "received_at"]

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now() + datetime.timedelta(minutes=5):
            raise forms.ValidationError(_("The time of receipt is in the future."))
        return received_at


class PortalRequestForm(WithAttachments):
    field_order = ["outlet_name", "subject", "question", "attachments", "language", "answer_form", "requester_phone"]


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} <{obj.email}>"


class AssignForm(forms.Form):
    assignee = PersonChoice(label=_("Expert"), queryset=User.objects.none())
    department = UnitChoice(label=_("Department"), queryset=Unit.objects.none())


class NoteForm(forms.Form):
    message = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class DraftForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 10}), required=False)
    language = forms.ChoiceField(label=_("Language of the answer"), choices=settings.LANGUAGES)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Extend by (calendar days)"), min_value=1)
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which holders of the information are involved."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.INQUIRY_EXTENSION_CALENDAR_DAYS  # the law's fifteen days, or what the body has set
        self.fields["days"].max_value = limit
        self.fields["days"].validators.append(MaxValueValidator(limit))
        self.fields["days"].widget.attrs["max"] = limit
        self.fields["days"].initial = limit


class NoticeForm(forms.Form):
    how = forms.CharField(
        label=_("How the outlet was told"), max_length=500, help_text=_("For example: letter by email on 12 March.")
    )


class RefuseForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=RefusalGround.choices)
    explanation = forms.CharField(label=_("Explanation for the journalist"), widget=forms.Textarea(attrs={"rows": 5}))


class SendForm(forms.Form):
    other_language = forms.BooleanField(
        label=_("Send although the answer is not in the language of the request"), required=False
    )
