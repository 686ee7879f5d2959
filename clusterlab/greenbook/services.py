"""Writes of the Greenbook: editions, chapters, entry selections, glossary, publication."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean
from clusterlab.pilots.models import Pilot
from clusterlab.toolbox.markdown import render_markdown
from clusterlab.toolbox.models import Entry, EntryStatus

from . import figures, permissions
from .enums import EditionStatus
from .models import Chapter, ChapterEntry, Edition, GlossaryTerm

EDITION_FIELDS = ("title", "subtitle", "language", "foreword")
CHAPTER_FIELDS = ("title", "introduction", "pilot")


def _require_editor(actor, edition: Edition) -> None:
    if actor is not None and not permissions.can_edit_edition(actor, edition):
        raise NotAllowed(_("Only the edition's editors may change it."))


def _require_draft(edition: Edition) -> None:
    if edition.status != EditionStatus.DRAFT:
        raise DomainError(_("A published edition is frozen; start a new edition from it."))


def _locked(edition: Edition) -> Edition:
    """Re-read the edition under a row lock so two editors' changes don't interleave."""
    return Edition.objects.select_for_update().get(pk=edition.pk)


def _check_editors(editors: Iterable) -> list:
    people = list(editors)
    if any(not user.is_active for user in people):
        raise DomainError(_("Editors must be active accounts."), field="editors")
    return people


@transaction.atomic
def edition_create(
    *, actor, data: dict[str, Any], editors: Iterable = (), based_on: Edition | None = None
) -> Edition:
    """Start a draft edition; from `based_on`, copy its chapters, selection and glossary."""
    if actor is not None and not permissions.can_create_edition(actor):
        raise NotAllowed(_("Only the coordinator starts Greenbook editions."))
    if (
        based_on is not None
        and actor is not None
        and not permissions.can_view_edition(actor, based_on)
    ):
        raise NotAllowed(_("You may not start from this edition."))
    edition = Edition(created_by=actor, based_on=based_on)
    if based_on is not None:
        edition.subtitle, edition.language = based_on.subtitle, based_on.language
        edition.foreword = based_on.foreword
    for key in EDITION_FIELDS:
        if key in data:
            setattr(edition, key, data[key])
    full_clean(edition, exclude=["created_by", "based_on", "pdf"])
    edition.save()
    edition.editors.set(_check_editors(editors))
    if based_on is not None:
        _copy_structure(based_on, edition)
    return edition


def _copy_structure(source: Edition, target: Edition) -> None:
    """Copy chapters, their entry selection (not the snapshot) and the glossary."""
    for chapter in source.chapters.order_by("position", "pk"):
        rows = list(chapter.items.order_by("position", "pk"))
        copy = Chapter.objects.create(
            edition=target,
            position=chapter.position,
            title=chapter.title,
            introduction=chapter.introduction,
            pilot_id=chapter.pilot_id,
        )
        ChapterEntry.objects.bulk_create(
            ChapterEntry(chapter=copy, position=row.position, entry_id=row.entry_id)
            for row in rows
            if row.entry_id is not None
        )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(edition=target, term=t.term, definition=t.definition)
        for t in source.glossary.all()
    )


@transaction.atomic
def edition_update(
    *, actor, edition: Edition, data: dict[str, Any], editors: Iterable | None = None
) -> Edition:
    """Change a draft's title, subtitle, language or foreword; coordinators also its editors."""
    _require_editor(actor, edition)
    edition = _locked(edition)
    _require_draft(edition)
    for key in EDITION_FIELDS:
        if key in data:
            setattr(edition, key, data[key])
    full_clean(edition, exclude=["created_by", "based_on", "pdf"])
    edition.save()
    if editors is not None:
        if actor is not None and not permissions.is_coordinator(actor):
            raise NotAllowed(_("Only the coordinator names editors."), field="editors")
        edition.editors.set(_check_editors(editors))
    return edition


