"""Who may read the collaboration network: coordinators, and cluster managers for their clusters."""

from __future__ import annotations

from clusterlab.registry.models import Cluster
from clusterlab.registry.permissions import can_manage_cluster, is_coordinator

__all__ = ["can_expand_cluster", "can_view_network", "is_coordinator"]


def can_view_network(user) -> bool:
    """Coordinators see the whole network; managers their clusters' part of it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return is_coordinator(user) or Cluster.objects.filter(managers=user).exists()


def can_expand_cluster(user, cluster: Cluster) -> bool:
    """Members drawn one by one: for the cluster's own managers and coordinators only."""
    return can_manage_cluster(user, cluster)
