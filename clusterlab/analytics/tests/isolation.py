"""The analytics app's part of the tenant matrix and the API fuzzing (see core.tenant_testing).

Every figure of a cluster (its dashboard, drill-downs, exports, targets, `/api/reach/?cluster=`)
is its managers' and the coordinator's; network-wide lists are the coordinator's only.
"""

from __future__ import annotations

import datetime as dt

from clusterlab.analytics import services
from clusterlab.analytics.models import Target
from clusterlab.core.tenant_testing import ALL, PRIVATE, ApiCase, PageCase

ROUTE_CLASSES: dict[str, str] = {
    "analytics:home": PRIVATE,
    "analytics:cluster-dashboard": PRIVATE,
    "analytics:records": PRIVATE,
    "analytics:records-export": PRIVATE,
    "analytics:figure-export": PRIVATE,
    "analytics:target-new": PRIVATE,
    "analytics:target-edit": PRIVATE,
    "analytics:target-delete": PRIVATE,
    "target-list": PRIVATE,
    "target-detail": PRIVATE,
    "target-progress": PRIVATE,
    "reach-list": PRIVATE,
}

TARGET_NOTE_A = "Alpha's confidential target: reach the Bosch supplier circle"
SECRETS_A: tuple[str, ...] = (TARGET_NOTE_A,)


SNAPSHOT_MODELS = [Target]


def _target(cluster, note: str, metric: str = "smes_reached"):
    return services.target_create(
        actor=None,
        metric=metric,
        value=40,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        cluster=cluster,
        note=note,
    )


def world(cast) -> dict:
    """Cluster A's target (its note is a secret)."""
    return {"target_a": _target(cast.cluster_a, TARGET_NOTE_A)}


def _target_form(w) -> dict:
    return {
        "metric": "pilot_actions",
        "value": "99",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "note": "planted",
    }


PAGE_CASES: list[PageCase] = [
    PageCase("analytics:cluster-dashboard", lambda w: {"slug": "cluster-a"}),
    # Without ?cluster= these name the network's figures: the coordinator's only (control off).
    PageCase("analytics:records-export", lambda w: {"fmt": "csv"}, control=False),
    PageCase(
        "analytics:figure-export", lambda w: {"figure": "reach", "fmt": "xlsx"}, control=False
    ),
    PageCase("analytics:target-edit", lambda w: {"pk": w.target_a.pk}, post=_target_form),
    PageCase(
        "analytics:target-delete", lambda w: {"pk": w.target_a.pk}, post=lambda w: {}, get=False
    ),
]

API_CASES: list[ApiCase] = [
    ApiCase(
        "target-detail",
        lambda w: {"pk": w.target_a.pk},
        ALL,
        lambda w: {"metric": "smes_reached", "value": 1, "note": "hijacked"},
    ),
    ApiCase("target-progress", lambda w: {"pk": w.target_a.pk}, ("get",)),
]

# --- API fuzzing ---------------------------------------------------------------------------
PRIVATE_RESOURCES: set[str] = {"targets"}
CANARY_TARGET_A = "canary-target-alpha-51c7"
CANARY_TARGET_B = "canary-target-bravo-7d02"


def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None:
    """Each cluster's target: the other peer may neither read nor change it."""
    target_a = _target(cast.cluster_a, CANARY_TARGET_A, metric="pilot_actions")
    target_b = _target(cast.cluster_b, CANARY_TARGET_B, metric="pilot_actions")
    peer_a.canaries = (*peer_a.canaries, CANARY_TARGET_B)
    peer_b.canaries = (*peer_b.canaries, CANARY_TARGET_A)
    peer_a.forbidden["targets"] = {str(target_b.pk)}
    peer_b.forbidden["targets"] = {str(target_a.pk)}
    anonymous.canaries = (*anonymous.canaries, CANARY_TARGET_A, CANARY_TARGET_B)
    world.path_values["targets"] = [target_a.pk, target_b.pk]
