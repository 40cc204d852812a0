"""Forms of the media library: the filters of the list, the upload, the texts of a file."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit
from pressdesk.publications import media
from pressdesk.publications.models import MediaAsset, MediaSection

PHOTOS, DOCUMENTS = "photo", "document"


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class FilterForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=[("", _("Both sections")), *MediaSection.choices])
    kind = forms.ChoiceField(
        label=_("Photos or documents"),
        choices=[("", _("Photos and documents")), (PHOTOS, _("Photos")), (DOCUMENTS, _("Documents"))],
    )
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("Every unit"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        for field in self.fields.values():
            field.required = False

    def apply(self, assets):
        if not self.is_valid():
            return assets
        data = self.cleaned_data
        if data["section"]:
            assets = assets.filter(section=data["section"])
        if data["kind"] == PHOTOS:
            assets = assets.images()
        elif data["kind"] == DOCUMENTS:
            assets = assets.documents()
        if data["unit"]:
            assets = assets.filter(unit=data["unit"])
        return assets


@dataclass(frozen=True)
class LanguageFields:
    code: str
    name: str
    alt: BoundField
    caption: BoundField


class TextsForm(forms.Form):
    """A text alternative (a title for a document) and a caption in each language; Kazakh is required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            self.fields[f"alt_{code}"] = forms.CharField(
                label=_("Text alternative or title"),
                max_length=300,
                required=code == settings.LANGUAGE_CODE,
                help_text=_(
                    "For a photo: what it shows, in a sentence, for people who cannot see it. "
                    "For a document: its title."
                ),
            )
            self.fields[f"caption_{code}"] = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def languages(self) -> list[LanguageFields]:
        return [
            LanguageFields(code, name, self[f"alt_{code}"], self[f"caption_{code}"])
            for code, name in settings.LANGUAGES
        ]

    def texts(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            code: (data.get(f"alt_{code}", ""), data.get(f"caption_{code}", "")) for code, _name in settings.LANGUAGES
        }

    @staticmethod
    def initial_for(asset: MediaAsset) -> dict[str, str]:
        initial = {"is_public": asset.is_public}
        for row in asset.translations.all():
            initial[f"alt_{row.language}"] = row.alt
            initial[f"caption_{row.language}"] = row.caption
        return initial


PUBLIC_HELP = _("Only for brand assets (the logo, a press-kit template): they can be downloaded from the newsroom.")


class UploadForm(TextsForm):
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)
    section = forms.ChoiceField(label=_("Section"), choices=MediaSection.choices, widget=forms.RadioSelect)
    file = forms.FileField(label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": media.ACCEPT}))
    is_public = forms.BooleanField(label=_("Anyone may download it"), required=False, help_text=PUBLIC_HELP)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["file"].help_text = _("%(formats)s At most %(size)s MB.") % {
            "formats": media.accepted_formats(),
            "size": settings.MEDIA_UPLOAD_MAX_MB,
        }


class DescribeForm(TextsForm):
    is_public = forms.BooleanField(label=_("Anyone may download it"), required=False, help_text=PUBLIC_HELP)

    def __init__(self, *args, asset: MediaAsset, **kwargs):
        super().__init__(*args, **kwargs)
        if asset.section != MediaSection.BRAND:
            del self.fields["is_public"]
