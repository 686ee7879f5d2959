"""Events and registrations: places, waiting list, rules, check-in, calendar exports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.events import services
from clusterlab.events.enums import EventAudience, EventKind, QuestionKind, RegistrationStatus
from clusterlab.events.models import Event, Registration
from clusterlab.registry.models import ServiceRecord
from conftest import make_user

from .conftest import event_data

pytestmark = pytest.mark.django_db


def workshop(cast, **extra) -> Event:
    return services.event_create(
        actor=cast.manager_a,
        clusters=[cast.cluster_a],
        data=event_data(kind=EventKind.WORKSHOP, **extra),
    )


def firm_user(cast, name: str):
    from conftest import make_org

    return make_user(name, organisation=make_org(f"{name} Ltd", cluster=cast.cluster_a))


def test_full_event_puts_newcomers_on_the_waiting_list_and_a_cancellation_promotes(cast):
    event = workshop(cast, capacity=1)
    first = services.registration_create(actor=cast.member_a, event=event)
    second = services.registration_create(actor=firm_user(cast, "late"), event=event)
    assert (first.status, second.status) == ("registered", "waiting")

    services.registration_cancel(actor=cast.member_a, registration=first)

    second.refresh_from_db()
    assert second.status == RegistrationStatus.REGISTERED
    assert event.registrations.active().count() == 1


def test_raising_the_capacity_promotes_the_waiting_list(cast):
    event = workshop(cast, capacity=1)
    services.registration_create(actor=cast.member_a, event=event)
    waiting = services.registration_create(actor=firm_user(cast, "late"), event=event)
    services.event_update(actor=cast.manager_a, event=event, data={"capacity": 2})
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_members_only_event_refuses_another_clusters_organisation(cast):
    event = workshop(cast, audience=EventAudience.MEMBERS)
    outsider = make_user("outsider", organisation=cast.org_b)
    with pytest.raises(DomainError, match="members of the organising clusters"):
        services.registration_create(actor=outsider, event=event)
    assert not event.registrations.exists()
    assert services.registration_create(actor=cast.member_a, event=event).status == "registered"


def test_registration_window_and_drafts_are_enforced_for_participants(cast):
    closed = workshop(cast, registration_closes=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(DomainError, match="closed"):
        services.registration_create(actor=cast.member_a, event=closed)
    draft = workshop(cast, is_published=False)
    with pytest.raises(DomainError, match="not open"):
        services.registration_create(actor=cast.member_a, event=draft)


def test_one_registration_per_person(cast):
    event = workshop(cast)
    services.registration_create(actor=cast.member_a, event=event)
    with pytest.raises(DomainError, match="already registered"):
        services.registration_create(actor=cast.member_a, event=event)


def test_required_question_and_choices_are_checked(cast):
    event = workshop(cast)
    diet = services.question_add(
        actor=cast.manager_a,
        event=event,
        text="Diet",
        kind=QuestionKind.CHOICE,
        choices="none\nvegetarian\nvegan",
        required=True,
    )
    with pytest.raises(DomainError) as missing:
        services.registration_create(actor=cast.member_a, event=event, answers={})
    assert missing.value.field == f"q_{diet.pk}"
    with pytest.raises(DomainError):
        services.registration_create(
            actor=cast.member_a, event=event, answers={str(diet.pk): "carnivore"}
        )
    ok = services.registration_create(
        actor=cast.member_a, event=event, answers={str(diet.pk): "vegan"}
    )
    assert ok.answers == {str(diet.pk): "vegan"}


def test_choice_question_needs_two_choices(cast):
    event = workshop(cast)
    with pytest.raises(DomainError) as error:
        services.question_add(
            actor=cast.manager_a, event=event, text="Pick", kind=QuestionKind.CHOICE, choices="a"
        )
    assert error.value.field == "choices"


def test_check_in_logs_one_service_and_undo_removes_it(cast):
    event = workshop(cast)
    registration = services.registration_create(actor=cast.member_a, event=event)
    services.registration_check_in(actor=cast.manager_a, registration=registration)
    services.registration_check_in(actor=cast.manager_a, registration=registration)
    records = ServiceRecord.objects.filter(organisation=cast.org_a, kind="event")
    assert records.count() == 1
    assert records.get().cluster == cast.cluster_a
    assert event.title in records.get().description

    services.registration_check_in(actor=cast.manager_a, registration=registration, undo=True)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED
    assert not ServiceRecord.objects.filter(organisation=cast.org_a, kind="event").exists()


def test_another_clusters_manager_cannot_check_in_or_cancel(cast):
    event = workshop(cast)
    registration = services.registration_create(actor=cast.member_a, event=event)
    with pytest.raises(NotAllowed):
        services.registration_check_in(actor=cast.manager_b, registration=registration)
    with pytest.raises(NotAllowed):
        services.registration_cancel(actor=cast.manager_b, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_organiser_registers_a_contact_person(cast):
    event = workshop(cast)
    registration = services.registration_create(
        actor=cast.manager_a, event=event, contact=cast.contact_a
    )
    assert (registration.name, registration.email) == ("Anna Schmidt", "anna@alpha.example")
    with pytest.raises(NotAllowed):
        services.registration_create(actor=cast.manager_b, event=event, contact=cast.contact_b)


def test_event_for_a_cluster_one_does_not_manage_is_refused(cast):
    with pytest.raises(NotAllowed):
        services.event_create(actor=cast.manager_a, clusters=[cast.cluster_b], data=event_data())
    assert not Event.objects.exists()


def test_event_must_end_after_it_starts(cast):
    start = timezone.now()
    with pytest.raises(DomainError) as error:
        workshop(cast, starts_at=start, ends_at=start - dt.timedelta(hours=1))
    assert error.value.field == "ends_at"


# --- Pages --------------------------------------------------------------------------------


def test_calendar_lists_public_events_and_hides_drafts(cast, clients):
    public = workshop(cast, title="Open Workshop")
    workshop(cast, title="Secret Draft", is_published=False)
    page = clients.visitor.get(reverse("events:events")).content.decode()
    assert "Open Workshop" in page and "Secret Draft" not in page
    assert clients.visitor.get(reverse("events:event-detail", args=[public.pk])).status_code == 200
    organiser = clients.manager_a.get(reverse("events:events")).content.decode()
    assert "Secret Draft" in organiser


def test_members_only_event_is_hidden_from_visitors_and_other_clusters(cast, clients):
    event = workshop(cast, audience=EventAudience.MEMBERS)
    url = reverse("events:event-detail", args=[event.pk])
    assert clients.visitor.get(url).status_code == 404
    assert clients.manager_b.get(url).status_code == 404
    assert clients.member_a.get(url).status_code == 200


def test_event_form_shows_the_error_next_to_the_field_and_saves_nothing(cast, clients):
    response = clients.manager_a.post(
        reverse("events:event-new"),
        {
            "title": "Broken",
            "kind": "workshop",
            "clusters": [cast.cluster_a.pk],
            "description_language": "en",
            "starts_at": "2027-03-01T10:00",
            "ends_at": "2027-03-01T09:00",
            "time_zone": "Europe/Berlin",
            "venue": "Hall 1",
            "audience": "public",
            "meeting_tables": 10,
            "request_rule": "anyone",
        },
    )
    assert response.status_code == 200
    assert "The event must end after it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_event_form_reads_times_in_the_events_time_zone(cast, clients):
    response = clients.manager_a.post(
        reverse("events:event-new"),
        {
            "title": "Lisbon meet-up",
            "kind": "workshop",
            "clusters": [cast.cluster_a.pk],
            "description_language": "en",
            "starts_at": "2027-03-01T10:00",
            "ends_at": "2027-03-01T12:00",
            "time_zone": "Europe/Lisbon",
            "venue": "LX Factory",
            "audience": "public",
            "meeting_tables": 10,
            "request_rule": "anyone",
            "max_creative": "5",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC)  # Lisbon is UTC+0
    assert event.max_meetings_by_type == {"creative": 5}


def test_register_page_then_cancel(cast, clients):
    event = workshop(cast)
    response = clients.member_a.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    response = clients.member_a.post(reverse("events:registration-cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_check_in_page_finds_by_name_and_marks_present(cast, clients):
    event = workshop(cast)
    registration = services.registration_create(
        actor=cast.manager_a, event=event, contact=cast.contact_a
    )
    page = clients.manager_a.get(reverse("events:check-in", args=[event.pk]), {"q": "anna"})
    assert "Anna Schmidt" in page.content.decode()
    fragment = clients.manager_a.get(
        reverse("events:check-in", args=[event.pk]), {"q": "zzz"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert fragment.startswith('<ul id="checkin-rows"') and "Anna" not in fragment
    clients.manager_a.post(reverse("events:check-in-toggle", args=[event.pk, registration.pk]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED


def test_registration_list_and_check_in_are_refused_to_others(cast, clients):
    event = workshop(cast)
    registration = services.registration_create(actor=cast.member_a, event=event)
    for client in (clients.manager_b, clients.member_a):
        assert client.get(reverse("events:registrations", args=[event.pk])).status_code == 404
        assert client.get(reverse("events:check-in", args=[event.pk])).status_code == 404
        client.post(reverse("events:check-in-toggle", args=[event.pk, registration.pk]))
    response = clients.visitor.get(reverse("events:registrations", args=[event.pk]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_event_ics_and_cluster_feed(cast, clients):
    event = workshop(cast, title="Feed Workshop")
    workshop(cast, title="Members Workshop", audience=EventAudience.MEMBERS)
    single = clients.visitor.get(reverse("events:event-ics", args=[event.pk]))
    calendar = Calendar.from_ical(single.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Feed Workshop"
    assert entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert calendar.walk("VTIMEZONE")  # strict clients need the zone definition
    feed = clients.visitor.get(reverse("events:cluster-events-ics", args=["cluster-a"]))
    titles = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert titles == ["Feed Workshop"]  # members-only events stay out of the public feed
