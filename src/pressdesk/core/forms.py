from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Role, User, UserKind


class PasswordStepForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeStepForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )


class GrantRoleForm(forms.Form):
    email = forms.EmailField(label=_("Staff member's email"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    valid_until = forms.DateField(
        label=_("Access ends on"),
        required=False,
        help_text=_("Required for consultants; leave empty for permanent staff."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.CONSULTANT and not data.get("valid_until"):
            self.add_error("valid_until", _("A consultant's access must have an end date."))
        email = data.get("email")
        if email:
            user = User.objects.filter(email__iexact=email, kind=UserKind.STAFF, is_active=True).first()
            if user is None:
                self.add_error("email", _("No active staff account has this email."))
            data["user"] = user
        return data


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Who, what or which object"))
    action = forms.CharField(label=_("Action code"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    type = forms.CharField(required=False, widget=forms.HiddenInput)
    id = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data
