"""The form of a scheduled report: how often, to whom among the unit's readers, which files."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit
from pressdesk.core.permissions import holders
from pressdesk.reports.models import Frequency, Schedule
from pressdesk.reports.registry import VIEW


class ScheduleForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect)
    recipients = forms.ModelMultipleChoiceField(
        label=_("To whom"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People who may read this unit's report; each receives it in the language of their account."),
        error_messages={"required": _("Choose at least one person to receive the report.")},
    )
    send_pdf = forms.BooleanField(label=_("Attach the PDF"), required=False, initial=True)
    send_xlsx = forms.BooleanField(label=_("Attach the XLSX workbook"), required=False)

    def __init__(self, data=None, *, unit: Unit, schedule: Schedule | None = None):
        initial = None
        if schedule is not None:
            initial = {
                "frequency": schedule.frequency,
                "recipients": list(schedule.recipients.values_list("pk", flat=True)),
                "send_pdf": schedule.send_pdf,
                "send_xlsx": schedule.send_xlsx,
            }
        super().__init__(data, initial=initial)
        self.fields["recipients"].queryset = holders(VIEW, unit)
        self.fields["recipients"].label_from_instance = lambda person: f"{person.full_name} <{person.email}>"

    def clean(self):
        data = super().clean()
        if not (data.get("send_pdf") or data.get("send_xlsx")):
            self.add_error("send_pdf", _("Choose at least one file to attach: PDF or XLSX."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "frequency": data["frequency"],
            "recipients": list(data["recipients"]),
            "send_pdf": data["send_pdf"],
            "send_xlsx": data["send_xlsx"],
        }
