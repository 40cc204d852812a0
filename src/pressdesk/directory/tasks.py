"""Background tasks of the directory: thin shells that load by id and call the import service."""

from __future__ import annotations

from django_tasks import task


@task()
def check_import(job_id: int) -> None:
    from pressdesk.directory.importing import job_check

    job_check(job_id)


@task()
def run_import(job_id: int) -> None:
    from pressdesk.directory.importing import job_run

    job_run(job_id)
