"""Forms of the work around an event: questions, duties, logistics, and the portal's question form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import User
from pressdesk.directory.models import Journalist
from pressdesk.events import questions
from pressdesk.events.models import Arrangement, ArrangementKind, DutyRole, Event, RegistrationStatus, Speaker

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QuestionTextForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the question"), choices=settings.LANGUAGES)
    text = forms.CharField(
        label=_("Question"),
        max_length=questions.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most %(limit)s characters.") % {"limit": questions.MAX_LENGTH},
    )

    def __init__(self, *args, event: Event, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", (event.language_list() or ["kk"])[0])
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _("At most %(limit)s characters.") % {"limit": questions.MAX_LENGTH}


class PortalQuestionForm(QuestionTextForm):
    """What a journalist sends before the event; the account names who asks."""

    prefix = "question"


def portal_form(event: Event, journalist_account: User | None, data=None) -> PortalQuestionForm | None:
    """The question form for the portal's event page, or None when this account cannot ask there now."""
    if not questions.is_open(event) or questions.journalist_of(journalist_account) is None:
        return None
    return PortalQuestionForm(data, event=event)


class EntryForm(QuestionTextForm):
    """A question written down by staff as it is asked in the room."""

    asked_by = forms.CharField(label=_("Asked by (name, outlet)"), max_length=questions.MAX_ASKED_BY, required=False)
    journalist = forms.ModelChoiceField(
        label=_("Journalist registered for the event"), queryset=Journalist.objects.none(), required=False
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, event=event, **kwargs)
        self.fields["journalist"].queryset = Journalist.objects.present().filter(
            registrations__event=event, registrations__status=RegistrationStatus.REGISTERED
        )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Why it is rejected"), max_length=300)


class AnswerForm(forms.Form):
    speaker = forms.ModelChoiceField(label=_("Answered by"), queryset=Speaker.objects.none(), empty_label=None)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = Speaker.objects.filter(event=event).select_related("user")
        self.fields["speaker"].label_from_instance = lambda speaker: speaker.display_name


class DutyForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Duty"), choices=DutyRole.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    confirmed = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, eligible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = eligible
        self.fields["user"].label_from_instance = lambda user: user.full_name


class ArrangementForm(forms.ModelForm):
    journalist = forms.ModelChoiceField(label=_("Journalist"), queryset=Journalist.objects.none())

    class Meta:
        model = Arrangement
        fields = [
            "journalist",
            "kind",
            "pickup_at",
            "pickup_place",
            "vehicle",
            "hotel",
            "check_in",
            "check_out",
            "booking_reference",
            "cost",
            "note",
        ]
        widgets = {"pickup_at": MOMENT, "check_in": DAY, "check_out": DAY}

    def __init__(self, *args, journalists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journalist"].queryset = journalists
        self.fields["kind"].choices = ArrangementKind.choices
        self.fields["pickup_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["pickup_at"].help_text = _("For transport: when the car meets the journalist.")
        self.fields["hotel"].help_text = _("For a hotel stay: the hotel, the dates and the booking.")
        self.fields["cost"].widget.attrs["min"] = "0"
