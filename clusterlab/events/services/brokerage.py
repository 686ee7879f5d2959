"""Writes for brokerage: slots, participant profiles, meeting requests and feedback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean

from .. import permissions
from ..enums import (
    ParticipantType,
    Priority,
    RequestRule,
    RequestSource,
    RequestStatus,
)
from ..models import Event, Meeting, MeetingFeedback, MeetingRequest, MeetingSlot, Registration
from ..models.event import MAX_SLOTS
from .events import event_is_brokerage, require

OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)
UNCHANGED = object()


@transaction.atomic
def slots_generate(
    *,
    actor,
    event: Event,
    first_start: dt.datetime,
    count: int,
    minutes: int,
    pause_minutes: int = 5,
    break_after: int | None = 0,
    break_minutes: int = 0,
) -> list[MeetingSlot]:
    """Add a run of meeting slots: `count` slots of `minutes`, a pause between slots and an
    optional longer break after every `break_after` slots."""
    require(actor is None or permissions.can_manage_event(actor, event))
    event_is_brokerage(event)
    if not 1 <= count <= MAX_SLOTS or event.slots.count() + count > MAX_SLOTS:
        raise DomainError(_("An event has at most %(n)d slots.") % {"n": MAX_SLOTS}, field="count")
    if not 5 <= minutes <= 180:
        raise DomainError(_("A meeting lasts between 5 and 180 minutes."), field="minutes")
    break_after = break_after or 0  # an empty form field: no longer breaks
    if not (0 <= pause_minutes <= 600 and 0 <= break_minutes <= 600 and break_after >= 0):
        raise DomainError(_("Pauses and breaks last from 0 to 600 minutes."), field="pause_minutes")
    slots, start = [], first_start
    try:
        for index in range(count):
            end = start + dt.timedelta(minutes=minutes)
            slots.append(MeetingSlot(event=event, starts_at=start, ends_at=end))
            start = end + dt.timedelta(minutes=pause_minutes)
            if break_after and (index + 1) % break_after == 0:
                start += dt.timedelta(minutes=break_minutes)
    except OverflowError as exc:  # beyond the year 9999
        raise DomainError(
            _("The slots must lie within the event's times."), field="first_start"
        ) from exc
    if slots[0].starts_at < event.starts_at or slots[-1].ends_at > event.ends_at:
        raise DomainError(_("The slots must lie within the event's times."), field="first_start")
    overlapping = event.slots.filter(
        starts_at__lt=slots[-1].ends_at, ends_at__gt=slots[0].starts_at
    )
    if overlapping.exists():
        raise DomainError(_("These slots overlap slots already defined."), field="first_start")
    return MeetingSlot.objects.bulk_create(slots)


@transaction.atomic
def slot_delete(*, actor, slot: MeetingSlot) -> None:
    """Remove a slot that holds no published meeting."""
    require(actor is None or permissions.can_manage_event(actor, slot.event))
    if slot.meetings.filter(published_at__isnull=False).exists():
        raise DomainError(_("Published meetings take place in this slot; it stays."))
    slot.delete()


@transaction.atomic
def brokerage_profile_update(
    *,
    actor,
    registration: Registration,
    participant_type: str | None = None,
    offer: str | None = None,
    seek: str | None = None,
    cooperation_profile=UNCHANGED,
    unavailable_slots: Iterable[MeetingSlot] | None = None,
) -> Registration:
    """Set what a participant offers and seeks, their type and the slots they are away."""
    require(actor is None or permissions.can_edit_registration(actor, registration))
    event = registration.event
    if participant_type is not None:
        if participant_type not in ParticipantType.values:
            raise DomainError(_("Choose a participant type."), field="participant_type")
        registration.participant_type = participant_type
    if offer is not None:
        registration.offer = offer.strip()
    if seek is not None:
        registration.seek = seek.strip()
    if cooperation_profile is not UNCHANGED:
        if (
            cooperation_profile
            and cooperation_profile.organisation_id != registration.organisation_id
        ):
            raise DomainError(
                _("Choose one of your organisation's profiles."), field="cooperation_profile"
            )
        registration.cooperation_profile = cooperation_profile
    full_clean(registration, exclude=["unavailable_slots", "service_record"])
    registration.save()
    if unavailable_slots is not None:
        away = list(unavailable_slots)
        if any(slot.event_id != event.pk for slot in away):
            raise DomainError(_("Unknown slot."), field="unavailable_slots")
        booked = Meeting.objects.filter(
            Q(request__requester=registration) | Q(request__recipient=registration),
            published_at__isnull=False,
            slot__in=away,
        ).select_related("slot")
        if booked:
            raise DomainError(
                _("You have a published meeting at %(time)s; ask the organiser first.")
                % {"time": timezone.localtime(booked[0].slot.starts_at, event.zone)},
                field="unavailable_slots",
            )
        registration.unavailable_slots.set(away)
    return registration


def meeting_cap(registration: Registration, event: Event | None = None) -> int | None:
    """The most meetings this participant may have under the event's rules."""
    event = event or registration.event
    caps = [
        event.max_meetings,
        (event.max_meetings_by_type or {}).get(registration.participant_type),
    ]
    caps = [c for c in caps if c is not None]
    return min(caps) if caps else None


