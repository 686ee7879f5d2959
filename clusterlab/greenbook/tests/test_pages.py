"""Pages and API: the editor's path, public reading of published editions, refusals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterlab.greenbook import services
from clusterlab.greenbook.models import Edition, RenderJob

pytestmark = pytest.mark.django_db


def test_coordinator_builds_publishes_and_renders_in_the_pages(
    cast, clients, entries, django_capture_on_commit_callbacks
):
    c = clients.coordinator
    response = c.post(
        reverse("greenbook:edition-new"),
        {"title": "Greenbook 2026", "language": "en", "editors": [cast.manager_a.pk]},
    )
    edition = Edition.objects.get(title="Greenbook 2026")
    assert response["Location"] == reverse("greenbook:edit", args=[edition.pk])
    assert list(edition.editors.all()) == [cast.manager_a]
    response = c.post(
        reverse("greenbook:chapter-add", args=[edition.pk]),
        {"chapter-title": "Tools", "chapter-introduction": "Ready to use."},
    )
    chapter = edition.chapters.get()
    edit_url = reverse("greenbook:chapter-edit", args=[edition.pk, chapter.pk])
    assert response["Location"] == edit_url
    picked = c.get(edit_url, {"q": "gutschein", "language": "de"}, HTTP_HX_REQUEST="true")
    body = picked.content.decode()
    assert "Kreativgutschein" in body and "Creative voucher" not in body
    assert "Unfinished idea" not in c.get(edit_url, {"q": "idea"}).content.decode()
    for entry in (entries.voucher_de, entries.voucher_en):
        c.post(reverse("greenbook:item-add", args=[edition.pk, chapter.pk]), {"entry": entry.pk})
    refused = c.post(
        reverse("greenbook:item-add", args=[edition.pk, chapter.pk]), {"entry": entries.draft.pk}
    )
    assert refused.status_code == 404
    assert [i.entry for i in chapter.items.order_by("position")] == [
        entries.voucher_de,
        entries.voucher_en,
    ]
    c.post(reverse("greenbook:publish", args=[edition.pk]))
    edition.refresh_from_db()
    assert edition.is_published
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("greenbook:render", args=[edition.pk]))
    job = RenderJob.objects.get(edition=edition)
    assert response["Location"] == reverse("greenbook:render-job", args=[edition.pk, job.pk])
    poll = c.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert 'id="render-percent">100<' in poll and "hx-trigger" not in poll
    pdf = clients.visitor.get(reverse("greenbook:pdf", args=[edition.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content)[:5] == b"%PDF-"


def test_published_edition_is_public_and_navigable(cast, clients, edition, entries):
    services.edition_publish(actor=cast.coordinator, edition=edition)
    tools, methods = edition.chapters.order_by("position")
    v = clients.visitor
    cover = v.get(reverse("greenbook:edition", args=[edition.pk])).content.decode()
    assert "Greenbook 2026" in cover and "Kreativgutschein" in cover
    assert reverse("greenbook:chapter", args=[edition.pk, tools.pk]) in cover
    page = v.get(reverse("greenbook:chapter", args=[edition.pk, tools.pk])).content.decode()
    assert 'id="entry-' in page and "Instruments ready to use." in page
    assert (
        f'href="{reverse("greenbook:chapter", args=[edition.pk, methods.pk])}" rel="next"' in page
    )
    glossary = v.get(reverse("greenbook:glossary", args=[edition.pk])).content.decode()
    assert "A small grant." in glossary
    home = v.get(reverse("greenbook:home")).content.decode()
    assert "Greenbook 2026" in home
    assert v.get(reverse("greenbook:edit", args=[edition.pk])).status_code == 302


def test_draft_is_seen_by_editors_and_coordinator_only(cast, clients, edition):
    url = reverse("greenbook:edition", args=[edition.pk])
    assert clients.coordinator.get(url).status_code == 200
    assert clients.manager_a.get(url).status_code == 200
    assert clients.manager_b.get(url).status_code == 404
    assert clients.visitor.get(url).status_code == 404
    assert "Greenbook 2026" not in clients.visitor.get(reverse("greenbook:home")).content.decode()
    assert clients.manager_b.get(reverse("greenbook:edition-new")).status_code == 404


def test_pdf_of_a_published_edition_renders_on_first_request(
    cast, clients, edition, django_capture_on_commit_callbacks
):
    services.edition_publish(actor=cast.coordinator, edition=edition)
    with django_capture_on_commit_callbacks(execute=True):
        response = clients.visitor.get(reverse("greenbook:pdf", args=[edition.pk]))
    job = RenderJob.objects.get(edition=edition)
    assert (job.status, job.started_by) == ("done", None)
    assert response["Location"] == reverse("greenbook:render-job", args=[edition.pk, job.pk])


def test_api_lists_published_to_all_and_drafts_to_editors(cast, clients, edition, entries):
    published = services.edition_create(actor=None, data={"title": "Open edition"})
    chapter = services.chapter_add(actor=None, edition=published, data={"title": "Cases"})
    services.chapter_entry_add(actor=None, chapter=chapter, entry=entries.case)
    services.edition_publish(actor=None, edition=published)

    def titles(client) -> list[str]:
        return [e["title"] for e in client.get("/api/greenbook-editions/").json()["results"]]

    assert titles(clients.visitor) == ["Open edition"]
    assert titles(clients.manager_b) == ["Open edition"]
    assert sorted(titles(clients.manager_a)) == ["Greenbook 2026", "Open edition"]
    detail = clients.visitor.get(f"/api/greenbook-editions/{published.pk}/").json()
    assert detail["chapters"][0]["entries"][0]["title"] == "Textile meets design"
    assert detail["render"] is None and detail["pdf_url"] is None
    assert clients.visitor.get(f"/api/greenbook-editions/{edition.pk}/").status_code == 404
    mine = clients.manager_a.get(f"/api/greenbook-editions/{edition.pk}/").json()
    assert [c["title"] for c in mine["chapters"]] == ["Tools", "Methods"]
    assert mine["glossary"] == [{"term": "Voucher", "definition": "A small grant."}]


def _published(n: int, cast) -> None:
    from .conftest import make_entry

    for i in range(n):
        edition = services.edition_create(actor=None, data={"title": f"Edition {i}"})
        chapter = services.chapter_add(actor=None, edition=edition, data={"title": "C"})
        entry = make_entry(cast, f"Entry {i}")
        services.chapter_entry_add(actor=None, chapter=chapter, entry=entry)
        services.edition_publish(actor=None, edition=edition)
        RenderJob.objects.create(edition=edition, status="done", stage="finished", percent=100)


@pytest.mark.parametrize("n", [1, 3])
def test_edition_list_queries_do_not_grow_with_editions(
    cast, clients, n, django_assert_max_num_queries
):
    _published(n, cast)
    with django_assert_max_num_queries(8):
        response = clients.visitor.get("/api/greenbook-editions/")
    assert response.json()["count"] == n
    with django_assert_max_num_queries(8):
        assert clients.visitor.get(reverse("greenbook:home")).status_code == 200


def test_a_reader_never_restarts_a_failed_render_nor_sees_its_error(cast, clients, edition):
    """A failed render waits for an editor; the visitor gets a plain message, no traceback."""
    from clusterlab.greenbook.enums import RenderStatus

    services.edition_publish(actor=cast.coordinator, edition=edition)
    edition.refresh_from_db()
    failed = RenderJob.objects.create(
        edition=edition, status=RenderStatus.FAILED, error="Traceback: secret path"
    )
    response = clients.visitor.get(reverse("greenbook:pdf", args=[edition.pk]))
    assert response.status_code == 302
    assert RenderJob.objects.filter(edition=edition).count() == 1
    page = clients.visitor.get(reverse("greenbook:render-job", args=[edition.pk, failed.pk]))
    assert page.status_code == 200
    assert "secret path" not in page.content.decode()
    editor_page = clients.coordinator.get(
        reverse("greenbook:render-job", args=[edition.pk, failed.pk])
    )
    assert "secret path" in editor_page.content.decode()
