"""Compute every platform-computable indicator for every cluster at once (for the median).

A few grouped queries load the network's active memberships and members' attributes, the
service log, events, pilots and introductions; the rest is plain Python over ids. One
pass serves both a cluster's own figures and the network median, and is cached briefly.
"""

from __future__ import annotations

import datetime as dt
import logging
import statistics
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone

from clusterlab.registry.enums import SME_KINDS, MembershipStatus, OrganisationKind
from clusterlab.registry.models import Cluster, Membership, Organisation, ServiceRecord

logger = logging.getLogger(__name__)
Values = dict[str, dict[int, float | None]]  # indicator code → cluster id → value
CACHE_SECONDS = 300


def _percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _members(today: dt.date):
    active: dict[int, set[int]] = defaultdict(set)
    new: dict[int, int] = defaultdict(int)
    year_ago_total: dict[int, int] = defaultdict(int)
    year_ago_kept: dict[int, int] = defaultdict(int)
    year_ago = today - dt.timedelta(days=365)
    for cluster_id, org_id, status, joined, left in Membership.objects.values_list(
        "cluster_id", "organisation_id", "status", "joined", "left"
    ):
        if status == MembershipStatus.ACTIVE:
            active[cluster_id].add(org_id)
            if joined and joined > year_ago:
                new[cluster_id] += 1
        if status == MembershipStatus.PROSPECT:
            continue
        # A member a year ago: joined before then and not gone before then.
        if joined and joined <= year_ago and (left is None or left > year_ago):
            year_ago_total[cluster_id] += 1
            year_ago_kept[cluster_id] += status == MembershipStatus.ACTIVE
    return active, new, year_ago_total, year_ago_kept


def _structure(values: Values, clusters, active, today) -> None:
    member_ids = set().union(*active.values()) if active else set()
    orgs = {
        pk: (kind, creative, region, country)
        for pk, kind, creative, region, country in Organisation.objects.filter(
            pk__in=member_ids
        ).values_list("pk", "kind", "is_creative", "region_id", "country_id")
    }
    regions = defaultdict(list)
    for cluster_id, code in Cluster.regions.through.objects.values_list(
        "cluster_id", "nutsregion_id"
    ):
        regions[cluster_id].append(code)
    for cluster in clusters:
        rows = [orgs[o] for o in active.get(cluster.pk, ()) if o in orgs]
        n = len(rows)
        values["members_active"][cluster.pk] = n
        values["sme_share"][cluster.pk] = _percent(sum(r[0] in SME_KINDS for r in rows), n)
        values["research_members"][cluster.pk] = sum(
            r[0] == OrganisationKind.RESEARCH for r in rows
        )
        values["large_members"][cluster.pk] = sum(r[0] == OrganisationKind.LARGE for r in rows)
        values["kind_mix"][cluster.pk] = len({r[0] for r in rows})
        values["creative_share"][cluster.pk] = _percent(sum(bool(r[1]) for r in rows), n)
        own = tuple(regions.get(cluster.pk, ()))
        values["regional_concentration"][cluster.pk] = (
            _percent(sum(bool(r[2]) and r[2].startswith(own) for r in rows), n) if own else None
        )
        values["countries"][cluster.pk] = len({r[3] for r in rows})
        values["managers_on_platform"][cluster.pk] = 0
        values["cluster_age"][cluster.pk] = (
            today.year - cluster.founded_year if cluster.founded_year else None
        )


def _services(values: Values, clusters, active, since: dt.date) -> None:
    served: dict[int, set[int]] = defaultdict(set)
    counts: dict[int, int] = defaultdict(int)
    kinds: dict[int, set[str]] = defaultdict(set)
    for cluster_id, org_id, kind in ServiceRecord.objects.filter(
        date__gte=since, date__lte=since + dt.timedelta(days=365)
    ).values_list("cluster_id", "organisation_id", "kind"):
        counts[cluster_id] += 1
        served[cluster_id].add(org_id)
        kinds[cluster_id].add(kind)
    for cluster in clusters:
        members = active.get(cluster.pk, set())
        values["services_12m"][cluster.pk] = counts.get(cluster.pk, 0)
        values["service_uptake"][cluster.pk] = _percent(
            len(served.get(cluster.pk, set()) & members), len(members)
        )
        values["service_kinds"][cluster.pk] = len(kinds.get(cluster.pk, ()))


def _events(values: Values, clusters, since: dt.datetime, now: dt.datetime) -> None:
    from clusterlab.events.enums import RegistrationStatus
    from clusterlab.events.models import Event

    active = [RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED]
    rows = (
        Event.objects.filter(starts_at__gte=since, starts_at__lte=now)
        .values("clusters")
        .annotate(
            n=Count("pk", distinct=True),
            registrations=Count("registrations", filter=Q(registrations__status__in=active)),
        )
    )
    by_cluster = {r["clusters"]: r for r in rows}
    for cluster in clusters:
        row = by_cluster.get(cluster.pk, {"n": 0, "registrations": 0})
        values["events_12m"][cluster.pk] = row["n"]
        values["event_registrations_12m"][cluster.pk] = row["registrations"]


