"""Cooperation profiles: who sees them, who changes them, how the marketplace filters."""

import datetime as dt

import pytest

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.matchmaking import services
from clusterlab.matchmaking.models import CooperationProfile
from clusterlab.registry.enums import Visibility
from clusterlab.registry.models import Capability, Organisation

pytestmark = pytest.mark.django_db


def _profile(org, *, visibility="network", publish=True, title=None, kind="offer", caps=()):
    return services.profile_create(
        actor=None,
        organisation=org,
        publish=publish,
        data={
            "kind": kind,
            "profile_type": "creative_service",
            "visibility": visibility,
            "title": title or f"{org.name} {visibility}",
            "capabilities": list(Capability.objects.filter(code__in=caps)),
        },
    )


def _titles(client, **params):
    response = client.get("/marketplace/", params)
    assert response.status_code == 200
    return sorted(p.title for p in response.context["page"])


def test_visibility_of_profiles_follows_profile_and_organisation(cast, clients):
    Organisation.objects.filter(pk=cast.org_a.pk).update(visibility=Visibility.NETWORK)
    public = _profile(cast.org_a_public, visibility="public")
    network = _profile(cast.org_a, visibility="network")
    cluster_only = _profile(cast.org_a, visibility="cluster")
    capped = _profile(cast.org_a, visibility="public", title="Public profile, network org")
    draft = _profile(cast.org_a, publish=False, title="Alpha draft")
    assert _titles(clients.visitor) == [public.title]  # org_a is not public: capped stays in
    assert _titles(clients.manager_b) == sorted([public.title, network.title, capped.title])
    assert _titles(clients.manager_a) == sorted(
        [public.title, network.title, cluster_only.title, capped.title]
    )
    for client in (clients.manager_b, clients.visitor):
        assert client.get(f"/marketplace/{draft.pk}/").status_code == 404
        assert client.get(f"/marketplace/{cluster_only.pk}/").status_code == 404
    assert clients.member_a.get(f"/marketplace/{draft.pk}/").status_code == 200


def test_member_publishes_a_request_through_the_page(cast, clients):
    Organisation.objects.filter(pk=cast.org_a.pk).update(visibility=Visibility.NETWORK)
    response = clients.member_a.post(
        f"/organisations/{cast.org_a.pk}/profiles/new/",
        {
            "kind": "request",
            "profile_type": "technology",
            "title": "Looking for AR studio",
            "description": "Wir suchen ein AR-Studio",
            "language": "de",
            "visibility": "network",
            "capabilities": [Capability.objects.get(code="vr-ar-xr").pk]
            if Capability.objects.filter(code="vr-ar-xr").exists()
            else [],
            "publish": "on",
        },
    )
    assert response.status_code == 302
    profile = CooperationProfile.objects.get(title="Looking for AR studio")
    assert (profile.status, profile.created_by) == ("published", cast.member_a)
    assert _titles(clients.manager_b) == ["Looking for AR studio"]
    # another cluster's manager cannot create for org_a
    assert clients.manager_b.get(f"/organisations/{cast.org_a.pk}/profiles/new/").status_code == 404


def test_closed_profiles_leave_the_marketplace_and_cannot_change(cast, clients):
    profile = _profile(cast.org_a)
    response = clients.manager_a.post(f"/marketplace/{profile.pk}/close/")
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == "closed"
    assert _titles(clients.manager_a) == []
    with pytest.raises(DomainError):
        services.profile_update(actor=cast.manager_a, profile=profile, data={"title": "x"})


def test_deadline_in_the_past_is_refused_next_to_the_field(cast, clients):
    response = clients.member_a.post(
        f"/organisations/{cast.org_a.pk}/profiles/new/",
        {
            "kind": "offer",
            "profile_type": "technology",
            "title": "Late",
            "language": "en",
            "visibility": "network",
            "deadline": "2020-01-01",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["deadline"]
    assert not CooperationProfile.objects.exists()


def test_only_editors_change_profiles(cast):
    profile = _profile(cast.org_a, publish=False)
    with pytest.raises(NotAllowed):
        services.profile_publish(actor=cast.manager_b, profile=profile)
    with pytest.raises(NotAllowed):
        services.profile_update(
            actor=cast.member_a.__class__.objects.get(username="manager_b"),
            profile=profile,
            data={"title": "x"},
        )
    profile.refresh_from_db()
    assert profile.status == "draft"


def test_marketplace_filters(cast, clients):
    _profile(cast.org_a_public, visibility="public", title="Design offer", caps=["branding"])
    _profile(cast.org_b_network, visibility="public", title="Textile request", kind="request")
    assert _titles(clients.coordinator, kind="request") == ["Textile request"]
    assert _titles(clients.coordinator, country="FR") == ["Textile request"]
    assert _titles(clients.coordinator, creative="yes") == ["Design offer"]
    assert _titles(clients.coordinator, cluster="cluster-b") == ["Textile request"]
    assert _titles(clients.coordinator, sector="13") == ["Textile request"]
    assert _titles(clients.coordinator, q="textile") == ["Textile request"]
    assert _titles(clients.coordinator, country="DE", region="DE1") == []
    assert _titles(clients.coordinator, size="250+") == []
    if Capability.objects.filter(code="branding").exists():
        assert _titles(clients.coordinator, capability="branding") == ["Design offer"]


def test_api_lists_by_visibility_and_writes_through_services(cast, clients):
    draft = _profile(cast.org_a, publish=False, title="API draft")
    assert clients.manager_b.get(f"/api/cooperation-profiles/{draft.pk}/").status_code == 404
    response = clients.manager_a.post(f"/api/cooperation-profiles/{draft.pk}/publish/")
    assert response.json()["status"] == "published"
    response = clients.manager_b.post(
        "/api/cooperation-profiles/",
        {
            "organisation": cast.org_a.pk,
            "kind": "offer",
            "profile_type": "technology",
            "title": "Planted",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not CooperationProfile.objects.filter(title="Planted").exists()
    response = clients.member_a.post(
        "/api/cooperation-profiles/",
        {
            "organisation": cast.org_a.pk,
            "kind": "offer",
            "profile_type": "technology",
            "title": "From the API",
            "capabilities": ["branding"],
            "deadline": str(dt.date.today() + dt.timedelta(days=30)),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "draft"


def test_marketplace_costs_a_fixed_number_of_queries(cast, clients, django_assert_max_num_queries):
    _profile(cast.org_a_public, visibility="public", caps=["branding"])
    clients.visitor.get("/marketplace/")
    with django_assert_max_num_queries(8) as one:
        clients.visitor.get("/marketplace/")
    for i in range(3):
        _profile(cast.org_a_public, visibility="public", title=f"More {i}", caps=["branding"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        clients.visitor.get("/marketplace/")


def test_demo_network_gets_offers_and_requests():
    from io import StringIO

    from django.core.management import call_command

    call_command(
        "seed_demo", "--clusters", "2", "--organisations", "60", "--seed", "3", stdout=StringIO()
    )
    profiles = CooperationProfile.objects.all()
    assert 0 < profiles.count() < 60
    assert {p.kind for p in profiles} == {"offer", "request"}
    assert all(p.capabilities.exists() for p in profiles)
