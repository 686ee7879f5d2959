"""Who may see which figures and set which targets."""

from __future__ import annotations

from clusterlab.registry.models import Cluster
from clusterlab.registry.permissions import can_manage_cluster, is_coordinator


def can_use_analytics(user) -> bool:
    """Coordinators and cluster managers; members and visitors have no dashboard."""
    return is_coordinator(user) or (
        user is not None
        and user.is_authenticated
        and user.is_active
        and Cluster.objects.managed_by(user).exists()
    )


def can_view_network_records(user) -> bool:
    """Network-wide member lists and per-cluster figures: the coordinator only."""
    return is_coordinator(user)


def can_view_cluster(user, cluster: Cluster) -> bool:
    """A cluster's figures and drill-downs: its managers and the coordinator."""
    return can_manage_cluster(user, cluster)


def can_set_target(user, cluster: Cluster | None) -> bool:
    """Network targets: the coordinator; a cluster's targets: its managers too."""
    if cluster is None:
        return is_coordinator(user)
    return can_manage_cluster(user, cluster)
