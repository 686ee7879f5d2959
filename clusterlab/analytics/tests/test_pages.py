"""Dashboards, drill-downs, exports and the API: who sees what (see also tests/isolation.py)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from clusterlab.analytics.models import Target

pytestmark = pytest.mark.django_db

YEAR = "start=2026-01-01&end=2026-12-31"


def test_visitor_is_sent_to_login_member_is_refused(log, clients):
    response = clients.visitor.get("/analytics/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert clients.member_a.get("/analytics/").status_code == 404
    assert clients.member_a.get("/analytics/clusters/cluster-a/").status_code == 404
    assert clients.visitor.get(f"/api/reach/?{YEAR}").status_code in (401, 403)


def test_manager_lands_on_own_cluster_and_never_sees_another(log, clients):
    response = clients.manager_a.get("/analytics/")
    assert response.status_code == 302 and response["Location"] == "/analytics/clusters/cluster-a/"
    assert clients.manager_b.get("/analytics/clusters/cluster-a/").status_code == 404
    for url in (
        f"/analytics/records/?cluster=cluster-a&{YEAR}",
        f"/analytics/records.csv?cluster=cluster-a&{YEAR}",
        f"/analytics/export/split-country.csv?cluster=cluster-a&{YEAR}",
        f"/api/reach/?cluster=cluster-a&{YEAR}",
        # The network's member lists are the coordinator's only.
        f"/analytics/records/?{YEAR}",
        f"/analytics/records.xlsx?{YEAR}",
        f"/analytics/export/clusters.csv?{YEAR}",
        f"/api/reach/?{YEAR}",
    ):
        assert clients.manager_b.get(url).status_code == 404, url


def test_cluster_dashboard_shows_network_only_as_aggregates(log, clients):
    response = clients.manager_b.get(f"/analytics/clusters/cluster-b/?{YEAR}")
    assert response.status_code == 200
    body = response.content.decode()
    comparison = response.context["comparison"]
    assert (comparison.organisations, comparison.median_organisations) == (2, 2.5)
    assert comparison.network_organisations == 4
    assert "Atelier Public GmbH" not in body and "Lambda Motors" not in body
    assert "per_cluster" not in response.context
    drill = clients.manager_b.get(f"/analytics/records/?cluster=cluster-b&{YEAR}")
    names = [row[0] for row in drill.context["rows"]]
    assert names == ["Alpha Design GmbH", "Bravo Textiles SAS"]


def test_coordinator_dashboard_and_drill_down(log, clients):
    response = clients.coordinator.get(f"/analytics/?{YEAR}")
    assert response.status_code == 200
    assert response.context["summary"].organisations == 4
    assert [r["organisations"] for r in response.context["per_cluster"]] == [3, 2]
    assert b"<svg" in response.content
    drill = clients.coordinator.get(f"/analytics/records/?{YEAR}&split=service&value=event")
    assert [row[0] for row in drill.context["rows"]] == [
        "Atelier Public GmbH",
        "Bravo Textiles SAS",
    ]
    services = clients.coordinator.get(f"/analytics/records/?{YEAR}&figure=services")
    assert services.context["page"].paginator.count == 6


def test_csv_and_xlsx_exports_hold_the_figures(log, clients):
    body = clients.coordinator.get(f"/analytics/export/split-country.csv?{YEAR}").content
    lines = body.decode("utf-8-sig").splitlines()
    assert lines == ["Value,Label,Organisations reached", "DE,Germany,3", "FR,France,1"]
    xlsx = clients.coordinator.get(f"/analytics/records.xlsx?{YEAR}&split=country&value=FR")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Organisation" and rows[1][0] == "Bravo Textiles SAS"
    assert rows[1][6] == 1  # services in the period: a number, not text
    trend = clients.manager_a.get(f"/analytics/export/trend.csv?cluster=cluster-a&{YEAR}")
    assert trend.content.decode("utf-8-sig").splitlines()[1] == "2026-01,1,1,1"
    url = f"/analytics/export/trend.csv?cluster=cluster-a&{YEAR}&by=quarter"
    quarters = clients.manager_a.get(url).content.decode("utf-8-sig").splitlines()
    assert quarters[:3] == [
        "Quarter,New,Served,Cumulative distinct",
        "2026-Q1,1,1,1",
        "2026-Q2,2,2,3",
    ]


def test_target_pages_set_edit_and_remove(log, clients):
    form = {
        "metric": "smes_reached",
        "value": "6",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }
    assert clients.manager_a.post("/analytics/targets/new/", form).status_code == 404
    response = clients.manager_a.post("/analytics/targets/new/?cluster=cluster-a", form)
    assert response.status_code == 302
    target = Target.objects.get()
    assert target.cluster == log.cluster_a
    again = clients.manager_a.post("/analytics/targets/new/?cluster=cluster-a", form)
    assert again.status_code == 200 and again.context["form"].errors
    edit = f"/analytics/targets/{target.pk}/edit/"
    assert clients.manager_b.post(edit, {**form, "value": "1"}).status_code == 404
    assert clients.manager_a.post(edit, {**form, "value": "8"}).status_code == 302
    target.refresh_from_db()
    assert target.value == 8
    page = clients.manager_a.get("/analytics/clusters/cluster-a/?start=2026-01-01&end=2026-12-31")
    progress = page.context["targets"][0]
    assert (progress.actual, progress.target.value) == (2, 8)  # Lambda is not an SME
    assert clients.manager_b.post(f"/analytics/targets/{target.pk}/delete/").status_code == 404
    assert clients.manager_a.post(f"/analytics/targets/{target.pk}/delete/").status_code == 302
    assert not Target.objects.exists()


def test_api_targets_and_reach(log, clients):
    body = {
        "metric": "pilot_actions",
        "value": 3,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }
    as_json = {"content_type": "application/json"}
    assert clients.manager_a.post("/api/targets/", body, **as_json).status_code == 403
    stolen = clients.manager_b.post("/api/targets/", {**body, "cluster": "cluster-a"}, **as_json)
    assert stolen.status_code == 404
    assert not Target.objects.exists()
    created = clients.manager_a.post("/api/targets/", {**body, "cluster": "cluster-a"}, **as_json)
    assert created.status_code == 201, created.content
    network = clients.coordinator.post("/api/targets/", body, **as_json)
    assert network.status_code == 201
    listed = clients.manager_b.get("/api/targets/").json()
    assert [t["cluster"] for t in listed["results"]] == [None]
    progress = clients.manager_a.get(f"/api/targets/{created.json()['id']}/progress/").json()
    assert progress["actual"] == 0
    reach = clients.manager_a.get(f"/api/reach/?cluster=cluster-a&{YEAR}").json()
    assert (reach["organisations"], reach["services"]) == (3, 4)
    assert reach["median_organisations"] == 2.5
    assert {r["value"]: r["organisations"] for r in reach["splits"]["country"]} == {"DE": 3}
    network_reach = clients.coordinator.get(f"/api/reach/?{YEAR}&sme_only=1").json()
    assert network_reach["organisations"] == 3
