"""The toolbox: instruments, methods, cases, lessons and templates the network shares."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster


class EntryKind(models.TextChoices):
    TOOL = "tool", _("Tool")
    METHOD = "method", _("Method")
    CASE = "case", _("Case")
    LESSON = "lesson", _("Lesson")
    TEMPLATE = "template", _("Template")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class Entry(models.Model):
    """One toolbox entry in one language; its translations point at the same `original`."""

    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("body (Markdown)"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # The first-written version of the entry; null on the original itself.
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="toolbox_entries", verbose_name=_("cluster")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="toolbox_entries",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("toolbox entry")
        verbose_name_plural = _("toolbox entries")
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == EntryStatus.PUBLISHED
