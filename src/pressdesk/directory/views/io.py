"""Import and export pages: upload a list, follow its check and import, download what the list pages show."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from pressdesk.core.models import Unit
from pressdesk.core.permissions import staff_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.directory import access, exporting, filters, importing, tabular
from pressdesk.directory.forms import JournalistFilterForm, UnitChoiceField, UnitFormMixin
from pressdesk.directory.models import ConsentBasis, ImportJob
from pressdesk.directory.models.imports import ImportStatus
from pressdesk.directory.views.outlets import filtered_outlets

RECENT_IMPORTS = 20


class ImportForm(UnitFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV, Excel (.xlsx) or vCard (.vcf). The first row names the columns: full name, email, phone, outlet, "
            "position, beats, languages."
        ),
    )
    unit = UnitChoiceField(label=gettext_lazy("Kept by"), queryset=Unit.objects.none())
    consent_basis = forms.ChoiceField(
        label=gettext_lazy("Basis for keeping these people's personal data"),
        choices=[("", "—"), *[(v, label) for v, label in ConsentBasis.choices if v != ConsentBasis.PORTAL]],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if problem := importing.size_problem(upload.size):
            raise ValidationError(problem)
        try:
            tabular.detect_format(upload.name or "", upload.read(4096))
        except tabular.TableError as error:
            raise ValidationError(str(error)) from None
        upload.seek(0)
        return upload


def _access_job(request: HttpRequest, pk: int) -> ImportJob:
    """An import kept by a unit where the user may edit the directory; 404 for any other."""
    job = (
        ImportJob.objects.filter(unit__in=units_for(request.user, "directory.edit"), pk=pk)
        .select_related("unit", "actor")
        .first()
    )
    if job is None:
        raise Http404(_("There is no such import."))
    return job


@staff_view("directory.edit")
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    form.set_units(access.editable_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = importing.job_create(
                actor=request.user,
                unit=data["unit"],
                upload=data["file"],
                consent_basis=data["consent_basis"],
                language=translation.get_language() or "kk",
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return redirect("directory:import_job", job.pk)
    jobs = ImportJob.objects.filter(unit__in=units_for(request.user, "directory.edit")).select_related("actor")
    return render(
        request,
        "directory/import_upload.html",
        {"form": form, "jobs": jobs[:RECENT_IMPORTS], "max_mb": importing.max_bytes() // (1024 * 1024)},
        status=400 if form.errors else 200,
    )


@staff_view("directory.edit")
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    file_errors = [e for e in job.errors if e["row"] is None]
    row_errors = [e for e in job.errors if e["row"] is not None]
    return render(
        request,
        "directory/import_job.html",
        {
            "job": job,
            "file_errors": file_errors,
            "row_errors": row_errors,
            "row_word": _row_word(job),
            "progress": _progress(job),
            # Without JavaScript the page reloads itself; that must be possible to stop (WCAG 2.2.1).
            "refresh": job.running and request.GET.get("refresh") != "off",
        },
    )


def _progress(job: ImportJob) -> str:
    if job.status == ImportStatus.IMPORTING:
        count = job.rows_to_import
        return ngettext(
            "%(count)s journalist is being imported.", "%(count)s journalists are being imported.", count
        ) % {"count": count}
    if job.rows_total:
        return ngettext("%(count)s row read so far.", "%(count)s rows read so far.", job.rows_total) % {
            "count": job.rows_total
        }
    return _("The file is waiting to be read.")


@staff_view("directory.edit")
def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the job page's script asks every few seconds while the worker is busy."""
    job = _access_job(request, pk)
    return JsonResponse({"status": job.status, "running": job.running, "progress": _progress(job)})


def _row_word(job: ImportJob) -> str:
    return _("Card") if job.original_name.lower().endswith((".vcf", ".vcard")) else _("Row")


@require_POST
@staff_view("directory.edit")
def import_start(request: HttpRequest, pk: int) -> HttpResponse:
    job = _access_job(request, pk)
    try:
        importing.job_start(actor=request.user, job=job)
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("directory:import_job", job.pk)


# Export ----------------------------------------------------------------------------------------------------------

CONTENT_TYPES = {
    tabular.CSV: "text/csv; charset=utf-8",
    tabular.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    tabular.VCF: "text/vcard; charset=utf-8",
}


def _in_language(chunks: Iterable[bytes], language: str) -> Iterator[bytes]:
    # A streamed body is produced after the view returns; keep the page's language for its words.
    with translation.override(language):
        yield from chunks


def _download(fmt: str, stem: str, header: list[str], rows: Iterator[list[str]], cards=None) -> HttpResponse:
    filename = f"{stem}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == tabular.XLSX:
        return FileResponse(
            tabular.xlsx_file(header, rows, stem),
            as_attachment=True,
            filename=filename,
            content_type=CONTENT_TYPES[fmt],
        )
    chunks = tabular.vcard_chunks(cards) if fmt == tabular.VCF else tabular.csv_chunks(header, rows)
    response = StreamingHttpResponse(
        _in_language(chunks, translation.get_language() or "kk"), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view("directory.export")
def journalists_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form = JournalistFilterForm(request.GET or None)
    criteria: dict = {}
    try:
        if form.is_bound and not form.is_valid():
            raise DomainError(_("The filter is not valid."))
        if form.is_bound:
            criteria = filters.clean_criteria(form.criteria())
    except DomainError as error:
        # The list page shows what is wrong with the filter next to it; never export more than was asked for.
        messages.error(request, str(error))
        return redirect(reverse("directory:journalists") + "?" + request.GET.urlencode())
    records = exporting.journalists(user=request.user, criteria=criteria)
    exporting.export_record(
        actor=request.user, unit=None, what="journalists", fmt=fmt, criteria=criteria, rows=records.count()
    )
    return _download(
        fmt,
        "journalists",
        exporting.journalist_header(),
        exporting.journalist_rows(records),
        cards=exporting.journalist_cards(records) if fmt == tabular.VCF else None,
    )


@staff_view("directory.export")
def outlets_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form, records = filtered_outlets(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("The filter is not valid."))
        return redirect(reverse("directory:outlets") + "?" + request.GET.urlencode())
    records = exporting.outlets(records.filter(access.visible_q(request.user, "directory.export")))
    exporting.export_record(
        actor=request.user, unit=None, what="outlets", fmt=fmt, criteria=dict(request.GET.lists()), rows=records.count()
    )
    return _download(fmt, "outlets", exporting.outlet_header(), exporting.outlet_rows(records))
