"""Each unit's distribution settings: the order of languages a letter falls back through."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm, staff_view, unit_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.distribution import letters
from pressdesk.distribution.forms import LanguageOrderForm
from pressdesk.distribution.models import DEFAULT_LANGUAGE_ORDER, UnitSettings
from pressdesk.distribution.selectors import SEND


@transaction.atomic
def language_order_save(*, actor: User, unit: Unit, order: list[str]) -> UnitSettings:
    """The unit's fallback order: known language codes, each once, at least one. Audited."""
    if not has_perm(actor, SEND, unit):
        raise DomainError(_("Your roles do not allow changing this unit's distribution settings."))
    known = [code for code, _name in settings.LANGUAGES]
    if not order or any(code not in known for code in order):
        raise DomainError(_("Choose the languages from the list."))
    if len(set(order)) != len(order):
        raise DomainError(_("Each language may come only once in the order."))
    row, _created = UnitSettings.objects.select_for_update().get_or_create(unit=unit)
    before = row.language_order
    row.language_order = ",".join(order)
    if row.language_order != before:
        row.save(update_fields=["language_order"])
        audit.record(
            actor=actor,
            action="distribution.settings.changed",
            target=row,
            unit=unit,
            before={"language_order": before},
            after={"language_order": row.language_order},
        )
    return row


def _names(order: list[str]) -> list[str]:
    names = dict(settings.LANGUAGES)
    return [str(names.get(code, code)) for code in order]


@staff_view(SEND)
def unit_settings_list(request: HttpRequest) -> HttpResponse:
    units = list(units_for(request.user, SEND).with_names().order_by("path"))
    saved = {row.unit_id: row.order() for row in UnitSettings.objects.filter(unit__in=units)}
    default = DEFAULT_LANGUAGE_ORDER.split(",")
    rows = [(unit, _names(saved.get(unit.pk, default))) for unit in units]
    return render(request, "distribution/settings_list.html", {"rows": rows})


@unit_view(SEND)
def unit_settings(request: HttpRequest, unit: Unit) -> HttpResponse:
    form = LanguageOrderForm(request.POST or None, order=letters.fallback_order(unit))
    if request.method == "POST" and form.is_valid():
        try:
            language_order_save(actor=request.user, unit=unit, order=form.order())
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The language order of %(unit)s is saved.") % {"unit": unit.name})
            return redirect("distribution:settings")
    status = 400 if form.errors else 200
    return render(request, "distribution/settings_unit.html", {"unit": unit, "form": form}, status=status)
