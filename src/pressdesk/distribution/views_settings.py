"""Each unit's distribution settings: the order of languages a letter falls back through."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pressdesk.core.models import Unit
from pressdesk.core.permissions import staff_view, unit_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.distribution import letters, services
from pressdesk.distribution.forms import LanguageOrderForm
from pressdesk.distribution.models import DEFAULT_LANGUAGE_ORDER, UnitSettings
from pressdesk.distribution.selectors import SEND


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
            services.language_order_save(actor=request.user, unit=unit, order=form.order())
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The language order of %(unit)s is saved.") % {"unit": unit.name})
            return redirect("distribution:settings")
    status = 400 if form.errors else 200
    return render(request, "distribution/settings_unit.html", {"unit": unit, "form": form}, status=status)
