"""The analytics filter: a unit the user sees and a period — a month, a quarter, a year or days of one's own."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from pressdesk.reports.period import Period, last_month, next_month

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
FIRST_YEAR, LAST_YEAR = 2000, 9998  # years a calendar can count; 9999-12-31 has no next day


class ReportForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[(MONTH, _("A month")), (QUARTER, _("A quarter")), (YEAR, _("A year")), (CUSTOM, _("From – to"))],
    )
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("For a month: year and month, for example 2026-03."),
    )
    year = forms.IntegerField(label=_("Year"), required=False, help_text=_("For a quarter or a year."))
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), required=False, coerce=int, empty_value=None, choices=[(n, str(n)) for n in range(1, 5)]
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, data=None, *, units, today: datetime.date):
        since, until = last_month(today)
        initial = {"period": MONTH, "month": since, "year": since.year, "quarter": (since.month - 1) // 3 + 1}
        initial = {**initial, "since": since, "until": until}
        units = units.prefetch_related("translations").order_by("path")
        if data is not None:
            # A link that names only some of the filters (?unit=3) takes the others' defaults.
            data = data.copy()
            top = units.first()
            defaults = {name: self.fields_format(name, value) for name, value in initial.items()}
            if top is not None:
                defaults["unit"] = str(top.pk)
            for name, value in defaults.items():
                if name not in data:
                    data[name] = value
        super().__init__(data, initial=initial)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.name

    @staticmethod
    def fields_format(name: str, value) -> str:
        if name == "month":
            return value.strftime("%Y-%m")
        return value.isoformat() if isinstance(value, datetime.date) else str(value)

    def clean(self):
        data = super().clean()
        kind = data.get("period")
        required = {MONTH: ["month"], QUARTER: ["year", "quarter"], YEAR: ["year"], CUSTOM: ["since", "until"]}
        for name in required.get(kind, []):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("Give this for the period you chose."))
        for name in ("month", "since", "until"):
            if data.get(name) and not FIRST_YEAR <= data[name].year <= LAST_YEAR:
                self.add_error(name, _("Choose a date between the years 2000 and 9998."))
        if data.get("year") is not None and not FIRST_YEAR <= data["year"] <= LAST_YEAR:
            self.add_error("year", _("Choose a year between 2000 and 9998."))
        if kind == CUSTOM and data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The period ends before it begins."))
        return data

    def period_chosen(self) -> Period:
        """The period to count (the form's when valid and bound, else last month)."""
        if not self.is_bound:
            return Period.of(self.initial["since"], self.initial["until"])
        period = self._chosen(self.cleaned_data)
        # The other fields follow the period shown, so switching to "From – to" or a quarter starts from it.
        shown = {"month": period.since, "year": period.since.year, "quarter": (period.since.month - 1) // 3 + 1}
        for name, value in {**shown, "since": period.since, "until": period.until}.items():
            self.data[name] = self.fields_format(name, value)
        return period

    @staticmethod
    def _chosen(data: dict) -> Period:
        kind = data["period"]
        if kind == MONTH:
            first = data["month"].replace(day=1)
            return Period.of(first, next_month(first) - datetime.timedelta(days=1))
        if kind == QUARTER:
            first = datetime.date(data["year"], 3 * data["quarter"] - 2, 1)
            return Period.of(first, next_month(next_month(next_month(first))) - datetime.timedelta(days=1))
        if kind == YEAR:
            return Period.of(datetime.date(data["year"], 1, 1), datetime.date(data["year"], 12, 31))
        return Period.of(data["since"], data["until"])

    def unit_chosen(self):
        """The unit to count: the chosen one, or the user's first (topmost) unit when the form is not sent."""
        if self.is_bound:
            return self.cleaned_data["unit"]
        return self.fields["unit"].queryset.first()
