"""Brokerage rules: slots, who may request whom, caps, expiry, answers and feedback."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.events import services
from clusterlab.events.enums import RequestRule, RequestStatus
from clusterlab.events.models import Meeting, MeetingRequest, MeetingSlot
from conftest import client_for

pytestmark = pytest.mark.django_db


def ask(b, who: str, whom: str, **extra) -> MeetingRequest:
    return services.meeting_request_create(
        actor=b.people.get(who),
        requester=b.reg[who],
        recipient=b.reg[whom],
        **extra,
    )


def test_slots_are_generated_with_pauses_and_breaks(brokerage):
    event = brokerage.event
    start = event.starts_at + dt.timedelta(hours=5)
    slots = services.slots_generate(
        actor=None,
        event=event,
        first_start=start,
        count=4,
        minutes=20,
        pause_minutes=5,
        break_after=2,
        break_minutes=30,
    )
    starts = [(s.starts_at - start).seconds // 60 for s in slots]
    assert starts == [0, 25, 80, 105]  # a 30-minute break after the second slot


def test_overlapping_or_outside_slots_are_refused(brokerage):
    event = brokerage.event
    with pytest.raises(DomainError, match="overlap"):
        services.slots_generate(
            actor=None, event=event, first_start=brokerage.slots[0].starts_at, count=1, minutes=25
        )
    with pytest.raises(DomainError, match="within"):
        services.slots_generate(
            actor=None,
            event=event,
            first_start=event.ends_at - dt.timedelta(minutes=10),
            count=1,
            minutes=25,
        )
    assert MeetingSlot.objects.filter(event=event).count() == 6


def test_request_accept_and_decline(brokerage):
    request = ask(brokerage, "creative", "industry", priority=3, message="Let's talk design")
    with pytest.raises(NotAllowed):  # only the recipient answers
        services.meeting_request_answer(
            actor=brokerage.people["creative"], request=request, accept=True
        )
    answered = services.meeting_request_answer(
        actor=brokerage.people["industry"], request=request, accept=True
    )
    assert answered.status == RequestStatus.ACCEPTED
    other = ask(brokerage, "creative", "industry2")
    declined = services.meeting_request_answer(
        actor=brokerage.people["industry2"], request=other, accept=False
    )
    assert declined.status == RequestStatus.DECLINED


def test_duplicates_and_reverse_requests_are_refused(brokerage):
    ask(brokerage, "creative", "industry")
    with pytest.raises(DomainError, match="already asked this person"):
        ask(brokerage, "creative", "industry")
    with pytest.raises(DomainError, match="answer their request"):
        ask(brokerage, "industry", "creative")


def test_across_types_rule(brokerage):
    event = brokerage.event
    services.event_update(actor=None, event=event, data={"request_rule": RequestRule.ACROSS_TYPES})
    brokerage.reg["industry"].refresh_from_db()
    with pytest.raises(DomainError, match="rules do not allow"):
        ask(brokerage, "industry", "industry2")
    assert ask(brokerage, "industry", "creative").status == RequestStatus.PENDING


def test_meeting_cap_per_participant_type(brokerage):
    event = brokerage.event
    services.event_update(actor=None, event=event, data={"max_meetings_by_type": {"industry": 1}})
    first = ask(brokerage, "creative", "industry")
    services.meeting_request_answer(actor=None, request=first, accept=True)
    with pytest.raises(DomainError, match="maximum of 1"):
        ask(brokerage, "industry", "member_a")
    second = ask(brokerage, "member_a", "industry")
    with pytest.raises(DomainError, match="maximum of 1"):
        services.meeting_request_answer(
            actor=brokerage.people["industry"], request=second, accept=True
        )
    second.refresh_from_db()
    assert second.status == RequestStatus.PENDING


def test_unanswered_requests_expire(brokerage):
    event = brokerage.event
    services.event_update(actor=None, event=event, data={"request_expiry_hours": 24})
    old = ask(brokerage, "creative", "industry")
    fresh = ask(brokerage, "creative", "industry2")
    MeetingRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    assert services.meeting_requests_expire() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (RequestStatus.EXPIRED, RequestStatus.PENDING)


def test_answering_after_the_deadline_finds_the_request_expired(brokerage):
    services.event_update(actor=None, event=brokerage.event, data={"request_expiry_hours": 1})
    request = ask(brokerage, "creative", "industry")
    MeetingRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=2)
    )
    answered = services.meeting_request_answer(
        actor=brokerage.people["industry"], request=request, accept=True
    )
    assert answered.status == RequestStatus.EXPIRED


def test_a_cancelled_registration_withdraws_its_requests(brokerage):
    request = ask(brokerage, "creative", "industry")
    services.registration_cancel(actor=None, registration=brokerage.reg["industry"])
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN


def test_no_request_to_someone_of_ones_own_organisation_or_another_event(brokerage, cast):
    with pytest.raises(DomainError, match="another organisation"):
        services.meeting_request_create(
            actor=None, requester=brokerage.reg["creative"], recipient=brokerage.reg["creative"]
        )


def test_unavailable_slots_must_belong_to_the_event(brokerage, cast):
    other = services.event_create(
        actor=cast.manager_a,
        clusters=[cast.cluster_a],
        data={
            "title": "Other",
            "kind": "brokerage",
            "starts_at": brokerage.event.starts_at,
            "ends_at": brokerage.event.ends_at,
            "venue": "Hall",
        },
    )
    foreign = services.slots_generate(
        actor=None, event=other, first_start=other.starts_at, count=1, minutes=25
    )
    with pytest.raises(DomainError, match="Unknown slot"):
        services.brokerage_profile_update(
            actor=brokerage.people["creative"],
            registration=brokerage.reg["creative"],
            unavailable_slots=foreign,
        )
    assert not brokerage.reg["creative"].unavailable_slots.exists()


# --- Pages --------------------------------------------------------------------------------


def test_participant_list_shows_no_email_and_refuses_non_participants(brokerage, clients):
    url = reverse("events:participants", args=[brokerage.event.pk])
    carla = client_for(brokerage.people["creative"])
    page = carla.get(url).content.decode()
    assert "Maschinenbau AG" in page
    assert "ivan@test.local" not in page
    assert clients.manager_b.get(url).status_code == 404
    assert clients.visitor.get(url).status_code in (302, 404)
    assert clients.manager_a.get(url).status_code == 200  # the organiser


def test_request_page_sends_and_the_recipient_accepts(brokerage):
    event = brokerage.event
    carla, ivan = client_for(brokerage.people["creative"]), client_for(brokerage.people["industry"])
    response = carla.post(
        reverse("events:request-new", args=[event.pk, brokerage.reg["industry"].pk]),
        {"priority": "3", "message": "Hello"},
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.priority, request.message) == (3, "Hello")
    received = ivan.get(reverse("events:requests", args=[event.pk])).content.decode()
    assert "Hello" in received
    ivan.post(reverse("events:request-answer", args=[request.pk]), {"answer": "accept"})
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED


def test_a_refused_request_shows_the_reason_next_to_the_form(brokerage):
    ask(brokerage, "creative", "industry")
    carla = client_for(brokerage.people["creative"])
    response = carla.post(
        reverse("events:request-new", args=[brokerage.event.pk, brokerage.reg["industry"].pk]),
        {"priority": "2"},
    )
    assert response.status_code == 200
    assert "You have already asked this person." in response.content.decode()
    assert MeetingRequest.objects.count() == 1


def test_others_cannot_answer_or_withdraw_a_request(brokerage, clients):
    request = ask(brokerage, "creative", "industry")
    for client in (clients.manager_b, clients.visitor, client_for(brokerage.people["industry2"])):
        client.post(reverse("events:request-answer", args=[request.pk]), {"answer": "accept"})
        client.post(reverse("events:request-withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_feedback_only_after_the_meeting_and_only_by_its_participants(brokerage):
    request = ask(brokerage, "creative", "industry")
    services.meeting_request_answer(actor=None, request=request, accept=True)
    slot = brokerage.slots[0]
    meeting = Meeting.objects.create(
        event=brokerage.event, request=request, slot=slot, table=1, published_at=timezone.now()
    )
    with pytest.raises(DomainError, match="opens when"):
        services.meeting_feedback_record(
            actor=brokerage.people["creative"],
            meeting=meeting,
            held=True,
            useful=True,
            follow_up=True,
        )
    MeetingSlot.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() - dt.timedelta(minutes=35),
    )
    meeting.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.meeting_feedback_record(
            actor=brokerage.people["industry2"],
            meeting=meeting,
            held=True,
            useful=True,
            follow_up=None,
        )
    feedback = services.meeting_feedback_record(
        actor=brokerage.people["creative"],
        meeting=meeting,
        held=True,
        useful=True,
        follow_up=False,
    )
    assert (feedback.useful, feedback.follow_up) == (True, False)


# --- Input at the edges: a clear refusal, never a server error -----------------------------


def test_slot_form_refuses_overflowing_values_and_takes_an_empty_break(brokerage, clients):
    url = reverse("events:console", args=[brokerage.event.pk])
    start = brokerage.event.ends_at.astimezone(brokerage.event.zone) - dt.timedelta(hours=2)
    form = {
        "first_start": start.strftime("%Y-%m-%dT%H:%M"),
        "count": 1,
        "minutes": 25,
        "pause_minutes": 10**13,
        "break_after": "",
        "break_minutes": 0,
    }
    assert clients.manager_a.post(url, form).status_code == 200
    far = clients.manager_a.post(
        url, {**form, "pause_minutes": 5, "first_start": "9999-12-31T23:59"}
    )
    assert far.status_code == 200 and "within the event" in far.content.decode()
    assert MeetingSlot.objects.filter(event=brokerage.event).count() == 6
    ok = clients.manager_a.post(url, {**form, "pause_minutes": 5})
    assert ok.status_code == 302
    assert MeetingSlot.objects.filter(event=brokerage.event).count() == 7


def test_expiry_hours_are_bounded(brokerage, cast):
    with pytest.raises(DomainError) as error:
        services.event_update(
            actor=cast.manager_a, event=brokerage.event, data={"request_expiry_hours": 10**8}
        )
    assert error.value.field == "request_expiry_hours"


def test_weird_numbers_in_api_filters_are_ignored(brokerage, clients):
    for path in ("registrations", "meeting-slots", "meeting-requests", "meetings"):
        response = clients.manager_a.get(f"/api/{path}/", {"event": "²"})
        assert response.status_code == 200, path
    for path in ("pilot-participants", "indicators", "measurements"):
        assert clients.manager_a.get(f"/api/{path}/", {"pilot": "²"}).status_code == 200


def test_workshops_have_no_participant_list(cast, clients):
    workshop = services.event_create(
        actor=None,
        clusters=[cast.cluster_a],
        data={
            "title": "Workshop",
            "kind": "workshop",
            "starts_at": timezone.now() + dt.timedelta(days=3),
            "ends_at": timezone.now() + dt.timedelta(days=3, hours=2),
            "venue": "Room 1",
            "is_published": True,
        },
    )
    services.registration_create(actor=cast.member_a, event=workshop)
    response = clients.member_a.get(f"/api/events/{workshop.pk}/participants/")
    assert response.status_code == 404
