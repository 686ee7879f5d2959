"""The scheduler as organisers use it: rows in, meetings out, published meetings kept."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from clusterlab.core.errors import DomainError
from clusterlab.events import engine, selectors, services
from clusterlab.events.adapters import problem_from_event
from clusterlab.events.enums import RequestStatus, RunStatus
from clusterlab.events.models import Meeting, MeetingRequest, ScheduleRun
from conftest import client_for

pytestmark = pytest.mark.django_db


def agreed(b, who: str, whom: str, priority: int = 2) -> MeetingRequest:
    request = services.meeting_request_create(
        actor=None, requester=b.reg[who], recipient=b.reg[whom], priority=priority
    )
    return services.meeting_request_answer(actor=None, request=request, accept=True)


def run(event) -> ScheduleRun:
    scheduled = ScheduleRun.objects.create(event=event)
    return services.schedule_run_execute(run_id=scheduled.pk)


def test_every_accepted_request_gets_a_slot_and_a_table(brokerage):
    requests = [
        agreed(brokerage, "creative", "industry", 3),
        agreed(brokerage, "creative", "industry2"),
        agreed(brokerage, "member_a", "industry"),
        agreed(brokerage, "member_a", "industry2", 1),
    ]
    done = run(brokerage.event)
    assert (done.status, done.scheduled, done.requests) == (RunStatus.DONE, 4, 4)
    assert done.upper_bound == 4 and done.ratio_to_bound == 1.0
    meetings = list(Meeting.objects.filter(event=brokerage.event))
    assert {m.request_id for m in meetings} == {r.pk for r in requests}
    built = problem_from_event(brokerage.event)
    index = {slot.pk: i for i, slot in enumerate(built.slots)}
    schedule = engine.Schedule(
        meetings=tuple(
            engine.Meeting(
                request_id=m.request_id,
                a=m.request.requester_id,
                b=m.request.recipient_id,
                slot=index[m.slot_id],
                table=m.table - 1,
            )
            for m in meetings
        ),
        unscheduled=(),
    )
    assert engine.validate(built.problem, schedule) == []


def test_availability_is_respected(brokerage):
    first_four = brokerage.slots[:5]
    services.brokerage_profile_update(
        actor=None, registration=brokerage.reg["industry"], unavailable_slots=first_four
    )
    agreed(brokerage, "creative", "industry")
    agreed(brokerage, "member_a", "industry")
    done = run(brokerage.event)
    # Ivan is there for one slot only: one of his two meetings can take place.
    assert (done.scheduled, done.upper_bound) == (1, 1)
    assert Meeting.objects.get().slot == brokerage.slots[5]


def test_reschedule_keeps_published_meetings_and_places_new_ones(brokerage):
    agreed(brokerage, "creative", "industry")
    agreed(brokerage, "member_a", "industry2")
    run(brokerage.event)
    services.schedule_publish(actor=None, event=brokerage.event)
    published = {(m.request_id, m.slot_id, m.table) for m in Meeting.objects.all()}

    late = agreed(brokerage, "creative", "industry2")
    done = run(brokerage.event)

    assert done.kept == 2 and done.scheduled == 3
    after = {(m.request_id, m.slot_id, m.table) for m in Meeting.objects.all()}
    assert published <= after
    new = Meeting.objects.get(request=late)
    assert new.published_at is None


def test_a_withdrawn_published_meeting_frees_its_slot(brokerage):
    first = agreed(brokerage, "creative", "industry")
    run(brokerage.event)
    services.schedule_publish(actor=None, event=brokerage.event)
    services.meeting_request_withdraw(actor=brokerage.people["industry"], request=first)
    assert not Meeting.objects.exists()
    first.refresh_from_db()
    assert first.status == RequestStatus.WITHDRAWN


def test_marking_a_published_slot_unavailable_is_refused(brokerage):
    agreed(brokerage, "creative", "industry")
    run(brokerage.event)
    services.schedule_publish(actor=None, event=brokerage.event)
    slot = Meeting.objects.get().slot
    with pytest.raises(DomainError, match="published meeting"):
        services.brokerage_profile_update(
            actor=None, registration=brokerage.reg["creative"], unavailable_slots=[slot]
        )


def test_run_start_refuses_without_slots_and_twice(brokerage, cast):
    brokerage.event.slots.all().delete()
    with pytest.raises(DomainError, match="slots first"):
        services.schedule_run_start(actor=cast.manager_a, event=brokerage.event)


def test_run_page_reports_bound_and_baseline(
    brokerage, clients, django_capture_on_commit_callbacks
):
    agreed(brokerage, "creative", "industry")
    with django_capture_on_commit_callbacks(execute=True):
        response = clients.manager_a.post(reverse("events:schedule-run", args=[brokerage.event.pk]))
    assert response.status_code == 302
    page = clients.manager_a.get(response["Location"]).content.decode()
    assert "Proven upper bound" in page and 'id="run-scheduled">1<' in page


def test_agenda_page_pdf_and_ics_show_the_published_meeting(brokerage):
    agreed(brokerage, "creative", "industry")
    run(brokerage.event)
    carla = client_for(brokerage.people["creative"])
    agenda_url = reverse("events:agenda", args=[brokerage.event.pk])
    assert "Ivan" not in carla.get(agenda_url).content.decode()  # not published yet
    services.schedule_publish(actor=None, event=brokerage.event)
    page = carla.get(agenda_url).content.decode()
    assert "Ivan" in page and "Maschinenbau AG" in page
    pdf = carla.get(reverse("events:agenda-pdf", args=[brokerage.event.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    ics = Calendar.from_ical(
        carla.get(reverse("events:agenda-ics", args=[brokerage.event.pk])).content
    )
    (entry,) = ics.walk("VEVENT")
    meeting = Meeting.objects.get()
    assert "Ivan" in str(entry["summary"])
    assert entry.decoded("dtstart") == meeting.slot.starts_at.replace(microsecond=0)


def test_agendas_are_emailed_with_a_calendar_file(brokerage, django_capture_on_commit_callbacks):
    agreed(brokerage, "creative", "industry")
    run(brokerage.event)
    services.schedule_publish(actor=None, event=brokerage.event)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.agendas_send(actor=None, event=brokerage.event)
    assert count == 4 and len(mail.outbox) == 4
    carla_mail = next(m for m in mail.outbox if m.to == ["carla@test.local"])
    assert "Ivan" in carla_mail.body
    assert carla_mail.attachments[0][0] == "agenda.ics"


def test_table_lists_show_every_meeting_to_the_organiser_only(brokerage, clients):
    agreed(brokerage, "creative", "industry")
    run(brokerage.event)
    url = reverse("events:tables", args=[brokerage.event.pk])
    assert "Maschinenbau AG" in clients.manager_a.get(url).content.decode()
    assert clients.manager_b.get(url).status_code == 404


def test_problem_carries_caps_and_skips_cancelled_participants(brokerage, cast):
    event = services.event_update(actor=None, event=brokerage.event, data={"max_meetings": 3})
    agreed(brokerage, "creative", "industry")
    agreed(brokerage, "member_a", "industry2")
    services.registration_cancel(actor=None, registration=brokerage.reg["industry2"])
    built = problem_from_event(event)
    assert [(r.a, r.b) for r in built.problem.requests] == [
        (brokerage.reg["creative"].pk, brokerage.reg["industry"].pk)
    ]
    assert set(built.problem.max_meetings.values()) == {3}


def test_a_published_meeting_that_no_longer_fits_is_placed_again(brokerage):
    first = agreed(brokerage, "creative", "industry")
    second = agreed(brokerage, "creative", "industry2")
    run(brokerage.event)
    services.schedule_publish(actor=None, event=brokerage.event)
    event = services.event_update(actor=None, event=brokerage.event, data={"max_meetings": 1})
    done = run(event)
    assert done.status == RunStatus.DONE
    assert done.scheduled == 1 and done.kept == 1
    assert Meeting.objects.filter(request__in=[first, second]).count() == 1


def test_agenda_lines_list_every_slot(brokerage):
    lines = selectors.agenda(registration=brokerage.reg["creative"])
    assert [line.slot for line in lines] == list(brokerage.slots)
    assert all(line.meeting is None and line.available for line in lines)
