"""The REST API under /api/: schema, visibility per user, services behind writes, refusals."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token

from clusterlab.registry import services
from clusterlab.registry.enums import MembershipStatus, OrganisationKind, Visibility
from clusterlab.registry.models import (
    Capability,
    Cluster,
    Contact,
    Country,
    Language,
    LetterOfSupport,
    Membership,
    NaceSector,
    NutsRegion,
    Organisation,
    ServiceRecord,
)

pytestmark = pytest.mark.django_db

EMAIL_A = "anna@alpha.example"
JSON = "application/json"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The cast sets four passwords; the default PBKDF2 would cost ~1 s per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def ids_of(response) -> set[int]:
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    if isinstance(body, dict):
        assert body["next"] is None  # the whole answer is on this page
    return {row["id"] for row in rows}


def org_ids(cast, *attrs: str) -> set[int]:
    return {getattr(cast, a).pk for a in attrs}


def org_row(pk: int) -> dict:
    row = Organisation.objects.filter(pk=pk).values().get()
    row["sectors"] = sorted(
        Organisation.sectors.through.objects.filter(organisation_id=pk).values_list(
            "nacesector_id", flat=True
        )
    )
    return row


# --- Schema ---------------------------------------------------------------------------------


def test_schema_is_a_valid_openapi_3_document(cast, clients):
    response = clients.visitor.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert doc["openapi"].startswith("3")
    validate_schema(doc)  # drf-spectacular's JSON-schema check of the OpenAPI spec
    for path in (
        "/api/organisations/",
        "/api/organisations/{id}/",
        "/api/memberships/{id}/",
        "/api/contacts/{id}/export/",
        "/api/contacts/{id}/erase/",
        "/api/services/",
    ):
        assert path in doc["paths"], path
    params = {p["name"] for p in doc["paths"]["/api/organisations/"]["get"]["parameters"]}
    assert {"q", "country", "sector", "creative", "cluster", "page"} <= params


def test_schema_default_answer_is_yaml_openapi_3(cast, clients):
    response = clients.visitor.get("/api/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3")


# --- Organisations: who sees what -----------------------------------------------------------

LIST_VISIBLE = {
    "visitor": ("org_a_public",),
    "manager_a": ("org_a", "org_a_public", "org_b_network"),
    "member_a": ("org_a", "org_a_public", "org_b_network"),
    "manager_b": ("org_a_public", "org_b", "org_b_network"),
    "coordinator": ("org_a", "org_a_public", "org_b", "org_b_network"),
}


@pytest.mark.parametrize("actor", sorted(LIST_VISIBLE))
def test_organisation_list_honours_visibility(cast, clients, actor):
    response = getattr(clients, actor).get("/api/organisations/")
    assert ids_of(response) == org_ids(cast, *LIST_VISIBLE[actor])
    assert response.json()["count"] == len(LIST_VISIBLE[actor])


@pytest.mark.parametrize(
    ("actor", "params", "expected"),
    [
        ("coordinator", {"q": "Alpha"}, ("org_a",)),
        ("coordinator", {"q": "bravo"}, ("org_b", "org_b_network")),
        ("coordinator", {"q": "Roubaix"}, ("org_b_network",)),
        ("coordinator", {"q": "Alpha Design"}, ("org_a",)),
        ("coordinator", {"q": "Atel"}, ("org_a_public",)),  # words match as prefixes
        ("manager_b", {"q": "Alpha"}, ()),  # search never widens visibility
        ("visitor", {"q": "Bravo"}, ()),
        ("coordinator", {"country": "FR"}, ("org_b", "org_b_network")),
        ("coordinator", {"country": "de"}, ("org_a", "org_a_public")),
        ("visitor", {"country": "DE"}, ("org_a_public",)),
        ("coordinator", {"sector": "13.20"}, ("org_b",)),
        ("coordinator", {"sector": "13"}, ("org_b", "org_b_network")),
        ("coordinator", {"sector": "C"}, ("org_b", "org_b_network")),
        ("coordinator", {"sector": "71.11"}, ("org_a_public",)),
        ("coordinator", {"sector": "M"}, ("org_a", "org_a_public")),
        ("coordinator", {"creative": "yes"}, ("org_a", "org_a_public")),
        ("coordinator", {"creative": "no"}, ("org_b", "org_b_network")),
        ("coordinator", {"creative": "maybe"}, ("org_a", "org_a_public", "org_b", "org_b_network")),
        ("manager_b", {"creative": "yes"}, ("org_a_public",)),
        ("coordinator", {"country": "FR", "sector": "13.92"}, ("org_b_network",)),
        ("coordinator", {"cluster": "cluster-a"}, ("org_a", "org_a_public")),
        ("manager_b", {"cluster": "cluster-a"}, ("org_a_public",)),
        ("coordinator", {"region": "DE1"}, ("org_a",)),
        ("coordinator", {"kind": "micro", "country": "XX"}, ()),
    ],
)
def test_organisation_list_directory_filters(cast, clients, actor, params, expected):
    response = getattr(clients, actor).get("/api/organisations/", params)
    assert ids_of(response) == org_ids(cast, *expected)


@pytest.mark.parametrize(
    "q", ['"', "'", "*", "AND", "OR NOT", "NEAR(", "a:b", "%", "\\", "-", "\x00", "ü" * 300, ")("]
)
def test_odd_search_text_never_breaks_the_list(cast, clients, q):
    expected = 400 if "\x00" in q else 200  # NUL bytes are refused before any view runs
    api = clients.coordinator.get("/api/organisations/", {"q": q})
    assert api.status_code == expected
    page = clients.coordinator.get("/directory/", {"q": q})
    assert page.status_code == expected


@pytest.mark.parametrize(("actor", "status"), [("manager_b", 404), ("visitor", 404)])
def test_organisation_retrieve_of_cluster_only_profile_is_404(cast, clients, actor, status):
    response = getattr(clients, actor).get(f"/api/organisations/{cast.org_a.pk}/")
    assert response.status_code == status
    assert "Alpha" not in response.content.decode()


@pytest.mark.parametrize("actor", ["manager_a", "member_a", "coordinator"])
def test_organisation_retrieve_by_its_cluster(cast, clients, actor):
    response = getattr(clients, actor).get(f"/api/organisations/{cast.org_a.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["name"], body["clusters"]) == (
        cast.org_a.pk,
        "Alpha Design GmbH",
        ["cluster-a"],
    )
    assert body["sectors"] == ["74.10"]
    assert body["is_creative"] is True


def test_organisation_write_by_other_cluster_is_refused_and_changes_nothing(cast, clients):
    before = org_row(cast.org_a.pk)
    url = f"/api/organisations/{cast.org_a.pk}/"
    patch = clients.manager_b.patch(url, {"name": "Hacked", "sectors": ["13.20"]}, JSON)
    assert patch.status_code == 404
    put = clients.manager_b.put(
        url, {"name": "Hacked", "kind": "micro", "country": "FR", "visibility": "public"}, JSON
    )
    assert put.status_code == 404
    # Even a public organisation of cluster A is read-only for Bob.
    public = clients.manager_b.patch(
        f"/api/organisations/{cast.org_a_public.pk}/", {"name": "Hacked"}, JSON
    )
    assert public.status_code == 404
    visitor = clients.visitor.patch(url, {"name": "Hacked"}, JSON)
    assert visitor.status_code in (401, 403)
    assert org_row(cast.org_a.pk) == before
    assert Organisation.objects.get(pk=cast.org_a_public.pk).name == "Atelier Public GmbH"
    assert not Organisation.objects.filter(name="Hacked").exists()


def test_organisation_patch_goes_through_the_service(cast, clients):
    url = f"/api/organisations/{cast.org_a.pk}/"
    response = clients.manager_a.patch(url, {"sectors": ["13.20"]}, JSON)
    assert response.status_code == 200
    assert (response.json()["sectors"], response.json()["is_creative"]) == (["13.20"], False)
    cast.org_a.refresh_from_db()
    assert cast.org_a.is_creative is False
    last = cast.org_a.history.order_by("-history_date", "-pk").first()
    assert last.history_user_id == cast.manager_a.pk

    response = clients.manager_a.patch(url, {"sectors": ["74.10"], "is_creative": False}, JSON)
    assert response.status_code == 200
    assert (response.json()["sectors"], response.json()["is_creative"]) == (["74.10"], True)
    cast.org_a.refresh_from_db()
    assert cast.org_a.is_creative is True

    # `is_creative` is derived: sending it alone changes nothing.
    response = clients.manager_a.patch(url, {"is_creative": False}, JSON)
    assert response.status_code == 200
    assert response.json()["is_creative"] is True


def test_member_patches_own_organisation(cast, clients):
    url = f"/api/organisations/{cast.org_a.pk}/"
    response = clients.member_a.patch(url, {"city": "Esslingen"}, JSON)
    assert response.status_code == 200
    assert (response.json()["city"], response.json()["clusters"]) == ("Esslingen", ["cluster-a"])
    assert Organisation.objects.get(pk=cast.org_a.pk).city == "Esslingen"


NEW_ORG = {"name": "Neu Design GmbH", "kind": "micro", "country": "DE", "sectors": ["74.10"]}


def test_create_organisation_in_other_cluster_is_refused(cast, clients):
    count, memberships = Organisation.objects.count(), Membership.objects.count()
    response = clients.manager_a.post(
        "/api/organisations/", {**NEW_ORG, "cluster": "cluster-b"}, JSON
    )
    assert response.status_code == 403
    assert (Organisation.objects.count(), Membership.objects.count()) == (count, memberships)
    assert not Organisation.objects.filter(name=NEW_ORG["name"]).exists()


def test_create_organisation_in_own_cluster(cast, clients):
    response = clients.manager_a.post(
        "/api/organisations/", {**NEW_ORG, "cluster": "cluster-a"}, JSON
    )
    assert response.status_code == 201
    created = Organisation.objects.get(name=NEW_ORG["name"])
    assert response.json()["id"] == created.pk
    assert response.json()["is_creative"] is True
    assert list(created.memberships.values_list("cluster__slug", "status")) == [
        ("cluster-a", MembershipStatus.ACTIVE)
    ]


def test_create_answer_lists_the_new_membership(cast, clients):
    response = clients.manager_a.post(
        "/api/organisations/", {**NEW_ORG, "cluster": "cluster-a"}, JSON
    )
    assert response.status_code == 201
    assert response.json()["clusters"] == ["cluster-a"]


def test_visitor_cannot_create(cast, clients):
    count = Organisation.objects.count()
    response = clients.visitor.post(
        "/api/organisations/", {**NEW_ORG, "cluster": "cluster-a"}, JSON
    )
    assert response.status_code in (401, 403)
    assert Organisation.objects.count() == count


def _fr_region() -> str:
    return NutsRegion.objects.filter(country_id="FR", level=3).order_by("code")[0].code


INVALID_CREATE = [
    pytest.param({"sectors": ["99.99"]}, "sectors", id="unknown-sector"),
    pytest.param({"sectors": "74.10"}, "sectors", id="sectors-not-list"),
    pytest.param({"sectors": [{"code": "74.10"}]}, "sectors", id="sector-object"),
    pytest.param({"region": "<FR>"}, "region", id="region-not-in-country"),
    pytest.param({"region": "ZZ999"}, "region", id="unknown-region"),
    pytest.param({"region": {"code": "DE111"}}, "region", id="region-object"),
    pytest.param({"founded_year": "nineteen-ninety"}, "founded_year", id="year-string"),
    pytest.param(
        {"founded_year": 99999},
        "founded_year",
        id="year-huge",
    ),
    pytest.param(
        {"founded_year": 2999},
        "founded_year",
        id="year-future",
    ),
    pytest.param({"founded_year": -5}, "founded_year", id="year-negative"),
    pytest.param({"founded_year": [1999]}, "founded_year", id="year-list"),
    pytest.param({"name": None}, "name", id="missing-name"),
    pytest.param({"name": ""}, "name", id="empty-name"),
    pytest.param({"name": ["a", "b"]}, "name", id="name-list"),
    pytest.param({"name": "x" * 201}, "name", id="name-too-long"),
    pytest.param({"kind": "spaceship"}, "kind", id="kind-unknown"),
    pytest.param({"kind": 3}, "kind", id="kind-number"),
    pytest.param({"country": "XX"}, "country", id="country-unknown"),
    pytest.param({"country": ["DE"]}, "country", id="country-list"),
    pytest.param({"country": None}, "country", id="country-missing"),
    pytest.param({"visibility": "everyone"}, "visibility", id="visibility-unknown"),
    pytest.param({"website": "not a url"}, "website", id="website-bad"),
    pytest.param({"description_language": "xx"}, "description_language", id="language-bad"),
    pytest.param({"languages": ["zz"]}, "languages", id="languages-unknown"),
    pytest.param({"export_markets": ["ZZ"]}, "export_markets", id="export-market-unknown"),
    pytest.param(
        {"capabilities_offered": ["no-such-thing"]}, "capabilities_offered", id="capability-unknown"
    ),
    pytest.param({"cluster": "no-such-cluster"}, "cluster", id="cluster-unknown"),
    pytest.param({"cluster": None}, "cluster", id="cluster-missing"),
    pytest.param({"cluster": 7}, "cluster", id="cluster-number"),
]


def _payload(base: dict, change: dict) -> dict:
    data = dict(base)
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        elif value == "<FR>":
            data[key] = _fr_region()
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(("change", "field"), INVALID_CREATE)
def test_invalid_create_is_a_400_naming_the_field(cast, clients, change, field):
    count = Organisation.objects.count()
    data = _payload({**NEW_ORG, "cluster": "cluster-a"}, change)
    response = clients.manager_a.post("/api/organisations/", data, JSON)
    assert response.status_code == 400, response.content[:500]
    assert response["Content-Type"].startswith(JSON)
    assert field in response.json(), response.json()
    assert Organisation.objects.count() == count


INVALID_PATCH = [
    ("unknown-sector", {"sectors": ["99.99"]}, "sectors"),
    ("region-not-in-country", {"region": "<FR>"}, "region"),
    ("year-string", {"founded_year": "abc"}, "founded_year"),
    ("name-empty", {"name": ""}, "name"),
    ("name-number-list", {"name": [1]}, "name"),
    ("visibility-number", {"visibility": 1}, "visibility"),
    ("sectors-null", {"sectors": "null"}, "sectors"),
]


@pytest.mark.parametrize(
    ("change", "field"), [(c, f) for _, c, f in INVALID_PATCH], ids=[i for i, *_ in INVALID_PATCH]
)
def test_invalid_patch_is_a_400_naming_the_field(cast, clients, change, field):
    before = org_row(cast.org_a.pk)
    data = _payload({}, change)
    if data.get("sectors") == "null":
        data["sectors"] = None
    response = clients.manager_a.patch(f"/api/organisations/{cast.org_a.pk}/", data, JSON)
    assert response.status_code == 400, response.content[:500]
    assert field in response.json(), response.json()
    assert org_row(cast.org_a.pk) == before


@pytest.mark.parametrize(
    "body", ['["not", "an", "object"]', "{not json", '"just a string"', "null", "42"]
)
def test_malformed_bodies_are_400(cast, clients, body):
    count = Organisation.objects.count()
    response = clients.manager_a.post("/api/organisations/", body, content_type=JSON)
    assert response.status_code == 400
    assert response["Content-Type"].startswith(JSON)
    patch = clients.manager_a.patch(f"/api/organisations/{cast.org_a.pk}/", body, JSON)
    assert patch.status_code == 400
    assert Organisation.objects.count() == count


# --- Contacts ---------------------------------------------------------------------------------

CONTACTS_VISIBLE = {
    "manager_a": ("contact_a",),
    "member_a": ("contact_a",),
    "manager_b": ("contact_b",),
    "coordinator": ("contact_a", "contact_b"),
}


@pytest.mark.parametrize("actor", sorted(CONTACTS_VISIBLE))
def test_contact_list_per_user(cast, clients, actor):
    response = getattr(clients, actor).get("/api/contacts/")
    assert ids_of(response) == {getattr(cast, c).pk for c in CONTACTS_VISIBLE[actor]}


def test_contact_list_of_other_manager_holds_nothing_of_org_a(cast, clients):
    response = clients.manager_b.get("/api/contacts/")
    rows = response.json()["results"]
    assert [r["organisation"] for r in rows] == [cast.org_b.pk]
    assert EMAIL_A not in response.content.decode()


def test_contacts_are_closed_to_visitors(cast, clients):
    assert clients.visitor.get("/api/contacts/").status_code in (401, 403)
    assert clients.visitor.get(f"/api/contacts/{cast.contact_a.pk}/").status_code in (401, 403)


def test_contact_export(cast, clients):
    url = f"/api/contacts/{cast.contact_a.pk}/export/"
    response = clients.manager_a.get(url)
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["email"], body["first_name"]) == (cast.contact_a.pk, EMAIL_A, "Anna")
    assert body["organisation"] == {"id": cast.org_a.pk, "name": "Alpha Design GmbH"}
    assert [c["purpose"] for c in body["consents"]] == ["network_contact"]
    other = clients.manager_b.get(url)
    assert other.status_code == 404
    assert EMAIL_A not in other.content.decode()


def test_contact_write_by_other_manager_is_refused(cast, clients):
    url = f"/api/contacts/{cast.contact_a.pk}/"
    count = Contact.objects.count()
    assert clients.manager_b.patch(url, {"first_name": "Mallory"}, JSON).status_code == 404
    assert clients.manager_b.post(f"{url}erase/").status_code == 404
    created = clients.manager_b.post(
        "/api/contacts/",
        {"organisation": cast.org_a.pk, "first_name": "Planted", "last_name": "Spy"},
        JSON,
    )
    assert created.status_code == 400
    assert "organisation" in created.json()
    contact = Contact.objects.get(pk=cast.contact_a.pk)
    assert (contact.first_name, contact.email, contact.erased_at) == ("Anna", EMAIL_A, None)
    assert Contact.objects.count() == count


def test_contact_cannot_move_to_another_organisation(cast, clients):
    url = f"/api/contacts/{cast.contact_a.pk}/"
    response = clients.coordinator.patch(url, {"organisation": cast.org_b.pk}, JSON)
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert Contact.objects.get(pk=cast.contact_a.pk).organisation_id == cast.org_a.pk


def test_contact_erase_anonymises_row_and_history(cast, clients):
    services.contact_update(actor=None, contact=cast.contact_a, data={"role": "CEO"})
    assert Contact.history.filter(id=cast.contact_a.pk).count() == 2
    response = clients.manager_a.post(f"/api/contacts/{cast.contact_a.pk}/erase/")
    assert response.status_code == 200
    body = response.json()
    assert (body["first_name"], body["email"], body["phone"]) == ("Erased", "", "")
    assert body["erased_at"] is not None
    contact = Contact.objects.get(pk=cast.contact_a.pk)
    assert (contact.first_name, contact.last_name, contact.email) == (
        "Erased",
        f"#{contact.pk}",
        "",
    )
    history = list(Contact.history.filter(id=contact.pk).values())
    assert len(history) == 2
    for row in history:
        assert EMAIL_A not in json.dumps(row, default=str)
        assert (row["first_name"], row["email"], row["phone"]) == ("Erased", "", "")
    export = clients.manager_a.get(f"/api/contacts/{contact.pk}/export/")
    text = export.content.decode()
    assert EMAIL_A not in text
    assert "Schmidt" not in text
    assert "membership form" not in text  # consent source cleared
    # An erased person cannot be filled in again.
    again = clients.manager_a.patch(f"/api/contacts/{contact.pk}/", {"email": EMAIL_A}, JSON)
    assert again.status_code == 400
    assert Contact.objects.get(pk=contact.pk).email == ""


def test_contacts_cannot_be_deleted(cast, clients):
    response = clients.coordinator.delete(f"/api/contacts/{cast.contact_a.pk}/")
    assert response.status_code == 405
    assert Contact.objects.filter(pk=cast.contact_a.pk).exists()


# --- Memberships ------------------------------------------------------------------------------


def _membership(cast, cluster, org) -> Membership:
    return Membership.objects.get(cluster=getattr(cast, cluster), organisation=getattr(cast, org))


def test_membership_list_is_own_clusters_only(cast, clients):
    expected_b = {
        _membership(cast, "cluster_b", "org_b").pk,
        _membership(cast, "cluster_b", "org_b_network").pk,
    }
    assert ids_of(clients.manager_b.get("/api/memberships/")) == expected_b
    expected_a = {
        _membership(cast, "cluster_a", "org_a").pk,
        _membership(cast, "cluster_a", "org_a_public").pk,
    }
    assert ids_of(clients.manager_a.get("/api/memberships/")) == expected_a
    assert ids_of(clients.member_a.get("/api/memberships/")) == set()
    assert clients.visitor.get("/api/memberships/").status_code in (401, 403)


def test_membership_of_other_cluster_cannot_be_read_or_changed(cast, clients):
    membership = _membership(cast, "cluster_a", "org_a")
    url = f"/api/memberships/{membership.pk}/"
    before = Membership.objects.filter(pk=membership.pk).values().get()
    history = Membership.history.count()
    assert clients.manager_b.get(url).status_code == 404
    assert clients.manager_b.patch(url, {"status": "left"}, JSON).status_code == 404
    put = clients.manager_b.put(
        url, {"cluster": "cluster-a", "organisation": cast.org_a.pk, "status": "left"}, JSON
    )
    assert put.status_code == 404
    assert clients.manager_b.delete(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).values().get() == before
    assert Membership.history.count() == history


def test_membership_cannot_be_created_in_other_cluster(cast, clients):
    count = Membership.objects.count()
    # An organisation Bob may see, into Alice's cluster: forbidden.
    response = clients.manager_b.post(
        "/api/memberships/", {"cluster": "cluster-a", "organisation": cast.org_b.pk}, JSON
    )
    assert response.status_code == 403
    # An organisation Bob may not even see: refused as unknown.
    response = clients.manager_b.post(
        "/api/memberships/", {"cluster": "cluster-b", "organisation": cast.org_a.pk}, JSON
    )
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert Membership.objects.count() == count
    assert not Membership.objects.filter(cluster=cast.cluster_a, organisation=cast.org_b).exists()


def test_membership_cannot_move_cluster(cast, clients):
    membership = _membership(cast, "cluster_a", "org_a")
    response = clients.coordinator.patch(
        f"/api/memberships/{membership.pk}/", {"cluster": "cluster-b"}, JSON
    )
    assert response.status_code == 400
    assert Membership.objects.get(pk=membership.pk).cluster_id == cast.cluster_a.pk


def test_membership_delete_ends_it_and_keeps_the_row(cast, clients):
    membership = _membership(cast, "cluster_a", "org_a")
    response = clients.manager_a.delete(f"/api/memberships/{membership.pk}/")
    assert response.status_code == 200
    assert response.json()["status"] == MembershipStatus.LEFT
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    assert membership.left == timezone.localdate()
    assert Membership.objects.filter(cluster=cast.cluster_a).count() == 2


def test_adding_another_clusters_organisation_does_not_open_its_contacts(cast, clients):
    secret = services.contact_create(
        actor=None,
        organisation=cast.org_a_public,
        data={"first_name": "Paula", "last_name": "Privat", "email": "paula@atelier.example"},
    )
    clients.manager_b.post(
        "/api/memberships/", {"cluster": "cluster-b", "organisation": cast.org_a_public.pk}, JSON
    )
    assert clients.manager_b.get(f"/api/contacts/{secret.pk}/").status_code == 404
    listed = clients.manager_b.get("/api/contacts/").content.decode()
    assert "paula@atelier.example" not in listed


# --- Services ---------------------------------------------------------------------------------


def test_service_list_is_own_cluster_only(cast, clients):
    assert ids_of(clients.manager_b.get("/api/services/")) == {cast.service_b.pk}
    assert ids_of(clients.manager_a.get("/api/services/")) == {cast.service_a.pk}
    assert clients.manager_b.get(f"/api/services/{cast.service_a.pk}/").status_code == 404
    assert clients.visitor.get("/api/services/").status_code in (401, 403)


def test_service_cannot_be_recorded_for_other_cluster(cast, clients):
    count = ServiceRecord.objects.count()
    response = clients.manager_b.post(
        "/api/services/",
        {
            "cluster": "cluster-a",
            "organisation": cast.org_a.pk,
            "kind": "advice",
            "date": "2026-01-20",
        },
        JSON,
    )
    assert response.status_code in (400, 403)  # org_a does not exist for Bob's caller
    response = clients.manager_b.post(
        "/api/services/",
        {
            "cluster": "cluster-b",
            "organisation": cast.org_a.pk,
            "kind": "advice",
            "date": "2026-01-20",
        },
        JSON,
    )
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert ServiceRecord.objects.count() == count


def test_shared_member_services_stay_with_their_cluster(cast, clients):
    services.membership_add(actor=None, cluster=cast.cluster_b, organisation=cast.org_a)
    assert ids_of(clients.manager_b.get("/api/services/")) == {cast.service_b.pk}
    assert clients.manager_b.get(f"/api/services/{cast.service_a.pk}/").status_code == 404


# --- Token authentication -------------------------------------------------------------------


def test_token_authentication(cast):
    token = Token.objects.create(user=cast.manager_a)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert ids_of(client.get("/api/contacts/")) == {cast.contact_a.pk}
    response = client.patch(f"/api/organisations/{cast.org_a.pk}/", {"city": "Ulm"}, JSON)
    assert response.status_code == 200
    org = Organisation.objects.get(pk=cast.org_a.pk)
    assert org.city == "Ulm"
    assert org.history.order_by("-history_date", "-pk").first().history_user_id == (
        cast.manager_a.pk
    )

    token_b = Token.objects.create(user=cast.manager_b)
    client_b = Client(HTTP_AUTHORIZATION=f"Token {token_b.key}")
    assert client_b.get(f"/api/organisations/{cast.org_a.pk}/").status_code == 404
    assert (
        client_b.patch(f"/api/organisations/{cast.org_a.pk}/", {"city": "X"}, JSON).status_code
        == 404
    )

    bad = Client(HTTP_AUTHORIZATION="Token " + "0" * 40)
    # DRF answers 403, not 401, because SessionAuthentication comes first (no WWW-Authenticate).
    assert bad.get("/api/contacts/").status_code in (401, 403)
    assert Organisation.objects.get(pk=cast.org_a.pk).city == "Ulm"


# --- Query counts stay flat as the data grows -----------------------------------------------


def _rich_org(cast, name: str) -> Organisation:
    return services.organisation_create(
        actor=None,
        cluster=cast.cluster_a,
        data={
            "name": name,
            "kind": OrganisationKind.SMALL,
            "visibility": Visibility.PUBLIC,
            "country": Country.objects.get(pk="DE"),
            "city": "Karlsruhe",
            "description": f"{name} profile",
            "sectors": list(NaceSector.objects.filter(version="2", code__in=["74.10", "13.20"])),
            "capabilities_offered": list(Capability.objects.order_by("code")[:2]),
            "capabilities_sought": list(Capability.objects.order_by("-code")[:2]),
            "languages": list(Language.objects.filter(code__in=["de", "en"])),
            "export_markets": list(Country.objects.filter(pk__in=["FR", "IT"])),
        },
    )


def _count_queries(client, url: str, expected_rows: int, key) -> int:
    cache.clear()  # both measurements start cold: the filter options are cached
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert key(response) == expected_rows
    return len(ctx.captured_queries)


def test_api_organisation_list_query_count_is_flat(cast, clients):
    _rich_org(cast, "Rich One GmbH")
    rows = Organisation.objects.count()

    def key(response):
        return len(response.json()["results"])

    small = _count_queries(clients.coordinator, "/api/organisations/", rows, key)
    for i in range(3):
        _rich_org(cast, f"Rich More {i} GmbH")
    large = _count_queries(clients.coordinator, "/api/organisations/", rows + 3, key)
    assert large == small


def test_directory_page_query_count_is_flat(cast, clients):
    _rich_org(cast, "Rich One GmbH")
    rows = Organisation.objects.count()

    def key(response):
        return len(response.context["organisations"])

    small = _count_queries(clients.coordinator, "/directory/", rows, key)
    for i in range(3):
        _rich_org(cast, f"Rich More {i} GmbH")
    large = _count_queries(clients.coordinator, "/directory/", rows + 3, key)
    assert large == small


# --- Cluster profiles and letters of support -------------------------------------------------


def test_cluster_profile_patch_by_its_manager_goes_through_the_service(cast, clients):
    response = clients.manager_a.patch(
        "/api/clusters/cluster-a/",
        {"description": "Design firms of the Stuttgart region", "sectors": ["74.10", "71.11"]},
        JSON,
    )
    assert response.status_code == 200, response.content[:500]
    assert response.json()["sectors"] == ["71.11", "74.10"]
    cast.cluster_a.refresh_from_db()
    assert cast.cluster_a.description == "Design firms of the Stuttgart region"
    assert sorted(cast.cluster_a.sectors.values_list("code", flat=True)) == ["71.11", "74.10"]
    last = cast.cluster_a.history.order_by("-history_date", "-pk").first()
    assert last.history_user_id == cast.manager_a.pk


def test_cluster_profile_write_by_others_is_refused(cast, clients):
    before = list(Cluster.objects.filter(pk=cast.cluster_a.pk).values())
    url = "/api/clusters/cluster-a/"
    assert clients.manager_b.patch(url, {"name": "Hacked"}, JSON).status_code == 404
    put = clients.manager_b.put(url, {"name": "Hacked", "kind": "creative", "country": "FR"}, JSON)
    assert put.status_code == 404
    assert clients.member_a.patch(url, {"name": "Hacked"}, JSON).status_code == 404
    assert clients.visitor.patch(url, {"name": "Hacked"}, JSON).status_code in (401, 403)
    assert list(Cluster.objects.filter(pk=cast.cluster_a.pk).values()) == before
    # …while the profile itself stays public.
    assert clients.visitor.get(url).json()["slug"] == "cluster-a"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sectors": ["99.99"]}, "sectors"),
        ({"founded_year": "abc"}, "founded_year"),
        ({"kind": "spaceship"}, "kind"),
        ({"country": "XX"}, "country"),
        ({"regions": ["ZZ999"]}, "regions"),
        ({"name": ""}, "name"),
        ({"website": "nope"}, "website"),
    ],
)
def test_invalid_cluster_patch_is_a_400(cast, clients, change, field):
    before = list(Cluster.objects.filter(pk=cast.cluster_a.pk).values())
    response = clients.manager_a.patch("/api/clusters/cluster-a/", change, JSON)
    assert response.status_code == 400, response.content[:500]
    assert field in response.json()
    assert list(Cluster.objects.filter(pk=cast.cluster_a.pk).values()) == before


def test_cluster_slug_is_read_only(cast, clients):
    response = clients.manager_a.patch("/api/clusters/cluster-a/", {"slug": "stolen"}, JSON)
    assert response.status_code == 200
    assert Cluster.objects.filter(slug="cluster-a").exists()
    assert not Cluster.objects.filter(slug="stolen").exists()


def test_letters_of_support_stay_private(cast, clients):
    letter = services.letter_of_support_create(
        actor=None, organisation=cast.org_a, date=dt.date(2026, 2, 2), commitment="Two designers"
    )
    assert ids_of(clients.manager_a.get("/api/letters-of-support/")) == {letter.pk}
    assert ids_of(clients.member_a.get("/api/letters-of-support/")) == {letter.pk}
    assert ids_of(clients.manager_b.get("/api/letters-of-support/")) == set()
    assert clients.manager_b.get(f"/api/letters-of-support/{letter.pk}/").status_code == 404
    assert clients.visitor.get("/api/letters-of-support/").status_code in (401, 403)
    count = LetterOfSupport.objects.count()
    planted = clients.manager_b.post(
        "/api/letters-of-support/",
        {"organisation": cast.org_a.pk, "date": "2026-02-03", "commitment": "planted"},
        JSON,
    )
    assert planted.status_code == 400
    assert "organisation" in planted.json()
    assert LetterOfSupport.objects.count() == count
    own = clients.manager_a.post(
        "/api/letters-of-support/",
        {"organisation": cast.org_a.pk, "date": "2026-02-03", "commitment": "A second one"},
        JSON,
    )
    assert own.status_code == 201
    assert LetterOfSupport.objects.count() == count + 1
