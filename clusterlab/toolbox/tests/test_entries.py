"""Entries: writing, versions, translations, the workflow and who may do what."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.toolbox import selectors, services
from clusterlab.toolbox.markdown import render_markdown
from clusterlab.toolbox.models import Entry, EntryStatus, Review

from .conftest import entry_data

pytestmark = pytest.mark.django_db


def test_create_keeps_a_first_version_tags_and_index(draft, cast):
    assert draft.status == EntryStatus.DRAFT
    assert draft.author == cast.manager_a
    assert [v.number for v in draft.versions.all()] == [1]
    assert sorted(draft.tags.values_list("name", flat=True)) == ["crafts", "vouchers"]
    assert draft.search_terms.filter(term="de:gutschein").exists()


def test_another_clusters_manager_cannot_write_for_cluster_a(cast):
    with pytest.raises(NotAllowed):
        services.entry_create(actor=cast.manager_b, cluster=cast.cluster_a, data=entry_data())
    assert Entry.objects.count() == 0


def test_every_changed_edit_keeps_a_version_and_the_diff_is_escaped(draft, cast):
    services.entry_update(actor=cast.manager_a, entry=draft, data={"body": "<b>neu</b>"})
    services.entry_update(actor=cast.manager_a, entry=draft, data={"body": "<b>neu</b>"})
    versions = list(draft.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    diff = selectors.version_diff(versions[0], versions[1])
    assert ("added", "+<b>neu</b>") in diff
    assert ("removed", "-Die Betriebe beantragen einen Gutschein.") in diff


def test_version_page_shows_the_diff_escaped(draft, cast, clients):
    services.entry_update(actor=cast.manager_a, entry=draft, data={"body": "<script>x()</script>"})
    html = clients.manager_a.get(reverse("toolbox:entry-versions", args=[draft.pk])).content
    assert b"+&lt;script&gt;x()&lt;/script&gt;" in html
    assert b"<script>x()" not in html


def test_only_authors_and_their_clusters_managers_edit_drafts(draft, cast):
    with pytest.raises(NotAllowed):
        services.entry_update(actor=cast.manager_b, entry=draft, data={"title": "Mine"})
    services.entry_submit(actor=cast.manager_a, entry=draft)
    with pytest.raises(NotAllowed):  # in review the authors wait for the editor
        services.entry_update(actor=cast.manager_a, entry=draft, data={"title": "Later"})
    draft.refresh_from_db()
    assert draft.title == entry_data()["title"]


def test_workflow_draft_review_published_and_send_back(draft, cast):
    with pytest.raises(NotAllowed):
        services.entry_publish(actor=cast.manager_a, entry=draft)
    services.entry_submit(actor=cast.manager_a, entry=draft)
    with pytest.raises(DomainError):
        services.entry_send_back(actor=cast.coordinator, entry=draft, comment=" ")
    services.entry_send_back(actor=cast.coordinator, entry=draft, comment="Add a budget")
    assert (draft.status, draft.editor_comment) == (EntryStatus.DRAFT, "Add a budget")
    services.entry_submit(actor=cast.manager_a, entry=draft)
    services.entry_publish(actor=cast.coordinator, entry=draft)
    draft.refresh_from_db()
    assert draft.status == EntryStatus.PUBLISHED and draft.published_at is not None
    assert draft.editor_comment == ""


def test_translation_links_and_one_per_language(draft, cast):
    english = services.entry_translate(
        actor=cast.manager_a,
        entry=draft,
        data={"language": "en", "title": "Creative vouchers for craft firms", "summary": "How"},
    )
    assert english.original == draft and english.kind == draft.kind
    assert english.status == EntryStatus.DRAFT
    assert sorted(english.tags.values_list("name", flat=True)) == ["crafts", "vouchers"]
    with pytest.raises(DomainError):
        services.entry_translate(
            actor=cast.manager_a,
            entry=english,
            data={"language": "en", "title": "x", "summary": "y"},
        )
    with pytest.raises(DomainError):  # the original's own language is taken too
        services.entry_translate(
            actor=cast.manager_a,
            entry=english,
            data={"language": "de", "title": "x", "summary": "y"},
        )
    french = services.entry_translate(
        actor=cast.manager_a,
        entry=english,
        data={"language": "fr", "title": "Bons", "summary": "z"},
    )
    assert french.original == draft
    family = selectors.entry_translations(user=cast.manager_a, entry=draft)
    assert [e.language for e in family] == ["en", "fr"]


def test_entry_page_lists_and_links_translations(published, cast, clients):
    english = services.entry_translate(
        actor=cast.manager_a,
        entry=published,
        data={"language": "en", "title": "Creative vouchers", "summary": "How"},
    )
    page = clients.manager_a.get(reverse("toolbox:entry-detail", args=[published.pk]))
    assert reverse("toolbox:entry-detail", args=[english.pk]).encode() in page.content
    # The visitor sees the published German entry, but not the English draft.
    page = clients.visitor.get(reverse("toolbox:entry-detail", args=[published.pk]))
    assert page.status_code == 200
    assert b"Creative vouchers" not in page.content


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<img src="x" onerror="alert(1)">',
        '<p onclick="alert(1)">hi</p>',
        "<iframe src='https://evil.example'></iframe>",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    ],
)
def test_markdown_never_lets_code_through(source):
    html = str(render_markdown(source)).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "<iframe" not in html and "data:" not in html


def test_entry_page_renders_markdown_safely(cast, clients):
    entry = services.entry_create(
        actor=cast.manager_a,
        cluster=cast.cluster_a,
        data=entry_data(body="# Plan\n\n<script>alert(1)</script> [x](javascript:alert(2)) **ok**"),
    )
    html = clients.manager_a.get(reverse("toolbox:entry-detail", args=[entry.pk])).content
    assert b"<h1>Plan</h1>" in html and b"<strong>ok</strong>" in html
    assert b"<script>alert(1)" not in html and b"javascript:alert(2)" not in html


def test_peer_review_by_another_clusters_manager_only(in_review, cast):
    with pytest.raises(NotAllowed):
        services.review_save(
            actor=cast.manager_a, entry=in_review, comment="Mine", evidence_level="anecdotal"
        )
    with pytest.raises(NotAllowed):
        services.review_save(
            actor=cast.member_a, entry=in_review, comment="Hi", evidence_level="anecdotal"
        )
    review = services.review_save(
        actor=cast.manager_b,
        entry=in_review,
        comment="We used this in Lille",
        used_it=True,
        evidence_level="documented",
    )
    assert review.cluster == cast.cluster_b
    services.review_save(
        actor=cast.manager_b, entry=in_review, comment="Updated", evidence_level="evaluated"
    )
    assert list(Review.objects.values_list("comment", "evidence_level")) == [
        ("Updated", "evaluated")
    ]


def test_drafts_cannot_be_reviewed(draft, cast):
    with pytest.raises(NotAllowed):
        services.review_save(
            actor=cast.manager_b, entry=draft, comment="x", evidence_level="anecdotal"
        )


def test_visibility_of_drafts_reviews_and_published(draft, cast):
    def seen(user):
        return set(Entry.objects.visible_to(user).values_list("pk", flat=True))

    assert seen(cast.manager_a) == {draft.pk}
    assert seen(cast.coordinator) == {draft.pk}
    assert seen(cast.manager_b) == set()
    assert seen(cast.member_a) == set()
    assert seen(None) == set()
    services.entry_submit(actor=cast.manager_a, entry=draft)
    assert seen(cast.manager_b) == {draft.pk}  # peers review it
    assert seen(cast.member_a) == set()
    services.entry_publish(actor=cast.coordinator, entry=draft)
    from django.contrib.auth.models import AnonymousUser

    assert seen(AnonymousUser()) == {draft.pk}


def test_attachments_have_type_and_size_limits(draft, cast, settings):
    with pytest.raises(DomainError):
        services.attachment_add(
            actor=cast.manager_a, entry=draft, file=SimpleUploadedFile("x.exe", b"MZ")
        )
    big = SimpleUploadedFile("big.pdf", b"0" * (services.ATTACHMENT_MAX_BYTES + 1))
    with pytest.raises(DomainError):
        services.attachment_add(actor=cast.manager_a, entry=draft, file=big)
    ok = services.attachment_add(
        actor=cast.manager_a, entry=draft, file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4")
    )
    assert ok.size == 8 and ok.name == "plan.pdf"


def test_lesson_becomes_a_lesson_entry_linked_to_its_pilot(cast):
    from clusterlab.toolbox.tests.isolation import _lesson

    lesson = _lesson(cast.cluster_a, "L-1")
    with pytest.raises(NotAllowed):
        services.entry_from_lesson(actor=cast.manager_b, lesson=lesson)
    entry = services.entry_from_lesson(actor=cast.manager_a, lesson=lesson)
    assert (entry.kind, entry.source_lesson, entry.cluster) == ("lesson", lesson, cast.cluster_a)
    assert list(entry.related_pilots.all()) == [lesson.pilot]
    assert services.entry_from_lesson(actor=cast.manager_a, lesson=lesson) == entry


def test_pages_of_the_workflow(cast, clients):
    client = clients.manager_a
    response = client.post(
        reverse("toolbox:entry-new"),
        {
            "cluster": cast.cluster_a.pk,
            "kind": "tool",
            "language": "de",
            "title": "Preisliste für Designleistungen",
            "summary": "Eine Vorlage",
            "body": "Text",
            "tags": "pricing, design",
        },
    )
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "toolbox:entry-detail", args=[entry.pk]
    )
    client.post(reverse("toolbox:entry-submit", args=[entry.pk]))
    response = clients.manager_b.post(
        reverse("toolbox:entry-review", args=[entry.pk]),
        {"comment": "Useful", "would_use": "on", "evidence_level": "anecdotal"},
    )
    assert response.status_code == 302
    assert (
        clients.manager_a.post(reverse("toolbox:entry-publish", args=[entry.pk])).status_code == 404
    )
    clients.coordinator.post(reverse("toolbox:entry-publish", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.reviews.get().would_use is True
    page = clients.visitor.get(reverse("toolbox:entry-detail", args=[entry.pk]))
    assert b"Useful" in page.content


def test_home_lists_published_and_own_drafts(published, cast, clients):
    draft = services.entry_create(
        actor=cast.manager_a, cluster=cast.cluster_a, data=entry_data(title="Entwurf Nummer zwei")
    )
    assert b"Entwurf Nummer zwei" in clients.manager_a.get(reverse("toolbox:home")).content
    visitor_page = clients.visitor.get(reverse("toolbox:home")).content
    assert published.title.encode() in visitor_page
    assert draft.title.encode() not in visitor_page


def test_related_training_modules_are_linked_and_shown(published, cast, clients):
    from clusterlab.training.models import TrainingModule

    module = TrainingModule.objects.create(
        title="Running creative voucher schemes", summary="How to", format="workshop"
    )
    services.entry_update(
        actor=cast.coordinator, entry=published, data={}, related_modules=[module]
    )
    assert list(published.related_modules.all()) == [module]
    page = clients.manager_b.get(reverse("toolbox:entry-detail", args=[published.pk])).content
    assert b"Running creative voucher schemes" in page
