"""The PDF: its table of contents gives every chapter and entry the page it really is on."""

from __future__ import annotations

import io
import re

import pytest

from clusterlab.greenbook import rendering, services
from clusterlab.greenbook.models import Edition, RenderJob

from .conftest import make_entry

pytestmark = pytest.mark.django_db


def pdf_pages_text(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def toc_page_numbers(pages: list[str], titles: list[str]) -> dict[str, int]:
    """Read each title's page number from the contents page(s): `Title . . . . 7`."""
    contents = next(i for i, text in enumerate(pages) if "Contents" in text)
    lines = [_flat(line) for line in pages[contents].splitlines()]
    found = {}
    for title in titles:
        for line in lines:
            match = re.search(re.escape(title) + r"[\s.]*?(\d+)$", line)
            if match:
                found[title] = int(match.group(1))
                break
    return found


def assert_toc_true(content: bytes, titles: list[str]) -> dict[str, int]:
    pages = pdf_pages_text(content)
    numbers = toc_page_numbers(pages, titles)
    assert sorted(numbers) == sorted(titles)
    for title, number in numbers.items():
        assert 1 <= number <= len(pages)
        assert title in _flat(pages[number - 1]), (title, number)
    return numbers


def test_pdf_contents_lists_every_chapter_and_entry_with_its_page(cast, edition, entries):
    services.edition_publish(actor=cast.coordinator, edition=edition)
    content = rendering.edition_pdf_bytes(Edition.objects.get(pk=edition.pk))
    numbers = assert_toc_true(
        content, ["1. Tools", "2. Methods", "Kreativgutschein", "Creative voucher",
                  "Co-creation sprint"]
    )  # fmt: skip
    assert numbers["1. Tools"] < numbers["2. Methods"] <= numbers["Co-creation sprint"]


def test_long_edition_keeps_page_numbers_true_across_many_pages(cast, edition):
    chapter = edition.chapters.get(title="Methods")
    long_body = "\n\n".join(f"Paragraph {n}: " + "practice " * 120 for n in range(6))
    titles = []
    for n in range(8):
        entry = make_entry(cast, f"Long method {n}", kind="method", body=long_body)
        services.chapter_entry_add(actor=cast.coordinator, chapter=chapter, entry=entry)
        titles.append(entry.title)
    services.edition_publish(actor=cast.coordinator, edition=edition)
    content = rendering.edition_pdf_bytes(Edition.objects.get(pk=edition.pk))
    numbers = assert_toc_true(content, titles)
    assert numbers[titles[-1]] - numbers[titles[0]] >= 5  # they really spread over pages


def test_render_job_stores_the_pdf_and_a_rerender_replaces_it(cast, edition):
    services.edition_publish(actor=cast.coordinator, edition=edition)
    job = rendering.render_start(actor=cast.manager_a, edition=edition)
    done = rendering.render_execute(job_id=job.pk)
    assert (done.status, done.stage, done.percent) == ("done", "finished", 100)
    edition.refresh_from_db()
    first = edition.pdf.name
    assert edition.pdf_pages == done.pages and done.pages >= 4
    assert edition.pdf.storage.exists(first)
    assert rendering.render_execute(job_id=job.pk).pk == job.pk  # a second delivery: no-op
    job2 = rendering.render_start(actor=cast.coordinator, edition=edition)
    rendering.render_execute(job_id=job2.pk)
    edition.refresh_from_db()
    assert edition.pdf.storage.exists(edition.pdf.name)
    assert RenderJob.objects.filter(edition=edition, status="done").count() == 2
    with edition.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_one_render_at_a_time_unless_the_last_one_is_stale(cast, edition):
    import datetime as dt

    from django.utils import timezone

    from clusterlab.core.errors import DomainError

    job = rendering.render_start(actor=cast.manager_a, edition=edition)
    with pytest.raises(DomainError, match="already"):
        rendering.render_start(actor=cast.manager_a, edition=edition)
    RenderJob.objects.filter(pk=job.pk).update(
        status="running", created_at=timezone.now() - dt.timedelta(hours=2)
    )
    assert rendering.render_start(actor=cast.manager_a, edition=edition).pk != job.pk


def test_publishing_drops_the_draft_pdf_and_a_render_begun_before_it(
    cast, edition, django_capture_on_commit_callbacks
):
    from clusterlab.core.errors import DomainError

    draft_job = rendering.render_start(actor=cast.coordinator, edition=edition)
    rendering.render_execute(job_id=draft_job.pk)
    edition.refresh_from_db()
    draft_pdf = edition.pdf.name
    assert draft_pdf
    late_job = RenderJob.objects.create(edition=edition, started_by=cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_publish(actor=cast.coordinator, edition=edition)
    edition.refresh_from_db()
    assert not edition.pdf and edition.pdf_pages is None  # readers get the frozen snapshot
    assert not edition.pdf.storage.exists(draft_pdf)
    with pytest.raises(DomainError):
        rendering.render_execute(job_id=late_job.pk)  # it rendered the live draft
    edition.refresh_from_db()
    assert not edition.pdf
    assert RenderJob.objects.get(pk=late_job.pk).status == "failed"
