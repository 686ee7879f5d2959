"""Coaching schemes: reusable process templates, steps in order."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..enums import Audience


class Scheme(models.Model):
    """A coaching process template; engagements copy its steps when they start."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=2000)
    audience = models.CharField(
        _("for whom"), max_length=12, choices=Audience.choices, default=Audience.MANAGER
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("coaching scheme")
        verbose_name_plural = _("coaching schemes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coaching:scheme-detail", args=[self.pk])


class SchemeStep(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("step"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=2000)
    typical_duration = models.CharField(
        _("typical duration"), max_length=80, blank=True, help_text=_("e.g. 2 sessions, 3 weeks")
    )
    tools = models.TextField(_("tools to use"), max_length=2000, blank=True)
    outputs = models.TextField(_("outputs"), max_length=2000, blank=True)

    class Meta:
        ordering = ["scheme", "position"]
        verbose_name = _("scheme step")
        verbose_name_plural = _("scheme steps")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "position"], name="scheme_step_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"