def _meetings_agreed(registration: Registration) -> int:
    return MeetingRequest.objects.filter(
        Q(requester=registration) | Q(recipient=registration), status=RequestStatus.ACCEPTED
    ).count()


def may_request(event: Event, requester: Registration, recipient: Registration) -> bool:
    """The organiser's rule on who may request whom."""
    a, b = requester.participant_type, recipient.participant_type
    if event.request_rule == RequestRule.ACROSS_TYPES:
        return a != b
    if event.request_rule == RequestRule.CREATIVE_INDUSTRY:
        return {a, b} == {ParticipantType.CREATIVE, ParticipantType.INDUSTRY}
    return True


def _check_cap(registration: Registration, event: Event, field: str, mine: bool) -> None:
    cap = meeting_cap(registration, event)
    if cap is not None and _meetings_agreed(registration) >= cap:
        message = (
            _("You have reached the maximum of %(n)d meetings.")
            if mine
            else _("%(name)s has reached the maximum of %(n)d meetings.")
        )
        raise DomainError(message % {"n": cap, "name": registration.name}, field=field)


@transaction.atomic
def meeting_request_create(
    *,
    actor,
    requester: Registration,
    recipient: Registration,
    priority: int = Priority.NORMAL,
    message: str = "",
    source: str = RequestSource.PARTICIPANT,
) -> MeetingRequest:
    """Ask another participant of the same brokerage event for a meeting."""
    event = Event.objects.get(pk=requester.event_id)  # fresh: the rules may just have changed
    require(actor is None or permissions.can_edit_registration(actor, requester))
    event_is_brokerage(event)
    if recipient.event_id != event.pk or not recipient.is_active:
        raise DomainError(_("This person does not take part in the event."), field="recipient")
    if not requester.is_active:
        raise DomainError(_("Your registration is not active."))
    if recipient.pk == requester.pk or recipient.organisation_id == requester.organisation_id:
        raise DomainError(_("Choose someone from another organisation."), field="recipient")
    if timezone.now() > event.ends_at:
        raise DomainError(_("This event is over."))
    if priority not in Priority.values:
        raise DomainError(_("Choose a priority."), field="priority")
    if not may_request(event, requester, recipient):
        raise DomainError(_("The organiser's rules do not allow this pairing."), field="recipient")
    _refuse_duplicate(requester, recipient)
    _check_cap(requester, event, "recipient", mine=True)
    request = MeetingRequest(
        event=event,
        requester=requester,
        recipient=recipient,
        priority=priority,
        message=message.strip(),
        source=source,
    )
    full_clean(request, exclude=["event", "requester", "recipient"])
    request.save()
    return request


def _refuse_duplicate(requester: Registration, recipient: Registration) -> None:
    existing = MeetingRequest.objects.filter(
        Q(requester=requester, recipient=recipient) | Q(requester=recipient, recipient=requester)
    ).first()
    if existing is None:
        return
    if existing.requester_id == requester.pk:
        if existing.status in OPEN_STATUSES:
            raise DomainError(_("You have already asked this person."), field="recipient")
        # A declined, expired or withdrawn request may be asked again once.
        existing.delete()
        return
    if existing.status == RequestStatus.PENDING:
        raise DomainError(
            _("%(name)s has already asked you: answer their request.") % {"name": recipient.name},
            field="recipient",
        )
    if existing.status == RequestStatus.ACCEPTED:
        raise DomainError(_("You are already meeting this person."), field="recipient")
    existing.delete()


