"""Who may do what in coaching and peer exchanges: the one place pages, API and services ask.

Privacy decision (documented for the SME case): coaching notes, actions and engagement details
are for the coach and the coachee alone. The manager of the cluster that arranges an SME's
coaching does not read them (nor do coordinators or the coachee's fellow managers); the cluster
sees each session in its service log (date and engagement title, never the notes)."""

from __future__ import annotations

from clusterlab.registry.models import Cluster
from clusterlab.registry.permissions import can_manage_cluster

from .models import Application, Engagement, ExchangeOffer, Scheme


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_manager(user) -> bool:
    return _is_user(user) and Cluster.objects.filter(managers=user).exists()


def can_coach(user) -> bool:
    """Trainers, coordinators and cluster managers may coach."""
    return _is_user(user) and bool(user.is_trainer or user.is_coordinator or is_manager(user))


def can_create_scheme(user) -> bool:
    return _is_user(user) and bool(user.is_coordinator or user.is_trainer or is_manager(user))


def can_edit_scheme(user, scheme: Scheme) -> bool:
    """The scheme's author and coordinators edit it; shipped schemes only coordinators."""
    if not _is_user(user):
        return False
    return bool(user.is_coordinator or (scheme.created_by_id and scheme.created_by_id == user.pk))


def is_participant(user, engagement: Engagement) -> bool:
    """The coach or the coachee (for an SME: a user representing that organisation)."""
    return Engagement.objects.for_participant(user).filter(pk=engagement.pk).exists()


def can_host(user, cluster: Cluster) -> bool:
    """A cluster's own managers offer visits and decide on applications."""
    return _is_user(user) and cluster.managers.filter(pk=user.pk).exists()


def can_manage_offer(user, offer: ExchangeOffer) -> bool:
    return can_host(user, offer.host_cluster)


def can_view_application(user, application: Application) -> bool:
    return Application.objects.visible_to(user).filter(pk=application.pk).exists()


def can_arrange_sme_coaching(user, cluster: Cluster) -> bool:
    return can_manage_cluster(user, cluster)
