"""The network's figures on a small hand-built world (see conftest.py), worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterlab.core.errors import NotAllowed
from clusterlab.network import drawing, selectors

pytestmark = pytest.mark.django_db


def test_hand_built_world_preconditions(network):
    assert network.org_a.is_creative and network.org_a_public.is_creative
    assert not network.org_b.is_creative and not network.org_b_network.is_creative


def test_whole_network_figures(network):
    summary = selectors.network_summary(user=network.coordinator)
    # 4 memberships, 2 accepted introductions, 1 pilot pair, 1 held meeting.
    assert summary["total_ties"] == 8
    assert summary["organisation_ties"] == 4
    # Creative ↔ traditional: org_a–org_b introduction and the org_a–org_b_network pilot pair.
    assert (summary["cross_sectoral"], summary["cross_sectoral_share"]) == (2, 0.5)
    # DE ↔ FR: the same two ties; memberships are all domestic.
    assert (summary["cross_border"], summary["cross_border_share"]) == (2, 0.25)
    assert summary["ties_by_kind"] == {"membership": 4, "introduction": 2, "meeting": 1, "pilot": 1}
    assert summary["ties_by_year"] == [
        {"year": 2023, "total": 4, "organisation_ties": 0, "cross_sectoral": 0, "cross_border": 0},
        {"year": 2024, "total": 1, "organisation_ties": 1, "cross_sectoral": 0, "cross_border": 0},
        {"year": 2025, "total": 1, "organisation_ties": 1, "cross_sectoral": 1, "cross_border": 1},
        {"year": 2026, "total": 2, "organisation_ties": 2, "cross_sectoral": 1, "cross_border": 1},
    ]
    per_cluster = summary["per_cluster"]
    # A: org_a reaches org_b and org_b_network (other cluster, sector C, France);
    # org_a_public only reaches org_a (same cluster, sector M, Germany).
    assert {k: v for k, v in per_cluster[network.cluster_a.pk].items() if k != "name"} == {
        "slug": "cluster-a",
        "members": 2,
        "outside_cluster": 1,
        "outside_sector": 1,
        "outside_country": 1,
    }
    # B: both members reach org_a; their meeting with each other stays inside.
    assert {k: v for k, v in per_cluster[network.cluster_b.pk].items() if k != "name"} == {
        "slug": "cluster-b",
        "members": 2,
        "outside_cluster": 2,
        "outside_sector": 2,
        "outside_country": 2,
    }
    assert summary["betweenness"]["exact"] is True
    assert set(summary["communities"]["alignment"]) == {"clusters", "sectors", "countries"}


def test_cluster_scope_counts_the_ties_of_its_members(network):
    summary = selectors.network_summary(user=network.manager_a, cluster=network.cluster_a)
    # A's two memberships, both introductions and the pilot pair; not B's meeting.
    assert summary["total_ties"] == 5
    assert summary["organisation_ties"] == 3
    assert (summary["cross_sectoral"], summary["cross_border"]) == (2, 2)
    assert summary["cross_border_share"] == 0.4
    names = {b["name"] for b in summary["top_organisations"]}
    assert names <= {network.org_a.name, network.org_a_public.name}


def test_filters_by_kind_period_and_sector(network):
    only_introductions = selectors.network_summary(user=network.coordinator, kinds=["introduction"])
    assert only_introductions["total_ties"] == 2
    assert only_introductions["cross_sectoral_share"] == 0.5
    # Memberships stay the structure: B's members still count; only org_b reaches out.
    assert only_introductions["per_cluster"][network.cluster_b.pk]["members"] == 2
    assert only_introductions["per_cluster"][network.cluster_b.pk]["outside_cluster"] == 1
    recent = selectors.network_summary(user=network.coordinator, since=dt.date(2025, 1, 1))
    assert recent["total_ties"] == 3  # the 2025 introduction, the pilot pair, the meeting
    assert recent["per_cluster"][network.cluster_a.pk]["members"] == 2
    textiles = selectors.network_summary(user=network.coordinator, sector="c")
    # Ties touching a section C organisation: B's memberships, the A–B introduction,
    # the pilot pair and the meeting.
    assert textiles["total_ties"] == 5


def test_drill_down_lists_the_records_behind_a_figure(network):
    rows = selectors.ties(user=network.coordinator, figure="cross_sectoral")
    assert sorted((r["kind"], r["date"]) for r in rows) == [
        ("introduction", "2025-03-01"),
        ("pilot", "2026-01-01"),
    ]
    outside = selectors.ties(
        user=network.manager_b,
        cluster=network.cluster_b,
        figure="outside_cluster",
        member_of=network.cluster_b,
    )
    assert len(outside) == 2
    assert (
        selectors.ties(
            user=network.coordinator, figure="total", year=2023, kind="membership"
        ).__len__()
        == 4
    )


def test_other_clusters_members_are_named_by_their_cluster_only(network):
    rows = selectors.ties(user=network.manager_b, cluster=network.cluster_b, figure="total")
    text = repr(rows)
    assert network.org_a.name not in text
    assert "An organisation in Design Cluster A" in text
    assert network.org_b.name in text  # one's own members by name
    assert all(r["record"] is None for r in rows)


def test_scope_refusals(network):
    with pytest.raises(NotAllowed):
        selectors.network_summary(user=network.manager_b, cluster=network.cluster_a)
    with pytest.raises(NotAllowed):
        selectors.network_summary(user=network.manager_b)  # the whole network
    with pytest.raises(NotAllowed):
        selectors.network_summary(user=network.member_a, cluster=network.cluster_a)
    with pytest.raises(NotAllowed):
        drawing.network_graph(user=network.manager_b, expand=network.cluster_a)


def test_graph_aggregates_to_clusters_and_expands_on_request(network):
    graph = drawing.network_graph(user=network.coordinator)
    kinds = sorted(n["kind"] for n in graph["nodes"])
    assert kinds == ["cluster", "cluster"]
    # Ties between A's and B's organisations: the introduction and the pilot pair.
    assert [e["weight"] for e in graph["edges"]] == [2]
    expanded = drawing.network_graph(
        user=network.manager_a, cluster=network.cluster_a, expand=network.cluster_a
    )
    labels = {n["label"] for n in expanded["nodes"] if n["kind"] == "organisation"}
    assert labels == {network.org_a.name, network.org_a_public.name}
    assert sum(e["weight"] for e in expanded["edges"]) == 5  # memberships + 3 org ties


def test_the_report_is_cached_until_the_data_changes(network, django_assert_max_num_queries):
    selectors.network_summary(user=network.coordinator)
    with django_assert_max_num_queries(20):
        selectors.network_summary(user=network.coordinator)
    from clusterlab.matchmaking.models import Introduction

    Introduction.objects.filter(status="declined").update(status="accepted")
    assert selectors.network_summary(user=network.coordinator)["total_ties"] == 9