def _check_pilot(actor, pilot: Pilot | None) -> None:
    if (
        pilot is not None
        and actor is not None
        and not Pilot.objects.visible_to(actor).filter(pk=pilot.pk).exists()
    ):
        raise DomainError(_("Choose a pilot you can see."), field="pilot")


@transaction.atomic
def chapter_add(*, actor, edition: Edition, data: dict[str, Any]) -> Chapter:
    """Add a chapter at the end of the edition."""
    _require_editor(actor, edition)
    edition = _locked(edition)
    _require_draft(edition)
    _check_pilot(actor, data.get("pilot"))
    last = edition.chapters.aggregate(m=Max("position"))["m"]
    chapter = Chapter(edition=edition, position=0 if last is None else last + 1)
    for key in CHAPTER_FIELDS:
        if key in data:
            setattr(chapter, key, data[key])
    full_clean(chapter, exclude=["edition"])
    chapter.save()
    return chapter


@transaction.atomic
def chapter_update(*, actor, chapter: Chapter, data: dict[str, Any]) -> Chapter:
    """Change a chapter's title, introduction or pilot chart."""
    _require_editor(actor, chapter.edition)
    _require_draft(_locked(chapter.edition))
    if "pilot" in data and data["pilot"] != chapter.pilot:
        _check_pilot(actor, data["pilot"])
    for key in CHAPTER_FIELDS:
        if key in data:
            setattr(chapter, key, data[key])
    full_clean(chapter, exclude=["edition"])
    chapter.save()
    return chapter


def _move(rows: list, row, offset: int, model) -> None:
    """Swap `row` with its neighbour `offset` away, then renumber 0..n-1 (positions stay dense)."""
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    target = index + offset
    if not 0 <= target < len(rows):
        return
    rows[index], rows[target] = rows[target], rows[index]
    _renumber(rows, model)


def _renumber(rows: list, model) -> None:
    for position, item in enumerate(rows):
        item.position = position
    model.objects.bulk_update(rows, ["position"])


@transaction.atomic
def chapter_move(*, actor, chapter: Chapter, offset: int) -> None:
    """Move a chapter up (-1) or down (+1)."""
    _require_editor(actor, chapter.edition)
    edition = _locked(chapter.edition)
    _require_draft(edition)
    _move(list(edition.chapters.order_by("position", "pk")), chapter, offset, Chapter)


@transaction.atomic
def chapter_delete(*, actor, chapter: Chapter) -> None:
    """Remove a chapter and its selection from a draft."""
    _require_editor(actor, chapter.edition)
    edition = _locked(chapter.edition)
    _require_draft(edition)
    chapter.delete()
    _renumber(list(edition.chapters.order_by("position", "pk")), Chapter)


@transaction.atomic
def chapter_entry_add(*, actor, chapter: Chapter, entry: Entry) -> ChapterEntry:
    """Add a published toolbox entry at the end of the chapter."""
    _require_editor(actor, chapter.edition)
    _require_draft(_locked(chapter.edition))
    if entry.status != EntryStatus.PUBLISHED:
        raise DomainError(_("Only published entries go into the Greenbook."), field="entry")
    if chapter.items.filter(entry=entry).exists():
        raise DomainError(_("This entry is already in the chapter."), field="entry")
    last = chapter.items.aggregate(m=Max("position"))["m"]
    return ChapterEntry.objects.create(
        chapter=chapter, entry=entry, position=0 if last is None else last + 1
    )


@transaction.atomic
def chapter_entry_move(*, actor, item: ChapterEntry, offset: int) -> None:
    """Move an entry up (-1) or down (+1) within its chapter."""
    _require_editor(actor, item.chapter.edition)
    _require_draft(_locked(item.chapter.edition))
    rows = list(item.chapter.items.order_by("position", "pk"))
    _move(rows, item, offset, ChapterEntry)


@transaction.atomic
def chapter_entry_remove(*, actor, item: ChapterEntry) -> None:
    """Take an entry out of its chapter."""
    _require_editor(actor, item.chapter.edition)
    _require_draft(_locked(item.chapter.edition))
    chapter = item.chapter
    item.delete()
    _renumber(list(chapter.items.order_by("position", "pk")), ChapterEntry)


