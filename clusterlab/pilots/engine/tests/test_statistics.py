"""Assignment and effect estimates, checked by hand and against textbook formulas."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from clusterlab.pilots.engine import Unit, assign_random, evaluate

T, C = "treatment", "comparison"


def test_did_by_hand():
    # ΔT = 2, 4, 6 (mean 4, sd 2); ΔC = 1, 1, 1 (mean 1, sd 0) → DiD 3.
    baseline = {1: 10, 2: 10, 3: 10, 4: 5, 5: 6, 6: 7}
    endline = {1: 12, 2: 14, 3: 16, 4: 6, 5: 7, 6: 8}
    groups = {1: T, 2: T, 3: T, 4: C, 5: C, 6: C}
    result = evaluate(baseline=baseline, endline=endline, groups=groups)
    assert result.method == "did" and result.n == 6
    assert result.estimate == pytest.approx(3.0)
    # Welch: SE = sqrt(4/3 + 0/3) = 1.1547, df = 2, t(0.975, 2) = 4.302653
    half = 4.302653 * math.sqrt(4 / 3)
    assert (result.ci_low, result.ci_high) == (
        pytest.approx(3 - half, abs=1e-5),
        pytest.approx(3 + half, abs=1e-5),
    )
    assert result.reading == "unclear"  # the interval includes zero
    treated, compared = result.groups
    assert (treated.baseline_mean, treated.endline_mean, treated.change_mean) == (10, 14, 4)
    assert (compared.baseline_mean, compared.endline_mean, compared.change_mean) == (6, 7, 1)


def test_paired_by_hand_without_comparison_group():
    # Δ = 1, 2, 3: mean 2, sd 1, SE 1/sqrt(3), t(0.975, 2) = 4.302653
    result = evaluate(
        baseline={1: 0, 2: 0, 3: 0}, endline={1: 1, 2: 2, 3: 3}, groups={1: T, 2: T, 3: T}
    )
    half = 4.302653 / math.sqrt(3)
    assert result.method == "paired"
    assert result.estimate == pytest.approx(2.0)
    assert result.ci_low == pytest.approx(2 - half, abs=1e-5)
    assert result.ci_high == pytest.approx(2 + half, abs=1e-5)


def test_did_matches_welch_formula_on_known_data():
    rng = np.random.default_rng(7)
    base_t, base_c = rng.normal(50, 10, 40), rng.normal(50, 10, 35)
    end_t, end_c = base_t + rng.normal(6, 4, 40), base_c + rng.normal(1, 5, 35)
    baseline = {i: float(v) for i, v in enumerate(np.concatenate([base_t, base_c]))}
    endline = {i: float(v) for i, v in enumerate(np.concatenate([end_t, end_c]))}
    groups = {i: T if i < 40 else C for i in baseline}
    result = evaluate(baseline=baseline, endline=endline, groups=groups)
    dt, dc = end_t - base_t, end_c - base_c
    vt, vc = dt.var(ddof=1) / 40, dc.var(ddof=1) / 35
    df = (vt + vc) ** 2 / (vt**2 / 39 + vc**2 / 34)
    half = stats.t.ppf(0.975, df) * math.sqrt(vt + vc)
    estimate = dt.mean() - dc.mean()
    assert result.estimate == pytest.approx(estimate)
    assert result.ci_low == pytest.approx(estimate - half)
    assert result.ci_high == pytest.approx(estimate + half)
    assert result.reading == "likely_positive"
    assert result.standardised == pytest.approx(estimate / np.std(list(baseline.values()), ddof=1))


def test_did_and_paired_agree_with_scipy_on_random_data():
    rng = np.random.default_rng(11)
    dt, dc = rng.normal(3, 5, 25), rng.normal(0, 2, 30)
    baseline = dict.fromkeys(range(55), 0.0)
    endline = {i: float(v) for i, v in enumerate(np.concatenate([dt, dc]))}
    groups = {i: T if i < 25 else C for i in baseline}
    ours = evaluate(baseline=baseline, endline=endline, groups=groups)
    reference = stats.ttest_ind(dt, dc, equal_var=False)
    interval = reference.confidence_interval(0.95)
    assert (ours.ci_low, ours.ci_high) == (
        pytest.approx(interval.low),
        pytest.approx(interval.high),
    )
    assert ours.p_value == pytest.approx(reference.pvalue)
    paired = evaluate(baseline=baseline, endline=endline, groups=dict.fromkeys(range(25), T))
    one = stats.ttest_1samp(dt, 0.0)
    assert paired.ci_low == pytest.approx(one.confidence_interval(0.95).low)
    assert paired.p_value == pytest.approx(one.pvalue)


def test_lower_is_better_reads_a_drop_as_positive():
    baseline = {i: 10.0 + i % 3 for i in range(20)}
    endline = {i: v - 4 - (i % 2) for i, v in baseline.items()}
    result = evaluate(
        baseline=baseline,
        endline=endline,
        groups=dict.fromkeys(baseline, T),
        higher_is_better=False,
    )
    assert result.estimate < 0 and result.reading == "likely_positive"


def test_fewer_than_three_participants_gives_no_number():
    result = evaluate(baseline={1: 1, 2: 2}, endline={1: 3, 2: 5}, groups={1: T, 2: T})
    assert (result.method, result.estimate, result.ci_low, result.reading) == (
        "insufficient",
        None,
        None,
        "too_few",
    )


def test_missing_endline_answers_are_left_out_and_counted():
    baseline = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}
    endline = {1: 2, 2: 4, 3: 5}  # 4 and 5 did not answer at endline
    result = evaluate(baseline=baseline, endline=endline, groups=dict.fromkeys(baseline, T))
    assert result.n == 3 and result.n_missing_endline == 2
    assert result.estimate == pytest.approx((1 + 2 + 2) / 3)
    (treated,) = result.groups
    assert (treated.n_baseline, treated.n_endline, treated.n_complete) == (5, 3, 3)


def test_a_comparison_group_of_two_is_too_few():
    groups = {1: T, 2: T, 3: T, 4: C, 5: C}
    values = {i: float(i) for i in groups}
    result = evaluate(baseline=values, endline=values, groups=groups)
    assert result.reading == "too_few" and result.estimate is None


def test_identical_changes_give_a_point_interval():
    result = evaluate(
        baseline={1: 1, 2: 2, 3: 3}, endline={1: 2, 2: 3, 3: 4}, groups={1: T, 2: T, 3: T}
    )
    assert (result.estimate, result.ci_low, result.ci_high) == (1.0, 1.0, 1.0)
    assert result.reading == "likely_positive"


def test_random_assignment_is_reproducible_and_balanced_per_stratum():
    units = [Unit(i, f"{'CJ'[i % 2]}|{['micro', 'small', 'medium'][i % 3]}") for i in range(61)]
    first = assign_random(units, seed=42)
    assert first == assign_random(list(reversed(units)), seed=42)
    assert first != assign_random(units, seed=43)
    counts = Counter(first.values())
    assert abs(counts[T] - counts[C]) <= 1
    for stratum in {u.stratum for u in units}:
        inside = Counter(first[u.id] for u in units if u.stratum == stratum)
        assert abs(inside[T] - inside[C]) <= 1


@given(
    st.lists(st.sampled_from(["A|micro", "A|small", "B|micro", "C|large"]), max_size=40),
    st.integers(0, 10_000),
)
@settings(max_examples=60, deadline=None)
def test_assignment_properties(strata, seed):
    units = [Unit(i, s) for i, s in enumerate(strata)]
    groups = assign_random(units, seed=seed)
    assert set(groups) == {u.id for u in units}
    counts = Counter(groups.values())
    assert abs(counts[T] - counts[C]) <= 1
