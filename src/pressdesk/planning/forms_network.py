"""Forms of the network pages: writing an instruction, and reporting one done. They only parse."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Unit
from pressdesk.core.services import DomainError
from pressdesk.planning.instructions import LINK_MAX, REPORT_MAX, TITLE_MAX, check_due, usable_materials
from pressdesk.publications.forms import MOMENT, UnitChoice
from pressdesk.publications.models import Material

MATERIAL_CHOICES = 50


class UnitsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class MaterialChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Material) -> str:
        return obj.title or f"#{obj.pk}"


def material_choices(units: list[Unit]) -> QuerySet[Material]:
    """The latest public or scheduled materials of the senders' units: what an instruction may ask to republish.
    The service checks the chosen one is public by the due time."""
    if not units:
        return Material.objects.none()
    subtree = Unit.objects.none()
    for unit in units:
        subtree |= Unit.objects.subtree_of(unit)
    recent = usable_materials().filter(unit__in=subtree).order_by("-updated_at").values("pk")[:MATERIAL_CHOICES]
    return (
        Material.objects.filter(pk__in=[row["pk"] for row in recent])
        .prefetch_related("translations")
        .order_by("-updated_at")
    )


class InstructionForm(forms.Form):
    unit = UnitChoice(label=_("From the press service of"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("What to do"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("For example: publish the transport release on your channels and send the link."),
    )
    due_at = forms.DateTimeField(label=_("Due"), help_text=_("Almaty time."), **MOMENT)
    material = MaterialChoice(
        label=_("Material"),
        queryset=Material.objects.none(),
        required=False,
        help_text=_("A published or scheduled material the units should use, if any: public by the due time."),
    )
    units = UnitsChoice(
        label=_("To the units"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one unit to receive the instruction."),
            "invalid_choice": _("Unit %(value)s is not below your press service: choose among the units listed."),
            "invalid_pk_value": _("Unit %(pk)s is not below your press service: choose among the units listed."),
        },
        help_text=_("Every unit below is ticked; untick those the instruction is not for."),
    )

    def __init__(self, *args, senders: list[Unit], receivers: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in senders]).with_names()
        if len(senders) == 1:
            self.fields["unit"].initial = senders[0].pk
            self.fields["unit"].widget = forms.HiddenInput()
        self.fields["units"].queryset = receivers
        self.fields["units"].initial = [unit.pk for unit in receivers]
        self.fields["material"].queryset = material_choices(senders)

    def clean_due_at(self):
        due_at = self.cleaned_data["due_at"]
        try:
            check_due(due_at)
        except DomainError as error:
            raise ValidationError(str(error)) from None
        return due_at


class DoneForm(forms.Form):
    report = forms.CharField(
        label=_("What was done"),
        max_length=REPORT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a few words: where and when it was published."),
    )
    link = forms.URLField(
        label=_("Link to the publication"),
        max_length=LINK_MAX,
        required=False,
        assume_scheme="https",
    )
