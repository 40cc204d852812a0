"""The check-in page's two forms: where the gate stands, and one pass entered by hand (which works without JavaScript)."""

from __future__ import annotations

import secrets

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pressdesk.accreditation import gate
from pressdesk.accreditation.checkin_selectors import GATE_MAX, STANDING, access_checkin_event, clean_gate
from pressdesk.core.models import User
from pressdesk.core.services import DomainError
from pressdesk.core.templatetags.l10n_kk import ltime
from pressdesk.events.models import Event

PRESENTED_MAX = 600  # a token is about 120 characters; anything much longer is not a pass


def fresh_nonce() -> str:
    return secrets.token_urlsafe(16)


class PostForm(forms.Form):
    """Where the gate stands: one of today's events, or the entrance for standing passes; and the gate's name."""

    event = forms.CharField(label=_("Where"), widget=forms.RadioSelect)
    gate = forms.CharField(
        label=_("Gate"),
        max_length=GATE_MAX,
        help_text=_("For example “Main entrance” or “Hall B”: each gate or device gets its own name."),
    )

    def __init__(self, *args, user: User, events: list[Event] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = [(str(e.pk), f"{ltime(e.starts_at)} — {e.title}") for e in events]
        self.fields["event"].widget.choices = [*choices, (STANDING, _("Standing passes (at a building's entrance)"))]
        self.fields["event"].error_messages["required"] = _("Choose an event or standing passes.")
        self.fields["gate"].error_messages["required"] = _("Name the gate (for example “Main entrance”).")

    def clean_event(self) -> Event | None:
        try:
            return access_checkin_event(self.user, self.cleaned_data["event"])
        except Http404:
            raise forms.ValidationError(_("Choose one of today's events or standing passes.")) from None

    def clean_gate(self) -> str:
        try:
            return clean_gate(self.cleaned_data["gate"])
        except DomainError as error:
            raise forms.ValidationError(str(error)) from None


class ScanForm(PostForm):
    """One pass, its number typed or its code pasted; the nonce makes a resent form count once."""

    presented = forms.CharField(
        label=_("Pass number or code"),
        max_length=PRESENTED_MAX,
        help_text=_(
            "The number as printed on the pass (A-2026-00042, or A-2026-00042/2 for a pass issued again), "
            "or the code read from its QR."
        ),
        error_messages={
            "required": _("Type the pass number or paste its code."),
            "max_length": _("This is far longer than any pass code: it is not a pass."),
        },
    )
    nonce = forms.RegexField(regex=gate.NONCE, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].widget = forms.HiddenInput()
        self.fields["gate"].widget = forms.HiddenInput()
        self.fields["nonce"].error_messages["invalid"] = _("The form was damaged: enter the pass again.")
        self.fields["nonce"].error_messages["required"] = _("The form was damaged: enter the pass again.")
        widget = self.fields["presented"].widget
        widget.attrs.update(autocomplete="off", autocapitalize="characters", spellcheck="false", autofocus=True)
