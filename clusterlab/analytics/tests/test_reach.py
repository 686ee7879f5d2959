"""Reach counting against hand-computed small cases (see the `log` fixture)."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterlab.analytics import reach, selectors
from clusterlab.analytics.reach import ReachFilters
from clusterlab.analytics.scope import Period, Scope

pytestmark = pytest.mark.django_db

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def _split(summary, name) -> dict[str, int]:
    return {row.value: row.organisations for row in summary.splits[name]}


def test_network_counts_each_firm_once_across_clusters_and_repeats(log):
    summary = reach.reach_summary(scope=Scope(), period=YEAR)
    assert (summary.organisations, summary.services) == (4, 6)
    a = reach.reach_summary(scope=Scope(log.cluster_a), period=YEAR, splits=())
    b = reach.reach_summary(scope=Scope(log.cluster_b), period=YEAR, splits=())
    assert (a.organisations, a.services) == (3, 4)
    assert (b.organisations, b.services) == (2, 2)  # org_a counts for B as well


def test_creative_split_follows_the_organisations_flag(log):
    assert log.org_a.is_creative and log.org_a_public.is_creative
    assert not log.org_b.is_creative and not log.large.is_creative
    summary = reach.reach_summary(scope=Scope(), period=YEAR)
    assert summary.creative == 2
    assert _split(summary, "creative") == {"yes": 2, "no": 2}


def test_splits_count_distinct_organisations_per_value(log):
    summary = reach.reach_summary(scope=Scope(), period=YEAR)
    assert _split(summary, "country") == {"DE": 3, "FR": 1}
    assert _split(summary, "service") == {"advice": 2, "event": 2, "training": 1}
    # Atelier has two sectors in section M: still one organisation there.
    assert _split(summary, "sector") == {"M": 2, "C": 2}
    assert _split(summary, "region") == {"": 3, "DE11": 1}
    assert _split(summary, "kind") == {"micro": 3, "large": 1}
    labels = {row.value: row.label for row in summary.splits["country"]}
    assert labels["DE"] == "Germany"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2026, 1, 15), (2026, 3, 10), 2),  # both bounds are inclusive
        ((2026, 1, 16), (2026, 3, 9), 1),
        ((2025, 12, 31), (2025, 12, 31), 1),
        ((2026, 6, 1), (2026, 12, 31), 0),
    ],
)
def test_period_bounds(log, start, end, expected):
    period = Period(dt.date(*start), dt.date(*end))
    assert reach.distinct_organisations(reach.services_in(scope=Scope(), period=period)) == expected


def test_filters_narrow_the_log(log):
    def count(**kwargs):
        services = reach.services_in(scope=Scope(), period=YEAR, filters=ReachFilters(**kwargs))
        return reach.distinct_organisations(services)

    assert count(sme_only=True) == 3
    assert count(country="fr") == 1
    assert count(creative="no") == 2
    assert count(service_kind="advice") == 2
    assert count(split="sector", value="M") == 2
    assert count(split="region", value="") == 3
    assert count(split="creative", value="yes") == 2


def test_trend_is_new_active_and_cumulative_distinct_by_month(log):
    trend = reach.reach_trend(scope=Scope(), period=YEAR)
    assert len(trend) == 12
    rows = [(p.month.month, p.new, p.active, p.cumulative) for p in trend[:6]]
    assert rows == [
        (1, 1, 1, 1),
        (2, 1, 1, 2),
        (3, 0, 1, 2),
        (4, 1, 1, 3),
        (5, 1, 1, 4),
        (6, 0, 0, 4),
    ]
    assert trend[-1].cumulative == 4
    # The 2025 service of Atelier does not make April's first service of 2026 a repeat.
    cluster_a = reach.reach_trend(scope=Scope(log.cluster_a), period=YEAR)
    assert [p.new for p in cluster_a[:5]] == [1, 0, 0, 1, 1]


def test_drill_down_lists_each_organisation_once_with_its_services(log):
    services = reach.services_in(
        scope=Scope(), period=YEAR, filters=ReachFilters(split="country", value="DE")
    )
    rows = list(reach.reached_organisations(services))
    assert [(r["organisation__name"], r["n_services"]) for r in rows] == [
        ("Alpha Design GmbH", 3),
        ("Atelier Public GmbH", 1),
        ("Lambda Motors AG", 1),
    ]
    assert rows[0]["first"] == dt.date(2026, 1, 15) and rows[0]["last"] == dt.date(2026, 3, 20)


def test_cluster_comparison_gives_median_and_network_total(log):
    comparison = selectors.cluster_comparison(cluster=log.cluster_b, period=YEAR)
    assert (comparison.organisations, comparison.services) == (2, 2)
    assert comparison.median_organisations == 2.5
    assert comparison.network_organisations == 4
    assert comparison.clusters == 2


def test_bad_query_values_fall_back_to_no_filter():
    filters = reach.filters_from(
        {"country": "\x00D", "creative": "maybe", "size": "huge", "split": "x", "value": "y"}
    )
    assert filters == ReachFilters()


def test_trend_by_quarter_counts_active_organisations_once_per_quarter(log):
    trend = reach.reach_trend(scope=Scope(), period=YEAR, filters=ReachFilters(by_quarter=True))
    rows = [(p.label, p.new, p.active, p.cumulative) for p in trend]
    # Q1: org_a (Jan, Mar twice) and org_b: two organisations, not four services.
    assert rows == [
        ("2026-Q1", 2, 2, 2),
        ("2026-Q2", 2, 2, 4),
        ("2026-Q3", 0, 0, 4),
        ("2026-Q4", 0, 0, 4),
    ]
    assert trend[0].last_day == dt.date(2026, 3, 31)


def test_quarters_of_a_period_starting_mid_quarter():
    period = Period(dt.date(2025, 11, 15), dt.date(2026, 4, 2))
    assert reach.buckets_of(period, by_quarter=True) == [
        dt.date(2025, 10, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 1),
    ]
    assert len(reach.months_of(period)) == 6
