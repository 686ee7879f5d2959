"""Who may see and change excellence self-assessments."""

from __future__ import annotations

from clusterlab.registry.models import Cluster
from clusterlab.registry.permissions import can_manage_cluster


def can_assess(user, cluster: Cluster) -> bool:
    """The cluster's managers and the coordinator run its self-assessment."""
    return can_manage_cluster(user, cluster)
