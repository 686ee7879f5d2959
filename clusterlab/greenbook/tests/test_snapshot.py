"""Publishing freezes an edition; a new edition starts from the last and re-snapshots."""

from __future__ import annotations

import pytest

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.greenbook import selectors, services
from clusterlab.greenbook.models import ChapterEntry, Edition
from clusterlab.toolbox.models import Entry

pytestmark = pytest.mark.django_db


def _titles(edition: Edition) -> list[str]:
    pub = selectors.edition_publication(edition=Edition.objects.get(pk=edition.pk))
    return [item.title for item in pub.items]


def test_later_edits_to_entries_do_not_change_a_published_edition(cast, edition, entries):
    services.edition_publish(actor=cast.coordinator, edition=edition)
    Entry.objects.filter(pk=entries.voucher_en.pk).update(
        title="Creative voucher (revised)", body="Rewritten <script>x</script>"
    )
    Entry.objects.filter(pk=entries.sprint.pk).update(status="draft")
    Entry.objects.filter(pk=entries.voucher_de.pk).delete()
    pub = selectors.edition_publication(edition=Edition.objects.get(pk=edition.pk))
    assert [i.title for i in pub.items] == [
        "Kreativgutschein",
        "Creative voucher",
        "Co-creation sprint",
    ]
    assert "<strong>Creative voucher</strong>" in pub.items[1].body_html
    assert [i.author_name for i in pub.items] == ["Alice"] * 3
    assert pub.foreword_html == "<p>Welcome.</p>"
    assert pub.chapters[0].introduction_html == "<p>Instruments ready to use.</p>"


def test_a_draft_shows_live_entries_and_flags_unpublished_ones(cast, edition, entries):
    Entry.objects.filter(pk=entries.sprint.pk).update(status="review", title="Sprint v2")
    pub = selectors.edition_publication(edition=edition)
    assert [(i.title, i.missing) for i in pub.items][-1] == ("Sprint v2", True)
    with pytest.raises(DomainError, match="no longer published"):
        services.edition_publish(actor=cast.coordinator, edition=edition)


def test_published_edition_is_frozen_for_every_change(cast, edition):
    services.edition_publish(actor=cast.coordinator, edition=edition)
    chapter = edition.chapters.first()
    with pytest.raises(DomainError, match="frozen"):
        services.chapter_add(actor=cast.coordinator, edition=edition, data={"title": "Late"})
    with pytest.raises(DomainError, match="frozen"):
        services.chapter_update(actor=cast.coordinator, chapter=chapter, data={"title": "X"})
    with pytest.raises(DomainError, match="frozen"):
        services.edition_publish(actor=cast.coordinator, edition=edition)
    assert edition.chapters.count() == 2


def test_new_edition_starts_from_the_last_and_is_resnapshotted(cast, edition, entries):
    services.edition_publish(actor=cast.coordinator, edition=edition)
    Entry.objects.filter(pk=entries.voucher_en.pk).update(title="Creative voucher 2027")
    second = services.edition_create(
        actor=cast.coordinator, data={"title": "Greenbook 2027"}, based_on=edition
    )
    assert second.subtitle == "New approaches" and second.foreword == "Welcome."
    assert [c.title for c in second.chapters.order_by("position")] == ["Tools", "Methods"]
    assert list(second.glossary.values_list("term", flat=True)) == ["Voucher"]
    assert not ChapterEntry.objects.filter(chapter__edition=second, snapshot_at__isnull=False)
    services.edition_publish(actor=cast.coordinator, edition=second)
    assert _titles(second) == ["Kreativgutschein", "Creative voucher 2027", "Co-creation sprint"]
    assert _titles(edition) == ["Kreativgutschein", "Creative voucher", "Co-creation sprint"]


def test_translations_link_to_each_other_and_body_links_become_anchors(cast, edition, entries):
    Entry.objects.filter(pk=entries.sprint.pk).update(
        body=f"See [the voucher](/toolbox/entries/{entries.voucher_en.pk}/) and "
        f"[elsewhere](/toolbox/entries/{entries.case.pk}/)."
    )
    services.edition_publish(actor=cast.coordinator, edition=edition)
    pub = selectors.edition_publication(edition=Edition.objects.get(pk=edition.pk))
    german, english, sprint = pub.items
    assert [r.title for r in german.related] == ["Creative voucher"]
    assert [r.title for r in english.related] == ["Kreativgutschein"]
    assert f'href="#{english.anchor}"' in sprint.body_html
    assert f"/toolbox/entries/{entries.case.pk}/" in sprint.body_html  # not in the edition


def test_only_coordinators_create_and_publish_and_only_editors_edit(cast, edition, entries):
    with pytest.raises(NotAllowed):
        services.edition_create(actor=cast.manager_a, data={"title": "Mine"})
    with pytest.raises(NotAllowed):
        services.edition_publish(actor=cast.manager_a, edition=edition)
    with pytest.raises(NotAllowed):
        services.chapter_add(actor=cast.manager_b, edition=edition, data={"title": "B"})
    with pytest.raises(NotAllowed):
        services.edition_update(
            actor=cast.manager_a, edition=edition, data={}, editors=[cast.manager_a, cast.manager_b]
        )
    chapter = services.chapter_add(actor=cast.manager_a, edition=edition, data={"title": "Cases"})
    with pytest.raises(DomainError, match="Only published"):
        services.chapter_entry_add(actor=cast.manager_a, chapter=chapter, entry=entries.draft)
    services.chapter_entry_add(actor=cast.manager_a, chapter=chapter, entry=entries.case)
    with pytest.raises(DomainError, match="already"):
        services.chapter_entry_add(actor=cast.manager_a, chapter=chapter, entry=entries.case)


def test_moving_chapters_and_entries_keeps_positions_dense(cast, edition, entries):
    tools, methods = edition.chapters.order_by("position")
    services.chapter_move(actor=cast.manager_a, chapter=methods, offset=-1)
    assert list(edition.chapters.order_by("position").values_list("title", "position")) == [
        ("Methods", 0),
        ("Tools", 1),
    ]
    services.chapter_move(actor=cast.manager_a, chapter=methods, offset=-1)  # already first
    first, second = tools.items.order_by("position")
    services.chapter_entry_move(actor=cast.manager_a, item=first, offset=1)
    assert list(tools.items.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    services.chapter_entry_remove(actor=cast.manager_a, item=second)
    assert list(tools.items.values_list("position", flat=True)) == [0]
    services.chapter_delete(actor=cast.manager_a, chapter=methods)
    assert list(edition.chapters.values_list("title", "position")) == [("Tools", 0)]
