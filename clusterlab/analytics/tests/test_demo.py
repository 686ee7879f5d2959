"""The demo sets the network's targets and a few clusters'; the dashboard shows them."""

from __future__ import annotations

import pytest

from clusterlab.analytics import demo, selectors
from clusterlab.analytics.models import Target
from clusterlab.registry.demo import seed_demo
from clusterlab.registry.models import Cluster

pytestmark = pytest.mark.django_db


def test_extend_demo_on_a_small_network():
    seed_demo(clusters=4, organisations=200, seed=3)
    made = demo.extend_demo(seed=3)
    assert made == Target.objects.count() == len(demo.NETWORK_TARGETS) + 4 * 3
    network = {t.metric: t.value for t in Target.objects.filter(cluster__isnull=True)}
    assert (network["clusters_linked"], network["smes_reached"], network["pilot_actions"]) == (
        50,
        25_000,
        10,
    )
    assert demo.extend_demo(seed=3) == 0  # idempotent
    target = Target.objects.get(cluster__isnull=True, metric="organisations_reached")
    progress = selectors.target_progress(target=target, user=None)
    assert 0 < progress.actual <= 200
    assert Cluster.objects.filter(targets__isnull=False).distinct().count() == 4
