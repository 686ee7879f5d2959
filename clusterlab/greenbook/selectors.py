"""Reads of the Greenbook, filtered by the viewer; one publication model for HTML and PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from clusterlab.pilots.models import Pilot
from clusterlab.toolbox.markdown import render_markdown
from clusterlab.toolbox.models import Entry, EntryKind, EntryStatus

from . import figures
from .models import Chapter, ChapterEntry, Edition, RenderJob

PICKER_LIMIT = 50
LANGUAGE_NAMES = dict(settings.LANGUAGES)
KIND_LABELS = dict(EntryKind.choices)


def edition_list(*, user) -> QuerySet[Edition]:
    """Editions the viewer may see: published ones, and drafts they edit."""
    return (
        Edition.objects.visible_to(user)
        .annotate(
            n_chapters=Count("chapters", distinct=True),
            n_entries=Count("chapters__items", distinct=True),
        )
        .prefetch_related(
            "editors",
            Prefetch("render_jobs", queryset=RenderJob.objects.order_by("-created_at", "-pk")),
        )
        .order_by("status", "-published_at", "-pk")
    )


def edition_latest_published() -> Edition | None:
    """The newest published edition (a new edition may start from it)."""
    return Edition.objects.filter(status="published").order_by("-published_at", "-pk").first()


def render_job_latest(*, edition: Edition) -> RenderJob | None:
    return edition.render_jobs.order_by("-created_at", "-pk").first()


@dataclass
class Item:
    """An entry as the publication shows it (from the snapshot once published)."""

    pk: int
    anchor: str
    chapter_pk: int
    entry_id: int | None
    original_id: int | None
    kind: str
    title: str
    summary: str
    body_html: str
    language: str
    author_name: str
    cluster_name: str
    missing: bool = False  # a draft's entry that is deleted or no longer published
    figure_svg: str = ""
    figure_caption: str = ""
    href: str = ""
    related: list[Item] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, self.language))


@dataclass
class ChapterView:
    pk: int
    number: int
    anchor: str
    title: str
    introduction_html: str
    figure_svg: str
    figure_caption: str
    items: list[Item]
    href: str = ""


@dataclass
class Publication:
    edition: Edition
    foreword_html: str
    chapters: list[ChapterView]
    glossary: list
    by_kind: list[tuple[str, list[Item]]]

    @property
    def items(self) -> list[Item]:
        return [item for chapter in self.chapters for item in chapter.items]

    def chapter(self, pk: int) -> ChapterView | None:
        return next((c for c in self.chapters if c.pk == pk), None)


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def draft_audience_pilots(edition: Edition) -> Callable[[Pilot], bool]:
    """Pilots whose private evaluation a draft may show: those every editor may see.

    A draft is read by its editors and the coordinators; an editor from another cluster
    must not see a pilot's results through it. Publishing (coordinators only) discloses.
    """
    allowed: set[int] | None = None
    for user in edition.editors.all():
        if user.is_active and not user.is_coordinator:
            ids = set(Pilot.objects.visible_to(user).values_list("pk", flat=True))
            allowed = ids if allowed is None else allowed & ids
    if allowed is None:
        return lambda pilot: True
    return lambda pilot: pilot.pk in allowed


def _item_live(row: ChapterEntry, pilot_ok: Callable[[Pilot], bool]) -> Item:
    entry = row.entry
    missing = entry is None or entry.status != EntryStatus.PUBLISHED
    if entry is None:
        return Item(row.pk, row.anchor, row.chapter_id, None, None, "", row.title or "—", "", "",
                    "", "", "", missing=True)  # fmt: skip
    return Item(
        pk=row.pk,
        anchor=row.anchor,
        chapter_pk=row.chapter_id,
        entry_id=entry.pk,
        original_id=entry.original_id,
        kind=entry.kind,
        title=entry.title,
        summary=entry.summary,
        body_html=str(render_markdown(entry.body)),
        language=entry.language,
        author_name=_person(entry.author),
        cluster_name=entry.cluster.name,
        missing=missing,
        figure_svg=(figure := figures.entry_figure(entry, pilot_ok))[0],
        figure_caption=figure[1],
    )


def _item_frozen(row: ChapterEntry) -> Item:
    return Item(
        pk=row.pk,
        anchor=row.anchor,
        chapter_pk=row.chapter_id,
        entry_id=row.entry_ref,
        original_id=row.original_ref,
        kind=row.kind,
        title=row.title,
        summary=row.summary,
        body_html=row.body_html,
        language=row.language,
        author_name=row.author_name,
        cluster_name=row.cluster_name,
        figure_svg=row.figure_svg,
        figure_caption=row.figure_caption,
    )


# A link in an entry's body to another toolbox entry: /toolbox/…/<id>/ (any toolbox route).
TOOLBOX_LINK = re.compile(r'href="(?:https?://[^"/]+)?/toolbox/(?:[^"]*/)?(\d+)/?(?:#[^"]*)?"')


def _cross_link(items: list[Item]) -> None:
    """Link translations to each other, and entry links in bodies to the edition's copy."""
    first_by_entry: dict[int, Item] = {}
    for item in items:
        if item.entry_id is not None:
            first_by_entry.setdefault(item.entry_id, item)
    for item in items:
        family = {item.original_id or item.entry_id}
        item.related = [
            other
            for other in first_by_entry.values()
            if other.entry_id != item.entry_id
            and (other.original_id or other.entry_id) in family
            and None not in family
        ]

        def swap(match: re.Match) -> str:
            target = first_by_entry.get(int(match.group(1)))
            return f'href="{target.href}"' if target else match.group(0)

        item.body_html = TOOLBOX_LINK.sub(swap, item.body_html)


