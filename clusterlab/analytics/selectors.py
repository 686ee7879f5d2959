"""Reads of the analytics domain: targets and dashboards, filtered by what the viewer may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from clusterlab.registry.models import Cluster, Organisation

from . import engine, metrics, reach
from .enums import Metric
from .models import Target
from .scope import Period, Scope, current_year

DEFAULT_PERIOD_METRIC = Metric.SMES_REACHED


def target_list(*, user, scope: Scope | None = None) -> QuerySet[Target]:
    """Targets the viewer may read; with a scope, only the targets of that scope."""
    qs = Target.objects.visible_to(user).select_related("cluster")
    if scope is not None:
        qs = qs.filter(cluster=scope.cluster) if scope.cluster else qs.filter(cluster__isnull=True)
    return qs


def managed_clusters(*, user) -> QuerySet[Cluster]:
    """Clusters whose dashboards this user may open."""
    return Cluster.objects.managed_by(user).order_by("name")


def default_period(scope: Scope, today: dt.date | None = None) -> Period:
    """The period of the scope's (else the network's) SMEs target running today; else the year."""
    today = today or timezone.localdate()
    for cluster in ([scope.cluster] if scope.cluster else []) + [None]:
        target = (
            Target.objects.filter(
                metric=DEFAULT_PERIOD_METRIC,
                cluster=cluster,
                starts_on__lte=today,
                ends_on__gte=today,
            )
            .order_by("starts_on")
            .first()
        )
        if target:
            return Period(target.starts_on, target.ends_on)
    return current_year()


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: int | None
    share: float | None
    projected: float | None
    expected_now: float  # where a steady pace would be today
    has_records: bool

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def on_track(self) -> bool | None:
        if self.projected is None:
            return None if self.actual is None else self.actual >= self.expected_now
        return self.projected >= self.target.value


def target_progress(*, target: Target, user, memo: dict | None = None) -> TargetProgress:
    """The target's actual value in its own period and scope, with the linear projection."""
    scope = Scope(target.cluster)
    period = Period(target.starts_on, target.ends_on)
    ctx = metrics.MetricContext(scope, period, user, memo if memo is not None else {})
    actual = metrics.metric_actual(target.metric, ctx)
    spec = metrics.METRICS.get(target.metric)
    projected = None
    if actual is not None and spec is not None and spec.reach_filters is not None:
        trend = reach.reach_trend(scope=scope, period=period, filters=spec.reach_filters)
        projected = projection(trend, period)
    elapsed = (period.elapsed_end() - period.start).days + 1
    return TargetProgress(
        target=target,
        actual=actual,
        share=engine.progress_share(actual, target.value),
        projected=projected,
        expected_now=target.value * min(1.0, elapsed / period.days),
        has_records=spec is not None and spec.records is not None and actual is not None,
    )


def projection(trend: list[reach.TrendPoint], period: Period) -> float | None:
    """Project the cumulative distinct count to the period's end from the months gone by."""
    today = period.elapsed_end()
    points = []
    for point in trend:
        if point.month > today:
            break
        points.append(((min(point.last_day, today) - period.start).days + 1, point.cumulative))
    return engine.project_linear(points, period.days)


@dataclass(frozen=True)
class ClusterComparison:
    """A cluster's reach beside the network's, as aggregates only (no other cluster named)."""

    organisations: int
    creative: int
    services: int
    network_organisations: int
    median_organisations: float | None
    median_creative: float | None
    median_services: float | None
    clusters: int


def per_cluster_reach(*, period: Period, filters: reach.ReachFilters | None = None) -> list[dict]:
    """Reach of every cluster in the period (zero rows included), by cluster name."""
    services = reach.services_in(scope=Scope(), period=period, filters=filters).order_by()
    counts = {
        row["cluster_id"]: row
        for row in services.values("cluster_id").annotate(
            organisations=Count("organisation_id", distinct=True), services=Count("id")
        )
    }
    # An IN over the creative firms, not a join: the service log is then read from its index.
    creative_ids = Organisation.objects.filter(is_creative=True).values("pk")
    creative = dict(
        services.filter(organisation_id__in=creative_ids)
        .values("cluster_id")
        .annotate(n=Count("organisation_id", distinct=True))
        .values_list("cluster_id", "n")
    )
    rows = []
    for cluster in Cluster.objects.order_by("name").values("pk", "name", "slug", "country_id"):
        row = counts.get(cluster["pk"], {})
        rows.append(
            {
                **cluster,
                "organisations": row.get("organisations", 0),
                "creative": creative.get(cluster["pk"], 0),
                "services": row.get("services", 0),
            }
        )
    return rows


def cluster_comparison(
    *, cluster: Cluster, period: Period, filters: reach.ReachFilters | None = None
) -> ClusterComparison:
    """The cluster's reach, the network's distinct total and the median across clusters."""
    rows = per_cluster_reach(period=period, filters=filters)
    own = next((r for r in rows if r["pk"] == cluster.pk), None) or {}
    network = reach.distinct_organisations(
        reach.services_in(scope=Scope(), period=period, filters=filters)
    )
    return ClusterComparison(
        organisations=own.get("organisations", 0),
        creative=own.get("creative", 0),
        services=own.get("services", 0),
        network_organisations=network,
        median_organisations=engine.median([r["organisations"] for r in rows]),
        median_creative=engine.median([r["creative"] for r in rows]),
        median_services=engine.median([r["services"] for r in rows]),
        clusters=len(rows),
    )


def network_shares(*, user, scope: Scope, period: Period, memo: dict | None = None) -> dict | None:
    """Cross-sectoral and cross-border ties from the collaboration network, when it exists."""
    ctx = metrics.MetricContext(scope, period, user, memo if memo is not None else {})
    summary = metrics.network_summary_for(ctx)
    if not summary:
        return None
    keys = ("total_ties", "cross_sectoral", "cross_sectoral_share", "cross_border")
    return {key: summary.get(key) for key in (*keys, "cross_border_share")}


def network_target_value(metric: str, today: dt.date | None = None) -> int | None:
    """The network's target for the metric in the period running today (e.g. pilot actions)."""
    today = today or timezone.localdate()
    target = (
        Target.objects.filter(
            metric=metric, cluster__isnull=True, starts_on__lte=today, ends_on__gte=today
        )
        .order_by("-starts_on")
        .first()
    )
    return target.value if target else None
