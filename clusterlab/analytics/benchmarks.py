"""`manage.py bench reach`: the dashboard's reach computations on a network-sized service log.

Runs on a scratch SQLite file under var/bench/ (or a `_bench` PostgreSQL database): the demo
network (50 clusters, 25,000 organisations by default) plus a generated service log of
`--reach-services` rows, some firms served by two clusters and many served repeatedly. The
baseline, measured in the same run, is the naive way: read every service row of the period
into Python and count with sets (`naive_python_sets`).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict

from django.conf import settings
from django.db import connection, connections

from clusterlab.core.bench import register
from clusterlab.registry.benchmarks import _ensure_network
from clusterlab.registry.enums import ServiceKind
from clusterlab.registry.models import Cluster, Membership, Organisation, ServiceRecord

from . import reach, selectors
from .enums import Split
from .scope import Period, Scope

BENCH_DESCRIPTION = "Generated bench service"


def _arguments(parser) -> None:
    group = parser.add_argument_group("reach")
    group.add_argument("--reach-organisations", type=int, default=25_000)
    group.add_argument("--reach-services", type=int, default=100_000)
    group.add_argument("--reach-seed", type=int, default=1)


def _use_scratch_database(organisations: int, services: int, seed: int) -> str:
    """Switch to this benchmark's own scratch database (never the working one)."""
    db = connections["default"]
    db.close()
    suffix = f"{organisations}-{services}-{seed}"
    if db.vendor == "sqlite":
        folder = settings.VAR_DIR / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        name = str(folder / f"reach-{suffix}.sqlite3")
    else:
        name = f"{db.settings_dict['NAME']}_bench_reach_{suffix.replace('-', '_')}"
        with db._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        db.close()
    db.settings_dict["NAME"] = name
    return name


def _ensure_service_log(total: int, seed: int, log) -> None:
    existing = ServiceRecord.objects.count()
    if existing >= total:
        return
    log(f"adding {total - existing} service records (once per size and seed)…")
    rng = random.Random(seed)
    pairs = list(Membership.objects.values_list("organisation_id", "cluster_id"))
    today = dt.date.today()
    kinds = list(ServiceKind.values)
    rows = [
        ServiceRecord(
            organisation_id=org,
            cluster_id=cluster,
            kind=rng.choice(kinds),
            date=today - dt.timedelta(days=rng.randint(0, 730)),
            description=BENCH_DESCRIPTION,
        )
        for org, cluster in (rng.choice(pairs) for _n in range(total - existing))
    ]
    ServiceRecord.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _dashboard_figures(period: Period) -> dict:
    """What the network dashboard computes about reach (all splits, trend, per cluster)."""
    summary = reach.reach_summary(scope=Scope(), period=period)
    trend = reach.reach_trend(scope=Scope(), period=period)
    per_cluster = selectors.per_cluster_reach(period=period)
    figures = {
        "organisations": summary.organisations,
        "services": summary.services,
        "creative": summary.creative,
        "trend": [(p.new, p.active, p.cumulative) for p in trend],
        "per_cluster": {
            r["pk"]: (r["organisations"], r["creative"], r["services"])
            for r in per_cluster
            if r["services"]
        },
    }
    for split, rows in summary.splits.items():
        figures[split] = {r.value: r.organisations for r in rows}
    return figures


def _naive_python_sets(period: Period) -> dict:
    """The same figures from every service row of the period, counted with Python sets."""
    rows = ServiceRecord.objects.filter(date__gte=period.start, date__lte=period.end).values_list(
        "organisation_id",
        "cluster_id",
        "kind",
        "date",
        "organisation__country_id",
        "organisation__region_id",
        "organisation__size_band",
        "organisation__kind",
        "organisation__is_creative",
    )
    sections = defaultdict(set)
    for org, section in Organisation.sectors.through.objects.values_list(
        "organisation_id", "nacesector__section"
    ):
        sections[org].add(section)
    everyone, creative, count = set(), set(), 0
    splits = {name: defaultdict(set) for name in Split.values}
    clusters, cluster_creative = defaultdict(set), defaultdict(set)
    cluster_services: dict[int, int] = defaultdict(int)
    first: dict[int, dt.date] = {}
    active = defaultdict(set)
    for org, cluster, kind, date, country, region, size, org_kind, is_creative in rows:
        count += 1
        everyone.add(org)
        splits[Split.CREATIVE]["yes" if is_creative else "no"].add(org)
        splits[Split.COUNTRY][country].add(org)
        splits[Split.REGION][(region or "")[:4]].add(org)
        splits[Split.SIZE][size].add(org)
        splits[Split.KIND][org_kind].add(org)
        splits[Split.SERVICE][kind].add(org)
        for section in sections.get(org, ()):
            splits[Split.SECTOR][section].add(org)
        clusters[cluster].add(org)
        cluster_services[cluster] += 1
        if is_creative:
            creative.add(org)
            cluster_creative[cluster].add(org)
        if org not in first or date < first[org]:
            first[org] = date
        active[date.replace(day=1)].add(org)
    new = defaultdict(int)
    for date in first.values():
        new[date.replace(day=1)] += 1
    trend, running = [], 0
    for month in reach.months_of(period):
        running += new[month]
        trend.append((new[month], len(active[month]), running))
    figures = {
        "organisations": len(everyone),
        "services": count,
        "creative": len(creative),
        "trend": trend,
        "per_cluster": {
            c: (len(orgs), len(cluster_creative[c]), cluster_services[c])
            for c, orgs in clusters.items()
        },
    }
    for split, values in splits.items():
        figures[split] = {value: len(orgs) for value, orgs in values.items()}
    return figures


def _best_of(func, period: Period, repeat: int) -> tuple[float, dict]:
    best, result = float("inf"), {}
    for _n in range(repeat):
        started = time.perf_counter()
        result = func(period)
        best = min(best, time.perf_counter() - started)
    return best, result


@register("reach", add_arguments=_arguments)
def bench_reach(
    *,
    log,
    reach_organisations: int,
    reach_services: int,
    reach_seed: int,
    **_options,
) -> dict:
    """Time the dashboard's reach figures against Python set counting over all rows."""
    database = _use_scratch_database(reach_organisations, reach_services, reach_seed)
    _ensure_network(50, reach_organisations, reach_seed, log)
    _ensure_service_log(reach_services, reach_seed, log)
    today = dt.date.today()
    period = Period(dt.date(today.year - 1, 1, 1), dt.date(today.year, 12, 31))
    _dashboard_figures(period)  # warm the database pages
    database_s, figures = _best_of(_dashboard_figures, period, 3)
    naive_s, naive = _best_of(_naive_python_sets, period, 3)
    if figures != naive:
        differ = sorted(k for k in figures if figures[k] != naive.get(k))
        raise RuntimeError(f"the dashboard's figures differ from the naive count: {differ}")
    return {
        "benchmark": "reach",
        "database": connection.vendor,
        "clusters": Cluster.objects.count(),
        "organisations_reached": figures["organisations"],
        "service_records": ServiceRecord.objects.count(),
        "period": f"{period.start}..{period.end}",
        "dashboard_s": round(database_s, 3),
        # registry's service_reach_idx (date, organisation, cluster, kind) covers these counts
        "covering_index": "service_reach_idx",
        "baseline": "naive_python_sets: every service row of the period (joined with its "
        "organisation) read into Python and counted with sets; the same figures",
        "baseline_s": round(naive_s, 3),
        "speedup_vs_baseline": round(naive_s / database_s, 2),
        "same_figures_as_baseline": True,
        "scratch_database": str(database),
    }