def _pilots(values: Values, clusters) -> None:
    from clusterlab.pilots.models import Lesson, Pilot

    led = dict(
        Pilot.objects.values("lead_cluster")
        .annotate(n=Count("pk"))
        .values_list("lead_cluster", "n")
    )
    budget = dict(
        Pilot.objects.values("lead_cluster")
        .annotate(total=Sum("budget_eur"))
        .values_list("lead_cluster", "total")
    )
    partner = dict(
        Pilot.partner_clusters.through.objects.values("cluster_id")
        .annotate(n=Count("pk"))
        .values_list("cluster_id", "n")
    )
    lessons = dict(
        Lesson.objects.values("pilot__lead_cluster")
        .annotate(n=Count("pk"))
        .values_list("pilot__lead_cluster", "n")
    )
    for cluster in clusters:
        values["pilots_led"][cluster.pk] = led.get(cluster.pk, 0)
        values["pilots_partner"][cluster.pk] = partner.get(cluster.pk, 0)
        values["lessons"][cluster.pk] = lessons.get(cluster.pk, 0)
        total = budget.get(cluster.pk)
        values["pilot_budget"][cluster.pk] = float(total) if total is not None else 0.0


def _introductions(values: Values, clusters, active, since: dt.datetime) -> None:
    from clusterlab.matchmaking.enums import IntroductionStatus, OutcomeStage
    from clusterlab.matchmaking.models import Introduction

    clusters_of: dict[int, set[int]] = defaultdict(set)
    for cluster_id, members in active.items():
        for org_id in members:
            clusters_of[org_id].add(cluster_id)
    accepted: dict[int, int] = defaultdict(int)
    successes: dict[int, int] = defaultdict(int)
    rows = Introduction.objects.filter(status=IntroductionStatus.ACCEPTED).values_list(
        "requester_id", "target_id", "responded_at", "outcome"
    )
    for requester, target, responded_at, outcome in rows:
        involved = clusters_of.get(requester, set()) | clusters_of.get(target, set())
        for cluster_id in involved:
            if responded_at and responded_at >= since:
                accepted[cluster_id] += 1
            if outcome in (OutcomeStage.AGREEMENT, OutcomeStage.PROJECT):
                successes[cluster_id] += 1
    for cluster in clusters:
        values["introductions_accepted_12m"][cluster.pk] = accepted.get(cluster.pk, 0)
        values["introduction_successes"][cluster.pk] = successes.get(cluster.pk, 0)


def cooperation_values(*, user, cluster: Cluster, since: dt.date) -> Values | None:
    """Return the cooperation indicators of every cluster from the network app, if it is there.

    `network_summary` checks that the viewer may read this cluster's network; its per-cluster
    table holds counts for every cluster, which gives the median too. None when the network
    app is missing or refuses: the page then says so instead of failing.
    """
    try:
        from clusterlab.network.selectors import network_summary
    except ImportError:
        return None
    try:
        summary = network_summary(user=user, cluster=cluster, since=since)
    except Exception:  # the network app is optional here: degrade, never fail the page
        logger.warning("network_summary unavailable; cooperation indicators left empty")
        return None
    per_cluster = summary.get("per_cluster", {}) if isinstance(summary, dict) else {}
    values: Values = {"members_linked_outside_sector": {}, "members_linked_outside_cluster": {}}
    for cluster_id, row in per_cluster.items():
        members = row.get("members") or 0
        values["members_linked_outside_sector"][int(cluster_id)] = _percent(
            row.get("outside_sector", 0), members
        )
        values["members_linked_outside_cluster"][int(cluster_id)] = _percent(
            row.get("outside_cluster", 0), members
        )
    return values


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def network_values(*, today: dt.date | None = None) -> Values:
    """Return every record-based indicator for every cluster (cooperation ties come apart)."""
    from .indicators import COMPUTED

    today = today or timezone.localdate()
    now = timezone.now() if today == timezone.localdate() else _end_of(today)
    key = f"excellence:values:{today.isoformat()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    values: Values = {i.code: {} for i in COMPUTED}
    clusters = list(Cluster.objects.order_by("pk"))
    active, new, total, kept = _members(today)
    _structure(values, clusters, active, today)
    for cluster in clusters:
        values["new_members_12m"][cluster.pk] = new.get(cluster.pk, 0)
        values["retention_12m"][cluster.pk] = _percent(
            kept.get(cluster.pk, 0), total.get(cluster.pk, 0)
        )
    for cluster_id, n in (
        Cluster.managers.through.objects.values("cluster_id")
        .annotate(n=Count("pk"))
        .values_list("cluster_id", "n")
    ):
        values["managers_on_platform"][cluster_id] = n
    since = today - dt.timedelta(days=365)
    since_dt = now - dt.timedelta(days=365)
    _services(values, clusters, active, since)
    _events(values, clusters, since_dt, now)
    _pilots(values, clusters)
    _introductions(values, clusters, active, since_dt)
    cache.set(key, values, CACHE_SECONDS)
    return values


# Below this many clusters a median gives away others' private figures (of two clusters it
# is their mean: knowing one's own value yields the other's).
MIN_CLUSTERS_FOR_MEDIAN = 5


def median(values: dict[int, float | None]) -> float | None:
    """Return the network median of an indicator over the clusters that have a value.

    None when fewer than MIN_CLUSTERS_FOR_MEDIAN clusters have one.
    """
    present = [v for v in values.values() if v is not None]
    if len(present) < MIN_CLUSTERS_FOR_MEDIAN:
        return None
    return round(float(statistics.median(present)), 1)
