"""Reads of the events domain, always filtered by what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from . import permissions
from .enums import RegistrationStatus, RequestStatus
from .models import Event, Meeting, MeetingFeedback, MeetingRequest, MeetingSlot, Registration


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    cluster: str = ""  # slug
    when: str = "upcoming"  # upcoming | past | all


def event_list(*, user, filters: EventFilters | None = None) -> QuerySet[Event]:
    """Events the viewer may see, soonest first (latest first for past events)."""
    filters = filters or EventFilters()
    events = Event.objects.visible_to(user).prefetch_related("clusters")
    now = timezone.now()
    events = events.order_by("starts_at", "pk")
    if filters.when == "upcoming":
        events = events.filter(ends_at__gte=now)
    elif filters.when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.cluster:
        events = events.filter(clusters__slug=filters.cluster).distinct()
    return events.annotate(
        registered=Count(
            "registrations",
            filter=Q(
                registrations__status__in=[
                    RegistrationStatus.REGISTERED,
                    RegistrationStatus.ATTENDED,
                ]
            ),
            distinct=True,
        )
    )


def event_organised_list(*, user) -> QuerySet[Event]:
    """Events the viewer runs."""
    return Event.objects.organised_by(user).prefetch_related("clusters").order_by("-starts_at")


def cluster_public_events(*, cluster) -> QuerySet[Event]:
    """Published public events of one cluster, for its calendar feed."""
    return Event.objects.visible_to(None).filter(clusters=cluster).order_by("starts_at")


def registration_mine(*, user, event: Event) -> Registration | None:
    """The viewer's own registration at the event."""
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user=user).select_related("organisation").first()


def registration_list(*, user, event: Event, query: str = "") -> QuerySet[Registration]:
    """All registrations with personal data: for the organisers only."""
    if not permissions.can_manage_event(user, event):
        return Registration.objects.none()
    rows = event.registrations.select_related("organisation", "organisation__country")
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(organisation__name__icontains=query))
    return rows.order_by("name", "pk")


