"""The mapping formulas against hand-computed cases, and their properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterlab.mapping.engine import cluster_figures, top_decile
from clusterlab.mapping.engine.projection import fit_viewport, in_extent, laea, ring_path

# Three regions × two sectors; group 0 = sector 0, group 1 = half of sector 1.
EMPLOYMENT = np.array([[30.0, 70.0], [10.0, 90.0], [60.0, 40.0]])
WEIGHTS = np.array([[1.0, 0.0], [0.0, 0.5]])


def test_hand_computed_location_quotients_shares_and_focus():
    f = cluster_figures(EMPLOYMENT, WEIGHTS)
    # E = 300; group 0: E_i = 100, so E_i / E = 1/3.
    assert f.total == 300.0
    assert f.employment[:, 0].tolist() == [30.0, 10.0, 60.0]
    assert f.region_total.tolist() == [100.0, 100.0, 100.0]
    assert f.group_total.tolist() == [100.0, 100.0]  # group 1: (70 + 90 + 40) / 2
    # LQ_r0 = (30/100) / (100/300) = 0.9; (10/100)/(1/3) = 0.3; (60/100)/(1/3) = 1.8
    assert f.lq[:, 0] == pytest.approx([0.9, 0.3, 1.8])
    # Group 1: focus 0.35, 0.45, 0.20 over 1/3.
    assert f.lq[:, 1] == pytest.approx([1.05, 1.35, 0.6])
    assert f.share[:, 0] == pytest.approx([0.3, 0.1, 0.6])
    assert f.focus[:, 1] == pytest.approx([0.35, 0.45, 0.2])


def test_hand_computed_stars():
    # Ten regions: the top 10% is one region. Region 0 is big and specialised.
    employment = np.array([[500.0, 100.0]] + [[20.0, 980.0]] * 8 + [[10.0, 40.0]])
    f = cluster_figures(employment, np.array([[1.0], [0.0]]))
    # E_i = 500 + 160 + 10 = 670; E = 600 + 8000 + 50 = 8650.
    assert f.lq[0, 0] == pytest.approx((500 / 600) / (670 / 8650))
    assert f.size_star[:, 0].tolist() == [True] + [False] * 9
    assert f.specialisation_star[:, 0].tolist() == [True] + [False] * 8 + [True]
    # Focus: 0.833 (region 0), 0.02 (×8), 0.2 (region 9): only region 0 is in the top 10%.
    assert f.focus_star[:, 0].tolist() == [True] + [False] * 9
    assert f.stars[:, 0].tolist() == [3] + [0] * 8 + [1]


def test_top_decile_shares_ties_and_ignores_zero():
    assert top_decile(np.array([5.0, 5.0, 1.0, 0.0])).tolist() == [True, True, False, False]
    assert top_decile(np.zeros(5)).tolist() == [False] * 5
    # Twenty regions: the two largest.
    values = np.arange(20, dtype=float)
    assert np.flatnonzero(top_decile(values)).tolist() == [18, 19]


def test_empty_group_and_region_give_nan_not_errors():
    f = cluster_figures(np.array([[0.0, 0.0], [5.0, 5.0]]), np.array([[1.0, 0.0], [0.0, 0.0]]))
    assert np.isnan(f.lq[0, 0]) and np.isnan(f.lq[1, 1])
    assert f.lq[1, 0] == pytest.approx(1.0)
    # Region 1 alone has the group: top in size and in focus, LQ 1 → two stars.
    assert f.stars.tolist() == [[0, 0], [2, 0]]


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        cluster_figures(np.ones((2, 3)), np.ones((2, 1)))
    with pytest.raises(ValueError):
        cluster_figures(np.ones((2, 2)), np.full((2, 1), 2.0))


employment_arrays = st.integers(1, 12).flatmap(
    lambda regions: st.integers(1, 6).flatmap(
        lambda sectors: arrays(
            np.float64, (regions, sectors), elements=st.floats(0, 1e6, allow_nan=False)
        )
    )
)


@settings(max_examples=60, deadline=None)
@given(employment_arrays)
def test_whole_economy_has_lq_one_and_shares_sum_to_one(employment):
    sectors = employment.shape[1]
    whole = np.ones((sectors, 1))
    f = cluster_figures(employment, whole)
    populated = f.region_total > 0
    if f.total > 0:
        assert np.allclose(f.lq[populated, 0], 1.0)
        assert np.nansum(f.share[:, 0]) == pytest.approx(1.0)
    assert f.specialisation_star[:, 0].sum() == 0


@settings(max_examples=60, deadline=None)
@given(employment_arrays)
def test_groups_partitioning_sectors_have_focus_summing_to_one(employment):
    f = cluster_figures(employment, np.eye(employment.shape[1]))
    populated = f.region_total > 0
    assert np.allclose(np.nansum(f.focus[populated], axis=1), 1.0)
    # Employment-weighted mean LQ of a region's groups is 1: sum_i focus_ri / LQ_ri… via totals.
    assert np.allclose(f.employment.sum(axis=1), f.region_total)
    assert (f.stars >= 0).all() and (f.stars <= 3).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 1e9, allow_nan=False), min_size=1, max_size=40))
def test_top_decile_holds_at_most_a_tenth_plus_ties(values):
    values = np.array(values)
    marked = top_decile(values)
    for index in np.flatnonzero(marked):
        assert (values > values[index]).sum() < 0.1 * len(values)


def test_projection_centre_and_path():
    x, y = laea(np.array([10.0]), np.array([52.0]))
    assert (x[0], y[0]) == pytest.approx((0.0, 0.0))
    square = [(9.0, 51.0), (11.0, 51.0), (11.0, 53.0), (9.0, 53.0), (9.0, 51.0)]
    viewport = fit_viewport([square], width=100)
    path = ring_path(viewport, square)
    assert path.startswith("M") and path.endswith("Z")
    assert in_extent(square) and not in_extent([(-60.0, 14.0), (-61.0, 15.0)])
