"""The seam between the database and the scheduling engine: rows in, a Problem out; a Schedule
in, meeting rows out."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from . import engine
from .enums import RequestStatus
from .models import Event, Meeting, MeetingRequest, MeetingSlot, Registration


@dataclass(frozen=True)
class EventProblem:
    problem: engine.Problem
    slots: list[MeetingSlot]  # engine slot index → row
    stale_published: list[int]  # published meeting ids whose request is no longer accepted


def _caps(event: Event, registrations: list[Registration]) -> dict[int, int] | None:
    by_type = event.max_meetings_by_type or {}
    caps = {}
    for registration in registrations:
        limits = [event.max_meetings, by_type.get(registration.participant_type)]
        limits = [c for c in limits if c is not None]
        if limits:
            caps[registration.pk] = min(limits)
    return caps or None


def problem_from_event(event: Event) -> EventProblem:
    """Build the engine's problem: accepted requests between active participants, their
    availability per slot, and the published meetings that must stay where they are."""
    slots = list(event.slots.order_by("starts_at", "pk"))
    index_of = {slot.pk: i for i, slot in enumerate(slots)}
    registrations = list(event.registrations.active().prefetch_related("unavailable_slots"))
    everywhere = frozenset(range(len(slots)))
    availability = {
        r.pk: everywhere - {index_of[s.pk] for s in r.unavailable_slots.all() if s.pk in index_of}
        for r in registrations
    }
    active = set(availability)
    accepted = MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED).order_by(
        "created_at", "pk"
    )
    requests = [
        engine.MeetingRequest(id=r.pk, a=r.requester_id, b=r.recipient_id, priority=r.priority)
        for r in accepted.only("pk", "requester_id", "recipient_id", "priority")
        if r.requester_id in active and r.recipient_id in active
    ]
    wanted = {r.id for r in requests}
    published = Meeting.objects.filter(event=event, published_at__isnull=False).only(
        "pk", "request_id", "slot_id", "table"
    )
    candidates, meeting_of, stale = [], {}, []
    for meeting in published:
        if meeting.request_id in wanted and meeting.slot_id in index_of:
            candidates.append(
                engine.FixedMeeting(
                    request_id=meeting.request_id,
                    slot=index_of[meeting.slot_id],
                    table=meeting.table - 1,  # tables are numbered from 1 for people
                )
            )
            meeting_of[meeting.request_id] = meeting.pk
        else:
            stale.append(meeting.pk)
    caps = _caps(event, registrations)
    # A published meeting that no longer fits (a cap went down, say) is placed again like
    # a new request rather than failing the whole run.
    fixed, clashing = engine.split_fixed(
        slots=len(slots),
        tables=event.meeting_tables,
        availability=availability,
        requests=requests,
        fixed=candidates,
        max_meetings=caps,
    )
    stale.extend(meeting_of[f.request_id] for f in clashing)
    problem = engine.Problem(
        slots=len(slots),
        tables=event.meeting_tables,
        availability=availability,
        requests=requests,
        fixed=fixed,
        max_meetings=caps,
    )
    return EventProblem(problem=problem, slots=slots, stale_published=stale)


def meetings_save(event: Event, built: EventProblem, schedule: engine.Schedule) -> int:
    """Replace the unpublished meetings by the schedule's; published ones stay as they are."""
    Meeting.objects.filter(Q(published_at__isnull=True) | Q(pk__in=built.stale_published)).filter(
        event=event
    ).delete()
    kept = set(
        Meeting.objects.filter(event=event, published_at__isnull=False).values_list(
            "request_id", flat=True
        )
    )
    rows = [
        Meeting(
            event=event,
            request_id=m.request_id,
            slot=built.slots[m.slot],
            table=m.table + 1,
        )
        for m in schedule.meetings
        if m.request_id not in kept
    ]
    Meeting.objects.bulk_create(rows, batch_size=500)
    return len(rows)