def is_expired(request: MeetingRequest, now: dt.datetime | None = None) -> bool:
    hours = request.event.request_expiry_hours
    if request.status != RequestStatus.PENDING or not hours:
        return False
    return (now or timezone.now()) > request.created_at + dt.timedelta(hours=hours)


@transaction.atomic
def meeting_request_answer(*, actor, request: MeetingRequest, accept: bool) -> MeetingRequest:
    """Accept or decline a request one received; unanswered past the deadline, it expired."""
    request = MeetingRequest.objects.select_for_update().select_related("event").get(pk=request.pk)
    allowed = actor is None or permissions.can_answer_request(actor, request)
    require(allowed or permissions.can_manage_event(actor, request.event))
    if is_expired(request):
        request.status = RequestStatus.EXPIRED
        request.save(update_fields=["status"])
        return request  # the caller sees the status: it expired before the answer came
    if request.status != RequestStatus.PENDING:
        raise DomainError(_("This request has already been answered."))
    if accept:
        _check_cap(request.recipient, request.event, "status", mine=True)
        _check_cap(request.requester, request.event, "status", mine=False)
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])
    return request


@transaction.atomic
def meeting_request_withdraw(*, actor, request: MeetingRequest) -> MeetingRequest:
    """Withdraw a request one sent, or (either side) cancel an agreed meeting."""
    if request.status not in OPEN_STATUSES:
        raise DomainError(_("This request is no longer open."))
    if actor is not None:
        sides = [request.requester]
        if request.status == RequestStatus.ACCEPTED:
            sides.append(request.recipient)
        mine = any(permissions.is_own_registration(actor, side) for side in sides)
        require(mine or permissions.can_manage_event(actor, request.event))
    Meeting.objects.filter(request=request).delete()
    request.status = RequestStatus.WITHDRAWN
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])
    return request


def requests_withdraw_for(registration: Registration) -> int:
    """Withdraw every open request of a cancelled registration and free its meetings."""
    open_requests = MeetingRequest.objects.filter(
        Q(requester=registration) | Q(recipient=registration), status__in=OPEN_STATUSES
    )
    Meeting.objects.filter(request__in=open_requests).delete()
    return open_requests.update(status=RequestStatus.WITHDRAWN, responded_at=timezone.now())


@transaction.atomic
def meeting_requests_expire(*, now: dt.datetime | None = None) -> int:
    """Mark requests left unanswered past their event's deadline as expired."""
    now = now or timezone.now()
    expired = 0
    events = Event.objects.filter(
        request_expiry_hours__isnull=False, meeting_requests__status=RequestStatus.PENDING
    ).distinct()
    for event in events:
        cutoff = now - dt.timedelta(hours=event.request_expiry_hours)
        expired += event.meeting_requests.filter(
            status=RequestStatus.PENDING, created_at__lt=cutoff
        ).update(status=RequestStatus.EXPIRED)
    return expired


@transaction.atomic
def meeting_feedback_record(
    *,
    actor,
    meeting: Meeting,
    held: bool,
    useful: bool | None,
    follow_up: bool | None,
    comment: str = "",
) -> MeetingFeedback:
    """Record one side's feedback on a meeting after it took place."""
    request = meeting.request
    mine = [
        r for r in (request.requester, request.recipient) if r.user_id == getattr(actor, "pk", 0)
    ]
    if not mine:
        raise NotAllowed(_("Only the two participants give feedback on a meeting."))
    if meeting.slot.starts_at > timezone.now():
        raise DomainError(_("Feedback opens when the meeting has started."))
    feedback, _created = MeetingFeedback.objects.update_or_create(
        meeting=meeting,
        registration=mine[0],
        defaults={
            "held": held,
            "useful": useful if held else None,
            "follow_up": follow_up if held else None,
            "comment": comment.strip()[:500],
        },
    )
    return feedback
