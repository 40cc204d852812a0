"""Forms of the directory pages. They parse and validate; the rules live in services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit
from pressdesk.directory.models import (
    Beat,
    ConsentBasis,
    ContactKind,
    Outlet,
    OutletKind,
    OutletLevel,
    OutletStatus,
    Ownership,
    PartnerKind,
)
from pressdesk.directory.normalize import contact_normalized
from pressdesk.directory.services import ContactInput

LANGUAGES = settings.LANGUAGES
TRUSTED_CHOICES = [("", _("Everyone")), ("yes", _("Only the trusted pool")), ("no", _("Not in the trusted pool"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _checkboxes(choices, label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class OutletChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Outlet) -> str:
        return obj.name


class BeatsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Beat.objects.prefetch_related("translations"),
            to_field_name="code",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Beats"),
            **kwargs,
        )

    def label_from_instance(self, obj: Beat) -> str:
        return obj.name


class JournalistFilterForm(forms.Form):
    """The list's filter; its ``criteria()`` is what a segment saves."""

    q = forms.CharField(
        label=_("Journalist's name"), required=False, max_length=200, help_text=_("Any spelling, any script.")
    )
    outlet_kinds = _checkboxes(OutletKind.choices, _("Outlet type"))
    outlet_levels = _checkboxes(OutletLevel.choices, _("Outlet level"))
    outlet_languages = _checkboxes(LANGUAGES, _("Outlet language"))
    ownership = _checkboxes(Ownership.choices, _("Ownership"))
    beats = BeatsField()
    languages = _checkboxes(LANGUAGES, _("Journalist's working languages"))
    preferred_language = _checkboxes(LANGUAGES, _("Language for materials"))
    trusted = forms.ChoiceField(label=_("Trusted pool"), choices=TRUSTED_CHOICES, required=False)
    with_email = forms.BooleanField(label=_("Only with a working email"), required=False)

    FILTER_FIELDS = [
        "q",
        "outlet_kinds",
        "outlet_levels",
        "outlet_languages",
        "ownership",
        "beats",
        "languages",
        "preferred_language",
        "trusted",
        "with_email",
    ]

    def criteria(self) -> dict:
        data = dict(self.cleaned_data)
        data["beats"] = [beat.code for beat in data.get("beats") or []]
        return {key: data.get(key) for key in self.FILTER_FIELDS if data.get(key)}

    @classmethod
    def initial_from(cls, criteria: dict) -> dict:
        return {key: value for key, value in criteria.items() if key in cls.FILTER_FIELDS}


class UnitFormMixin:
    def set_units(self, units: QuerySet[Unit]) -> None:
        # The unit highest in the tree comes first: most records are kept by the user's own press service.
        self.fields["unit"].queryset = units
        first = units.first()
        if first is not None and not self.initial.get("unit"):
            self.fields["unit"].initial = first.pk
            self.fields["unit"].empty_label = None


class ContactFieldsMixin:
    """Optional email, phone and messenger fields that become ContactInput rows."""

    def clean_contact(self, name: str, kind: str) -> str:
        value = self.cleaned_data.get(name, "").strip()
        if value:
            try:
                contact_normalized(kind, value)
            except ValidationError as error:
                raise ValidationError(error.messages[0]) from None
        return value

    def clean_email(self) -> str:
        return self.clean_contact("email", ContactKind.EMAIL)

    def clean_phone(self) -> str:
        return self.clean_contact("phone", ContactKind.PHONE)

    def contacts(self, confirmed_on=None) -> list[ContactInput]:
        pairs = [(ContactKind.EMAIL, "email"), (ContactKind.PHONE, "phone"), (ContactKind.MESSENGER, "messenger")]
        return [
            ContactInput(kind=kind, value=self.cleaned_data[name], confirmed_on=confirmed_on)
            for kind, name in pairs
            if self.cleaned_data.get(name)
        ]


