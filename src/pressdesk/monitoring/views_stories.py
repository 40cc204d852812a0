"""Figures pages: the largest stories of a period, the pickup of our materials, a unit's daily digest."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from pressdesk.core.permissions import access_unit, staff_view, units_for
from pressdesk.monitoring import digest, digest_pdf, selectors
from pressdesk.monitoring.forms import PeriodForm
from pressdesk.monitoring.registry import DIGEST, VIEW

STORY_DAYS = 7
PICKUP_DAYS = 30


@staff_view(VIEW)
def stories(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    since, until = form.period(STORY_DAYS)
    return render(
        request,
        "monitoring/stories.html",
        {"form": form, "since": since, "until": until, "stories": selectors.stories(since, until)},
    )


@staff_view(VIEW)
def pickup(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    since, until = form.period(PICKUP_DAYS)
    return render(
        request,
        "monitoring/pickup.html",
        {"form": form, "since": since, "until": until, "releases": selectors.releases(request.user, since, until)},
    )


def _digest_day(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return timezone.localdate() - datetime.timedelta(days=1)


def _digest_unit(request: HttpRequest):
    units = units_for(request.user, DIGEST).with_names().order_by("path")
    chosen = request.GET.get("unit", "")
    unit = access_unit(request.user, chosen, DIGEST) if chosen else units.first()
    if unit is None:
        raise Http404
    return unit, units


@staff_view(DIGEST)
def digest_page(request: HttpRequest) -> HttpResponse:
    unit, units = _digest_unit(request)
    day = _digest_day(request)
    return render(
        request,
        "monitoring/digest_page.html",
        {
            "d": digest.assemble(unit, day),
            "unit": unit,
            "units": units,
            "day": day,
            "previous": day - datetime.timedelta(days=1),
            "next": day + datetime.timedelta(days=1) if day < timezone.localdate() else None,
        },
    )


@staff_view(DIGEST)
def digest_download(request: HttpRequest) -> HttpResponse:
    unit, _units = _digest_unit(request)
    figures = digest.assemble(unit, _digest_day(request))
    response = HttpResponse(digest_pdf.render(figures, get_language()), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, digest_pdf.filename(figures))
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
