"""Writes of the analytics domain: targets (figures themselves are never stored)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean
from clusterlab.registry.models import Cluster

from . import metrics, permissions
from .models import DUPLICATE, Target
from .scope import MAX_PERIOD_DAYS

FIELDS = ("metric", "value", "starts_on", "ends_on", "note")


def _require(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed(_("You may not set targets for this scope."))


def _validate(target: Target) -> None:
    if target.starts_on and target.ends_on and target.ends_on < target.starts_on:
        raise DomainError(_("The period must end after it starts."), field="ends_on")
    if (
        target.starts_on
        and target.ends_on
        and ((target.ends_on - target.starts_on).days > MAX_PERIOD_DAYS)
    ):
        raise DomainError(_("The period may last at most 20 years."), field="ends_on")
    spec = metrics.METRICS.get(target.metric)
    if target.cluster_id and spec is not None and not spec.cluster_scope:
        raise DomainError(_("This metric is set for the whole network only."), field="metric")
    twins = Target.objects.filter(
        metric=target.metric,
        cluster=target.cluster_id,
        starts_on=target.starts_on,
        ends_on=target.ends_on,
    ).exclude(pk=target.pk)
    if twins.exists():
        raise DomainError(str(DUPLICATE), field="metric")
    full_clean(target, exclude=["set_by"])


@transaction.atomic
def target_create(
    *,
    actor,
    metric: str,
    value: int,
    starts_on: dt.date,
    ends_on: dt.date,
    cluster: Cluster | None = None,
    note: str = "",
) -> Target:
    """Set a target for the network (cluster None) or one cluster."""
    _require(actor is None or permissions.can_set_target(actor, cluster))
    target = Target(
        metric=metric,
        cluster=cluster,
        value=value,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        set_by=actor,
    )
    _validate(target)
    target.save()
    return target


@transaction.atomic
def target_update(*, actor, target: Target, data: dict) -> Target:
    """Change a target's metric, value, period or note (its scope stays)."""
    _require(actor is None or permissions.can_set_target(actor, target.cluster))
    for name in FIELDS:
        if name in data:
            setattr(target, name, data[name])
    target.set_by = actor or target.set_by
    _validate(target)
    target.save()
    return target


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    """Remove a target."""
    _require(actor is None or permissions.can_set_target(actor, target.cluster))
    target.delete()
