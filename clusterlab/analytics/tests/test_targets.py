"""Targets: who sets them, their validation, their actual values and projections."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterlab.analytics import metrics, selectors, services
from clusterlab.analytics.models import Target
from clusterlab.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db

YEAR = {"starts_on": dt.date(2026, 1, 1), "ends_on": dt.date(2026, 12, 31)}


def _target(actor, cluster=None, metric="smes_reached", value=10, **extra):
    return services.target_create(
        actor=actor, cluster=cluster, metric=metric, value=value, **{**YEAR, **extra}
    )


def test_coordinator_sets_network_targets_managers_only_their_clusters(cast):
    assert _target(cast.coordinator).cluster is None
    assert _target(cast.manager_a, cast.cluster_a).cluster == cast.cluster_a
    with pytest.raises(NotAllowed):
        _target(cast.manager_a)  # the network's: coordinator only
    with pytest.raises(NotAllowed):
        _target(cast.manager_b, cast.cluster_a)
    with pytest.raises(NotAllowed):
        _target(cast.member_a, cast.cluster_a)
    assert Target.objects.count() == 2


def test_duplicates_reversed_periods_and_network_only_metrics_are_refused(cast):
    _target(None)
    with pytest.raises(DomainError) as duplicate:
        _target(None, value=99)
    assert duplicate.value.field == "metric"
    with pytest.raises(DomainError) as reversed_period:
        _target(None, metric="pilot_actions", ends_on=dt.date(2025, 1, 1))
    assert reversed_period.value.field == "ends_on"
    with pytest.raises(DomainError) as network_only:
        _target(None, cast.cluster_a, metric="clusters_linked")
    assert network_only.value.field == "metric"
    assert Target.objects.count() == 1


def test_visibility_of_targets(cast):
    network = _target(None)
    a = _target(None, cast.cluster_a)
    b = _target(None, cast.cluster_b)
    assert set(Target.objects.visible_to(cast.coordinator)) == {network, a, b}
    assert set(Target.objects.visible_to(cast.manager_a)) == {network, a}
    assert set(Target.objects.visible_to(cast.member_a)) == set()
    assert set(Target.objects.visible_to(None)) == set()


def test_progress_counts_the_metric_in_the_targets_own_period_and_scope(log):
    sme = selectors.target_progress(target=_target(None, value=6), user=log.coordinator)
    assert (sme.actual, sme.percent) == (3, 50)  # the large firm is not an SME
    creative = _target(None, metric="creative_smes_reached", value=4)
    assert selectors.target_progress(target=creative, user=None).actual == 2
    cluster_b = _target(None, log.cluster_b, metric="organisations_reached", value=4)
    progress = selectors.target_progress(target=cluster_b, user=None)
    assert progress.actual == 2
    # Jan 1, Feb 2, … : a projection exists and is at least what is reached.
    assert progress.projected is not None and progress.projected >= 2


def test_projection_from_monthly_cumulative_points(log):
    from clusterlab.analytics import reach
    from clusterlab.analytics.scope import Period, Scope

    period = Period(dt.date(2026, 1, 1), dt.date(2026, 4, 30))
    trend = reach.reach_trend(scope=Scope(), period=period)
    # The whole period is past: the projection is what was reached.
    assert selectors.projection(trend, period) == 3


def test_pilot_and_cluster_metrics(cast):
    from clusterlab.pilots import services as pilot_services

    pilot_services.pilot_create(
        actor=None,
        data={
            "code": "P1",
            "title": "Vouchers",
            "lead_cluster": cast.cluster_a,
            "instrument": "x",
            "hypothesis": "y",
            "starts_on": dt.date(2025, 6, 1),
            "ends_on": dt.date(2026, 3, 1),
        },
    )
    ctx = metrics.MetricContext(
        metrics.Scope(), metrics.Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    )
    assert metrics.metric_actual("pilot_actions", ctx) == 1
    assert metrics.metric_actual("clusters_linked", ctx) == 2
    cluster_b = metrics.MetricContext(metrics.Scope(cast.cluster_b), ctx.period)
    assert metrics.metric_actual("pilot_actions", cluster_b) == 0
    assert metrics.metric_actual("clusters_linked", cluster_b) is None  # network only
    records = metrics.metric_records("pilot_actions", ctx)
    assert [r["code"] for r in records.rows] == ["P1"]


def test_a_domain_plugs_in_a_metric_with_one_call(cast):
    ctx = metrics.MetricContext(
        metrics.Scope(), metrics.Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    )
    assert metrics.metric_actual("managers_trained", ctx) == 0  # from clusterlab.training
    original = metrics.METRICS["managers_trained"]
    try:
        metrics.register_metric("managers_trained", actual=lambda c: 7)
        assert metrics.metric_actual("managers_trained", ctx) == 7
    finally:
        metrics.METRICS["managers_trained"] = original
