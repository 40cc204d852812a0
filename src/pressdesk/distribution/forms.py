"""Forms of the distribution pages. They parse what was typed; the services decide what may be sent."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.directory.forms import JournalistFilterForm
from pressdesk.directory.models import Segment
from pressdesk.distribution.models import Category, DeliveryStatus, MailingStatus
from pressdesk.publications.forms import MOMENT
from pressdesk.publications.models import Material

SEGMENT, FILTER = "segment", "filter"
LINKS, ATTACH = "links", "attach"
LANGUAGES = list(settings.LANGUAGES)


class MaterialChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Material) -> str:
        return f"{obj.title or f'#{obj.pk}'} — {obj.get_kind_display()}, {obj.get_status_display()}"


class SegmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Segment) -> str:
        return obj.name


def _in_future(moment):
    if moment is not None and moment <= timezone.now():
        raise forms.ValidationError(_("Choose a time in the future (Almaty time)."))
    return moment


class MailingForm(JournalistFilterForm):
    """A new mailing: the material, its recipients (a saved segment or the directory's filter), the options."""

    material = MaterialChoice(label=_("Material"), queryset=Material.objects.none(), empty_label=None)
    recipients = forms.ChoiceField(
        label=_("Recipients"),
        choices=[(SEGMENT, _("A saved segment")), (FILTER, _("Journalists chosen by the filter below"))],
        initial=SEGMENT,
        widget=forms.RadioSelect,
    )
    segment = SegmentChoice(
        label=_("Saved segment"),
        queryset=Segment.objects.none(),
        empty_label=_("— choose a segment —"),
        error_messages={"required": _("Choose a saved segment, or choose the journalists by the filter.")},
    )
    category = forms.ChoiceField(
        label=_("Category"),
        help_text=_("A journalist who unsubscribed from this category does not get the letter."),
        choices=[("", _("By the material's type")), *Category.choices],
        required=False,
    )
    include_subscribers = forms.BooleanField(
        label=_("Also to the portal's subscribers of the material's topics"), required=False, initial=True
    )
    files = forms.ChoiceField(
        label=_("The material's files"),
        choices=[(LINKS, _("Links to the files in the letter")), (ATTACH, _("Attach the files to the letter"))],
        initial=LINKS,
        widget=forms.RadioSelect,
        help_text=_("Under embargo the files are always attached: the links would not open before the time."),
    )
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        help_text=_(
            "Almaty time. You confirm it on the next page, after checking the preview. Empty: you decide there."
        ),
        **MOMENT,
    )

    def __init__(self, *args, materials: QuerySet[Material], segments: QuerySet[Segment], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].queryset = materials
        self.fields["segment"].queryset = segments
        self.fields["q"].help_text = _("An empty filter chooses every journalist of your directory.")
        # Needed only when the recipients are a saved segment (not marked optional: that is the usual way).
        self.fields["segment"].required = self.data.get("recipients", SEGMENT) == SEGMENT

    def clean_send_at(self):
        return _in_future(self.cleaned_data.get("send_at"))

    def options(self) -> dict:
        """The keyword arguments of ``services.create`` (but the actor)."""
        data = self.cleaned_data
        by_segment = data["recipients"] == SEGMENT
        return {
            "material": data["material"],
            "segment": data["segment"] if by_segment else None,
            "criteria": None if by_segment else self.criteria(),
            "category": data["category"],
            "include_subscribers": data["include_subscribers"],
            "attach_files": data["files"] == ATTACH,
            "send_at": data["send_at"],
        }


class StartForm(forms.Form):
    """Send now, or schedule: the button pressed says which."""

    send_at = forms.DateTimeField(label=_("Send at"), required=False, help_text=_("Almaty time."), **MOMENT)

    def __init__(self, *args, schedule: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.schedule = schedule

    def clean_send_at(self):
        moment = _in_future(self.cleaned_data.get("send_at"))
        if self.schedule and moment is None:
            raise forms.ValidationError(_("Give the day and time to send it."))
        return moment if self.schedule else None


class MailingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *MailingStatus.choices], required=False
    )


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *DeliveryStatus.choices], required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("Any language")), *LANGUAGES], required=False)


class LanguageOrderForm(forms.Form):
    """The unit's fallback order: the first language the material has, from left to right."""

    first = forms.ChoiceField(label=_("First language"), choices=LANGUAGES)
    second = forms.ChoiceField(label=_("Second language"), choices=[("", _("— none —")), *LANGUAGES], required=False)
    third = forms.ChoiceField(label=_("Third language"), choices=[("", _("— none —")), *LANGUAGES], required=False)

    def __init__(self, *args, order: list[str] | None = None, **kwargs):
        if order is not None:
            kwargs["initial"] = dict(zip(("first", "second", "third"), order, strict=False))
        super().__init__(*args, **kwargs)

    def order(self) -> list[str]:
        return [code for code in (self.cleaned_data[k] for k in ("first", "second", "third")) if code]
