"""The network demo adds accepted introductions over several years to a small demo network."""

import pytest

from clusterlab.accounts.models import User
from clusterlab.matchmaking.models import Introduction
from clusterlab.network import selectors
from clusterlab.network.demo import extend_demo
from clusterlab.registry.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_network_has_history():
    # The registry's network alone: the other apps' demos are tested by their own apps.
    seed_demo(clusters=4, organisations=240, seed=2)
    made = extend_demo(seed=2)
    accepted = Introduction.objects.filter(status="accepted", message__contains="demo history")
    assert made == accepted.count() > 10
    summary = selectors.network_summary(user=User.objects.get(username="coordinator"))
    years = [row["year"] for row in summary["ties_by_year"] if row["organisation_ties"]]
    assert len(years) >= 4
    assert summary["cross_border"] > 0 and summary["cross_sectoral"] > 0
