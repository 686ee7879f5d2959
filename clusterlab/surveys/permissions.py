"""Who may do what with surveys: the one place pages, API and services ask."""

from __future__ import annotations

from clusterlab.registry.models import Cluster
from clusterlab.registry.permissions import can_manage_cluster

from .models import Survey


def can_create_survey(user, cluster: Cluster) -> bool:
    """A cluster's managers (and coordinators) run its surveys."""
    return can_manage_cluster(user, cluster)


def can_manage_survey(user, survey: Survey) -> bool:
    """Build, send and read the results of a survey: its cluster's managers and coordinators."""
    return can_manage_cluster(user, survey.cluster)
