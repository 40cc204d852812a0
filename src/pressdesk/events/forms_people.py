"""Forms of the people around an event: whom to invite, whom to register by hand."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import User
from pressdesk.directory import access as directory_access
from pressdesk.directory.models import Journalist, Segment
from pressdesk.directory.selectors import with_working_email


class JournalistChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Journalist) -> str:
        email = getattr(obj, "working_email", "")
        return f"{obj.display_name} <{email}>" if email else obj.display_name


class JournalistsChoice(forms.ModelMultipleChoiceField):
    label_from_instance = JournalistChoice.label_from_instance


class InviteForm(forms.Form):
    segment = forms.ModelChoiceField(
        label=_("A segment of the directory"),
        queryset=Segment.objects.none(),
        required=False,
        help_text=_("Everyone in the segment today who has a working email."),
    )
    journalists = JournalistsChoice(
        label=_("Or chosen journalists"),
        queryset=Journalist.objects.none(),
        required=False,
        help_text=_("Only journalists with a working email are listed. Hold Ctrl to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = directory_access.visible(user, Segment.objects.all())
        self.fields["journalists"].queryset = with_working_email(
            directory_access.visible(user, Journalist.objects.present())
        )

    def clean(self):
        data = super().clean()
        if not data.get("segment") and not data.get("journalists"):
            raise forms.ValidationError(_("Choose a segment or at least one journalist."))
        return data


class RegisterForm(forms.Form):
    journalist = JournalistChoice(label=_("Journalist"), queryset=Journalist.objects.none())

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journalist"].queryset = directory_access.visible(user, Journalist.objects.present())
