"""Training modules of the network's catalogue and their materials."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import MaterialKind, ModuleFormat
from .competences import Competence


class TrainingModule(models.Model):
    """A reusable unit of training, addressing some competences of the framework."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    competences = models.ManyToManyField(
        Competence, blank=True, related_name="modules", verbose_name=_("competences addressed")
    )
    format = models.CharField(_("format"), max_length=16, choices=ModuleFormat.choices)
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=5, decimal_places=1, default=3
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_hours__gt=0), name="training_module_duration_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("training:module-detail", args=[self.pk])

    @property
    def language_names(self) -> list[str]:
        names = dict(settings.LANGUAGES)
        return [names.get(code, code) for code in self.languages]


class Material(models.Model):
    """A file or a link that goes with a module (toolbox entries will join as a kind)."""

    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=8, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="training/materials/%Y/", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title
