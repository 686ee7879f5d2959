"""Who may do what in the registry: the one place pages, API and admin ask."""

from __future__ import annotations

from .enums import MembershipStatus
from .models import Cluster, Contact, Membership, Organisation


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_coordinator(user) -> bool:
    return _is_user(user) and bool(user.is_coordinator)


def can_manage_cluster(user, cluster: Cluster) -> bool:
    """Cluster managers of this cluster and coordinators run its members, notes and services."""
    if not _is_user(user):
        return False
    return user.is_coordinator or cluster.managers.filter(pk=user.pk).exists()


def can_view_organisation(user, organisation: Organisation) -> bool:
    return Organisation.objects.visible_to(user).filter(pk=organisation.pk).exists()


def can_view_private(user, organisation: Organisation) -> bool:
    """Contacts, notes, services and history: the organisation itself and its clusters' managers."""
    if not _is_user(user):
        return False
    if user.is_coordinator or user.organisation_id == organisation.pk:
        return True
    return (
        Membership.objects.filter(organisation=organisation, cluster__managers=user)
        .exclude(status=MembershipStatus.LEFT)
        .exists()
    )


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """A member edits their own organisation; managers edit their members; coordinators all."""
    return can_view_private(user, organisation)


def can_edit_contact(user, contact: Contact) -> bool:
    return can_view_private(user, contact.organisation)


def managed_cluster_of(user, organisation: Organisation) -> Cluster | None:
    """Return a cluster through which this user manages the organisation, if any."""
    if not _is_user(user):
        return None
    memberships = Membership.objects.filter(organisation=organisation).exclude(
        status=MembershipStatus.LEFT
    )
    if not user.is_coordinator:
        memberships = memberships.filter(cluster__managers=user)
    first = memberships.select_related("cluster").first()
    return first.cluster if first else None
