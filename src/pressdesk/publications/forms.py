"""Forms of the material pages: the text of one language, the details, and each workflow step."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit, User
from pressdesk.publications.models import MaterialKind, MediaAsset, Topic

MOMENT = {"widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}


class TopicChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.name


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class AssetChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: MediaAsset) -> str:
        return obj.alt or obj.original_name


class AssetsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: MediaAsset) -> str:
        return obj.alt or obj.original_name


class TextForm(forms.Form):
    """One language version. ``base_revision`` is the revision the editor opened: the conflict check."""

    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        max_length=100_000,
        help_text=_("Markdown: *italic*, **bold**, lists with -, links as [words](https://…), headings with ##."),
    )
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    follows_source = forms.BooleanField(
        label=_("This translation follows the current text in the original language"), required=False, initial=True
    )


class NewMaterialForm(TextForm):
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Type"), choices=MaterialKind.choices)
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE)
    topics = TopicChoice(
        label=_("Topics"), queryset=Topic.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    field_order = ["unit", "kind", "language", "title", "summary", "body", "topics"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["base_revision"], self.fields["follows_source"]
        self.fields["unit"].queryset = units
        self.fields["unit"].initial = units.first()
        self.fields["topics"].queryset = Topic.objects.prefetch_related("translations")


class DetailsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=MaterialKind.choices)
    topics = TopicChoice(
        label=_("Topics"), queryset=Topic.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    spokesperson = PersonChoice(label=_("Spokesperson"), queryset=User.objects.none(), required=False)
    lead_image = AssetChoice(label=_("Main photo"), queryset=MediaAsset.objects.none(), required=False)
    attachments = AssetsChoice(
        label=_("Attachments"), queryset=MediaAsset.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people, assets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.prefetch_related("translations")
        self.fields["spokesperson"].queryset = people
        self.fields["lead_image"].queryset = assets.filter(content_type__startswith="image/")
        self.fields["attachments"].queryset = assets


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ApproveForm(forms.Form):
    reason = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)
    # What the approver saw, as "kk:3,ru:2": approving a text that changed meanwhile is refused.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_seen(self) -> dict[str, int] | None:
        value = self.cleaned_data["seen"].strip()
        if not value:
            return None
        try:
            return {language: int(number) for language, number in (pair.split(":") for pair in value.split(","))}
        except ValueError:
            raise forms.ValidationError(_("The page was damaged: open the material again.")) from None


def seen_value(revisions: dict[str, int]) -> str:
    return ",".join(f"{language}:{number}" for language, number in sorted(revisions.items()))


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(label=_("Publish at"), help_text=_("Almaty time."), **MOMENT)
    embargo = forms.BooleanField(
        label=_("Under embargo: the chosen journalists may read it before, but not publish it until then"),
        required=False,
    )


class EmbargoForm(forms.Form):
    until = forms.DateTimeField(
        label=_("New embargo time"),
        required=False,
        help_text=_("Almaty time. The material is published at this moment. Leave empty to lift the embargo."),
        **MOMENT,
    )
    reason = forms.CharField(label=_("Why the embargo changes"), widget=forms.Textarea(attrs={"rows": 2}))


class SegmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class RecipientsForm(forms.Form):
    segment = SegmentChoice(
        label=_("Journalists of the segment"),
        queryset=None,
        required=False,
        help_text=_("They may read the material before its time on the journalists' portal; no one else may."),
    )
    trusted_only = forms.BooleanField(label=_("Only those in the trusted pool"), required=False, initial=True)

    def __init__(self, *args, segments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = segments


class RuleForm(forms.Form):
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Type"), choices=MaterialKind.choices)
    head_approves = forms.TypedChoiceField(
        label=_("Approval"),
        choices=[("1", _("The head approves")), ("0", _("The press secretary approves"))],
        coerce=lambda value: value == "1",
    )


def correction_form(languages: list[str], source_language: str) -> type[forms.Form]:
    """One note field per language version; the original language's note is required."""
    names = dict(settings.LANGUAGES)
    fields = {
        f"note_{code}": forms.CharField(
            label=_("Correction note (%(language)s)") % {"language": names[code]},
            required=code == source_language,
            widget=forms.Textarea(attrs={"rows": 2}),
            max_length=2000,
        )
        for code in languages
    }
    return type("CorrectionForm", (forms.Form,), fields)
