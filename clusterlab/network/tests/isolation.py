"""The network app's part of the tenant matrix and the API fuzzing (see core.tenant_testing).

No route takes an object id: scopes come in the query (`?cluster=`, `?member_of=`,
`?expand=`, each a cluster's slug), and a cluster the viewer does not run answers 404
(tested in test_pages.py).
The figures are computed from other apps' rows, so there is nothing of our own to snapshot.
"""

from __future__ import annotations

from clusterlab.core.tenant_testing import PRIVATE

ROUTE_CLASSES: dict[str, str] = {
    "network:home": PRIVATE,
    "network:ties": PRIVATE,
    "network:ties-csv": PRIVATE,
    "network:ties-xlsx": PRIVATE,
    "network:export-csv": PRIVATE,
    "network:export-xlsx": PRIVATE,
    "network:graph": PRIVATE,
    "network-summary": PRIVATE,
    "network-ties": PRIVATE,
    "network-graph": PRIVATE,
}
QUERY_KEYS = ("member_of", "expand")


def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None:
    """Offer the fuzzer real cluster slugs for the network's scope parameters."""
    slugs = [cast.cluster_a.slug, cast.cluster_b.slug]
    for key in QUERY_KEYS:
        world.query_values[key] = slugs
