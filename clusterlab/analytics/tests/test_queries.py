"""Query counts stay flat as the network grows (1 and 3 more clusters, services, targets)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterlab.analytics import selectors, services
from clusterlab.registry import services as registry_services
from clusterlab.registry.models import Cluster, Country
from conftest import make_org

pytestmark = pytest.mark.django_db

YEAR = "start=2026-01-01&end=2026-12-31"


def _grow(n: int, first: int = 0) -> None:
    for i in range(first, first + n):
        cluster = Cluster.objects.create(
            name=f"Extra {i}",
            slug=f"extra-{i}",
            kind="creative",
            country=Country.objects.get(pk="IT"),
        )
        firm = make_org(f"Extra firm {i}", cluster=cluster, country="IT")
        registry_services.service_record(
            actor=None,
            cluster=cluster,
            organisation=firm,
            kind="event",
            date=dt.date(2026, 6, i + 1),
        )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        f"/analytics/?{YEAR}",
        f"/analytics/records/?{YEAR}",
        f"/analytics/records/?{YEAR}&figure=services",
    ],
)
def test_pages_take_the_same_queries_for_one_and_three_more_clusters(log, clients, url):
    _grow(1)
    one = _queries(clients.coordinator, url)
    _grow(3, first=1)
    assert _queries(clients.coordinator, url) == one


def test_targets_cost_a_fixed_number_of_queries_each(log, clients):
    def target(metric):
        services.target_create(
            actor=None,
            metric=metric,
            value=5,
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
            cluster=log.cluster_a,
        )

    target("pilot_actions")
    one = _queries(clients.manager_a, f"/analytics/clusters/cluster-a/?{YEAR}")
    target("smes_reached")
    target("organisations_reached")
    three = _queries(clients.manager_a, f"/analytics/clusters/cluster-a/?{YEAR}")
    assert three - one <= 2 * 4  # at most four queries per reach target (count and trend)


def test_network_target_value_for_other_pages(log):
    assert selectors.network_target_value("pilot_actions") is None
    today = dt.date.today()
    services.target_create(
        actor=None,
        metric="pilot_actions",
        value=12,
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
    )
    assert selectors.network_target_value("pilot_actions") == 12
