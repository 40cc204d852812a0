"""The import of journalists: check a file, then write all of it or none of it, in the background.

An upload becomes an ImportJob. The worker checks it (``job_check``) and the
page shows the preview; when the preview has no errors the press secretary
starts the import (``job_start``) and the worker writes it (``job_run``). Every
step claims the job with a conditional update of its status, so a task that
runs twice does nothing the second time. What a row means, and which rows are
errors, skips or likely duplicates, is in ``import_rows``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pressdesk.core import audit, search
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.directory import indexing, tabular
from pressdesk.directory.import_rows import Lookups, Preview, Row, checked_rows
from pressdesk.directory.models import Contact, ContactKind, Journalist, Position, language_set
from pressdesk.directory.models.imports import ImportJob, ImportKind, ImportStatus

logger = logging.getLogger(__name__)
BATCH = 1000
INSERT_ROWS = 200
PROGRESS_EVERY = 2000


class ImportRefused(DomainError):
    """The file has errors; ``preview`` lists them. Nothing was written."""

    def __init__(self, preview: Preview):
        super().__init__(_("The file has errors: nothing was imported. Correct them and upload the file again."))
        self.preview = preview


@dataclass
class Outcome:
    imported: int
    trusted: int
    preview: Preview


def _may_import(actor: User | None, unit: Unit) -> None:
    if actor is not None and not has_perm(actor, "directory.edit", unit):
        raise DomainError(_("You may not add journalists to the directory of this unit."))


def _open(file: IO[bytes], name: str, preview: Preview) -> tabular.Table | None:
    try:
        return tabular.read_table(file, name, tabular.JOURNALIST_COLUMNS)
    except tabular.TableError as error:
        preview.error(None, str(error))
        return None


def import_check(
    *, file: IO[bytes], name: str, unit: Unit, actor: User | None, progress: Callable[[int], None] | None = None
) -> Preview:
    """Read and check the whole file against the directory as ``actor`` sees it; nothing is written.

    ``progress`` hears the number of rows read every PROGRESS_EVERY rows, for the page that waits.
    """
    preview = Preview()
    table = _open(file, name, preview)
    if table is not None:
        for count, _row in enumerate(checked_rows(table, Lookups(actor=actor, unit=unit), preview), start=1):
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(preview.rows)
    return preview


def import_commit(
    *, file: IO[bytes], name: str, unit: Unit, actor: User | None, consent_basis: str, job_id: int | None = None
) -> Outcome:
    """Check the file again and write every row, or nothing: ImportRefused when any row has an error.

    The file is checked again because the directory may have changed since the
    preview. Rows are written in batches as they are read, so a large file never
    sits in memory whole; one transaction around all of it (and the search
    index, which lives in the same database) makes an error on the last row undo
    the first.
    """
    _may_import(actor, unit)
    preview = Preview()
    table = _open(file, name, preview)
    if table is None:
        raise ImportRefused(preview)
    writer = _Writer(unit=unit, actor=actor, consent_basis=consent_basis, file_name=name)
    with transaction.atomic():
        for row in checked_rows(table, Lookups(actor=actor, unit=unit), preview):
            if preview.ok:  # after the first error only check, so the preview lists them all
                writer.add(row)
        if not preview.ok:
            raise ImportRefused(preview)
        writer.flush()
        audit.record(
            actor=actor,
            action="directory.import.done",
            unit=unit,
            after={
                "imported": writer.count,
                "file": name,
                "already_known": preview.known,
                "trusted": writer.trusted,
                "import": job_id,
            },
        )
    return Outcome(writer.count, writer.trusted, preview)


class _Writer:
    """Journalists with their contacts, positions, beats and search entries, BATCH rows per round of inserts."""

    def __init__(self, *, unit: Unit, actor: User | None, consent_basis: str, file_name: str):
        self.unit, self.actor, self.consent_basis = unit, actor, consent_basis
        self.now = timezone.now()
        self.trust_reason = _("Marked as trusted in the imported file “%(name)s”.") % {"name": file_name}
        self.pending: list[Row] = []
        self.count = self.trusted = 0

    def add(self, row: Row) -> None:
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self.flush()

    def _journalist(self, row: Row) -> Journalist:
        return Journalist(
            unit=self.unit,
            full_name=row.full_name,
            name_key=row.name_key,
            languages=language_set(row.languages),
            preferred_language=row.preferred_language,
            consent_basis=self.consent_basis,
            trusted=row.trusted,
            trusted_by=self.actor if row.trusted else None,
            trusted_at=self.now if row.trusted else None,
            trusted_reason=self.trust_reason if row.trusted else "",
            created_at=self.now,
            updated_at=self.now,
        )

    def flush(self) -> None:
        rows, self.pending = self.pending, []
        if not rows:
            return
        journalists = Journalist.objects.bulk_create([self._journalist(row) for row in rows])
        now = Contact._meta.get_field("created_at").get_db_prep_save(self.now, connection)
        contacts, positions, beats, bodies = [], [], [], []
        for journalist, row in zip(journalists, rows, strict=True):
            contacts.extend((journalist.pk, kind, shown, normalized, now) for kind, shown, normalized in row.contacts)
            positions.extend((journalist.pk, outlet_id, title) for outlet_id, title in row.positions)
            beats.extend((journalist.pk, beat_id) for beat_id in row.beats)
            emails = [normalized for kind, _shown, normalized in row.contacts if kind == ContactKind.EMAIL]
            bodies.append((journalist.pk, indexing.journalist_body(journalist, emails)))
        insert_rows(Contact, ["journalist_id", "kind", "value", "normalized", "created_at"], contacts)
        insert_rows(Position, ["journalist_id", "outlet_id", "title"], positions)
        insert_rows(Journalist.beats.through, ["journalist_id", "beat_id"], beats)
        search.index_many(indexing.JOURNALIST, bodies)
        self.count += len(rows)
        self.trusted += sum(row.trusted for row in rows)


def insert_rows(model: type[Model], given: list[str], rows: list[tuple]) -> None:
    """INSERT rows of ``model``, many to a statement; the fields not ``given`` get their defaults.

    bulk_create would build every row as a model instance and prepare each value
    through the ORM's compiler, which was most of an import's time; these rows
    need no ids back, so the statement is built from the model's own fields and
    the values go straight to the driver. Values in ``rows`` must already be in
    database form (datetimes through the field's get_db_prep_save).
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_db_prep_save(f.get_default(), connection) for f in fields if f.attname not in given}
    place = {name: index for index, name in enumerate(given)}
    ordered = [(place.get(f.attname), defaults.get(f.attname)) for f in fields]
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 (the model's own names)
    one = f"({', '.join(['%s'] * len(fields))})"
    # As many rows to a statement as the database takes parameters (999 on SQLite), at most INSERT_ROWS.
    size = max(1, min(connection.ops.bulk_batch_size(fields, rows), INSERT_ROWS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            values = [row[i] if i is not None else value for row in chunk for i, value in ordered]
            cursor.execute(head + ", ".join([one] * len(chunk)), values)


# The job: upload, check, start, run ------------------------------------------------------------------------------


def max_bytes() -> int:
    return settings.IMPORT_MAX_MB * 1024 * 1024


def size_problem(size: int) -> str | None:
    """Why a file of ``size`` bytes cannot be imported, or None."""
    if size <= 0:
        return _("The file is empty.")
    if size > max_bytes():
        return _(
            "The file is %(size)s MB; files up to %(max)s MB can be imported. Split the list into several files."
        ) % {"size": f"{size / 1024 / 1024:.1f}", "max": settings.IMPORT_MAX_MB}
    return None


@transaction.atomic
def job_create(*, actor: User, unit: Unit, upload: UploadedFile, consent_basis: str, language: str) -> ImportJob:
    """Keep the uploaded file and queue its check; the page follows the job from here."""
    from pressdesk.directory.tasks import check_import

    _may_import(actor, unit)
    if problem := size_problem(upload.size):
        raise DomainError(problem)
    job = ImportJob(
        unit=unit,
        actor=actor,
        kind=ImportKind.JOURNALISTS,
        original_name=(upload.name or "")[:255],
        language=language,
        consent_basis=consent_basis,
    )
    job.file.save(upload.name or "upload", upload, save=False)
    job.save()
    transaction.on_commit(lambda: check_import.enqueue(job_id=job.pk))
    return job


def _save_preview(job_id: int, preview: Preview, status: str) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        rows_total=preview.rows,
        rows_with_errors=preview.error_rows,
        rows_already_known=preview.known,
        errors=preview.errors,
        duplicates=preview.duplicates,
        notes=preview.notes,
    )


def _fail(job: ImportJob, reason: str = "") -> None:
    if not reason:
        logger.exception("import %s failed", job.pk)
        with translation.override(job.language):
            reason = _(
                "The import stopped on an unexpected error; nothing was imported. "
                "Upload the file again, and tell the administrator if it happens again."
            )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, failure=reason, finished_at=timezone.now())


def _uploader(job: ImportJob) -> User:
    # An import always acts as a person; a job whose person was deleted must not fall back to the system's reach.
    if job.actor is None or not job.actor.is_active:
        raise DomainError(_("The person who uploaded this file no longer has an account."))
    return job.actor


def job_check(job_id: int) -> None:
    """Check an uploaded file and keep the preview on the job (worker)."""
    if not ImportJob.objects.filter(pk=job_id, status=ImportStatus.UPLOADED).update(status=ImportStatus.CHECKING):
        return  # checked already, or being checked by another worker
    job = ImportJob.objects.select_related("unit", "actor").get(pk=job_id)
    try:
        with translation.override(job.language), job.file.open("rb") as file:
            preview = import_check(
                file=file,
                name=job.original_name,
                unit=job.unit,
                actor=_uploader(job),
                progress=lambda rows: ImportJob.objects.filter(pk=job_id).update(rows_total=rows),
            )
    except DomainError as error:
        _fail(job, str(error))
        return
    except Exception:
        _fail(job)
        raise
    _save_preview(job_id, preview, ImportStatus.CHECKED)


def job_start(*, actor: User, job: ImportJob) -> None:
    """Queue the import of a checked file without errors; refused if it is not in that state."""
    from pressdesk.directory.tasks import run_import

    _may_import(actor, job.unit)
    if not job.can_import:
        raise DomainError(_("This file cannot be imported now: see its status and errors."))
    with transaction.atomic():
        # Whoever starts the import is who the audit trail names.
        if not ImportJob.objects.filter(pk=job.pk, status=ImportStatus.CHECKED).update(
            status=ImportStatus.IMPORTING, actor=actor
        ):
            raise DomainError(_("This import has already been started."))
        transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))


