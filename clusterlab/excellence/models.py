"""A cluster's self-assessment of its management against the ESCA benchmarking areas."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETED = "completed", _("Completed")


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AssessmentQuerySet:
        """Assessments are private to the cluster's managers and the coordinator."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_coordinator:
            return self
        return self.filter(Q(cluster__managers=user)).distinct()


class Assessment(models.Model):
    """One self-assessment of a cluster: computed evidence plus the manager's answers."""

    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        related_name="excellence_assessments",
        verbose_name=_("cluster"),
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("excellence self-assessment")
        verbose_name_plural = _("excellence self-assessments")

    def __str__(self) -> str:
        return f"{self.cluster}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("excellence:assessment-detail", kwargs={"pk": self.pk})


class AssessmentAnswer(models.Model):
    """The manager's answer to one indicator the platform cannot compute, with a comment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    indicator = models.CharField(_("indicator"), max_length=60)
    value = models.CharField(_("answer"), max_length=300, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "indicator"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="excellence_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
