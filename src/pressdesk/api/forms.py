from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Where the token will be used, for example “Monitoring script” or “Excel report”."),
    )
    expires_on = forms.DateField(
        label=_("Works until"),
        required=False,
        help_text=_("The last day the token works. Leave empty for a token that works until you revoke it."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
