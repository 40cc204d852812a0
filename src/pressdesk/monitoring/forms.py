"""Forms of the monitoring pages: they parse what was typed; the services decide what may be saved."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit
from pressdesk.directory.models import FeedKind, Outlet
from pressdesk.monitoring.models import MANUAL_KINDS, ClippingKind, Language, Tone, Watch, WatchKind
from pressdesk.monitoring.search import Criteria
from pressdesk.monitoring.sources import MAX_MINUTES, MIN_MINUTES
from pressdesk.publications.forms import MOMENT, UnitChoice

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
PREVIEW_DAYS = [(7, _("7 days")), (30, _("30 days")), (90, _("90 days"))]


class OutletChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Outlet) -> str:
        return obj.name


class WatchChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Watch) -> str:
        return obj.label


def _checkboxes(choices, label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)


class SearchForm(forms.Form):
    """The clippings' search box and filters; ``criteria()`` is what ``search.find`` takes."""

    q = forms.CharField(
        label=_("Words to find"),
        required=False,
        max_length=200,
        help_text=_("Any word form, any script: әкімдік finds әкімдігінің, äkımdıgı and akimdigi."),
    )
    outlet = OutletChoice(label=_("Outlet"), queryset=Outlet.objects.none(), required=False, empty_label=_("Any"))
    since = forms.DateField(label=_("From"), required=False, **DATE)
    until = forms.DateField(label=_("To"), required=False, help_text=_("Days in Almaty time."), **DATE)
    watch = WatchChoice(label=_("Watch entry"), queryset=Watch.objects.none(), required=False, empty_label=_("Any"))
    tones = _checkboxes(Tone.choices, _("Tone"))
    languages = _checkboxes(Language.choices, _("Language"))
    kinds = _checkboxes(ClippingKind.choices, _("Type"))

    def __init__(self, *args, outlets: list[Outlet], watches: QuerySet[Watch], **kwargs):
        super().__init__(*args, **kwargs)
        # The names are loaded once by the caller; the chosen one is checked by its id.
        self.fields["outlet"].queryset = Outlet.objects.all()
        self.fields["outlet"].choices = [("", _("Any")), *((outlet.pk, outlet.name) for outlet in outlets)]
        self.fields["watch"].queryset = watches

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The last day comes before the first."))
        return data

    def criteria(self) -> Criteria:
        if not self.is_valid():
            return Criteria()
        data = self.cleaned_data
        return Criteria(
            q=data["q"].strip(),
            outlet=data["outlet"].pk if data["outlet"] else None,
            since=data["since"],
            until=data["until"],
            tones=tuple(data["tones"]),
            watch=data["watch"].pk if data["watch"] else None,
            languages=tuple(data["languages"]),
            kinds=tuple(data["kinds"]),
        )


class PeriodForm(forms.Form):
    since = forms.DateField(label=_("From"), required=False, **DATE)
    until = forms.DateField(label=_("To"), required=False, help_text=_("Days in Almaty time."), **DATE)

    def period(self, days: int) -> tuple[datetime.date, datetime.date]:
        """The period asked for, the last ``days`` days by default; the days swapped when given the wrong way round."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        until = data.get("until") or today
        since = data.get("since") or until - datetime.timedelta(days=days - 1)
        return (since, until) if since <= until else (until, since)


class ToneForm(forms.Form):
    tone = forms.ChoiceField(label=_("The right tone"), choices=Tone.choices, widget=forms.RadioSelect)


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class WatchForm(forms.Form):
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=WatchKind.choices, widget=forms.RadioSelect)
    label = forms.CharField(
        label=_("Label"),
        max_length=200,
        required=False,
        help_text=_("How lists and the digest call it; the first name when left empty."),
    )
    names = forms.CharField(
        label=_("Names"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line, each written once in any language or script: word forms, other scripts and word orders "
            "are found by themselves."
        ),
    )
    exclude = forms.CharField(
        label=_("Not this"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Look-alikes to leave out, one per line: for example “Алматы облысы” for the city's akimat."),
    )
    initials = forms.BooleanField(
        label=_("Also by surname and initials (“Е. Сапаров”), for an official"), required=False
    )
    days = forms.TypedChoiceField(
        label=_("Test on the items of the last"), choices=PREVIEW_DAYS, coerce=int, initial=7, required=False
    )

    def __init__(self, *args, units: QuerySet[Unit], editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if editing:
            del self.fields["unit"]
        elif not self.initial.get("unit") and (first := units.first()) is not None:
            self.fields["unit"].initial = first.pk
            self.fields["unit"].empty_label = None

    def entry(self) -> dict:
        """What the services take: kind, label, names, exclusions, initials."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "label": data["label"],
            "names": _lines(data["names"]),
            "exclude": _lines(data["exclude"]),
            "initials": data["initials"],
        }

    @staticmethod
    def initial_for(watch: Watch) -> dict:
        return {
            "kind": watch.kind,
            "label": watch.label,
            "names": "\n".join(watch.names),
            "exclude": "\n".join(watch.exclude or []),
            "initials": watch.initials,
        }


class EntryForm(forms.Form):
    """A TV, radio or print item typed in by an analyst."""

    outlet = OutletChoice(label=_("Outlet"), queryset=Outlet.objects.none())
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[(kind.value, kind.label) for kind in MANUAL_KINDS],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title or subject"), max_length=500)
    programme = forms.CharField(
        label=_("Programme or section"), max_length=200, required=False, help_text=_("For example: “Кешкі жаңалықтар”.")
    )
    aired_at = forms.DateTimeField(
        label=_("Aired or printed at"), help_text=_("Almaty time."), required=False, **MOMENT
    )
    text = forms.CharField(
        label=_("Transcript or text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("The words are read like a fetched article's: language, watch entries, tone, search."),
    )
    url = forms.URLField(label=_("Address online"), required=False, assume_scheme="https", max_length=1000)
    attachment = forms.FileField(
        label=_("Scan or clip"),
        required=False,
        help_text=_("A scan as PDF, JPEG, PNG or WebP; a clip as MP4, WebM, MP3, OGG or WAV."),
    )

    def __init__(self, *args, outlets: QuerySet[Outlet], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets


class SourceForm(forms.Form):
    outlet = OutletChoice(label=_("Outlet"), queryset=Outlet.objects.none())
    url = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")
    kind = forms.ChoiceField(label=_("Kind"), choices=FeedKind.choices, widget=forms.RadioSelect, initial=FeedKind.FEED)
    every_minutes = forms.IntegerField(
        label=_("Read every (minutes)"), min_value=MIN_MINUTES, max_value=MAX_MINUTES, initial=30
    )

    def __init__(self, *args, outlets: QuerySet[Outlet], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets


class ScheduleForm(forms.Form):
    every_minutes = forms.IntegerField(label=_("Read every (minutes)"), min_value=MIN_MINUTES, max_value=MAX_MINUTES)
