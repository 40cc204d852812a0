"""Forms of the press plan: an item, moving and cancelling it, making it real or linking it, filters, the export.

The forms only parse; the services in ``plan_services`` and ``plan_links`` decide.
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit, User
from pressdesk.core.services import DomainError
from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.planning.models import PlanItem, PlanKind
from pressdesk.planning.plan_fact import FACT_CHOICES
from pressdesk.planning.plan_periods import FIRST_YEAR, LAST_YEAR, years_between
from pressdesk.planning.plan_services import REASON_MAX, Draft, check_years
from pressdesk.publications.forms import PersonChoice, UnitChoice
from pressdesk.publications.models import MaterialKind, Topic

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
LONGEST_EXPORT_YEARS = 2


class CampaignChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanItem) -> str:
        return f"{obj.title} ({ldate(obj.starts_on, 'LLLL y')})"


class TopicChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.name


def _dates_checked(form: forms.Form, first: str = "starts_on", last: str = "ends_on") -> dict:
    """The end on or after the start, and both within the years a plan may hold."""
    data = forms.Form.clean(form)
    if data.get(first) and data.get(last) and data[last] < data[first]:
        form.add_error(last, _("The end must be on or after the start."))
    for name in (first, last):
        try:
            check_years(data.get(name))
        except DomainError as error:
            form.add_error(name, str(error))
    return data


class ItemForm(forms.Form):
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Type"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_on = forms.DateField(label=_("Date"), **DATE)
    ends_on = forms.DateField(
        label=_("Until"), required=False, help_text=_("For an item of several days; empty: one day."), **DATE
    )
    whole_month = forms.BooleanField(
        label=_("For the whole month (a theme or campaign without a day yet)"), required=False
    )
    owner = PersonChoice(label=_("Owner"), queryset=User.objects.none(), required=False)
    campaign = CampaignChoice(label=_("Part of the campaign"), queryset=PlanItem.objects.none(), required=False)
    topic = TopicChoice(label=_("Topic"), queryset=Topic.objects.none(), required=False)

    def __init__(
        self, *args, units: QuerySet[Unit], people: QuerySet[User], campaigns: QuerySet[PlanItem], editing=False, **kw
    ):
        super().__init__(*args, **kw)
        self.fields["unit"].queryset = units
        self.fields["owner"].queryset = people
        self.fields["campaign"].queryset = campaigns
        self.fields["topic"].queryset = Topic.objects.prefetch_related("translations")
        if editing:
            del self.fields["unit"]  # an item stays in its unit's plan
        elif len(units) == 1:
            self.fields["unit"].initial = units[0].pk

    def clean(self):
        return _dates_checked(self)

    def draft(self) -> Draft:
        data = self.cleaned_data
        return Draft(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            whole_month=data["whole_month"],
            owner=data["owner"],
            campaign=data["campaign"],
            topic=data["topic"],
        )


def item_initial(item: PlanItem) -> dict:
    return {
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "whole_month": item.whole_month,
        "owner": item.owner_id,
        "campaign": item.campaign_id,
        "topic": item.topic_id,
    }


class MoveForm(forms.Form):
    starts_on = forms.DateField(label=_("New date"), **DATE)
    ends_on = forms.DateField(
        label=_("Until"), required=False, help_text=_("Empty: as long as it was planned."), **DATE
    )
    reason = forms.CharField(
        label=_("Why it is moved"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        return _dates_checked(self)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is cancelled"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of material"), choices=MaterialKind.choices)
    language = forms.ChoiceField(label=_("Language of the first text"), choices=settings.LANGUAGES)


class LinkChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        when = getattr(obj, "starts_at", None) or obj.created_at
        return f"{obj.title or f'#{obj.pk}'} ({ldate(when, 'medium')})"


class LinkForm(forms.Form):
    choice = LinkChoice(label=_("Link to"), queryset=PlanItem.objects.none())

    def __init__(self, *args, choices: QuerySet, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].queryset = choices
        self.fields["choice"].label = label


class FilterForm(forms.Form):
    """The plan page's filters; a value that is not one of the choices is reported and left out."""

    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All my units"))
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("Any type")), *PlanKind.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any status")), *FACT_CHOICES], required=False)
    owner = PersonChoice(label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("Anyone"))

    def __init__(self, *args, units: QuerySet[Unit], people: QuerySet[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["owner"].queryset = people


class FactForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All my units"))

    def __init__(self, *args, units: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ExportForm(forms.Form):
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All my units"))
    first = forms.DateField(label=_("From"), **DATE)
    last = forms.DateField(label=_("Until"), **DATE)

    def __init__(self, *args, units: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        data = _dates_checked(self, "first", "last")
        first, last = data.get("first"), data.get("last")
        if first and last and last >= first and years_between(first, last) > LONGEST_EXPORT_YEARS:
            self.add_error(
                "last",
                _("Choose at most %(years)s years: export a longer plan year by year.")
                % {"years": LONGEST_EXPORT_YEARS},
            )
        return data


def this_year(today: datetime.date) -> dict:
    return {"first": datetime.date(today.year, 1, 1), "last": datetime.date(today.year, 12, 31)}
