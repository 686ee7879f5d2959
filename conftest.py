"""The shared test cast: two clusters, their managers, a member, a coordinator, a visitor.

Reference data (regions, sectors, capabilities…) is loaded once per test database; every
test then runs in a transaction that is rolled back.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client

from clusterlab.accounts.models import User
from clusterlab.registry import services
from clusterlab.registry.enums import ClusterKind, OrganisationKind, Visibility
from clusterlab.registry.models import Cluster, Country, NaceSector, NutsRegion
from clusterlab.registry.reference_data import reference_data_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        reference_data_load()


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests empty the database afterwards: load the reference data again."""
    if not NaceSector.objects.exists():
        reference_data_load()


@pytest.fixture(autouse=True)
def _no_throttle_state(settings, tmp_path):
    settings.AXES_ENABLED = False
    settings.MATCHMAKING_INDEX_PATH = tmp_path / "matchmaking-index.pickle"
    from django.core.cache import cache

    cache.clear()


def _sector(code: str) -> NaceSector:
    return NaceSector.objects.get(version="2", code=code)


def make_user(username: str, **flags) -> User:
    user = User(username=username, email=f"{username}@test.local", **flags)
    user.set_password("pw-for-tests-1")
    user.save()
    return user


def make_org(
    name: str,
    *,
    cluster: Cluster | None,
    country: str = "DE",
    region: str = "",
    visibility: str = Visibility.CLUSTER,
    sectors=("74.10",),
    **extra,
):
    """Create an organisation through the service, as a page or the API would."""
    data = {
        "name": name,
        "kind": OrganisationKind.MICRO,
        "visibility": visibility,
        "country": Country.objects.get(pk=country),
        "region": NutsRegion.objects.get(pk=region) if region else None,
        "description": f"{name} profile",
        "city": "Stuttgart",
        "sectors": [_sector(c) for c in sectors],
        **extra,
    }
    return services.organisation_create(actor=None, data=data, cluster=cluster)


@pytest.fixture
def cast(db):
    """Alice's cluster A (design, Stuttgart) and Bob's cluster B (textiles, Lille)."""
    cluster_a = Cluster.objects.create(
        name="Design Cluster A",
        slug="cluster-a",
        kind=ClusterKind.CREATIVE,
        country=Country.objects.get(pk="DE"),
    )
    cluster_b = Cluster.objects.create(
        name="Textile Cluster B",
        slug="cluster-b",
        kind=ClusterKind.TRADITIONAL,
        country=Country.objects.get(pk="FR"),
    )
    manager_a = make_user("manager_a", first_name="Alice")
    manager_b = make_user("manager_b", first_name="Bob")
    cluster_a.managers.add(manager_a)
    cluster_b.managers.add(manager_b)
    coordinator = make_user("coordinator", is_coordinator=True, is_staff=True)
    org_a = make_org(
        "Alpha Design GmbH", cluster=cluster_a, region="DE111", visibility=Visibility.CLUSTER
    )
    org_a_public = make_org(
        "Atelier Public GmbH",
        cluster=cluster_a,
        visibility=Visibility.PUBLIC,
        sectors=("74.10", "71.11"),
    )
    org_b = make_org(
        "Bravo Textiles SAS",
        cluster=cluster_b,
        country="FR",
        city="Lille",
        visibility=Visibility.CLUSTER,
        sectors=("13.20",),
    )
    org_b_network = make_org(
        "Bravo Network SAS",
        cluster=cluster_b,
        country="FR",
        city="Roubaix",
        visibility=Visibility.NETWORK,
        sectors=("13.92",),
    )
    member_a = make_user("member_a", organisation=org_a)
    contact_a = services.contact_create(
        actor=None,
        organisation=org_a,
        data={
            "first_name": "Anna",
            "last_name": "Schmidt",
            "email": "anna@alpha.example",
            "phone": "+49 711 1234",
        },
        consents=[("network_contact", "membership form")],
    )
    contact_b = services.contact_create(
        actor=None,
        organisation=org_b,
        data={"first_name": "Bernard", "last_name": "Dupont", "email": "bernard@bravo.example"},
    )
    service_a = services.service_record(
        actor=None, cluster=cluster_a, organisation=org_a, kind="advice", date=dt.date(2026, 1, 15)
    )
    service_b = services.service_record(
        actor=None, cluster=cluster_b, organisation=org_b, kind="event", date=dt.date(2026, 2, 1)
    )
    note_b = services.note_add(
        actor=None, cluster=cluster_b, organisation=org_b, text="Bob's private note"
    )
    return SimpleNamespace(**locals())


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def clients(cast):
    """Logged-in test clients for each member of the cast; `visitor` is anonymous."""
    return SimpleNamespace(
        manager_a=client_for(cast.manager_a),
        manager_b=client_for(cast.manager_b),
        member_a=client_for(cast.member_a),
        coordinator=client_for(cast.coordinator),
        visitor=client_for(None),
    )
