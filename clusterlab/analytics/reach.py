"""Reach: distinct organisations served, counted in the database from the service log.

A firm served twice, or by two clusters, is one organisation reached: every figure here is a
COUNT(DISTINCT organisation) over `registry.ServiceRecord` rows of the scope and period.
Splits count each organisation once per value; an organisation with sectors in two NACE
sections, or served with two kinds of service, appears under both (the split's rows may add
up to more than the total, and the page says so).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, CharField, Count, Max, Min, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat, Substr

from clusterlab.registry.enums import SME_KINDS, ServiceKind, SizeBand
from clusterlab.registry.models import Organisation, ServiceRecord

from .enums import Split
from .scope import Period, Scope

CREATIVE_VALUES = {"yes": True, "no": False}


@dataclass(frozen=True)
class ReachFilters:
    """Optional narrowing of the service log, shared by pages, exports and the API."""

    country: str = ""
    creative: str = ""  # "yes" / "no" / ""
    service_kind: str = ""
    size: str = ""
    sme_only: bool = False
    split: str = ""  # with `value`: one row of a split (the drill-down of that figure)
    value: str = ""
    by_quarter: bool = False  # the trend by quarter instead of by month

    def as_query(self) -> dict[str, str]:
        names = ("country", "creative", "service_kind", "size", "split", "value")
        query = {n: getattr(self, n) for n in names if getattr(self, n)}
        if self.sme_only:
            query["sme_only"] = "1"
        if self.by_quarter:
            query["by"] = "quarter"
        return query


@dataclass(frozen=True)
class SplitRow:
    value: str
    label: str
    organisations: int


@dataclass
class Reach:
    organisations: int
    services: int
    creative: int
    splits: dict[str, list[SplitRow]] = field(default_factory=dict)


def filters_from(params) -> ReachFilters:
    """Reach filters from a query string; values outside the known choices are ignored."""
    country = (params.get("country") or "").upper()
    split = params.get("split") or ""
    return ReachFilters(
        country=country if len(country) == 2 and country.isalpha() else "",
        creative=params.get("creative") if params.get("creative") in ("yes", "no") else "",
        service_kind=params.get("service_kind")
        if params.get("service_kind") in ServiceKind.values
        else "",
        size=params.get("size") if params.get("size") in SizeBand.values else "",
        sme_only=params.get("sme_only") == "1",
        split=split if split in Split.values else "",
        value=(params.get("value") or "")[:20] if split in Split.values else "",
        by_quarter=params.get("by") == "quarter",
    )


def services_in(*, scope: Scope, period: Period, filters: ReachFilters | None = None) -> QuerySet:
    """Service records of the scope in the period, narrowed by the filters."""
    f = filters or ReachFilters()
    qs = ServiceRecord.objects.filter(date__gte=period.start, date__lte=period.end)
    if scope.cluster is not None:
        qs = qs.filter(cluster=scope.cluster)
    if f.country:
        qs = qs.filter(organisation__country_id=f.country.upper())
    if f.creative in CREATIVE_VALUES:
        qs = qs.filter(organisation__is_creative=CREATIVE_VALUES[f.creative])
    if f.service_kind:
        qs = qs.filter(kind=f.service_kind)
    if f.size:
        qs = qs.filter(organisation__size_band=f.size)
    if f.sme_only:
        qs = qs.filter(organisation__kind__in=SME_KINDS)
    if f.split:
        qs = _split_filter(qs, f.split, f.value)
    return qs


def _split_filter(qs: QuerySet, split: str, value: str) -> QuerySet:
    """Keep the services whose organisation (or service) has this value of the split."""
    if split == Split.CREATIVE:
        return qs.filter(organisation__is_creative=value == "yes")
    if split == Split.COUNTRY:
        return qs.filter(organisation__country_id=value)
    if split == Split.REGION:
        if not value:
            return qs.filter(organisation__region__isnull=True)
        return qs.filter(organisation__region_id__startswith=value)
    if split == Split.SECTOR:
        # A subquery, not a join: a join would repeat a firm's services once per sector.
        ids = Organisation.objects.filter(sectors__section=value).values("pk")
        return qs.filter(organisation_id__in=ids)
    if split == Split.SIZE:
        return qs.filter(organisation__size_band=value)
    if split == Split.KIND:
        return qs.filter(organisation__kind=value)
    if split == Split.SERVICE:
        return qs.filter(kind=value)
    return qs.none()


def distinct_organisations(services: QuerySet) -> int:
    """COUNT(DISTINCT organisation) over the given service records."""
    return services.aggregate(n=Count("organisation_id", distinct=True))["n"]


# Splits by a property of the organisation group the organisations served (each one row,
# found with `pk IN (organisations in the service log)`), so they need no COUNT(DISTINCT)
# over a join of every service row; only the kind of service is a property of the service.
# Region: the first four characters of the NUTS code, i.e. its NUTS 2 region.
ORGANISATION_COLUMNS = {
    Split.CREATIVE: "is_creative",
    Split.COUNTRY: "country_id",
    Split.REGION: "nuts2",
    Split.SECTOR: "sectors__section",
    Split.SIZE: "size_band",
    Split.KIND: "kind",
}


def split_counts(services: QuerySet, split: str) -> list[tuple[str, int]]:
    """Distinct organisations per value of the split, largest first."""
    if split == Split.SERVICE:
        column, count = "kind", Count("organisation_id", distinct=True)
        qs = services.order_by()
    else:
        column = ORGANISATION_COLUMNS[split]
        qs = Organisation.objects.filter(pk__in=services.order_by().values("organisation_id"))
        # A firm with two sectors in one NACE section is still one firm there.
        count = Count("pk", distinct=split == Split.SECTOR)
        if split == Split.REGION:
            qs = qs.annotate(nuts2=Substr("region_id", 1, 4))
    rows = qs.order_by().values(column).annotate(n=count).order_by("-n", column)
    return [(_split_value(split, row[column]), row["n"]) for row in rows]


def reach_summary(
    *, scope: Scope, period: Period, filters: ReachFilters | None = None, splits=tuple(Split)
) -> Reach:
    """Distinct organisations and services of the scope in the period, with their splits."""
    from .labels import split_label  # labels read reference data; kept out of import time

    services = services_in(scope=scope, period=period, filters=filters)
    # Totals come with the splits, not from a query of their own: every organisation sits in
    # exactly one creative/traditional row, and every service has exactly one kind.
    single_valued = single_valued_splits(services)
    by_kind = list(
        services.order_by()
        .values("kind")
        .annotate(n=Count("organisation_id", distinct=True), services=Count("id"))
        .order_by("-n", "kind")
    )
    creative = dict(single_valued[Split.CREATIVE])
    reach = Reach(
        organisations=sum(creative.values()),
        services=sum(row["services"] for row in by_kind),
        creative=creative.get("yes", 0),
    )
    single_valued[Split.SERVICE] = [(row["kind"], row["n"]) for row in by_kind]
    for split in splits:
        counts = single_valued.get(split)
        if counts is None:
            counts = split_counts(services, split)
        labels = split_label(split, [value for value, _n in counts])
        reach.splits[split] = [SplitRow(v, labels.get(v, v), n) for v, n in counts]
    return reach


SINGLE_VALUED = (Split.CREATIVE, Split.COUNTRY, Split.REGION, Split.SIZE, Split.KIND)


def single_valued_splits(services: QuerySet) -> dict[str, list[tuple[str, int]]]:
    """Every split by a one-valued property of the organisation, from one GROUP BY.

    The organisations served are grouped by all five properties at once (a few hundred
    combinations at most); each split is then the sum over its column, exact because each
    organisation sits in exactly one combination. One read of the service log instead of five.
    """
    columns = [ORGANISATION_COLUMNS[split] for split in SINGLE_VALUED]
    combinations = (
        Organisation.objects.filter(pk__in=services.order_by().values("organisation_id"))
        .annotate(nuts2=Substr("region_id", 1, 4))
        .order_by()
        .values(*columns)
        .annotate(n=Count("pk"))
    )
    sums: dict[str, dict[str, int]] = {split: {} for split in SINGLE_VALUED}
    for row in combinations:
        for split, column in zip(SINGLE_VALUED, columns, strict=True):
            value = _split_value(split, row[column])
            sums[split][value] = sums[split].get(value, 0) + row["n"]
    return {
        split: sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        for split, counts in sums.items()
    }


def _split_value(split: str, raw) -> str:
    if split == Split.CREATIVE:
        return "yes" if raw else "no"
    return "" if raw is None else str(raw)


@dataclass(frozen=True)
class TrendPoint:
    month: dt.date  # first day of the month (or quarter)
    last_day: dt.date
    label: str  # "2026-03" or "2026-Q1"
    new: int  # organisations served for the first time in the period in this month
    active: int  # distinct organisations served in this month
    cumulative: int  # distinct organisations served from the period's start to its end


def reach_trend(*, scope: Scope, period: Period, filters: ReachFilters | None = None) -> list:
    """Per month (or quarter): new, active and cumulative distinct organisations reached."""
    by_quarter = bool(filters and filters.by_quarter)
    services = services_in(scope=scope, period=period, filters=filters).order_by()
    pairs = (
        services.annotate(month_digits=Substr(Cast("date", output_field=CharField()), 6, 2))
        .annotate(bucket=_bucket(by_quarter))
        .values("organisation_id", "bucket")
        .distinct()
    )
    counts = _new_and_active_by_bucket(pairs)
    points, running = [], 0
    for first in buckets_of(period, by_quarter=by_quarter):
        new, active = counts.get(first.strftime("%Y-%m"), (0, 0))
        running += new
        last = _add_months(first, 3 if by_quarter else 1) - dt.timedelta(days=1)
        label = f"{first.year}-Q{(first.month + 2) // 3}" if by_quarter else first.strftime("%Y-%m")
        points.append(TrendPoint(first, last, label, new, active, running))
    return points


QUARTER_STARTS = {f"{m:02d}": f"{3 * ((m - 1) // 3) + 1:02d}" for m in range(1, 13)}


def _bucket(by_quarter: bool):
    # 'YYYY-MM' of the month (or of the quarter's first month) from the ISO text of the date:
    # native in SQLite and PostgreSQL alike (SQLite's TruncMonth is a Python function called
    # once per row).
    text = Cast("date", output_field=CharField())
    if not by_quarter:
        return Substr(text, 1, 7)
    first_month = Case(
        *(
            When(
                Q(month_digits__in=[m for m, q in QUARTER_STARTS.items() if q == start]),
                then=Value(start),
            )
            for start in sorted(set(QUARTER_STARTS.values()))
        ),
        output_field=CharField(),
    )
    return Concat(Substr(text, 1, 5), first_month, output_field=CharField())


def _new_and_active_by_bucket(pairs: QuerySet) -> dict[str, tuple[int, int]]:
    """Per bucket: organisations served for the first time, and organisations served.

    One read of the service log: the ORM's distinct (organisation, bucket) pairs, wrapped in
    SQL (Django has no FROM-subquery) that marks each organisation's first bucket with a
    window function (SQLite 3.25+ and PostgreSQL alike).
    """
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bucket, SUM(CASE WHEN bucket = first THEN 1 ELSE 0 END), COUNT(*) FROM ("
            "SELECT bucket, MIN(bucket) OVER (PARTITION BY organisation_id) AS first "
            f"FROM ({sql}) AS pairs) AS marked GROUP BY bucket",
            params,
        )
        return {bucket: (int(new), int(active)) for bucket, new, active in cursor.fetchall()}


def _add_months(day: dt.date, months: int) -> dt.date:
    years, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + years, month + 1, 1)


def buckets_of(period: Period, *, by_quarter: bool = False) -> list[dt.date]:
    """First days of the months (or quarters) the period touches."""
    first = period.start.replace(day=1)
    if by_quarter:
        first = first.replace(month=3 * ((first.month - 1) // 3) + 1)
    result = []
    while first <= period.end:
        result.append(first)
        first = _add_months(first, 3 if by_quarter else 1)
    return result


def months_of(period: Period) -> list[dt.date]:
    """First days of the months the period touches."""
    return buckets_of(period)


def reached_organisations(services: QuerySet) -> QuerySet:
    """One row per organisation served: its profile columns and its services in the set."""
    return (
        services.order_by()
        .values(
            "organisation_id",
            "organisation__name",
            "organisation__country_id",
            "organisation__region_id",
            "organisation__kind",
            "organisation__size_band",
            "organisation__is_creative",
        )
        .annotate(n_services=Count("id"), first=Min("date"), last=Max("date"))
        .order_by("organisation__name", "organisation_id")
    )
