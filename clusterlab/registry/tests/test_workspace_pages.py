"""Workspace pages a manager uses every day: cluster profile, members, notes, letters."""

import pytest

from clusterlab.registry.models import Cluster, LetterOfSupport, Membership, Organisation

pytestmark = pytest.mark.django_db


def test_manager_edits_own_cluster_profile_and_not_another(cast, clients):
    form = {
        "name": "Design Cluster A",
        "kind": "creative",
        "country": "DE",
        "description": "Design firms of Stuttgart",
        "description_language": "en",
        "website": "design-a.example.org",
        "founded_year": "2004",
        "regions": ["DE11"],
    }
    response = clients.manager_a.post("/workspace/cluster-a/profile/", form)
    assert response.status_code == 302
    cluster = Cluster.objects.get(slug="cluster-a")
    assert cluster.website == "https://design-a.example.org"
    assert list(cluster.regions.values_list("code", flat=True)) == ["DE11"]
    assert (
        clients.manager_b.post(
            "/workspace/cluster-a/profile/", {**form, "name": "Taken"}
        ).status_code
        == 404
    )
    assert clients.visitor.get("/workspace/cluster-a/profile/").status_code == 302
    assert Cluster.objects.get(slug="cluster-a").name == "Design Cluster A"


def test_cluster_profile_errors_stay_next_to_the_field(cast, clients):
    response = clients.manager_a.post(
        "/workspace/cluster-a/profile/",
        {"name": "", "kind": "nonsense", "country": "DE", "description_language": "en"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "kind"}


def test_cluster_api_update_by_its_manager_only(cast, clients):
    body = '{"description": "Updated by API", "sectors": ["74.10", "71.11"]}'
    response = clients.manager_b.patch(
        "/api/clusters/cluster-a/", body, content_type="application/json"
    )
    assert response.status_code == 404
    response = clients.manager_a.patch(
        "/api/clusters/cluster-a/", body, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["sectors"] == ["71.11", "74.10"] or sorted(
        response.json()["sectors"]
    ) == ["71.11", "74.10"]
    assert Cluster.objects.get(slug="cluster-a").description == "Updated by API"
    assert clients.visitor.patch(
        "/api/clusters/cluster-a/", body, content_type="application/json"
    ).status_code in (401, 403)


def test_add_member_form_creates_organisation_and_membership(cast, clients):
    response = clients.manager_a.post(
        "/workspace/cluster-a/members/new/",
        {
            "name": "Zeta Films GmbH",
            "kind": "micro",
            "country": "DE",
            "region": "DE111",
            "city": "Stuttgart",
            "description_language": "de",
            "visibility": "public",
            "sectors": [],
            "membership_status": "prospect",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    org = Organisation.objects.get(name="Zeta Films GmbH")
    assert Membership.objects.get(organisation=org).status == "prospect"


def test_add_member_with_region_of_another_country_is_an_error_on_that_field(cast, clients):
    response = clients.manager_a.post(
        "/workspace/cluster-a/members/new/",
        {
            "name": "Eta GmbH",
            "kind": "micro",
            "country": "DE",
            "region": "FRE11",
            "description_language": "de",
            "visibility": "public",
            "membership_status": "active",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["region"]
    assert not Organisation.objects.filter(name="Eta GmbH").exists()


def test_letters_of_support_page_and_api(cast, clients):
    response = clients.member_a.post(
        f"/organisations/{cast.org_a.pk}/letters/new/",
        {"date": "2026-03-01", "commitment": "We host a study visit."},
    )
    assert response.status_code == 302
    assert LetterOfSupport.objects.get().commitment == "We host a study visit."
    assert clients.manager_b.get(f"/organisations/{cast.org_a.pk}/letters/new/").status_code == 404
    assert clients.manager_b.get("/api/letters-of-support/").json()["results"] == []
    response = clients.manager_b.post(
        "/api/letters-of-support/",
        {"organisation": cast.org_a.pk, "date": "2026-03-02", "commitment": "fake"},
    )
    assert response.status_code == 400
    assert LetterOfSupport.objects.count() == 1


def test_workspace_member_list_shows_own_cluster_only(cast, clients):
    response = clients.manager_a.get("/workspace/cluster-a/")
    names = [m.organisation.name for m in response.context["page"]]
    assert names == ["Alpha Design GmbH", "Atelier Public GmbH"]
    assert clients.manager_b.get("/workspace/cluster-a/").status_code == 404
    assert clients.member_a.get("/workspace/cluster-a/").status_code == 404


def _end_membership(cast):
    from clusterlab.registry import services

    membership = Membership.objects.get(cluster=cast.cluster_a, organisation=cast.org_a)
    services.membership_remove(actor=cast.manager_a, membership=membership)
    return membership


def test_former_members_leave_the_export_with_their_contacts(cast, clients):
    _end_membership(cast)
    body = clients.manager_a.get("/workspace/cluster-a/export.csv").content.decode("utf-8-sig")
    assert "Alpha Design GmbH" not in body
    assert "anna@alpha.example" not in body
    assert "Atelier Public GmbH" in body


def test_a_manager_cannot_reactivate_a_former_member_to_regain_access(cast, clients):
    membership = _end_membership(cast)
    response = clients.manager_a.patch(
        f"/api/memberships/{membership.pk}/",
        '{"status": "active"}',
        content_type="application/json",
    )
    assert response.status_code == 403
    response = clients.manager_a.post(
        f"/workspace/cluster-a/memberships/{membership.pk}/",
        {"status": "active", "joined": "2020-01-01", "left": ""},
    )
    assert response.status_code == 200  # the form shows the refusal
    membership.refresh_from_db()
    assert membership.status == "left"
    assert clients.manager_a.get(f"/contacts/{cast.contact_a.pk}/export/").status_code == 404
    # the coordinator may bring it back
    response = clients.coordinator.patch(
        f"/api/memberships/{membership.pk}/",
        '{"status": "active"}',
        content_type="application/json",
    )
    assert response.status_code == 200


def test_letters_of_one_cluster_are_not_shown_to_another(cast, clients):
    from clusterlab.registry import services

    services.membership_add(actor=None, cluster=cast.cluster_b, organisation=cast.org_a)
    services.letter_of_support_create(
        actor=cast.manager_a,
        organisation=cast.org_a,
        date=__import__("datetime").date(2026, 3, 1),
        commitment="Only for cluster A",
    )
    assert LetterOfSupport.objects.get().cluster == cast.cluster_a
    page = clients.manager_b.get(f"/organisations/{cast.org_a.pk}/").content.decode()
    assert "Only for cluster A" not in page
    assert clients.manager_b.get("/api/letters-of-support/").json()["results"] == []
    assert (
        "Only for cluster A"
        in clients.member_a.get(f"/organisations/{cast.org_a.pk}/").content.decode()
    )


def test_prospects_are_not_published_as_members(cast, clients):
    membership = Membership.objects.get(cluster=cast.cluster_a, organisation=cast.org_a_public)
    membership.status = "prospect"
    membership.save()
    page = clients.visitor.get(f"/organisations/{cast.org_a_public.pk}/").content.decode()
    assert "Design Cluster A" not in page
    assert (
        clients.visitor.get(f"/api/organisations/{cast.org_a_public.pk}/").json()["clusters"] == []
    )
    cluster_page = clients.visitor.get("/clusters/cluster-a/")
    assert [m.organisation.name for m in cluster_page.context["page"]] == []
    workspace = clients.manager_a.get("/workspace/cluster-a/?status=prospect")
    assert [m.organisation.name for m in workspace.context["page"]] == ["Atelier Public GmbH"]
