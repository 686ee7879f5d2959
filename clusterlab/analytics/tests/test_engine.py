"""The pure arithmetic: projections, medians, progress."""

from __future__ import annotations

import statistics

from hypothesis import given
from hypothesis import strategies as st

from clusterlab.analytics.engine import median, progress_share, project_linear


def test_steady_pace_projects_exactly():
    points = [(30, 100), (60, 200), (90, 300)]
    assert project_linear(points, 365) == 300 + 100 / 30 * 275


def test_single_point_uses_the_pace_since_the_start():
    assert project_linear([(10, 50)], 100) == 500


def test_no_points_no_projection_and_past_end_is_the_last_value():
    assert project_linear([], 100) is None
    assert project_linear([(50, 7), (100, 9)], 100) == 9


cumulative = st.lists(st.integers(0, 1000), min_size=1, max_size=24).map(
    lambda steps: [(30 * (i + 1), sum(steps[: i + 1])) for i in range(len(steps))]
)


@given(cumulative, st.integers(0, 2000))
def test_projection_never_falls_below_what_is_reached(points, extra):
    projected = project_linear(points, points[-1][0] + extra)
    assert projected >= points[-1][1]


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=50))
def test_median_agrees_with_the_standard_library(values):
    assert median(values) == statistics.median(values)


def test_progress_share():
    assert progress_share(5, 10) == 0.5
    assert progress_share(None, 10) is None
    assert progress_share(3, 0) is None