@transaction.atomic
def glossary_term_add(*, actor, edition: Edition, term: str, definition: str) -> GlossaryTerm:
    """Add a term and its definition to the edition's glossary."""
    _require_editor(actor, edition)
    edition = _locked(edition)
    _require_draft(edition)
    row = GlossaryTerm(edition=edition, term=term.strip(), definition=definition.strip())
    full_clean(row, exclude=["edition"])
    if edition.glossary.filter(term__iexact=row.term).exists():
        raise DomainError(_("This term is already in the glossary."), field="term")
    row.save()
    return row


@transaction.atomic
def glossary_term_delete(*, actor, term: GlossaryTerm) -> None:
    """Remove a term from a draft's glossary."""
    _require_editor(actor, term.edition)
    _require_draft(_locked(term.edition))
    term.delete()


@transaction.atomic
def edition_publish(*, actor, edition: Edition) -> Edition:
    """Freeze the edition: copy every selected entry's text, the intros and charts into it."""
    if actor is not None and not permissions.can_publish_edition(actor, edition):
        raise NotAllowed(_("Only the coordinator publishes an edition."))
    edition = _locked(edition)
    _require_draft(edition)
    chapters = list(edition.chapters.select_related("pilot").order_by("position", "pk"))
    rows = list(
        ChapterEntry.objects.filter(chapter__edition=edition)
        .select_related("entry__cluster", "entry__author")
        .order_by("chapter__position", "position", "pk")
    )
    if not rows:
        raise DomainError(_("Add at least one entry before publishing."))
    gone = [row for row in rows if row.entry is None or row.entry.status != "published"]
    if gone:
        names = ", ".join(row.entry.title if row.entry else _("(deleted)") for row in gone[:5])
        raise DomainError(_("Remove the entries that are no longer published: %s") % names)
    now = timezone.now()
    for row in rows:
        _snapshot(row, now)
    ChapterEntry.objects.bulk_update(rows, SNAPSHOT_FIELDS)
    for chapter in chapters:
        chapter.introduction_html = str(render_markdown(chapter.introduction))
        chapter.figure_svg, chapter.figure_caption = (
            figures.pilot_figure(chapter.pilot) if chapter.pilot else ("", "")
        )
    Chapter.objects.bulk_update(chapters, ["introduction_html", "figure_svg", "figure_caption"])
    edition.foreword_html = str(render_markdown(edition.foreword))
    edition.status = EditionStatus.PUBLISHED
    edition.published_at = now
    # A PDF rendered from the draft shows the live entries, not this snapshot: drop it so
    # the first reader's request renders the frozen edition.
    old_pdf = edition.pdf.name
    edition.pdf, edition.pdf_rendered_at, edition.pdf_pages = "", None, None
    edition.save(
        update_fields=[
            "foreword_html", "status", "published_at", "updated_at",
            "pdf", "pdf_rendered_at", "pdf_pages",
        ]
    )  # fmt: skip
    if old_pdf:
        storage = edition.pdf.storage
        transaction.on_commit(lambda: storage.delete(old_pdf))
    return edition


SNAPSHOT_FIELDS = [
    "snapshot_at", "entry_ref", "original_ref", "kind", "title", "summary", "body", "body_html",
    "language", "author_name", "cluster_name", "figure_svg", "figure_caption",
]  # fmt: skip


def _snapshot(row: ChapterEntry, now) -> None:
    entry = row.entry
    author = entry.author
    row.snapshot_at = now
    row.entry_ref = entry.pk
    row.original_ref = entry.original_id
    row.kind = entry.kind
    row.title = entry.title
    row.summary = entry.summary
    row.body = entry.body
    row.body_html = str(render_markdown(entry.body))
    row.language = entry.language
    row.author_name = (author.get_full_name() or author.username) if author else ""
    row.cluster_name = entry.cluster.name
    row.figure_svg, row.figure_caption = figures.entry_figure(entry)
