"""Forms of bulletins: which candidates to list, and the bulletin with its chosen materials in order.

The choice works without JavaScript: each candidate has a checkbox and a
number field for its place; ticked materials go in by that number, those
without one after the numbered, in the order the list shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit
from pressdesk.publications.models import Material, MaterialKind, Status

ORDER_MAX = 999


class CandidateFilter(forms.Form):
    """Narrows the list of materials to choose from (a GET form; bad values are ignored)."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=None)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Status.choices])
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Any")), *MaterialKind.choices])

    def __init__(self, data, *, units: QuerySet[Unit] | None = None) -> None:
        super().__init__(data)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].initial = units.first()

    def chosen_unit(self) -> Unit | None:
        """The unit asked for, else the first the user may compose for."""
        field = self.fields["unit"]
        value = self.cleaned_data.get("unit") if self.is_valid() else None
        return value or field.queryset.first()

    def criteria(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: self.cleaned_data[key] for key in ("since", "until", "status", "kind") if self.cleaned_data[key]}


@dataclass(frozen=True)
class Row:
    """One candidate on the page: the material, its checkbox and its place."""

    material: Material
    pick: BoundField
    order: BoundField


class BulletinForm(forms.Form):
    title = forms.CharField(label=_("Title of the issue"), max_length=300)
    language = forms.ChoiceField(
        label=_("Language of the bulletin"),
        choices=settings.LANGUAGES,
        help_text=_("Each material is given in this language, or in its own language if it has no such text."),
    )
    issued_on = forms.DateField(label=_("Date of issue"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self,
        data=None,
        *,
        candidates: Sequence[Material],
        chosen: Sequence[Material] = (),
        language_fixed: bool = False,
        initial: dict | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        if language_fixed:
            del self.fields["language"]
        places = {material.pk: place for place, material in enumerate(chosen, start=1)}
        self.rows: list[Row] = []
        for material in candidates:
            title = material.title or f"#{material.pk}"
            self.fields[f"pick_{material.pk}"] = forms.BooleanField(
                label=_("Include “%(title)s”") % {"title": title}, required=False, initial=material.pk in places
            )
            self.fields[f"order_{material.pk}"] = forms.IntegerField(
                label=_("Place of “%(title)s” in the bulletin") % {"title": title},
                required=False,
                min_value=1,
                max_value=ORDER_MAX,
                initial=places.get(material.pk),
            )
            self.rows.append(Row(material, self[f"pick_{material.pk}"], self[f"order_{material.pk}"]))

    def chosen_materials(self) -> list[Material]:
        """The ticked materials: numbered ones by their number, then the rest as listed."""
        ticked = [
            (self.cleaned_data[f"order_{row.material.pk}"] or ORDER_MAX + 1, index, row.material)
            for index, row in enumerate(self.rows)
            if self.cleaned_data[f"pick_{row.material.pk}"]
        ]
        return [material for _order, _index, material in sorted(ticked, key=lambda t: t[:2])]
