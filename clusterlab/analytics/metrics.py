"""The metric registry: for each target metric, how its actual value and records are found.

A metric is two functions of a `MetricContext` (scope, period, viewing user):
`actual(ctx) -> int | None` and, optionally, `records(ctx) -> DrillTable` listing what it
counts. Another domain plugs its figure in with one call, e.g. training:

    register_metric(Metric.MANAGERS_TRAINED, actual=managers_trained, records=trained_list)

`actual` returns None when the figure cannot be computed (yet) for that scope.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from clusterlab.core.errors import NotAllowed
from clusterlab.registry.models import Cluster

from . import reach
from .enums import Metric
from .scope import Period, Scope

logger = logging.getLogger(__name__)


@dataclass
class MetricContext:
    scope: Scope
    period: Period
    user: object = None
    memo: dict = field(default_factory=dict)  # shared by metrics computed together


@dataclass(frozen=True)
class DrillTable:
    """The records behind a figure: a queryset of dicts and the columns to show of each."""

    kind: str  # "organisations", "services", "pilots", "clusters"
    columns: list[tuple[str, str]]  # (key in each row, header)
    rows: QuerySet

    @property
    def headers(self) -> list[str]:
        return [str(header) for _key, header in self.columns]

    def as_lists(self, rows=None) -> list[list]:
        return [
            [row[key] for key, _h in self.columns] for row in (self.rows if rows is None else rows)
        ]


@dataclass(frozen=True)
class MetricSpec:
    key: str
    actual: Callable[[MetricContext], int | None]
    records: Callable[[MetricContext], DrillTable] | None = None
    cluster_scope: bool = True  # False: only meaningful for the whole network
    source: str = ""
    reach_filters: reach.ReachFilters | None = None  # reach metrics: trend and projection


METRICS: dict[str, MetricSpec] = {}


def register_metric(
    key: str,
    *,
    actual: Callable[[MetricContext], int | None],
    records: Callable[[MetricContext], DrillTable] | None = None,
    cluster_scope: bool = True,
    source: str = "",
    reach_filters: reach.ReachFilters | None = None,
) -> None:
    """Register (or replace) how a target metric is computed."""
    METRICS[str(key)] = MetricSpec(str(key), actual, records, cluster_scope, source, reach_filters)


def metric_actual(key: str, ctx: MetricContext) -> int | None:
    """Return the metric's value for the context, or None when it cannot be computed."""
    spec = METRICS.get(key)
    if spec is None or (not spec.cluster_scope and not ctx.scope.is_network):
        return None
    return spec.actual(ctx)


def metric_records(key: str, ctx: MetricContext) -> DrillTable | None:
    spec = METRICS.get(key)
    if spec is None or spec.records is None:
        return None
    if not spec.cluster_scope and not ctx.scope.is_network:
        return None
    return spec.records(ctx)


# --- Reach metrics: distinct organisations in the service log -----------------------------

ORGANISATION_COLUMNS = [
    ("organisation__name", _("Organisation")),
    ("organisation__country_id", _("Country")),
    ("organisation__region_id", _("NUTS region")),
    ("organisation__kind", _("Kind")),
    ("organisation__size_band", _("Size")),
    ("organisation__is_creative", _("Creative")),
    ("n_services", _("Services in the period")),
    ("first", _("First service")),
    ("last", _("Last service")),
]
SERVICE_COLUMNS = [
    ("date", _("Date")),
    ("organisation__name", _("Organisation")),
    ("cluster__name", _("Cluster")),
    ("kind", _("Kind of service")),
    ("description", _("Description")),
]


def organisations_table(services: QuerySet) -> DrillTable:
    return DrillTable("organisations", ORGANISATION_COLUMNS, reach.reached_organisations(services))


def services_table(services: QuerySet) -> DrillTable:
    rows = services.order_by("-date", "-pk").values(*(key for key, _h in SERVICE_COLUMNS))
    return DrillTable("services", SERVICE_COLUMNS, rows)


def _reach_metric(filters: reach.ReachFilters):
    def services(ctx: MetricContext) -> QuerySet:
        return reach.services_in(scope=ctx.scope, period=ctx.period, filters=filters)

    def actual(ctx: MetricContext) -> int:
        return reach.distinct_organisations(services(ctx))

    def records(ctx: MetricContext) -> DrillTable:
        return organisations_table(services(ctx))

    return actual, records


# --- Clusters and pilots ------------------------------------------------------------------


def _clusters(ctx: MetricContext) -> QuerySet:
    return Cluster.objects.filter(created_at__date__lte=ctx.period.end)


def _clusters_records(ctx: MetricContext) -> DrillTable:
    columns = [("name", _("Cluster")), ("country_id", _("Country")), ("kind", _("Kind"))]
    return DrillTable("clusters", columns, _clusters(ctx).values("name", "country_id", "kind"))


