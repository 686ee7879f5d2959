"""Invitations, log-in throttling, password reset, API tokens."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from clusterlab.accounts import services
from clusterlab.accounts.models import Invitation, User
from clusterlab.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db


def test_a_manager_invites_a_co_manager_who_accepts_through_the_link(
    cast, clients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = clients.manager_a.post(
            "/accounts/invitations/new/",
            {"email": "carla@example.org", "role": "manager", "cluster": cast.cluster_a.pk},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="carla@example.org")
    assert len(mail.outbox) == 1 and invitation.token in mail.outbox[0].body
    visitor = Client()
    response = visitor.post(
        f"/accounts/invitations/{invitation.token}/",
        {"username": "carla", "password": "a-long-enough-Passw0rd"},
    )
    assert response.status_code == 302
    carla = User.objects.get(username="carla")
    assert list(carla.managed_clusters.all()) == [cast.cluster_a]
    # one use only
    response = visitor.get(f"/accounts/invitations/{invitation.token}/")
    assert response.status_code == 404


def test_a_manager_cannot_invite_into_another_cluster(cast):
    with pytest.raises(NotAllowed):
        services.invitation_create(
            actor=cast.manager_b, email="x@example.org", role="manager", cluster=cast.cluster_a
        )
    with pytest.raises(NotAllowed):
        services.invitation_create(actor=cast.manager_a, email="x@example.org", role="coordinator")
    assert Invitation.objects.count() == 0


def test_the_invitation_page_refuses_another_clusters_id(cast, clients):
    response = clients.manager_b.post(
        "/accounts/invitations/new/",
        {"email": "x@example.org", "role": "manager", "cluster": cast.cluster_a.pk},
    )
    assert response.status_code == 200
    assert "cluster" in response.context["form"].errors
    assert Invitation.objects.count() == 0


def test_expired_invitations_are_refused(cast):
    invitation = services.invitation_create(
        actor=cast.coordinator, email="late@example.org", role="trainer"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    with pytest.raises(DomainError):
        services.invitation_accept(token=invitation.token, username="late", password="x" * 12)
    assert not User.objects.filter(username="late").exists()


def test_login_is_throttled_after_five_failures(cast, settings):
    settings.AXES_ENABLED = True
    client = Client()
    codes = [
        client.post("/accounts/login/", {"username": "manager_a", "password": "no"}).status_code
        for _ in range(5)
    ]
    assert codes == [200, 200, 200, 200, 429]  # the fifth failure locks the account out
    response = client.post(
        "/accounts/login/", {"username": "manager_a", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_with_the_right_password_works(cast):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "manager_a", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.manager_a.pk)


def test_password_reset_sends_a_link(cast):
    response = Client().post("/accounts/password/reset/", {"email": "manager_a@test.local"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_api_token_is_created_on_the_account_page(cast, clients):
    response = clients.manager_a.post("/accounts/me/", {"action": "token"})
    token = response.context["token"]
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.get("/api/memberships/")
    assert response.status_code == 200
    assert {m["cluster"] for m in response.json()["results"]} == {"cluster-a"}


def test_admin_is_for_coordinators_only(cast, clients):
    assert clients.coordinator.get("/admin/registry/organisation/").status_code == 200
    cast.manager_a.is_staff = True  # even a staff flag does not open it to a manager
    cast.manager_a.save()
    response = Client()
    response.force_login(cast.manager_a)
    assert response.get("/admin/registry/organisation/").status_code == 403
    assert clients.visitor.get("/admin/registry/organisation/").status_code == 302


def test_an_invitation_link_never_logs_into_an_existing_account(
    cast, django_capture_on_commit_callbacks
):
    invitation = services.invitation_create(
        actor=cast.coordinator, email="manager_a@test.local", role="coordinator"
    )
    stranger = Client()
    response = stranger.post(
        f"/accounts/invitations/{invitation.token}/",
        {"username": "whoever", "password": "a-long-enough-Passw0rd"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in stranger.session
    cast.manager_a.refresh_from_db()
    assert cast.manager_a.is_coordinator is False
    # The owner, logged in, accepts it.
    owner = Client()
    owner.force_login(cast.manager_a)
    response = owner.post(f"/accounts/invitations/{invitation.token}/")
    assert response.status_code == 302
    cast.manager_a.refresh_from_db()
    assert cast.manager_a.is_coordinator is True
