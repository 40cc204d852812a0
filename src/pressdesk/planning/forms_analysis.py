"""Forms of analyses: what to analyse (an event, a campaign, a period) and the conclusions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.planning.analysis_period import period_problem

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVENT, CAMPAIGN, PERIOD = "event", "campaign", "period"


class MakeForm(forms.Form):
    """What to analyse; the page shows one form per subject (``prefix`` is the subject), each with its own fields."""

    event = forms.TypedChoiceField(label=_("Event held"), coerce=int)
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    first_day = forms.DateField(label=_("From"), widget=DATE, required=False)
    last_day = forms.DateField(label=_("To"), widget=DATE, required=False)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)

    def __init__(self, data=None, *, subject: str, events=(), campaigns=(), units=None, initial=None):
        super().__init__(data, initial=initial, prefix=subject)
        self.subject = subject
        keep = {EVENT: "event", CAMPAIGN: "campaign", PERIOD: "unit"}[subject]
        for name in {"event", "campaign", "unit"} - {keep}:
            del self.fields[name]
        if subject == EVENT:
            self.fields["event"].choices = [("", _("Choose an event"))] + [
                (event.pk, f"{ldate(event.starts_at)} — {event.title}") for event in events
            ]
            # An event not offered (older, or opened from its own page) is still looked up by its number.
            self.fields["event"].valid_value = lambda value: True
        elif subject == CAMPAIGN:
            self.fields["campaign"].choices = [("", _("Choose a campaign"))] + [
                (item.pk, f"{ldate(item.starts_on)} — {item.title}") for item in campaigns
            ]
            self.fields["campaign"].valid_value = lambda value: True
        else:
            self.fields["unit"].queryset = units.prefetch_related("translations").order_by("path")
            self.fields["unit"].label_from_instance = lambda unit: unit.name
            self.fields["first_day"].required = self.fields["last_day"].required = True
        if subject != PERIOD:
            self.fields["first_day"].help_text = _("Leave empty for the subject's own days.")

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if (
            (first or last or self.subject == PERIOD)
            and "first_day" not in self.errors
            and "last_day" not in self.errors
        ):
            if problem := period_problem(first, last):
                self.add_error("last_day", problem)
        return data


class ConclusionsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    conclusions = forms.CharField(label=_("Conclusions"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    next_time = forms.CharField(label=_("For next time"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
