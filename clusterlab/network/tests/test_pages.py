"""The network pages, exports, drawing and API: what each member of the cast gets."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    ("network:home", ""),
    ("network:ties", "figure=total"),
    ("network:ties-csv", "figure=total"),
    ("network:ties-xlsx", "figure=total"),
    ("network:export-csv", ""),
    ("network:export-xlsx", ""),
    ("network:graph", ""),
    ("network:graph", "expand=cluster-b"),
]
API = [
    ("network-summary", ""),
    ("network-ties", "figure=total"),
    ("network-ties", "figure=outside_cluster&member_of=cluster-b"),
    ("network-graph", "expand=cluster-b"),
]


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(v)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    return body.decode("utf-8-sig")


def test_coordinator_sees_the_network_with_names(network, clients):
    response = clients.coordinator.get(reverse("network:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="network-view"' in html and "cytoscape.min.js" in html
    assert '<svg class="chart shares"' in html
    rows = clients.coordinator.get(reverse("network:ties") + "?figure=cross_sectoral")
    assert network.org_a.name in rows.content.decode()
    assert "2 ties" in rows.content.decode()


@pytest.mark.parametrize("route,query", PAGES)
def test_other_clusters_manager_never_sees_cluster_only_names(network, clients, route, query):
    response = clients.manager_b.get(f"{reverse(route)}?{query}")
    assert response.status_code == 200
    text = _text(response)
    assert network.org_a.name not in text
    assert network.org_b.name in text or route in (
        "network:graph",
        "network:export-csv",
        "network:export-xlsx",
        "network:home",
    )


@pytest.mark.parametrize("route,query", API)
def test_api_never_shows_another_clusters_cluster_only_names(network, clients, route, query):
    response = clients.manager_b.get(f"{reverse(route)}?cluster=cluster-b&{query}")
    assert response.status_code == 200, response.content
    assert network.org_a.name not in response.content.decode()


@pytest.mark.parametrize(
    "route,query",
    [
        ("network:home", "cluster=cluster-a"),
        ("network:ties", "figure=members&member_of=cluster-a"),
        ("network:ties-csv", "cluster=cluster-a"),
        ("network:export-xlsx", "cluster=cluster-a"),
        ("network:graph", "expand=cluster-a"),
        ("network:graph", "cluster=cluster-a"),
    ],
)
def test_another_clusters_scope_is_not_found(network, clients, route, query):
    response = clients.manager_b.get(f"{reverse(route)}?{query}")
    assert response.status_code == 404
    assert network.org_a.name not in response.content.decode()


@pytest.mark.parametrize(
    "route,query",
    [
        ("network-summary", "cluster=cluster-a"),
        ("network-summary", ""),
        ("network-ties", "figure=members&member_of=cluster-a&cluster=cluster-b"),
        ("network-graph", "cluster=cluster-b&expand=cluster-a"),
    ],
)
def test_api_refuses_another_clusters_scope(network, clients, route, query):
    response = clients.manager_b.get(f"{reverse(route)}?{query}")
    assert response.status_code in (403, 404)
    assert network.org_a.name not in response.content.decode()


@pytest.mark.parametrize("route,query", PAGES)
def test_visitor_and_member_are_refused(network, clients, route, query):
    visitor = clients.visitor.get(f"{reverse(route)}?{query}")
    assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
    member = clients.member_a.get(f"{reverse(route)}?{query}")
    assert member.status_code == 403


@pytest.mark.parametrize("route,query", API)
def test_api_refuses_visitors(network, clients, route, query):
    response = clients.visitor.get(f"{reverse(route)}?{query}")
    assert response.status_code in (401, 403)


def test_own_manager_sees_own_members_by_name_and_drills_into_cluster_figures(network, clients):
    page = clients.manager_a.get(reverse("network:home")).content.decode()
    assert "member_of=cluster-a" in page
    assert "member_of=cluster-b" not in page  # B's figures are shown, not opened
    rows = clients.manager_a.get(
        reverse("network:ties") + "?figure=outside_cluster&member_of=cluster-a"
    ).content.decode()
    assert network.org_a.name in rows
    assert network.org_b.name not in rows  # cluster-only member of B: by its cluster only
    assert "An organisation in Textile Cluster B" in rows


def test_exports_hold_every_figure(network, clients):
    csv = _text(clients.coordinator.get(reverse("network:export-csv")))
    for figure in ("total_ties", "cross_sectoral_share", "cross_border", "outside_country"):
        assert figure in csv
    xlsx = clients.coordinator.get(reverse("network:export-xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert len(book.sheetnames) == 6


def test_bad_filters_do_not_break_the_page(network, clients):
    for query in (
        "since=notadate",
        "until=2020-01-01&since=2021-01-01",
        "kind=nope",
        "year=x",
        "sector=ZZ",
        "cluster=%00",
    ):
        response = clients.coordinator.get(reverse("network:home") + "?" + query)
        assert response.status_code in (200, 400, 404)
    assert clients.coordinator.get(reverse("network:ties") + "?figure=nope").status_code == 404
    response = clients.coordinator.get(reverse("network-summary") + "?since=x")
    assert response.status_code == 400


def test_api_summary_matches_the_selector(network, clients):
    data = clients.coordinator.get(reverse("network-summary")).json()
    assert data["total_ties"] == 8 and data["cross_sectoral_share"] == 0.5
    ties = clients.coordinator.get(reverse("network-ties") + "?figure=cross_border").json()
    assert ties["count"] == 2
