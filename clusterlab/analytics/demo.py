"""Demo targets (called by `seed_demo`): the network's for the current period, a few clusters'."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from clusterlab.registry.models import Cluster

from . import services
from .enums import Metric
from .models import Target

# The project's network targets (the grant's numbers), for the current two-year period.
NETWORK_TARGETS = [
    (Metric.CLUSTERS_LINKED, 50),
    (Metric.SMES_REACHED, 25_000),
    (Metric.CREATIVE_SMES_REACHED, 12_000),
    (Metric.ORGANISATIONS_REACHED, 25_000),
    (Metric.PILOT_ACTIONS, 10),
    (Metric.CROSS_SECTORAL, 800),
    (Metric.INTERNATIONAL, 1_500),
    (Metric.MANAGERS_TRAINED, 100),
]


def demo_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Two years: from January of last year to December of this one."""
    today = today or timezone.localdate()
    return dt.date(today.year - 1, 1, 1), dt.date(today.year, 12, 31)


@transaction.atomic
def extend_demo(*, seed: int) -> int:
    """Set the network's targets and targets for the first clusters; return rows made."""
    if Target.objects.exists():
        return 0
    rng = random.Random(seed)
    start, end = demo_period()
    made = 0
    for metric, value in NETWORK_TARGETS:
        services.target_create(
            actor=None, metric=metric, value=value, starts_on=start, ends_on=end, note="Demo"
        )
        made += 1
    clusters = list(Cluster.objects.order_by("pk")[:5])
    for cluster in clusters:
        members = cluster.memberships.count()
        for metric, share in ((Metric.SMES_REACHED, 0.9), (Metric.ORGANISATIONS_REACHED, 1.0)):
            services.target_create(
                actor=None,
                metric=metric,
                value=max(5, round(members * share * rng.uniform(0.7, 1.1))),
                starts_on=start,
                ends_on=end,
                cluster=cluster,
            )
            made += 1
        services.target_create(
            actor=None,
            metric=Metric.PILOT_ACTIONS,
            value=rng.choice((3, 4, 6)),
            starts_on=start,
            ends_on=end,
            cluster=cluster,
        )
        made += 1
    return made
