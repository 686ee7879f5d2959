"""The REST API of coaching and exchanges: same services, same permissions as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterlab.coaching.models import Engagement, ExchangeOffer, Session
from clusterlab.registry.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_engagement_api_runs_an_sme_engagement(cast, coaching, clients):
    client = clients.manager_a
    response = client.post(
        "/api/coaching-engagements/",
        {
            "title": "API sprint",
            "scheme": coaching.scheme.pk,
            "organisation": cast.org_a_public.pk,
            "cluster": "cluster-a",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["coach"], [s["title"] for s in body["steps"]]) == (
        cast.manager_a.pk,
        ["Frame", "Test"],
    )
    url = f"/api/coaching-engagements/{body['id']}/"
    today = timezone.localdate().isoformat()
    response = client.post(
        url + "sessions/", {"date": today, "notes": "API notes"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert ServiceRecord.objects.filter(organisation=cast.org_a_public, kind="coaching").exists()
    response = client.post(
        url + "complete-step/", {"output": "Brief"}, content_type="application/json"
    )
    assert [s["completed_on"] is not None for s in response.json()["steps"]] == [True, False]
    response = client.post(
        url + "close/", {"outcomes": "Done", "goals_met": "yes"}, content_type="application/json"
    )
    assert response.json()["status"] == "closed"
    # Bob may not start coaching for A's member under A's name.
    response = clients.manager_b.post(
        "/api/coaching-engagements/",
        {"title": "x", "organisation": cast.org_a.pk, "cluster": "cluster-a"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Engagement.objects.count() == 3


def test_session_list_has_only_own_engagements(cast, coaching, clients):
    ids = {row["id"] for row in clients.manager_a.get("/api/coaching-sessions/").json()["results"]}
    assert ids == {coaching.manager_session.pk}  # Alice is the coachee there
    assert Session.objects.count() == 1
    assert clients.visitor.get("/api/coaching-sessions/").status_code in (401, 403)


def test_schemes_are_read_by_any_logged_in_user(cast, coaching, clients):
    response = clients.member_a.get(reverse("coaching-scheme-detail", args=[coaching.scheme.pk]))
    assert response.status_code == 200
    assert [s["title"] for s in response.json()["steps"]] == ["Frame", "Test"]
    assert clients.visitor.get("/api/coaching-schemes/").status_code in (401, 403)
    page = clients.member_a.get(reverse("coaching:scheme-detail", args=[coaching.scheme.pk]))
    assert page.status_code == 200


def test_offer_api_apply_and_accept(cast, clients):
    start = timezone.localdate() + dt.timedelta(days=9)
    response = clients.manager_a.post(
        "/api/exchange-offers/",
        {
            "host_cluster": "cluster-a",
            "kind": "study_visit",
            "title": "Visit",
            "topics": "t",
            "starts_on": start.isoformat(),
            "ends_on": start.isoformat(),
            "capacity": 3,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    offer = ExchangeOffer.objects.get()
    response = clients.manager_b.post(
        f"/api/exchange-offers/{offer.pk}/apply/",
        {"applicant_cluster": "cluster-b", "learning_goals": "Learn"},
        content_type="application/json",
    )
    assert response.status_code == 201
    application_id = response.json()["id"]
    refused = clients.manager_b.post(f"/api/exchange-applications/{application_id}/accept/")
    assert refused.status_code == 403
    accepted = clients.manager_a.post(f"/api/exchange-applications/{application_id}/accept/")
    assert accepted.json()["status"] == "accepted"
    listed = clients.manager_b.get("/api/exchange-offers/").json()["results"]
    assert [(row["id"], row["places_taken"]) for row in listed] == [(offer.pk, 1)]
