"""The edition as a PDF: a render job queued by a service, run by the worker, with progress.

WeasyPrint gives no progress of its own, so the job records the stage it is in (collect the
content, build the HTML, lay out the pages, write the file) and the percent each stage
starts at; the page polls the job row.
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed

from . import permissions, selectors
from .enums import STAGE_PERCENT, RenderStage, RenderStatus
from .models import Edition, RenderJob

STALE_AFTER = dt.timedelta(minutes=30)  # a 60-entry edition renders in about 20 s


@transaction.atomic
def render_start(*, actor, edition: Edition) -> RenderJob:
    """Queue a PDF render of the edition (one at a time); the worker replaces the old PDF."""
    if actor is not None and not permissions.can_render_edition(actor, edition):
        raise NotAllowed(_("Only the edition's editors may render it."))
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    running = edition.render_jobs.filter(
        status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING],
        created_at__gte=timezone.now() - STALE_AFTER,  # a worker killed mid-render frees it
    )
    if running.exists():
        raise DomainError(_("A PDF of this edition is already being rendered."))
    if not edition.chapters.exists():
        raise DomainError(_("Add a chapter before rendering the PDF."))
    job = RenderJob.objects.create(edition=edition, started_by=actor)
    from .tasks import edition_render_task

    transaction.on_commit(lambda: edition_render_task(job.pk))
    return job


def _stage(job: RenderJob, stage: RenderStage) -> None:
    job.stage, job.percent = stage, STAGE_PERCENT[stage]
    RenderJob.objects.filter(pk=job.pk).update(stage=job.stage, percent=job.percent)


def render_execute(*, job_id: int) -> RenderJob:
    """Render the job's edition to PDF and store it on the edition (idempotent per job)."""
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().get(pk=job_id)
        if job.status != RenderStatus.QUEUED:
            return job  # delivered twice: already done or under way
        job.status = RenderStatus.RUNNING
        job.save(update_fields=["status"])
    started = time.perf_counter()
    try:
        content, pages = _render(job)
        with transaction.atomic():
            edition = Edition.objects.select_for_update().get(pk=job.edition_id)
            if edition.published_at and edition.published_at > job.created_at:
                # Rendered from the draft's live entries; the published snapshot may differ.
                raise DomainError(_("The edition was published during the render; render again."))
            old = edition.pdf.name
            edition.pdf.save(f"greenbook-{edition.pk}.pdf", ContentFile(content), save=False)
            edition.pdf_rendered_at = timezone.now()
            edition.pdf_pages = pages
            edition.save(update_fields=["pdf", "pdf_rendered_at", "pdf_pages"])
            if old and old != edition.pdf.name:
                path = old
                transaction.on_commit(lambda: edition.pdf.storage.delete(path))
            job.status, job.pages = RenderStatus.DONE, pages
            job.duration_s = round(time.perf_counter() - started, 2)
            job.finished_at = timezone.now()
            job.stage, job.percent = RenderStage.FINISHED, 100
            job.save()
        return job
    except Exception as exc:  # noqa: BLE001 — the job records any failure for the editor
        RenderJob.objects.filter(pk=job.pk).update(
            status=RenderStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise


def _render(job: RenderJob) -> tuple[bytes, int]:
    from weasyprint import HTML  # loads Pango: only in the worker, when a PDF is made
    from weasyprint.urls import URLFetcher

    edition = Edition.objects.get(pk=job.edition_id)
    with translation.override(edition.language):
        _stage(job, RenderStage.SNAPSHOT)
        publication = selectors.edition_publication(edition=edition)
        _stage(job, RenderStage.HTML)
        html = render_to_string("greenbook/print.html", {"pub": publication})
        _stage(job, RenderStage.LAYOUT)
        # Entries may hold image links: never fetch from the network (only inline data: URIs).
        fetcher = URLFetcher(allowed_protocols={"data"})
        document = HTML(string=html, url_fetcher=fetcher).render()
        _stage(job, RenderStage.WRITE)
        return document.write_pdf(), len(document.pages)


def edition_pdf_bytes(edition: Edition) -> bytes:
    """Render the edition's PDF in this process (tests, benchmarks); no job, nothing stored."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    with translation.override(edition.language):
        publication = selectors.edition_publication(edition=edition)
        html = render_to_string("greenbook/print.html", {"pub": publication})
        return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
