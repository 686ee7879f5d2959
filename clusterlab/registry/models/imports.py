"""A member-list import: uploaded file, column mapping, dry-run preview, commit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import ImportStatus
from .network import Cluster


class ImportJob(models.Model):
    """One upload of a member list into one cluster, checked before it is committed."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="import_jobs")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    # Never served over HTTP; deleted once imported, or when a person in it is erased.
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255)
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    # "check" or "commit" while a request waits for the worker: the page keeps polling.
    queued = models.CharField(max_length=8, blank=True)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, help_text=_("field → column header"))
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    to_create = models.PositiveIntegerField(default=0)
    to_update = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=list, help_text=_("first rows: action and values"))
    errors = models.JSONField(default=list, help_text=_("row, column, message"))
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")

    def __str__(self) -> str:
        return f"{self.filename} → {self.cluster}"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
