"""Forms of the staff event pages: the plan (with its speaker rows), cancelling, held, materials, venues, absences.

The forms only parse; ``EventForm.plan()`` turns what was typed into a
``services.Plan`` and the services decide whether it may be planned.
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit, User
from pressdesk.events.models import Accreditation, Event, EventKind, SpeakerRole, Venue
from pressdesk.events.services import MOST_PLACES, Plan, SpeakerInput
from pressdesk.publications.forms import MOMENT, PersonChoice, UnitChoice

LANGUAGES = list(settings.LANGUAGES)
SPEAKER_ROWS = 6
DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
TIME = {"widget": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class VenueChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Venue) -> str:
        return f"{obj.name} — {obj.address}"


def _moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class EventForm(forms.Form):
    """Everything of an event but its speakers (the ``SpeakerForm`` rows below)."""

    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices)
    start_date = forms.DateField(label=_("Date"), **DATE)
    start_time = forms.TimeField(label=_("Starts at"), help_text=_("Almaty time."), **TIME)
    duration = forms.IntegerField(
        label=_("Duration, minutes"), min_value=5, max_value=7 * 24 * 60, initial=60, widget=forms.NumberInput
    )
    venue = VenueChoice(label=_("Venue"), queryset=Venue.objects.none(), required=False)
    online_url = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", help_text=_("For an event held online.")
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=LANGUAGES, widget=forms.CheckboxSelectMultiple, initial=["kk"]
    )
    interpretation = forms.CharField(
        label=_("Interpretation"), required=False, max_length=200, help_text=_("For example: Kazakh into Russian.")
    )
    capacity = forms.IntegerField(
        label=_("Places for journalists"),
        required=False,
        min_value=1,
        max_value=MOST_PLACES,
        help_text=_("Empty: as many as the venue seats."),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"),
        required=False,
        help_text=_("Almaty time. Empty: when the event starts."),
        **MOMENT,
    )
    accreditation = forms.ChoiceField(
        label=_("Accreditation"), choices=Accreditation.choices, initial=Accreditation.NONE, widget=forms.RadioSelect
    )
    is_public = forms.BooleanField(label=_("Announce in the public newsroom (never for interviews)"), required=False)

    def __init__(self, *args, units: QuerySet[Unit], venues: QuerySet[Venue], editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["venue"].queryset = venues
        if editing:
            del self.fields["unit"]  # an event stays in its unit
        elif len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        for code, name in LANGUAGES:
            required = code == settings.LANGUAGE_CODE
            self.fields[f"topic_{code}"] = forms.CharField(
                label=_("Topic (%(language)s)") % {"language": name}, max_length=300, required=required
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def text_fields(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        """(code, name, topic, description) per language, for the template's fieldsets."""
        return [(code, name, self[f"topic_{code}"], self[f"description_{code}"]) for code, name in LANGUAGES]

    def plan(self, speakers: list[SpeakerInput]) -> Plan:
        data = self.cleaned_data
        starts_at = _moment(data["start_date"], data["start_time"])
        return Plan(
            kind=data["kind"],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=data["duration"]),
            texts={code: (data[f"topic_{code}"], data[f"description_{code}"]) for code, _name in LANGUAGES},
            venue=data["venue"],
            online_url=data["online_url"],
            languages=data["languages"],
            interpretation=data["interpretation"],
            capacity=data["capacity"],
            registration_closes_at=data["registration_closes_at"],
            accreditation=data["accreditation"],
            is_public=data["is_public"],
            speakers=speakers,
        )


def initial_for(event: Event) -> dict:
    """The form's initial data from a planned event."""
    starts = timezone.localtime(event.starts_at)
    initial = {
        "kind": event.kind,
        "start_date": starts.date(),
        "start_time": starts.time().replace(second=0, microsecond=0),
        "duration": int((event.ends_at - event.starts_at).total_seconds() // 60),
        "venue": event.venue_id,
        "online_url": event.online_url,
        "languages": event.language_list(),
        "interpretation": event.interpretation,
        "capacity": event.capacity,
        "registration_closes_at": event.registration_closes_at and timezone.localtime(event.registration_closes_at),
        "accreditation": event.accreditation,
        "is_public": event.is_public,
    }
    for row in event.translations.all():
        initial[f"topic_{row.language}"] = row.title
        initial[f"description_{row.language}"] = row.description
    return initial


class SpeakerForm(forms.Form):
    """One speaker row: a staff member, or an external speaker's name; an empty row is no speaker."""

    user = PersonChoice(label=_("Staff member"), queryset=User.objects.none(), required=False)
    name = forms.CharField(label=_("or an external speaker's name"), required=False, max_length=200)
    position = forms.CharField(label=_("Position"), required=False, max_length=300)
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.choices, initial=SpeakerRole.SPEAKER)

    def __init__(self, *args, people: QuerySet[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people

    def clean(self):
        data = super().clean()
        if data.get("user") and data.get("name", "").strip():
            raise forms.ValidationError(_("Choose a staff member or type an external speaker's name, not both."))
        if not data.get("user") and not data.get("name", "").strip() and data.get("position", "").strip():
            raise forms.ValidationError(_("Give the speaker's name or choose a staff member."))
        return data

    def speaker(self) -> SpeakerInput | None:
        data = self.cleaned_data
        if not data.get("user") and not data.get("name", "").strip():
            return None
        return SpeakerInput(user=data["user"], name=data["name"], position=data["position"], role=data["role"])


def speaker_rows(data, *, people: QuerySet[User], event: Event | None = None) -> list[SpeakerForm]:
    """``SPEAKER_ROWS`` rows, each with its own prefix; filled from the event's speakers when editing."""
    initial = []
    if event is not None:
        initial = [
            {"user": s.user_id, "name": s.name, "position": s.position, "role": s.role} for s in event.speakers.all()
        ]
    rows = max(SPEAKER_ROWS, len(initial))
    return [
        SpeakerForm(data, people=people, prefix=f"speaker{n}", initial=initial[n] if n < len(initial) else None)
        for n in range(rows)
    ]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the event is cancelled"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class HeldForm(forms.Form):
    attendance = forms.IntegerField(
        label=_("Journalists present"),
        required=False,
        min_value=0,
        max_value=MOST_PLACES,
        help_text=_("Counted by hand; leave empty if they were checked in at the door."),
    )


class MaterialsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.title or f"#{obj.pk}"


class MaterialsForm(forms.Form):
    materials = MaterialsChoice(
        label=_("Materials about the event"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].queryset = choices


class VenueForm(forms.Form):
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none())
    address = forms.CharField(label=_("Address"), max_length=300)
    capacity = forms.IntegerField(label=_("Seats"), required=False, min_value=1, max_value=MOST_PLACES)

    def __init__(self, *args, units: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        for code, name in LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": name},
                max_length=300,
                required=code == settings.LANGUAGE_CODE,
            )

    def names(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"name_{code}"] for code, _name in LANGUAGES}


class AbsenceForm(forms.Form):
    user = PersonChoice(label=_("Staff member"), queryset=User.objects.none())
    starts_at = forms.DateTimeField(label=_("From"), help_text=_("Almaty time."), **MOMENT)
    ends_at = forms.DateTimeField(label=_("Until"), help_text=_("Almaty time."), **MOMENT)
    reason = forms.CharField(label=_("Reason"), max_length=200, help_text=_("For example: on leave, on a trip."))

    def __init__(self, *args, people: QuerySet[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