def job_run(job_id: int) -> None:
    """Write a started import (worker). Safe to run twice: the job's status is the claim."""
    job = ImportJob.objects.select_related("unit", "actor").filter(pk=job_id, status=ImportStatus.IMPORTING).first()
    if job is None:
        return
    try:
        with translation.override(job.language), job.file.open("rb") as file, transaction.atomic():
            if not ImportJob.objects.select_for_update().filter(pk=job_id, status=ImportStatus.IMPORTING).exists():
                return
            outcome = import_commit(
                file=file,
                name=job.original_name,
                unit=job.unit,
                actor=_uploader(job),
                consent_basis=job.consent_basis,
                job_id=job.pk,
            )
            _save_preview(job_id, outcome.preview, ImportStatus.DONE)
            ImportJob.objects.filter(pk=job_id).update(
                rows_imported=outcome.imported, finished_at=timezone.now(), file=""
            )
    except ImportRefused as refused:
        # The directory changed since the check (an outlet closed, a colleague added someone): show what is wrong now.
        _save_preview(job_id, refused.preview, ImportStatus.CHECKED)
        return
    except DomainError as error:  # the person lost the right to edit this unit's directory meanwhile
        _fail(job, str(error))
        return
    except Exception:
        _fail(job)
        raise
    # Personal data is not kept longer than needed: the file goes once its rows are in the directory.
    job.file.storage.delete(job.file.name)
