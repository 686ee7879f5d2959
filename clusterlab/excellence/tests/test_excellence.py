"""Self-assessments: computed indicators on hand-built data, answers, pages, PDF, API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.excellence import demo, evidence, selectors, services
from clusterlab.excellence.models import Assessment, AssessmentAnswer
from clusterlab.registry import services as registry_services
from clusterlab.registry.enums import MembershipStatus, OrganisationKind
from clusterlab.registry.models import Membership
from conftest import make_org

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def network(cast):
    """Cluster A: Alpha (member since 2020), Atelier (left last month), Gamma (new, research)."""
    cast.cluster_a.regions.set(["DE11"])
    Membership.objects.filter(cluster=cast.cluster_a, organisation=cast.org_a).update(
        joined=dt.date(2020, 1, 1)
    )
    Membership.objects.filter(cluster=cast.cluster_a, organisation=cast.org_a_public).update(
        joined=dt.date(2020, 1, 1), left=dt.date(2026, 5, 1), status=MembershipStatus.LEFT
    )
    gamma = make_org("Gamma Institut", cluster=cast.cluster_a, kind=OrganisationKind.RESEARCH)
    Membership.objects.filter(cluster=cast.cluster_a, organisation=gamma).update(
        joined=dt.date(2026, 5, 20)
    )
    # Outside the 12 months: must not count.
    registry_services.service_record(
        actor=None,
        cluster=cast.cluster_a,
        organisation=gamma,
        kind="training",
        date=dt.date(2025, 5, 1),
    )
    cast.gamma = gamma
    return cast


def _cluster_values(cluster_id: int) -> dict:
    values = evidence.network_values(today=TODAY)
    return {code: by_cluster.get(cluster_id) for code, by_cluster in values.items()}


def test_computed_indicators_on_hand_built_data(network):
    a = _cluster_values(network.cluster_a.pk)
    assert a["members_active"] == 2  # Alpha and Gamma
    assert a["sme_share"] == 50.0  # Alpha is micro, Gamma research
    assert a["research_members"] == 1 and a["large_members"] == 0
    assert a["kind_mix"] == 2
    assert a["regional_concentration"] == 50.0  # Alpha in DE111, Gamma without region
    assert a["countries"] == 1
    assert a["retention_12m"] == 50.0  # Alpha stayed, Atelier left
    assert a["new_members_12m"] == 1
    assert a["services_12m"] == 1  # Alpha's advice of 2026-01-15; Gamma's is too old
    assert a["service_uptake"] == 50.0
    assert a["service_kinds"] == 1
    assert a["managers_on_platform"] == 1
    assert a["pilots_led"] == 0 and a["events_12m"] == 0
    b = _cluster_values(network.cluster_b.pk)
    assert (b["members_active"], b["regional_concentration"]) == (2, None)


def test_median_needs_enough_clusters_to_hide_each_one():
    assert evidence.median({1: 50.0, 2: 100.0, 3: None}) is None
    assert evidence.median({n: float(n) for n in range(1, 5)}) is None
    assert evidence.median({n: float(n) for n in range(1, 6)}) == 3.0
    assert evidence.median({n: float(n) for n in range(1, 7)}) == 3.5


def test_report_shows_network_median_and_answers(network):
    assessment = services.assessment_create(actor=network.manager_a, cluster=network.cluster_a)
    services.assessment_answers_save(
        actor=network.manager_a,
        assessment=assessment,
        answers={"staff_fte": ("2,5", "two and a half"), "board_with_members": ("yes", "")},
    )
    report = selectors.assessment_report(assessment=assessment, user=network.manager_a, today=TODAY)
    rows = {r.indicator.code: r for area in report.areas for r in area.rows}
    # Two clusters: a median (their mean) would give away cluster B's figures.
    assert (rows["members_active"].value, rows["members_active"].median) == (2, None)
    assert (rows["sme_share"].value, rows["sme_share"].median) == (50.0, None)
    assert rows["sme_share"].compared == ""
    assert rows["members_active"].evidence_url == "/workspace/cluster-a/"
    assert (rows["staff_fte"].value, rows["staff_fte"].comment) == ("2.5", "two and a half")
    # The network app answers for the cluster's manager: cooperation figures are percentages.
    assert report.with_network is True
    linked = rows["members_linked_outside_cluster"].value
    assert linked is None or 0 <= linked <= 100
    assert [a.code for a in report.areas] == [
        "structure",
        "governance",
        "financing",
        "strategy",
        "interaction",
        "achievements",
    ]


def test_answers_are_checked_and_permissions_enforced(cast):
    assessment = services.assessment_create(actor=cast.manager_a, cluster=cast.cluster_a)
    with pytest.raises(DomainError) as caught:
        services.assessment_answers_save(
            actor=cast.manager_a, assessment=assessment, answers={"staff_fte": ("many", "")}
        )
    assert caught.value.field == "value_staff_fte"
    with pytest.raises(DomainError):
        services.assessment_answers_save(
            actor=cast.manager_a, assessment=assessment, answers={"members_active": ("9", "")}
        )
    with pytest.raises(NotAllowed):
        services.assessment_answers_save(
            actor=cast.manager_b, assessment=assessment, answers={"staff_fte": ("1", "")}
        )
    with pytest.raises(NotAllowed):
        services.assessment_create(actor=cast.manager_b, cluster=cast.cluster_a)
    assert AssessmentAnswer.objects.count() == 0
    assert list(Assessment.objects.visible_to(cast.manager_b)) == []
    assert list(Assessment.objects.visible_to(cast.coordinator)) == [assessment]


def test_pages_new_answers_and_pdf(clients, cast):
    response = clients.manager_a.post(
        reverse("excellence:assessment-new"), {"cluster": "cluster-a", "title": "2026"}
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == assessment.get_absolute_url()
    url = assessment.get_absolute_url()
    page = clients.manager_a.get(url)
    assert page.status_code == 200 and 'data-indicator="members_active"' in page.content.decode()
    response = clients.manager_a.post(
        url, {"value_staff_fte": "3", "comment_staff_fte": "core team", "completed": "on"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "completed"
    assert AssessmentAnswer.objects.get(indicator="staff_fte").comment == "core team"
    pdf = clients.manager_a.get(reverse("excellence:assessment-pdf", args=[assessment.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    # Another cluster's manager can neither start one for cluster A nor see this one.
    refused = clients.manager_b.post(reverse("excellence:assessment-new"), {"cluster": "cluster-a"})
    assert refused.status_code == 200 and Assessment.objects.count() == 1
    assert clients.manager_b.get(url).status_code == 404
    assert clients.member_a.get(reverse("excellence:home")).status_code == 404


def test_api(clients, cast):
    created = clients.manager_a.post(
        "/api/excellence-assessments/", {"cluster": "cluster-a", "title": "API"}, "application/json"
    )
    assert created.status_code == 201, created.content.decode()
    pk = created.json()["id"]
    answered = clients.manager_a.post(
        f"/api/excellence-assessments/{pk}/answers/",
        {"answers": [{"indicator": "working_groups", "value": "4"}], "status": "completed"},
        "application/json",
    )
    assert answered.status_code == 200 and answered.json()["status"] == "completed"
    detail = clients.manager_a.get(f"/api/excellence-assessments/{pk}/").json()
    rows = {r["code"]: r for r in detail["indicators"]}
    assert rows["working_groups"]["value"] == "4" and rows["members_active"]["value"] == "2"
    refused = clients.manager_b.post(
        "/api/excellence-assessments/", {"cluster": "cluster-a"}, "application/json"
    )
    assert refused.status_code == 403
    assert clients.manager_b.get("/api/excellence-assessments/").json()["results"] == []
    assert clients.manager_b.get(f"/api/excellence-assessments/{pk}/").status_code == 404


def test_demo_assessments(cast):
    made = demo.extend_demo(seed=2)
    assert made == Assessment.objects.count() + AssessmentAnswer.objects.count()
    assert Assessment.objects.count() == 2
    assert Assessment.objects.filter(status="completed").count() == 1
