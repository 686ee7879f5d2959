"""Background work of the registry: thin wrappers that take ids and call one service."""

from huey.contrib.djhuey import db_task

from . import importing


@db_task()
def import_job_preview_task(job_id: int) -> None:
    importing.import_job_preview(job_id=job_id)


@db_task()
def import_job_commit_task(job_id: int) -> None:
    importing.import_job_commit(job_id=job_id)