def participant_list(
    *, user, event: Event, query: str = "", participant_type: str = ""
) -> QuerySet[Registration]:
    """Active participants of a brokerage event as other participants see them (name,
    organisation, profile); other events have no participant list."""
    if not event.is_brokerage or not permissions.can_browse_participants(user, event):
        return Registration.objects.none()
    rows = event.registrations.active().select_related(
        "organisation", "organisation__country", "cooperation_profile"
    )
    if query:
        rows = rows.filter(
            Q(name__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(offer__icontains=query)
            | Q(seek__icontains=query)
        )
    if participant_type:
        rows = rows.filter(participant_type=participant_type)
    return rows.order_by("organisation__name", "name")


def request_list(*, user, registration: Registration) -> dict[str, list[MeetingRequest]]:
    """A participant's requests, sent and received."""
    if not permissions.can_view_registration(user, registration):
        return {"sent": [], "received": []}
    rows = MeetingRequest.objects.select_related(
        "requester__organisation", "recipient__organisation", "event"
    )
    return {
        "sent": list(rows.filter(requester=registration).order_by("-created_at")),
        "received": list(rows.filter(recipient=registration).order_by("status", "-created_at")),
    }


def request_visible(*, user) -> QuerySet[MeetingRequest]:
    """Requests the viewer sent or received, and those of events they organise."""
    if not user.is_authenticated:
        return MeetingRequest.objects.none()
    rows = MeetingRequest.objects.select_related(
        "requester__organisation", "recipient__organisation", "event"
    )
    if user.is_coordinator:
        return rows
    return rows.filter(
        Q(requester__user=user)
        | Q(recipient__user=user)
        | Q(event__in=Event.objects.organised_by(user).values("pk"))
    )


@dataclass(frozen=True)
class AgendaLine:
    slot: MeetingSlot
    meeting: Meeting | None
    partner: Registration | None
    available: bool


def agenda(*, registration: Registration, published_only: bool = True) -> list[AgendaLine]:
    """One line per slot: the meeting (partner, table) or a free slot."""
    meetings = Meeting.objects.filter(
        Q(request__requester=registration) | Q(request__recipient=registration)
    ).select_related("slot", "request__requester__organisation", "request__recipient__organisation")
    if published_only:
        meetings = meetings.filter(published_at__isnull=False)
    by_slot = {m.slot_id: m for m in meetings}
    away = set(registration.unavailable_slots.values_list("pk", flat=True))
    lines = []
    for slot in registration.event.slots.order_by("starts_at"):
        meeting = by_slot.get(slot.pk)
        partner = None
        if meeting is not None:
            request = meeting.request
            partner = (
                request.recipient if request.requester_id == registration.pk else request.requester
            )
        lines.append(AgendaLine(slot, meeting, partner, slot.pk not in away))
    return lines


def meeting_table_list(*, user, event: Event) -> list[tuple[MeetingSlot, list[Meeting]]]:
    """Per slot, the meetings by table: the organiser's sheet for the room."""
    if not permissions.can_manage_event(user, event):
        return []
    meetings = (
        Meeting.objects.filter(event=event)
        .select_related("request__requester__organisation", "request__recipient__organisation")
        .order_by("slot__starts_at", "table")
    )
    grouped: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        grouped.setdefault(meeting.slot_id, []).append(meeting)
    return [(slot, grouped.get(slot.pk, [])) for slot in event.slots.order_by("starts_at")]


def brokerage_figures(*, event: Event) -> dict[str, int]:
    """Counts an organiser watches: participants, requests by status, meetings."""
    by_status = dict(
        event.meeting_requests.values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {
        "participants": event.registrations.active().count(),
        "slots": event.slots.count(),
        "pending": by_status.get(RequestStatus.PENDING, 0),
        "accepted": by_status.get(RequestStatus.ACCEPTED, 0),
        "declined": by_status.get(RequestStatus.DECLINED, 0),
        "expired": by_status.get(RequestStatus.EXPIRED, 0),
        "meetings": event.meetings.count(),
        "published": event.meetings.filter(published_at__isnull=False).count(),
        **MeetingFeedback.objects.filter(meeting__event=event).aggregate(
            feedback=Count("pk"),
            useful=Count("pk", filter=Q(useful=True)),
            follow_ups=Count("pk", filter=Q(follow_up=True)),
        ),
    }


def event_for_organiser(*, user, pk: int) -> Event | None:
    return (
        Event.objects.organised_by(user)
        .filter(pk=pk)
        .prefetch_related(Prefetch("slots", queryset=MeetingSlot.objects.order_by("starts_at")))
        .first()
    )


def contacted_ids(*, registration: Registration) -> dict[int, str]:
    """Participants this one already asked or was asked by, with the request's status."""
    rows = MeetingRequest.objects.filter(
        Q(requester=registration) | Q(recipient=registration)
    ).values_list("requester_id", "recipient_id", "status")
    return {(b if a == registration.pk else a): status for a, b, status in rows}


def participant_suggestions(*, user, registration: Registration, k: int = 5) -> list[Registration]:
    """Participants whose organisations the matchmaking engine recommends to this one."""
    from clusterlab.matchmaking.selectors import organisation_recommendations

    others = {
        r.organisation_id: r
        for r in participant_list(user=user, event=registration.event).exclude(
            organisation_id=registration.organisation_id
        )
    }
    if not others:
        return []
    found = organisation_recommendations(
        user=user, organisation=registration.organisation, k=k, among=set(others)
    )
    if found is None:
        return []
    recommendations, _built = found
    asked = contacted_ids(registration=registration)
    return [
        others[r.organisation.pk]
        for r in recommendations
        if r.organisation.pk in others and others[r.organisation.pk].pk not in asked
    ]


def meeting_visible(*, user) -> QuerySet[Meeting]:
    """Meetings the viewer takes part in."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    return Meeting.objects.filter(
        Q(request__requester__user=user) | Q(request__recipient__user=user)
    )


def feedback_given(*, registration: Registration) -> dict[int, MeetingFeedback]:
    """This participant's feedback by meeting id."""
    rows = MeetingFeedback.objects.filter(registration=registration)
    return {f.meeting_id: f for f in rows}


def feedback_open(*, event: Event) -> bool:
    """Feedback opens when the first meeting has started."""
    first = event.slots.order_by("starts_at").first()
    return first is not None and first.starts_at <= timezone.now()