def _pilots(ctx: MetricContext) -> QuerySet:
    from clusterlab.pilots.models import Pilot

    # A pilot counts in every period it runs in (overlap), so a period's target can be met
    # by pilots that started before it.
    qs = Pilot.objects.filter(starts_on__lte=ctx.period.end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=ctx.period.start)
    )
    if ctx.scope.cluster is not None:
        qs = qs.filter(
            Q(lead_cluster=ctx.scope.cluster) | Q(partner_clusters=ctx.scope.cluster)
        ).distinct()
    return qs


def _pilots_records(ctx: MetricContext) -> DrillTable:
    columns = [
        ("code", _("Code")),
        ("title", _("Title")),
        ("lead_cluster__name", _("Lead cluster")),
        ("starts_on", _("Start")),
        ("ends_on", _("End")),
        ("status", _("Status")),
    ]
    rows = _pilots(ctx).order_by("code").values(*(key for key, _h in columns))
    return DrillTable("pilots", columns, rows)


# --- The collaboration network (built by clusterlab.network) ------------------------------


def network_summary_for(ctx: MetricContext) -> dict | None:
    """The network app's summary for the scope and period, or None while it is not there."""
    key = ("network_summary", ctx.scope.slug, ctx.period.start, ctx.period.end)
    if key not in ctx.memo:
        ctx.memo[key] = _network_summary(ctx)
    return ctx.memo[key]


def network_summary_function():
    """`clusterlab.network.selectors.network_summary`, or None while that app lacks it."""
    try:
        selectors = importlib.import_module("clusterlab.network.selectors")
        return selectors.network_summary
    except (ImportError, AttributeError):
        return None


def _network_summary(ctx: MetricContext) -> dict | None:
    summary = network_summary_function()
    if summary is None:
        return None
    try:
        return summary(
            user=ctx.user, cluster=ctx.scope.cluster, since=ctx.period.start, until=ctx.period.end
        )
    except NotAllowed:  # e.g. a cluster manager asking for the whole network's ties
        return None
    except Exception:  # another team's code being built: the dashboard must still render
        logger.exception("network_summary failed; the dashboard shows no network figures")
        return None


def _from_network(key: str):
    def actual(ctx: MetricContext) -> int | None:
        summary = network_summary_for(ctx)
        return None if summary is None else summary.get(key)

    return actual


def _managers_trained(ctx: MetricContext) -> QuerySet | None:
    """Managers who completed a training programme in the period (clusterlab.training)."""
    try:
        selectors = importlib.import_module("clusterlab.training.selectors")
        trained = selectors.managers_trained
    except (ImportError, AttributeError):
        return None
    return trained(cluster=ctx.scope.cluster, since=ctx.period.start, until=ctx.period.end)


def _managers_trained_actual(ctx: MetricContext) -> int | None:
    users = _managers_trained(ctx)
    return None if users is None else users.count()


def _managers_trained_records(ctx: MetricContext) -> DrillTable | None:
    users = _managers_trained(ctx)
    if users is None:
        return None
    columns = [("first_name", _("First name")), ("last_name", _("Last name"))]
    return DrillTable("people", columns, users.values("first_name", "last_name"))


def _register_defaults() -> None:
    for key, filters, source in (
        (Metric.ORGANISATIONS_REACHED, reach.ReachFilters(), _("service log")),
        (Metric.SMES_REACHED, reach.ReachFilters(sme_only=True), _("service log, SMEs")),
        (
            Metric.CREATIVE_SMES_REACHED,
            reach.ReachFilters(sme_only=True, creative="yes"),
            _("service log, creative SMEs"),
        ),
    ):
        actual, records = _reach_metric(filters)
        register_metric(key, actual=actual, records=records, source=source, reach_filters=filters)
    register_metric(
        Metric.CLUSTERS_LINKED,
        actual=lambda ctx: _clusters(ctx).count(),
        records=_clusters_records,
        cluster_scope=False,
        source=_("clusters of the network"),
    )
    register_metric(
        Metric.PILOT_ACTIONS,
        actual=lambda ctx: _pilots(ctx).count(),
        records=_pilots_records,
        source=_("pilot actions running in the period"),
    )
    register_metric(
        Metric.CROSS_SECTORAL,
        actual=_from_network("cross_sectoral"),
        source=_("collaboration network: creative ↔ traditional ties"),
    )
    register_metric(
        Metric.INTERNATIONAL,
        actual=_from_network("cross_border"),
        source=_("collaboration network: cross-border ties"),
    )
    # Read lazily from the training domain: "not available" while it lacks the selector.
    register_metric(
        Metric.MANAGERS_TRAINED,
        actual=_managers_trained_actual,
        records=_managers_trained_records,
        source=_("training: programmes completed"),
    )


_register_defaults()
