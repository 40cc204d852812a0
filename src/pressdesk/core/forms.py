from __future__ import annotations

from django import forms
from django.conf import settings
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
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        help_text=_("Only for someone without an account yet: we create it and email them an invitation."),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES, required=False)
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
            existing = User.objects.filter(email__iexact=email).first()
            if existing is not None and (existing.kind != UserKind.STAFF or not existing.is_active):
                self.add_error("email", _("This email belongs to an account that cannot be given staff roles."))
            elif existing is None and not data.get("full_name"):
                self.add_error(
                    "full_name", _("Nobody has an account with this email yet: give their full name to invite them.")
                )
            data["user"] = existing
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
