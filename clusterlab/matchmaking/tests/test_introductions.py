"""Introductions: ask, answer, contacts after acceptance, service log, outcomes, reminders."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.matchmaking import services
from clusterlab.matchmaking.models import Introduction
from clusterlab.registry.enums import Visibility
from clusterlab.registry.models import Organisation, ServiceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_b(cast):
    """Bravo's network profile can be seen by Alpha's people."""
    return cast.org_b_network


def test_member_asks_and_the_other_side_accepts_then_contacts_appear(
    cast, clients, open_b, django_capture_on_commit_callbacks
):
    from clusterlab.registry import services as registry_services

    contact = registry_services.contact_create(
        actor=None,
        organisation=open_b,
        data={"first_name": "Nora", "last_name": "Net", "email": "nora@bravo-net.example"},
        consents=[("network_contact", "form")],
    )
    hidden = registry_services.contact_create(
        actor=None,
        organisation=open_b,
        data={"first_name": "No", "last_name": "Consent", "email": "nc@bravo-net.example"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = clients.member_a.post(
            f"/organisations/{open_b.pk}/introduce/",
            {"requester": cast.org_a.pk, "message": "We design packaging for textiles."},
        )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert mail.outbox[-1].to == ["manager_b@test.local"]
    page = clients.member_a.get(f"/introductions/{introduction.pk}/").content.decode()
    assert contact.email not in page
    # Bob sees it waiting and accepts.
    assert [i.pk for i in clients.manager_b.get("/introductions/").context["waiting"]] == [
        introduction.pk
    ]
    before = ServiceRecord.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        clients.manager_b.post(f"/introductions/{introduction.pk}/accept/", {"answer": "Gladly"})
    introduction.refresh_from_db()
    assert introduction.status == "accepted"
    assert ServiceRecord.objects.count() == before + 2
    assert set(
        ServiceRecord.objects.filter(kind="introduction").values_list("organisation_id", flat=True)
    ) == {cast.org_a.pk, open_b.pk}
    page = clients.member_a.get(f"/introductions/{introduction.pk}/").content.decode()
    assert contact.email in page and hidden.email not in page
    assert "member_a@test.local" in mail.outbox[-1].to


def test_only_the_other_side_answers_and_only_once(cast, open_b):
    introduction = services.introduction_request(
        actor=cast.member_a, requester=cast.org_a, target=open_b, message="Hello"
    )
    with pytest.raises(NotAllowed):
        services.introduction_answer(actor=cast.member_a, introduction=introduction, accept=True)
    services.introduction_answer(actor=cast.manager_b, introduction=introduction, accept=False)
    with pytest.raises(DomainError):
        services.introduction_answer(actor=cast.manager_b, introduction=introduction, accept=True)
    assert Introduction.objects.get().status == "declined"


def test_requests_are_refused_to_self_to_invisible_and_twice(cast, open_b):
    with pytest.raises(DomainError):
        services.introduction_request(
            actor=cast.member_a, requester=cast.org_a, target=cast.org_a, message="Me"
        )
    with pytest.raises(NotAllowed):  # org_b is kept to its cluster: Alpha cannot see it
        services.introduction_request(
            actor=cast.member_a, requester=cast.org_a, target=cast.org_b, message="Hi"
        )
    services.introduction_request(
        actor=cast.member_a, requester=cast.org_a, target=open_b, message="Hi"
    )
    with pytest.raises(DomainError):
        services.introduction_request(
            actor=cast.member_a, requester=cast.org_a, target=open_b, message="Again"
        )
    with pytest.raises(DomainError):
        services.introduction_request(
            actor=cast.manager_a, requester=cast.org_a_public, target=open_b, message="   "
        )
    assert Introduction.objects.count() == 1


def test_outcomes_follow_the_chain(cast, open_b):
    introduction = services.introduction_request(
        actor=cast.member_a, requester=cast.org_a, target=open_b, message="Hello"
    )
    with pytest.raises(DomainError):
        services.introduction_outcome(
            actor=cast.member_a, introduction=introduction, outcome="meeting"
        )
    services.introduction_answer(actor=cast.manager_b, introduction=introduction, accept=True)
    services.introduction_outcome(actor=cast.member_a, introduction=introduction, outcome="meeting")
    with pytest.raises(DomainError):
        services.introduction_outcome(
            actor=cast.manager_b, introduction=introduction, outcome="agreement"
        )
    services.introduction_outcome(
        actor=cast.manager_b,
        introduction=introduction,
        outcome="agreement",
        agreement_type="subcontracting",
    )
    introduction.refresh_from_db()
    assert (introduction.outcome, introduction.agreement_type) == ("agreement", "subcontracting")


def test_withdraw_only_while_waiting(cast, open_b, clients):
    introduction = services.introduction_request(
        actor=cast.member_a, requester=cast.org_a, target=open_b, message="Hello"
    )
    clients.manager_b.post(f"/introductions/{introduction.pk}/withdraw/")  # not Bob's to do
    assert Introduction.objects.get().status == "requested"
    clients.member_a.post(f"/introductions/{introduction.pk}/withdraw/")
    assert Introduction.objects.get().status == "withdrawn"


def test_api_flow_with_contacts_after_acceptance(cast, clients, open_b):
    Organisation.objects.filter(pk=cast.org_a.pk).update(visibility=Visibility.NETWORK)
    response = clients.manager_b.post(
        "/api/introductions/",
        {"requester": open_b.pk, "target": cast.org_a.pk, "message": "Textiles for design"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["contacts"] == []
    assert clients.manager_b.post(f"/api/introductions/{pk}/accept/").status_code == 403
    response = clients.member_a.post(
        f"/api/introductions/{pk}/accept/", {"answer": "ok"}, content_type="application/json"
    )
    assert response.json()["status"] == "accepted"
    contacts = clients.manager_b.get(f"/api/introductions/{pk}/").json()["contacts"]
    assert [c["email"] for c in contacts] == ["anna@alpha.example"]
    response = clients.manager_b.post(
        f"/api/introductions/{pk}/outcome/",
        {"outcome": "agreement"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert clients.visitor.get("/api/introductions/").status_code in (401, 403)


def test_reminders_go_out_once_per_period(cast, open_b):
    introduction = services.introduction_request(
        actor=cast.member_a, requester=cast.org_a, target=open_b, message="Hello"
    )
    services.introduction_answer(actor=cast.manager_b, introduction=introduction, accept=True)
    Introduction.objects.filter(pk=introduction.pk).update(
        responded_at=timezone.now() - dt.timedelta(days=40)
    )
    mail.outbox.clear()
    call_command("remind_introduction_outcomes", stdout=StringIO())
    call_command("remind_introduction_outcomes", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {
        "member_a@test.local",
        "manager_a@test.local",
        "manager_b@test.local",
    }


def test_waiting_requests_show_in_the_navigation(cast, clients, open_b):
    services.introduction_request(
        actor=cast.member_a, requester=cast.org_a, target=open_b, message="Hello"
    )
    assert clients.manager_b.get("/directory/").context["nav_introductions_waiting"] == 1
    assert clients.member_a.get("/directory/").context["nav_introductions_waiting"] == 0
