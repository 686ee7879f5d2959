"""Who may do what with events: the one place pages, API and services ask."""

from __future__ import annotations

from clusterlab.registry.enums import MembershipStatus
from clusterlab.registry.models import Membership

from .enums import EventAudience
from .models import Event, MeetingRequest, Registration


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_manage_event(user, event: Event) -> bool:
    """Managers of an organising cluster and coordinators run the event."""
    if not _is_user(user):
        return False
    return user.is_coordinator or event.clusters.filter(managers=user).exists()


def can_view_event(user, event: Event) -> bool:
    return Event.objects.visible_to(user).filter(pk=event.pk).exists()


def may_register_organisation(event: Event, organisation_id: int) -> bool:
    """Public events take any organisation; members-only events their clusters' members."""
    if event.audience == EventAudience.PUBLIC:
        return True
    return (
        Membership.objects.filter(cluster__in=event.clusters.all(), organisation_id=organisation_id)
        .exclude(status=MembershipStatus.LEFT)
        .exists()
    )


def is_own_registration(user, registration: Registration) -> bool:
    return _is_user(user) and registration.user_id == user.pk


def can_view_registration(user, registration: Registration) -> bool:
    """The person's own registration, and the organisers; other participants see the public
    participant card only (a separate selector)."""
    return is_own_registration(user, registration) or can_manage_event(user, registration.event)


def can_edit_registration(user, registration: Registration) -> bool:
    return can_view_registration(user, registration)


def is_participant(user, event: Event) -> bool:
    """An active registration at this event."""
    return _is_user(user) and event.registrations.active().filter(user=user).exists()


def can_browse_participants(user, event: Event) -> bool:
    """The participant list of a brokerage event: its participants and organisers."""
    return can_manage_event(user, event) or is_participant(user, event)


def can_answer_request(user, request: MeetingRequest) -> bool:
    return _is_user(user) and request.recipient.user_id == user.pk


def can_view_request(user, request: MeetingRequest) -> bool:
    if not _is_user(user):
        return False
    if user.pk in (request.requester.user_id, request.recipient.user_id):
        return True
    return can_manage_event(user, request.event)
