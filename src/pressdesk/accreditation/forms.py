"""Forms of accreditation's pages: the portal application, the decisions, the changes of a pass, the register's
filter, the lists of reasons.

The forms only parse. Whether an application may be made — a missing or
disguised file, no consent, no outlet, a second open application — is the
service's to say, in its own words: the fields marked ``Judged`` pass an empty
value on instead of answering "this field is required", and ``show_refusal``
puts the service's refusal next to the field it names.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pressdesk.accreditation.models import (
    AccreditationStatus,
    Application,
    DeprivationGround,
    Kind,
    RejectionReason,
)
from pressdesk.accreditation.uploads import letter_max_bytes, photo_max_bytes
from pressdesk.core.models import Unit
from pressdesk.core.services import DomainError
from pressdesk.directory.models import Outlet
from pressdesk.events.models import Event

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
NOTE = {"widget": forms.Textarea(attrs={"rows": 3}), "max_length": 5000}
LANGUAGES = list(settings.LANGUAGES)


def show_refusal(form: forms.Form, error: DomainError) -> None:
    """A service's refusal next to the field it names, else on top of the form."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


class Judged:
    """A field whose emptiness the service judges, with a message that says what to do."""

    def validate(self, value) -> None:
        return None


class NamedChoice(Judged, forms.ModelChoiceField):
    """A choice of rows that have a translated ``name`` (units, outlets, reasons, grounds)."""

    def label_from_instance(self, obj) -> str:
        return obj.name


class EventChoice(Judged, forms.ModelChoiceField):
    def label_from_instance(self, obj: Event) -> str:
        from pressdesk.core.templatetags.l10n_kk import ldatetime

        return f"{obj.title} — {ldatetime(obj.starts_at)}"


class ServiceFile(Judged, forms.FileField):
    def __init__(self, **kwargs):
        super().__init__(allow_empty_file=True, **kwargs)


class Consent(Judged, forms.BooleanField):
    pass


def _megabytes(size: int) -> int:
    return size // (1024 * 1024)


class ApplyForm(forms.Form):
    """A journalist's application on the portal."""

    kind = forms.ChoiceField(label=_("Kind of accreditation"), choices=Kind.choices, widget=forms.RadioSelect)
    unit = NamedChoice(label=_("Accreditation by"), queryset=Unit.objects.none())
    requested_from = forms.DateField(label=_("From"), required=False, **DATE)
    requested_until = forms.DateField(
        label=_("Until"), required=False, help_text=_("Leave the dates empty for a year from today."), **DATE
    )
    event = EventChoice(label=_("Event"), queryset=Event.objects.none())
    outlet = NamedChoice(label=_("Outlet"), queryset=Outlet.objects.none())
    position = forms.CharField(
        label=_("Your position at the outlet"), max_length=120, required=False, help_text=_("For example: reporter.")
    )
    letter = ServiceFile(label=_("The editor's request letter"))
    photo = ServiceFile(label=_("Your photo for the pass"))
    consent = Consent(label=_("I agree to the processing of my personal data as described above"))

    def __init__(self, *args, units, events, outlets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["event"].queryset = events
        self.fields["outlet"].queryset = outlets
        self.fields["letter"].help_text = _(
            "A PDF, JPEG or PNG file of up to %(size)s MB, signed by the editor, asking for your accreditation."
        ) % {"size": _megabytes(letter_max_bytes())}
        self.fields["photo"].help_text = _(
            "A JPEG or PNG portrait of at least 300 × 400 pixels, up to %(size)s MB, as for an ID card."
        ) % {"size": _megabytes(photo_max_bytes())}
        self.fields["letter"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        self.fields["photo"].widget.attrs["accept"] = ".jpg,.jpeg,.png,image/jpeg,image/png"

    def submission(self) -> dict:
        """What the service takes, by its own names."""
        data = self.cleaned_data
        submission = {
            "kind": data["kind"],
            "outlet": data.get("outlet"),
            "position": data.get("position") or "",
            "letter": data.get("letter"),
            "photo": data.get("photo"),
            "consent": bool(data.get("consent")),
        }
        if data["kind"] == Kind.EVENT:
            return submission | {"event": data.get("event")}
        return submission | {
            "unit": data.get("unit"),
            "requested_from": data.get("requested_from"),
            "requested_until": data.get("requested_until"),
        }


# Staff decisions -------------------------------------------------------------------------------------------------


class ApproveForm(forms.Form):
    valid_from = forms.DateField(label=_("Valid from"), required=False, **DATE)
    valid_until = forms.DateField(label=_("Valid until"), required=False, **DATE)
    note = forms.CharField(label=_("Note for the file"), required=False, **NOTE)

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault(
            "initial", {"valid_from": application.requested_from, "valid_until": application.requested_until}
        )
        super().__init__(*args, prefix="approve", **kwargs)


class RejectForm(forms.Form):
    reason = NamedChoice(label=_("Reason"), queryset=RejectionReason.objects.none())
    note = forms.CharField(
        label=_("Explanation for the applicant"),
        required=False,
        help_text=_("The applicant reads it in the letter and on the portal."),
        **NOTE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="reject", **kwargs)
        self.fields["reason"].queryset = RejectionReason.objects.in_use()


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("How the applicant asked to withdraw"),
        help_text=_("A letter, a call: say which, and when."),
        required=False,
        **NOTE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="withdraw", **kwargs)


class GroundForm(forms.Form):
    """Suspend or revoke: a ground from the list and the text."""

    ground = NamedChoice(label=_("Ground"), queryset=DeprivationGround.objects.none())
    note = forms.CharField(label=_("Explanation for the holder"), required=False, **NOTE)

    def __init__(self, *args, prefix: str, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["ground"].queryset = DeprivationGround.objects.in_use()


class NoteForm(forms.Form):
    """Resume or re-issue: a note only."""

    note = forms.CharField(label=_("Note"), required=False, **NOTE)


# The register ---------------------------------------------------------------------------------------------------


class RegisterFilter(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *AccreditationStatus.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Either kind")), *Kind.choices])
    outlet = NamedChoice(label=_("Outlet"), required=False, queryset=Outlet.objects.none(), empty_label=_("Any"))
    event = EventChoice(label=_("Event"), required=False, queryset=Event.objects.none(), empty_label=_("Any"))
    valid_on = forms.DateField(label=_("Valid on"), required=False, **DATE)

    def __init__(self, *args, outlets, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets
        self.fields["event"].queryset = events

    def criteria(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value} if self.is_valid() else {}


# The lists of reasons and grounds ----------------------------------------------------------------------------------


class NamesForm(forms.Form):
    """An entry's names in every language and whether it needs an explanation."""

    needs_text = forms.BooleanField(label=_("A decision with it needs a written explanation"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, language in LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language},
                max_length=300,
                required=code == LANGUAGES[0][0],
            )
        self.order_fields([f"name_{code}" for code, _language in LANGUAGES])

    def names(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"name_{code}", "") for code, _language in LANGUAGES}

    @staticmethod
    def initial_for(entry) -> dict:
        names = {f"name_{row.language}": row.name for row in entry.translations.all()}
        return {**names, "needs_text": entry.needs_text}


class NewEntryForm(NamesForm):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Latin letters, digits and “_”; it stays in the history and in exports, so choose it with care."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["code", *[f"name_{code}" for code, _language in LANGUAGES]])