class JournalistForm(UnitFormMixin, ContactFieldsMixin, forms.Form):
    unit = UnitChoiceField(label=_("Kept by"), queryset=Unit.objects.none())
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    name_variants = forms.CharField(
        label=_("Other spellings of the name"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, for example the Latin spelling in the passport."),
    )
    languages = _checkboxes(LANGUAGES, _("Working languages"))
    preferred_language = forms.ChoiceField(label=_("Language for materials"), choices=LANGUAGES, initial="kk")
    beats = BeatsField()
    consent_basis = forms.ChoiceField(label=_("Basis for keeping personal data"), choices=ConsentBasis.choices)
    consent_on = forms.DateField(label=_("Consent given on"), required=False, widget=DateInput())
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class NewJournalistForm(JournalistForm):
    outlet = OutletChoiceField(label=_("Outlet"), queryset=Outlet.objects.none(), required=False)
    title = forms.CharField(label=_("Position"), max_length=120, required=False)
    since = forms.DateField(label=_("Works there since"), required=False, widget=DateInput())
    email = forms.CharField(label=_("Email"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=40, help_text=_("For example +7 701 234 56 78.")
    )
    messenger = forms.CharField(label=_("Messenger"), required=False, max_length=100)


class MoveForm(forms.Form):
    outlet = OutletChoiceField(
        label=_("New outlet"),
        queryset=Outlet.objects.none(),
        required=False,
        empty_label=_("— left journalism or unknown —"),
    )
    title = forms.CharField(label=_("Position"), max_length=120, required=False)
    on = forms.DateField(label=_("Date of the move"), widget=DateInput())


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class EraseForm(ReasonForm):
    confirm = forms.BooleanField(
        label=_("I understand that the name, contacts and notes are erased for good."), required=True
    )


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    value = forms.CharField(label=_("Address or number"), max_length=254)
    label = forms.CharField(label=_("Label"), max_length=80, required=False, help_text=_("For example “work”."))
    confirmed_on = forms.DateField(label=_("Last confirmed"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("value"):
            try:
                contact_normalized(data["kind"], data["value"])
            except ValidationError as error:
                self.add_error("value", error.messages[0])
        return data

    def contact(self) -> ContactInput:
        data = self.cleaned_data
        return ContactInput(
            kind=data["kind"], value=data["value"], label=data["label"], confirmed_on=data["confirmed_on"]
        )


class NamesMixin:
    """Names in three languages as three fields; Kazakh or Russian is required by the service."""

    def names(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"name_{code}", "").strip() for code, _name in LANGUAGES}

    def clean(self):
        data = super().clean()
        if not (data.get("name_kk") or data.get("name_ru")):
            raise ValidationError(_("Give the name in Kazakh or Russian."))
        return data


class OutletForm(NamesMixin, UnitFormMixin, ContactFieldsMixin, forms.Form):
    unit = UnitChoiceField(label=_("Kept by"), queryset=Unit.objects.none())
    name_kk = forms.CharField(label=_("Name in Kazakh"), max_length=200, required=False)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=OutletKind.choices)
    languages = _checkboxes(LANGUAGES, _("Languages"))
    level = forms.ChoiceField(label=_("Level"), choices=OutletLevel.choices)
    ownership = forms.ChoiceField(label=_("Ownership"), choices=Ownership.choices)
    reach = forms.IntegerField(
        label=_("Reach"), required=False, min_value=0, help_text=_("Readers, viewers or subscribers.")
    )
    reach_source = forms.CharField(label=_("Source of the reach figure"), max_length=200, required=False)
    reach_date = forms.DateField(label=_("Date of the reach figure"), required=False, widget=DateInput())
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    feeds = forms.CharField(
        label=_("Feed addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("RSS, Atom or news sitemap addresses, one per line. Monitoring reads them."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    email = forms.CharField(label=_("Newsroom email"), required=False, max_length=254)
    phone = forms.CharField(label=_("Newsroom phone"), required=False, max_length=40)
    messenger = forms.CharField(label=_("Messenger"), required=False, max_length=100)

    def clean_feeds(self) -> list[str]:
        urls = [line.strip() for line in self.cleaned_data.get("feeds", "").splitlines() if line.strip()]
        validator = forms.URLField(assume_scheme="https")
        bad = []
        for url in urls:
            try:
                validator.clean(url)
            except ValidationError:
                bad.append(url)
        if bad:
            raise ValidationError(_("Not a web address: %(urls)s") % {"urls": ", ".join(bad)})
        return urls

    def clean(self):
        data = super().clean()
        if data.get("reach") is not None and not data.get("reach_source"):
            self.add_error("reach_source", _("Say where the reach figure comes from."))
        return data

    def fields_for_service(self) -> dict:
        data = self.cleaned_data
        keys = ["kind", "level", "ownership", "reach", "reach_source", "reach_date", "website", "notes"]
        return {key: data[key] for key in keys}


class OutletFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("Any")), *OutletKind.choices], required=False)
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("Any")), *OutletLevel.choices], required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("Any")), *LANGUAGES], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *OutletStatus.choices], required=False, initial=OutletStatus.ACTIVE
    )


class CloseOutletForm(forms.Form):
    on = forms.DateField(label=_("Closed on"), widget=DateInput())
    merged_into = OutletChoiceField(
        label=_("Merged into"), queryset=Outlet.objects.none(), required=False, empty_label=_("— simply closed —")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PartnerForm(NamesMixin, UnitFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Kept by"), queryset=Unit.objects.none())
    name_kk = forms.CharField(label=_("Name in Kazakh"), max_length=200, required=False)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=PartnerKind.choices)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PersonForm(ContactFieldsMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    email = forms.CharField(label=_("Email"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    messenger = forms.CharField(label=_("Messenger"), required=False, max_length=100)


class SegmentForm(UnitFormMixin, JournalistFilterForm):
    unit = UnitChoiceField(label=_("Kept by"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Segment name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["name", "unit", "description"]
