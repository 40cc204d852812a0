"""A mailing's delivery log: one row per letter, filtered and paginated, its figures, and the export."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pressdesk.core.permissions import UnitForbidden, has_perm, staff_view
from pressdesk.directory import tabular
from pressdesk.distribution import exporting, selectors, services
from pressdesk.distribution.forms import DeliveryFilterForm
from pressdesk.distribution.models import DeliveryStatus
from pressdesk.distribution.selectors import VIEW

PER_PAGE = 100
EXPORT = "directory.export"  # the log lists journalists' addresses: exported by those who may export the directory


def _filters(request: HttpRequest) -> dict[str, str]:
    form = DeliveryFilterForm(request.GET)
    if not form.is_valid():
        return {"status": "", "language": ""}
    return {key: form.cleaned_data[key] for key in ("status", "language")}


@staff_view(VIEW)
def delivery_log(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = selectors.access_mailing(request.user, pk)
    chosen = _filters(request)
    page = Paginator(selectors.deliveries(mailing, **chosen), PER_PAGE).get_page(request.GET.get("page"))
    counts = services.counts(mailing)
    query = urlencode({key: value for key, value in chosen.items() if value})
    context = {
        "mailing": mailing,
        "form": DeliveryFilterForm(initial=chosen),
        "page": page,
        "query": query,
        "rows": [(delivery, exporting.reason(delivery)) for delivery in page.object_list],
        "figures": [(DeliveryStatus(status).label, counts[status]) for status in selectors.FIGURES],
        "total": sum(counts.values()),
        "statuses": [DeliveryStatus(status).label for status in selectors.FIGURES],
        "by_language": selectors.figures_by_language(mailing),
        "can_export": has_perm(request.user, EXPORT, mailing.unit),
    }
    return render(request, "distribution/log.html", context)


@staff_view(VIEW)
def delivery_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in (tabular.CSV, tabular.XLSX):
        raise Http404(_("There is no such format."))
    mailing = selectors.access_mailing(request.user, pk)
    if not has_perm(request.user, EXPORT, mailing.unit):
        raise UnitForbidden(_("Your role in this unit does not allow exporting lists of journalists."))
    deliveries = selectors.deliveries(mailing, **_filters(request))
    return tabular.download(
        fmt,
        exporting.header(),
        exporting.rows(deliveries),
        title=_("Delivery log"),
        filename=f"mailing-{mailing.pk}-log.{fmt}",
    )
