"""The demo network: plausible, mixed, and the same for the same seed."""

import pytest
from django.db import transaction

from clusterlab.accounts.models import User
from clusterlab.registry.demo import seed_demo
from clusterlab.registry.models import Cluster, Contact, Membership, Organisation

pytestmark = pytest.mark.django_db


def _snapshot(seed: int) -> dict:
    with transaction.atomic():
        result = seed_demo(clusters=6, organisations=120, seed=seed)
        snapshot = {
            "result": (result.clusters, result.organisations),
            "clusters": list(Cluster.objects.order_by("slug").values_list("slug", "kind")),
            "names": list(
                Organisation.objects.order_by("name").values_list("name", "city", "region_id")
            ),
            "memberships": Membership.objects.count(),
            "contacts": sorted(Contact.objects.values_list("last_name", flat=True)),
            "accounts": [a[1] for a in result.accounts],
            "creative": Organisation.objects.filter(is_creative=True).count(),
            "languages": set(Organisation.objects.values_list("description_language", flat=True)),
        }
        transaction.set_rollback(True)
    return snapshot


def test_same_seed_same_network_and_other_seed_another():
    first, again, other = _snapshot(7), _snapshot(7), _snapshot(8)
    assert first == again
    assert first["names"] != other["names"]


def test_demo_mixes_kinds_regions_languages_and_has_every_role():
    snapshot = _snapshot(1)
    assert snapshot["result"] == (6, 120)
    assert [kind for _slug, kind in snapshot["clusters"]].count("creative") == 3
    assert snapshot["accounts"] == [
        "coordinator",
        "manager-design-de11",
        "manager-automotive-es51",
        "member",
        "trainer",
    ]
    assert 0 < snapshot["creative"] < 120
    assert {"de", "ca", "it"} <= snapshot["languages"]
    assert snapshot["memberships"] >= 120
    assert all(region for _n, _c, region in snapshot["names"])


def test_demo_accounts_can_log_in_with_the_documented_password():
    with transaction.atomic():
        seed_demo(clusters=2, organisations=10, seed=1)
        user = User.objects.get(username="manager-design-de11")
        assert user.check_password("clusterlab-demo")
        assert list(user.managed_clusters.values_list("slug", flat=True)) == ["design-de11"]
        transaction.set_rollback(True)
