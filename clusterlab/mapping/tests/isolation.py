"""The mapping app's part of the tenant matrix and the API fuzzing (see core.tenant_testing).

Regional statistics are public facts; only the import is the coordinator's (no object ids).
"""

from __future__ import annotations

from clusterlab.core.tenant_testing import PRIVATE, PUBLIC

ROUTE_CLASSES: dict[str, str] = {
    "mapping:home": PUBLIC,
    "mapping:export-csv": PUBLIC,
    "mapping:export-xlsx": PUBLIC,
    "mapping:import": PRIVATE,
    "mapping-group-list": PUBLIC,
    "mapping-figure-list": PUBLIC,
}
QUERY_KEYS = ("group", "year")


def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None:
    """Give the fuzzer real group keys and years (the statistics are public: no canaries)."""
    world.query_values["group"] = ["set:dcms-creative", "section:C", "\x00"]
    world.query_values["year"] = [2021, 1, "\x00"]
