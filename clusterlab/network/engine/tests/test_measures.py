"""The network engine against networkx and plain Python (the reference) on small graphs."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterlab.network.engine import (
    NetworkInput,
    TieKind,
    aggregate,
    analyse,
    baseline,
    generate_network,
    nmi,
)


@st.composite
def networks(draw, max_nodes: int = 12, max_ties: int = 30) -> NetworkInput:
    n = draw(st.integers(1, max_nodes))
    is_cluster = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    clusters = np.flatnonzero(is_cluster).tolist()
    home = [draw(st.sampled_from([-1, *clusters])) if not c else -1 for c in is_cluster]
    m = draw(st.integers(0, max_ties))
    ends = st.lists(st.integers(0, n - 1), min_size=m, max_size=m)
    return NetworkInput(
        n=n,
        is_cluster=is_cluster,
        creative=np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n))),
        sector=np.array(draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n)), np.int32),
        country=np.array(draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n)), np.int32),
        home_cluster=np.array(home, np.int32),
        src=np.array(draw(ends), np.int32),
        dst=np.array(draw(ends), np.int32),
        kind=np.array(draw(st.lists(st.integers(0, 3), min_size=m, max_size=m)), np.int8),
        year=np.array(draw(st.lists(st.integers(2020, 2023), min_size=m, max_size=m)), np.int16),
    )


@settings(max_examples=150, deadline=None)
@given(networks())
def test_tie_counts_and_shares_match_the_reference(inp):
    report = analyse(inp)
    expected = baseline.tie_figures(inp)
    totals = expected["totals"]
    assert report.ties == totals.get("total", 0)
    assert report.organisation_ties == totals.get("organisation_ties", 0)
    assert report.cross_sectoral == totals.get("cross_sectoral", 0)
    assert report.cross_border == totals.get("cross_border", 0)
    if report.organisation_ties:
        assert report.cross_sectoral_share == pytest.approx(
            report.cross_sectoral / report.organisation_ties
        )
    years = {
        y.year: {
            "total": y.total,
            "organisation_ties": y.organisation_ties,
            "cross_sectoral": y.cross_sectoral,
            "cross_border": y.cross_border,
        }
        for y in report.by_year
    }
    assert years == expected["years"]


@settings(max_examples=150, deadline=None)
@given(networks())
def test_per_cluster_counts_match_the_reference(inp):
    report = analyse(inp)
    figures = {
        c: (f.members, f.outside_cluster, f.outside_sector, f.outside_country)
        for c, f in report.per_cluster.items()
    }
    assert figures == baseline.per_cluster(inp)


@settings(max_examples=100, deadline=None)
@given(networks())
def test_exact_betweenness_matches_networkx(inp):
    report = analyse(inp)
    assert report.betweenness_exact
    expected = baseline.betweenness(baseline.simple_graph(inp), None)
    np.testing.assert_allclose(report.betweenness, expected, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(networks(max_nodes=14), st.integers(1, 5), st.integers(0, 10))
def test_sampled_betweenness_matches_networkx_on_the_same_sources(inp, k, seed):
    report = analyse(inp, betweenness_sources=k, seed=seed)
    if k >= inp.n:
        assert report.betweenness_exact
        return
    assert not report.betweenness_exact and report.betweenness_sources == k
    sources = np.sort(np.random.default_rng(seed).choice(inp.n, size=k, replace=False))
    expected = baseline.betweenness(baseline.simple_graph(inp), sources)
    np.testing.assert_allclose(report.betweenness, expected, atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(networks(), st.integers(0, 3))
def test_communities_are_a_partition_with_their_modularity(inp, seed):
    report = analyse(inp, seed=seed)
    membership = report.communities.membership
    assert len(membership) == inp.n
    graph = baseline.simple_graph(inp)
    groups: dict[int, set[int]] = {}
    for node, community in enumerate(membership.tolist()):
        groups.setdefault(community, set()).add(node)
    assert nx.community.is_partition(graph, list(groups.values()))
    if graph.number_of_edges():
        assert report.communities.modularity == pytest.approx(
            nx.community.modularity(graph, list(groups.values()), weight="weight"), abs=1e-9
        )
    assert report.communities.count == sum(1 for g in groups.values() if len(g) >= 2)
    tied = [i for i in range(inp.n) if not inp.is_cluster[i] and graph.degree(i) > 0]
    for name, labels in (("clusters", inp.home_cluster), ("countries", inp.country)):
        keep = [i for i in tied if labels[i] >= 0]
        expected = baseline.nmi([int(membership[i]) for i in keep], [int(labels[i]) for i in keep])
        assert report.communities.alignment[name] == pytest.approx(expected, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(networks(), st.data())
def test_aggregate_conserves_tie_weights(inp, data):
    groups = np.array(data.draw(st.lists(st.integers(-1, 3), min_size=inp.n, max_size=inp.n)))
    result = aggregate(inp, groups)
    kept = [
        (min(groups[s], groups[d]), max(groups[s], groups[d]))
        for s, d in zip(inp.src.tolist(), inp.dst.tolist(), strict=True)
        if groups[s] >= 0 and groups[d] >= 0
    ]
    assert int(result.weight.sum()) == len(kept)
    got = dict(
        zip(
            zip(result.src.tolist(), result.dst.tolist(), strict=True),
            result.weight.tolist(),
            strict=True,
        )
    )
    assert got == dict(Counter(kept))
    assert dict(zip(result.groups.tolist(), result.sizes.tolist(), strict=True)) == dict(
        Counter(g for g in groups.tolist() if g >= 0)
    )


def test_nmi_of_identical_and_independent_labelings():
    assert nmi(np.array([0, 0, 1, 1]), np.array([5, 5, 7, 7])) == pytest.approx(1.0)
    assert nmi(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])) == pytest.approx(0.0)


def _hand_built() -> NetworkInput:
    """Cluster 0 (members 2, 3) and cluster 1 (member 4); 2 creative, 3 and 4 traditional.

    Ties: three memberships (2019); 2–3 introduction (2020, same cluster, same country,
    cross-sectoral); 2–4 meeting (2021, other cluster, other country, cross-sectoral);
    3–4 pilot (2021, other cluster, other country, same sector group, not cross-sectoral).
    """
    return NetworkInput(
        n=5,
        is_cluster=np.array([True, True, False, False, False]),
        creative=np.array([True, False, True, False, False]),
        sector=np.array([0, 1, 0, 1, 1], np.int32),
        country=np.array([0, 1, 0, 0, 1], np.int32),
        home_cluster=np.array([-1, -1, 0, 0, 1], np.int32),
        src=np.array([2, 3, 4, 2, 2, 3], np.int32),
        dst=np.array([0, 0, 1, 3, 4, 4], np.int32),
        kind=np.array([0, 0, 0, 1, 2, 3], np.int8),
        year=np.array([2019, 2019, 2019, 2020, 2021, 2021], np.int16),
    )


def test_hand_built_network():
    report = analyse(_hand_built())
    assert (report.ties, report.organisation_ties) == (6, 3)
    assert (report.cross_sectoral, report.cross_sectoral_share) == (2, pytest.approx(2 / 3))
    # Cross-border: 4 (country 1) – 2 and 3 (country 0); membership 4–cluster 1 is domestic.
    assert (report.cross_border, report.cross_border_share) == (2, pytest.approx(2 / 6))
    assert [(y.year, y.total, y.cross_sectoral, y.cross_border) for y in report.by_year] == [
        (2019, 3, 0, 0),
        (2020, 1, 1, 0),
        (2021, 2, 1, 2),
    ]
    # Cluster 0: 2 and 3 both reach 4 (outside); 2 reaches 3 (sector 1) and 4 (sector 1);
    # 3 reaches 2 (sector 0); both reach 4 in country 1.
    assert report.per_cluster[0].__dict__ == {
        "members": 2,
        "outside_cluster": 2,
        "outside_sector": 2,
        "outside_country": 2,
    }
    assert report.per_cluster[1].__dict__ == {
        "members": 1,
        "outside_cluster": 1,
        "outside_sector": 1,
        "outside_country": 1,
    }
    assert report.ties_by_kind == {
        TieKind.MEMBERSHIP: 3,
        TieKind.INTRODUCTION: 1,
        TieKind.MEETING: 1,
        TieKind.PILOT: 1,
    }
    # Node 4: ties to cluster 1 (sector 1, country 1), 2 (sector 0, country 0), 3 (1, 0).
    assert report.bridging_sector[4] == pytest.approx(1 / 3)
    assert report.bridging_country[4] == pytest.approx(2 / 3)
    assert report.betweenness_exact


def test_analyse_is_deterministic_for_a_seed():
    inp = generate_network(800, 5000, 8, seed=3)
    first = analyse(inp, betweenness_sources=50, seed=7)
    second = analyse(inp, betweenness_sources=50, seed=7)
    np.testing.assert_array_equal(first.communities.membership, second.communities.membership)
    np.testing.assert_array_equal(first.betweenness, second.betweenness)
    assert first.top_organisations == second.top_organisations


def test_generated_network_has_the_asked_size_and_no_self_ties():
    inp = generate_network(500, 3000, 5, seed=1)
    assert (inp.n, inp.m) == (505, 3000)
    assert not np.any(inp.src == inp.dst)
    assert int(inp.is_cluster.sum()) == 5
    membership = inp.kind == TieKind.MEMBERSHIP
    assert np.all(inp.is_cluster[inp.dst[membership]])
    again = generate_network(500, 3000, 5, seed=1)
    np.testing.assert_array_equal(inp.dst, again.dst)


def test_baseline_agrees_on_a_generated_network():
    inp = generate_network(300, 1500, 4, seed=2)
    report = analyse(inp, betweenness_sources=20, seed=1)
    sources = np.sort(np.random.default_rng(1).choice(inp.n, size=20, replace=False))
    reference = baseline.analyse_networkx(inp, sources=sources, seed=1)
    np.testing.assert_allclose(report.betweenness, reference["betweenness"], atol=1e-6)
    assert {
        c: (f.members, f.outside_cluster, f.outside_sector, f.outside_country)
        for c, f in report.per_cluster.items()
    } == reference["per_cluster"]
    assert report.cross_border == reference["ties"]["totals"]["cross_border"]
