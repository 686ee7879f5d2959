"""Recommendations from the database: the index, visibility, reasons, the page and the API."""

import pytest

from clusterlab.matchmaking import adapters, services
from clusterlab.registry import services as registry_services
from clusterlab.registry.enums import Visibility
from clusterlab.registry.models import Capability, Country, NaceSector, Organisation

pytestmark = pytest.mark.django_db


def _org(name, country, cluster, *, offers=(), seeks=(), sectors=("74.10",), **extra):
    data = {
        "name": name,
        "kind": "small",
        "country": Country.objects.get(pk=country),
        "visibility": Visibility.NETWORK,
        "city": "X",
        "description": extra.pop("text", ""),
        "description_language": extra.pop("lang", "en"),
        "sectors": list(NaceSector.objects.filter(code__in=sectors)),
        "capabilities_offered": list(Capability.objects.filter(code__in=offers)),
        "capabilities_sought": list(Capability.objects.filter(code__in=seeks)),
    }
    return registry_services.organisation_create(actor=None, data=data, cluster=cluster)


@pytest.fixture
def market(cast):
    """A German firm seeking product design, and candidates in another cluster."""
    Organisation.objects.filter(pk=cast.org_a.pk).update(visibility=Visibility.NETWORK)
    designer = _org(
        "Product Designers Ltd",
        "FR",
        cast.cluster_b,
        sectors=("74.10",),
        text="We offer product design for furniture makers and manufacturers",
    )
    services.profile_create(
        actor=None,
        organisation=designer,
        publish=True,
        data={
            "kind": "offer",
            "profile_type": "creative_service",
            "title": "We offer product design",
            "language": "en",
            "visibility": "network",
        },
    )
    unrelated = _org(
        "Weaving Mill SAS", "FR", cast.cluster_b, sectors=("13.20",), offers=("cnc-machining",)
    )
    services.profile_create(
        actor=None,
        organisation=cast.org_a,
        publish=True,
        data={
            "kind": "request",
            "profile_type": "creative_service",
            "title": "Wir suchen Produktdesign",
            "language": "de",
            "visibility": "network",
        },
    )
    return designer, unrelated


def test_a_german_request_finds_an_english_offer(cast, market, clients):
    response = clients.member_a.get(f"/organisations/{cast.org_a.pk}/recommendations/")
    assert response.status_code == 200
    names = [r.organisation.name for r in response.context["recommendations"]]
    assert names[0] == "Product Designers Ltd"
    first = response.context["recommendations"][0]
    assert any("Product design" in reason for reason in first.reasons), first.reasons


def test_recommendations_never_show_what_the_viewer_may_not_see(cast, market, clients):
    # org_b is kept to cluster B: Alpha's people must never be pointed at it
    response = clients.member_a.get(f"/organisations/{cast.org_a.pk}/recommendations/")
    names = {r.organisation.name for r in response.context["recommendations"]}
    assert "Bravo Textiles SAS" not in names
    assert cast.org_a.name not in names


def test_index_is_built_once_and_reused(cast, market):
    adapters.index_save_default(adapters.index_build())
    loaded = adapters.index_load()
    assert set(loaded.row_of) == set(Organisation.objects.values_list("pk", flat=True))
    assert adapters.index_load() is loaded  # cached until the file changes


def test_api_gives_reasons_and_refuses_outsiders(cast, market, clients):
    response = clients.member_a.get(f"/api/organisations/{cast.org_a.pk}/recommendations/")
    assert response.status_code == 200
    body = response.json()
    assert body[0]["name"] == "Product Designers Ltd" and body[0]["reasons"]
    assert (
        clients.manager_b.get(f"/api/organisations/{cast.org_a.pk}/recommendations/").status_code
        == 404
    )
    assert clients.visitor.get(
        f"/api/organisations/{cast.org_a.pk}/recommendations/"
    ).status_code in (401, 403)


def test_manager_sees_introductions_to_make_and_partner_clusters(cast, market, clients):
    manufacturer = _org(
        "Mechanik GmbH", "DE", cast.cluster_a, sectors=("28.41",), seeks=("product-design",)
    )
    response = clients.manager_a.get("/workspace/cluster-a/matchmaking/")
    assert response.status_code == 200
    suggestions = response.context["suggestions"]
    pairs = {(s.member.name, s.partner.name) for s in suggestions}
    assert (manufacturer.name, "Product Designers Ltd") in pairs
    first = suggestions[0]
    assert first.cross_sectoral  # creative <-> traditional pairs come first
    partners = [p.cluster.slug for p in response.context["partners"]]
    assert partners[0] == "cluster-b"
    api = clients.manager_a.get("/api/clusters/cluster-a/matchmaking/").json()
    assert api["partner_clusters"][0]["cluster"] == "cluster-b"
    assert clients.manager_b.get("/workspace/cluster-a/matchmaking/").status_code == 404
    assert clients.manager_b.get("/api/clusters/cluster-a/matchmaking/").status_code == 404


def test_a_german_request_is_matched_with_english_offers(cast, market, clients):
    designer, _unrelated = market
    services.profile_create(
        actor=None,
        organisation=designer,
        publish=True,
        data={
            "kind": "offer",
            "profile_type": "creative_service",
            "language": "en",
            "title": "Industrial design studio",
            "visibility": "network",
            "capabilities": list(Capability.objects.filter(code="product-design")),
        },
    )
    request = cast.org_a.cooperation_profiles.get(title="Wir suchen Produktdesign")
    response = clients.member_a.get(f"/marketplace/{request.pk}/")
    matches = response.context["matches"]
    assert [m.profile.title for m in matches] == ["Industrial design studio"]
    assert matches[0].shared == ["Product design"]