def edition_publication(*, edition: Edition, href_of: Callable | None = None) -> Publication:
    """The edition's content in reading order; `href_of(chapter_pk, anchor)` makes links.

    Published editions read their frozen snapshot; drafts read the live entries.
    """
    href_of = href_of or (lambda chapter_pk, anchor: f"#{anchor}")
    frozen = edition.is_published
    rows = ChapterEntry.objects.order_by("position", "pk")
    if not frozen:
        rows = rows.select_related("entry__cluster", "entry__author")
    chapters_qs = edition.chapters.order_by("position", "pk").prefetch_related(
        Prefetch("items", queryset=rows)
    )
    if not frozen:
        chapters_qs = chapters_qs.select_related("pilot")
    pilot_ok = (lambda pilot: True) if frozen else draft_audience_pilots(edition)
    chapters = []
    for number, chapter in enumerate(chapters_qs, start=1):
        rows = chapter.items.all()
        items = [_item_frozen(r) if frozen else _item_live(r, pilot_ok) for r in rows]
        for item in items:
            item.href = href_of(chapter.pk, item.anchor)
        chapters.append(_chapter_view(chapter, number, items, frozen, href_of, pilot_ok))
    all_items = [item for chapter in chapters for item in chapter.items]
    _cross_link(all_items)
    by_kind = [
        (str(label), sorted([i for i in all_items if i.kind == kind], key=lambda i: i.title))
        for kind, label in EntryKind.choices
    ]
    return Publication(
        edition=edition,
        foreword_html=edition.foreword_html if frozen else str(render_markdown(edition.foreword)),
        chapters=chapters,
        glossary=list(edition.glossary.order_by("term")),
        by_kind=[(label, items) for label, items in by_kind if items],
    )


def _chapter_view(
    chapter: Chapter, number: int, items, frozen: bool, href_of, pilot_ok
) -> ChapterView:
    if frozen:
        intro, svg, caption = (
            chapter.introduction_html,
            chapter.figure_svg,
            chapter.figure_caption,
        )
    else:
        intro = str(render_markdown(chapter.introduction))
        shown = chapter.pilot is not None and pilot_ok(chapter.pilot)
        svg, caption = figures.pilot_figure(chapter.pilot) if shown else ("", "")
    return ChapterView(
        pk=chapter.pk,
        number=number,
        anchor=chapter.anchor,
        title=chapter.title,
        introduction_html=intro,
        figure_svg=svg,
        figure_caption=caption,
        items=items,
        href=href_of(chapter.pk, chapter.anchor),
    )


def web_href(edition: Edition) -> Callable[[int, str], str]:
    """Links between the per-chapter pages of the HTML publication."""

    def href(chapter_pk: int, anchor: str) -> str:
        url = reverse("greenbook:chapter", args=[edition.pk, chapter_pk])
        return url if anchor.startswith("chapter-") else f"{url}#{anchor}"

    return href


def entry_picker(
    *, chapter: Chapter, q: str = "", kind: str = "", language: str = ""
) -> QuerySet[Entry]:
    """Published toolbox entries an editor may add to the chapter, filtered and searched."""
    rows = (
        Entry.objects.filter(status=EntryStatus.PUBLISHED)
        .exclude(pk__in=chapter.items.filter(entry__isnull=False).values("entry_id"))
        .select_related("cluster", "author")
        .order_by("title", "pk")
    )
    if q.strip():
        words = q.split()[:8]
        for word in words:
            rows = rows.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    if kind in EntryKind.values:
        rows = rows.filter(kind=kind)
    if language in LANGUAGE_NAMES:
        rows = rows.filter(language=language)
    return rows[:PICKER_LIMIT]


def pilots_for_figures(*, user) -> QuerySet[Pilot]:
    """Pilots whose evaluation chart the editor may put in a chapter: those they can see."""
    return Pilot.objects.visible_to(user).order_by("code")
