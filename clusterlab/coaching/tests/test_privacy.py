"""Coaching notes and engagement details are for the coach and the coachee only; applications
for the host's managers and the applicant only. Refused writes change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from clusterlab.coaching import services
from clusterlab.coaching.models import Application, Engagement, Session
from clusterlab.core.errors import NotAllowed
from conftest import client_for

from .isolation import GOALS_A, world

pytestmark = pytest.mark.django_db

NOTE = "Alice doubts her board backs the plan"


def _sees_notes(client, engagement: Engagement) -> bool:
    response = client.get(engagement.get_absolute_url())
    return response.status_code == 200 and NOTE in response.content.decode()


def test_manager_coachee_notes_are_seen_by_coach_and_coachee_only(cast, coaching, clients):
    engagement = coaching.of_manager
    assert _sees_notes(coaching.trainer_client, engagement)
    assert _sees_notes(clients.manager_a, engagement)
    # Not the coachee's fellow manager of cluster A, nor the coordinator, nor anyone else.
    for client in (coaching.manager_a2_client, clients.coordinator, clients.manager_b):
        assert client.get(engagement.get_absolute_url()).status_code == 404
    assert clients.visitor.get(engagement.get_absolute_url()).status_code == 302
    api = f"/api/coaching-sessions/{coaching.manager_session.pk}/"
    assert coaching.trainer_client.get(api).json()["notes"] == NOTE
    for client in (coaching.manager_a2_client, clients.coordinator, clients.manager_b):
        assert client.get(api).status_code == 404
        assert client.get("/api/coaching-sessions/").json()["results"] == []


def test_sme_notes_are_seen_by_the_coach_and_the_smes_own_people(cast, coaching, clients):
    """The arranging cluster's other manager does not read the SME's coaching notes."""
    services.session_add(
        actor=cast.manager_a, engagement=coaching.of_sme, date=coaching.today, notes=NOTE
    )
    assert _sees_notes(clients.manager_a, coaching.of_sme)  # the coach
    assert _sees_notes(clients.member_a, coaching.of_sme)  # the coachee: Alpha's own user
    assert coaching.manager_a2_client.get(coaching.of_sme.get_absolute_url()).status_code == 404
    assert clients.coordinator.get(coaching.of_sme.get_absolute_url()).status_code == 404


def test_arranging_manager_who_is_not_the_coach_sees_no_notes(cast, coaching, clients):
    engagement = services.engagement_create(
        actor=cast.manager_a,
        coach=coaching.trainer,
        title="Arranged for Alpha",
        scheme=None,
        organisation=cast.org_a,
        cluster=cast.cluster_a,
    )
    services.session_add(
        actor=coaching.trainer, engagement=engagement, date=coaching.today, notes=NOTE
    )
    assert _sees_notes(coaching.trainer_client, engagement)
    assert clients.manager_a.get(engagement.get_absolute_url()).status_code == 404


def test_refused_writes_on_notes_change_nothing(cast, coaching, clients):
    session = coaching.manager_session
    url = reverse("coaching:session-edit", args=[coaching.of_manager.pk, session.pk])
    for client in (coaching.manager_a2_client, clients.coordinator, clients.manager_b):
        assert client.post(url, {"notes": "rewritten"}).status_code == 404
        response = client.patch(
            f"/api/coaching-sessions/{session.pk}/",
            {"notes": "rewritten"},
            content_type="application/json",
        )
        assert response.status_code == 404
    with pytest.raises(NotAllowed):
        services.session_update(actor=coaching.manager_a2, session=session, notes="rewritten")
    assert Session.objects.get(pk=session.pk).notes == NOTE


def test_applications_are_seen_by_host_managers_and_the_applicant_only(cast, clients):
    w = type("W", (), world(cast))
    application = w.application_in
    url = reverse("coaching:application-detail", args=[application.pk])
    api = f"/api/exchange-applications/{application.pk}/"
    assert clients.manager_a.get(url).status_code == 200  # host
    assert client_for(w.manager_c).get(url).status_code == 200  # applicant
    for client in (clients.manager_b, clients.coordinator, clients.member_a):
        assert client.get(url).status_code == 404
        assert client.get(api).status_code == 404
    # The offer is open to the network, its applications are not.
    offer_page = clients.manager_b.get(reverse("coaching:offer-detail", args=[w.offer_a.pk]))
    assert offer_page.status_code == 200
    assert escape(GOALS_A) not in offer_page.content.decode()
    host_page = clients.manager_a.get(reverse("coaching:offer-detail", args=[w.offer_a.pk]))
    assert escape(GOALS_A) in host_page.content.decode()


def test_refused_decision_changes_nothing(cast, clients):
    w = type("W", (), world(cast))
    url = reverse("coaching:application-decide", args=[w.application_in.pk])
    assert clients.manager_b.post(url, {"accept": "1"}).status_code == 404
    with pytest.raises(NotAllowed):
        services.application_decide(
            actor=cast.coordinator, application=w.application_in, accept=True
        )
    assert Application.objects.get(pk=w.application_in.pk).status == "pending"
