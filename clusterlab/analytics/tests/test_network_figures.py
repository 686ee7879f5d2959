"""Figures from the collaboration network: read lazily, shown when there, absent otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterlab.analytics import metrics, services

pytestmark = pytest.mark.django_db

YEAR = "start=2026-01-01&end=2026-12-31"


def _fake_network(monkeypatch, summary):
    calls = []

    def network_summary(*, user, cluster=None, since=None, until=None, kinds=None):
        calls.append((user, cluster, since, until))
        if isinstance(summary, Exception):
            raise summary
        return summary

    monkeypatch.setattr(metrics, "network_summary_function", lambda: network_summary)
    return calls


SUMMARY = {
    "total_ties": 40,
    "cross_sectoral": 10,
    "cross_sectoral_share": 0.25,
    "cross_border": 6,
    "cross_border_share": 0.15,
    "ties_by_year": {},
    "per_cluster": [],
}


def test_shares_and_collaboration_targets_come_from_network_summary(log, clients, monkeypatch):
    calls = _fake_network(monkeypatch, SUMMARY)
    services.target_create(
        actor=None,
        metric="cross_sectoral_collaborations",
        value=20,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    response = clients.coordinator.get(f"/analytics/?{YEAR}")
    assert response.context["shares"]["cross_sectoral_share"] == 0.25
    body = response.content.decode()
    assert "25%" in body and "15%" in body
    (progress,) = response.context["targets"]
    assert (progress.actual, progress.percent) == (10, 50)
    assert (dt.date(2026, 1, 1), dt.date(2026, 12, 31)) in {(c[2], c[3]) for c in calls}


def test_cluster_dashboard_asks_for_its_own_cluster(log, clients, monkeypatch):
    calls = _fake_network(monkeypatch, SUMMARY)
    assert clients.manager_a.get(f"/analytics/clusters/cluster-a/?{YEAR}").status_code == 200
    assert {c[1] for c in calls} == {log.cluster_a}


@pytest.mark.parametrize("broken", ["missing", "raises"])
def test_dashboard_renders_without_the_network(log, clients, monkeypatch, broken, caplog):
    if broken == "missing":
        monkeypatch.setattr(metrics, "network_summary_function", lambda: None)
    else:
        _fake_network(monkeypatch, RuntimeError("half built"))
    response = clients.coordinator.get(f"/analytics/?{YEAR}")
    assert response.status_code == 200
    assert response.context["shares"] is None
