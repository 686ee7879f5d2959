"""Targets of the network and of each cluster."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster

from .enums import Metric

DUPLICATE = _("This scope already has a target for this metric and period.")


class TargetQuerySet(models.QuerySet):
    def visible_to(self, user) -> TargetQuerySet:
        """Network targets for every cluster manager; a cluster's targets for its managers."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_coordinator:
            return self
        managed = Cluster.objects.filter(managers=user).values("pk")
        if not managed.exists():
            return self.none()
        return self.filter(Q(cluster__isnull=True) | Q(cluster__in=managed))


class Target(models.Model):
    """A number to reach for one metric in one period, for the network or one cluster."""

    metric = models.CharField(_("metric"), max_length=40, choices=Metric.choices)
    cluster = models.ForeignKey(
        Cluster,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("cluster"),
        help_text=_("Empty for a target of the whole network."),
    )
    value = models.PositiveIntegerField(_("target value"))
    starts_on = models.DateField(_("period start"))
    ends_on = models.DateField(_("period end"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["cluster__name", "metric", "-starts_on", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="target_period_ordered",
                violation_error_message=_("The period must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["metric", "starts_on", "ends_on"],
                condition=Q(cluster__isnull=True),
                name="target_unique_network",
                violation_error_message=DUPLICATE,
            ),
            models.UniqueConstraint(
                fields=["metric", "cluster", "starts_on", "ends_on"],
                condition=Q(cluster__isnull=False),
                name="target_unique_cluster",
                violation_error_message=DUPLICATE,
            ),
        ]

    def __str__(self) -> str:
        scope = self.cluster.name if self.cluster_id else "network"
        return (
            f"{self.get_metric_display()} {self.value} ({scope}, {self.starts_on}–{self.ends_on})"
        )
