"""The filter of the events figures: a period of days, a unit and a type."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from pressdesk.events.models import EventKind


def this_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today.replace(month=1, day=1), today.replace(month=12, day=31)


class FiguresForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False, empty_label=_("All my units"))
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *EventKind.choices])

    def __init__(self, data=None, *, units, today: datetime.date):
        since, until = this_year(today)
        super().__init__(data, initial={"since": since, "until": until})
        self.fields["unit"].queryset = units.prefetch_related("translations").order_by("path")
        self.fields["unit"].label_from_instance = lambda unit: unit.name

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The period ends before it begins."))
        for name in ("since", "until"):  # years a calendar can count; 9999-12-31 has no next day
            if data.get(name) and not 2000 <= data[name].year <= 9998:
                self.add_error(name, _("Choose a date between the years 2000 and 9998."))
        return data

    def filters(self) -> dict:
        """The period and filters to count with: the form's when valid, the initial period when unbound."""
        if self.is_bound:
            data = self.cleaned_data
            return {"since": data["since"], "until": data["until"], "unit": data["unit"], "kind": data["kind"]}
        return {"since": self.initial["since"], "until": self.initial["until"], "unit": None, "kind": ""}
