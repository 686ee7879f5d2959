"""Greenbook editions: chapters of selected toolbox entries, a glossary, and their PDF renders.

A published edition is a frozen snapshot: each selected entry's text is copied into its
`ChapterEntry` row at publication, so later edits to the toolbox never change it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterlab.pilots.models import Pilot
from clusterlab.toolbox.models import Entry, EntryKind

from .enums import EditionStatus, RenderStage, RenderStatus


class EditionQuerySet(models.QuerySet):
    def visible_to(self, user) -> EditionQuerySet:
        """Published editions for everyone; drafts for their editors and coordinators."""
        published = Q(status=EditionStatus.PUBLISHED)
        if user is None or not user.is_authenticated or not user.is_active:
            return self.filter(published)
        if user.is_coordinator:
            return self
        editing = self.filter(editors=user).values("pk")
        return self.filter(published | Q(pk__in=editing))

    def editable_by(self, user) -> EditionQuerySet:
        """Editions the user edits (their editors', every one for coordinators)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_coordinator:
            return self
        return self.filter(pk__in=self.filter(editors=user).values("pk"))


class Edition(models.Model):
    """One edition of the Greenbook: a foreword, chapters of entries and a glossary."""

    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    foreword = models.TextField(_("foreword (Markdown)"), blank=True)
    foreword_html = models.TextField(editable=False, blank=True)  # frozen at publication
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="greenbook_editions",
        verbose_name=_("editors"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=12, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors",
        verbose_name=_("started from"),
    )  # fmt: skip
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="greenbook/", blank=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)
    pdf_pages = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("Greenbook edition")
        verbose_name_plural = _("Greenbook editions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("greenbook:edition", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == EditionStatus.PUBLISHED


class Chapter(models.Model):
    """A chapter: an introduction and entries in order; optionally a pilot's evaluation chart."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction (Markdown)"), blank=True)
    introduction_html = models.TextField(editable=False, blank=True)  # frozen at publication
    pilot = models.ForeignKey(
        Pilot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("pilot whose evaluation chart to show"),
    )  # fmt: skip
    figure_svg = models.TextField(editable=False, blank=True)  # frozen at publication
    figure_caption = models.CharField(editable=False, max_length=300, blank=True)

    class Meta:
        ordering = ["edition", "position", "pk"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self) -> str:
        return self.title

    @property
    def anchor(self) -> str:
        return f"chapter-{self.pk}"


class ChapterEntry(models.Model):
    """A toolbox entry in a chapter; the snapshot fields hold its text once published."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    # SET_NULL: deleting a toolbox entry never breaks a published edition that quotes it.
    entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.SET_NULL, related_name="greenbook_items"
    )
    # The snapshot, copied from the entry at publication (empty on drafts).
    snapshot_at = models.DateTimeField(null=True, blank=True)
    entry_ref = models.PositiveIntegerField(null=True, blank=True)  # entry id, kept if deleted
    original_ref = models.PositiveIntegerField(null=True, blank=True)  # its original's id
    kind = models.CharField(max_length=16, choices=EntryKind.choices, blank=True)
    title = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    language = models.CharField(max_length=8, blank=True)
    author_name = models.CharField(max_length=300, blank=True)
    cluster_name = models.CharField(max_length=200, blank=True)
    # A lesson's related pilot: its evaluation charts, frozen with the text.
    figure_svg = models.TextField(blank=True)
    figure_caption = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["chapter", "position", "pk"]
        verbose_name = _("entry in a chapter")
        verbose_name_plural = _("entries in chapters")
        constraints = [
            models.UniqueConstraint(
                fields=["chapter", "entry"], name="greenbook_entry_once_per_chapter"
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.entry)

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"


class GlossaryTerm(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="glossary")
    term = models.CharField(_("term"), max_length=120)
    definition = models.TextField(_("definition"))

    class Meta:
        ordering = ["edition", "term", "pk"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        constraints = [
            models.UniqueConstraint(fields=["edition", "term"], name="greenbook_term_once"),
        ]

    def __str__(self) -> str:
        return self.term


class RenderJob(models.Model):
    """One PDF render of an edition, run by the worker; the page polls its stage and percent."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="render_jobs")
    status = models.CharField(
        _("status"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=RenderStage.choices, default=RenderStage.WAITING
    )
    percent = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    duration_s = models.FloatField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("PDF render")
        verbose_name_plural = _("PDF renders")

    def __str__(self) -> str:
        return f"{self.edition} · {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in (RenderStatus.QUEUED, RenderStatus.RUNNING)
