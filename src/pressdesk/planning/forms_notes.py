"""Forms of advice notes: the note itself, the monitoring search for evidence and figures, the head's decision."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from pressdesk.monitoring.models import Clipping
from pressdesk.planning.analysis_period import period_problem
from pressdesk.planning.notes import NoteText

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEARCH_DAYS = 30


class NoteForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    issue = forms.CharField(label=_("The issue"), widget=forms.Textarea(attrs={"rows": 5}))
    expected_reaction = forms.CharField(
        label=_("Expected media reaction"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    recommended_line = forms.CharField(
        label=_("Recommended line"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    risks = forms.CharField(label=_("Risks"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, data=None, *, units=None, initial=None):
        super().__init__(data, initial=initial)
        if units is None:  # changing a note: its unit stays
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units.prefetch_related("translations").order_by("path")
            self.fields["unit"].label_from_instance = lambda unit: unit.name

    def text(self) -> NoteText:
        data = self.cleaned_data
        return NoteText(
            title=data["title"],
            issue=data["issue"],
            expected_reaction=data["expected_reaction"],
            recommended_line=data["recommended_line"],
            risks=data["risks"],
        )


class HiddenDate(forms.DateInput):
    input_type = "hidden"


class EvidenceSearchForm(forms.Form):
    """A monitoring search over a period: its results may be attached, its figures taken."""

    q = forms.CharField(label=_("Search the clippings"), max_length=300, required=False)
    since = forms.DateField(label=_("From"), widget=DATE)
    until = forms.DateField(label=_("To"), widget=DATE)

    def __init__(self, data=None, *, today: datetime.date, initial=None, hidden: bool = False):
        defaults = {"since": today - datetime.timedelta(days=SEARCH_DAYS), "until": today}
        super().__init__(data, initial=initial or defaults, prefix="evidence", auto_id=not hidden and "id_%s")
        self.today = today
        if hidden:
            self.fields["q"].widget = forms.HiddenInput()
            self.fields["since"].widget = self.fields["until"].widget = HiddenDate(format="%Y-%m-%d")

    def hidden_copy(self) -> EvidenceSearchForm:
        """The same search as hidden inputs without ids: the POST form that keeps its figures carries it, so the
        search itself stays a GET without the CSRF token in its address."""
        return EvidenceSearchForm(self.data if self.is_bound else None, today=self.today, hidden=True)

    def clean(self):
        data = super().clean()
        if "since" in data and "until" in data and (problem := period_problem(data["since"], data["until"])):
            self.add_error("until", problem)
        return data


class AttachForm(forms.Form):
    clippings = forms.ModelMultipleChoiceField(
        label=_("Clippings"),
        queryset=Clipping.objects.all(),
        error_messages={"required": _("Tick at least one clipping to add.")},
    )


class DecisionForm(forms.Form):
    decision = forms.CharField(label=_("Decision taken"), widget=forms.Textarea(attrs={"rows": 4}))
