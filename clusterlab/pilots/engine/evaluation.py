"""Effect estimates for one indicator of a pilot, with a 95% confidence interval.

With a comparison group the estimate is the difference-in-differences of the group means,
computed on participants measured at baseline and endline: DiD = mean(ΔT) − mean(ΔC), where
Δ = endline − baseline. Its confidence interval is Welch's t interval for the difference of
two means of the change scores (unequal variances, Welch–Satterthwaite degrees of freedom);
in a two-period design this equals the interaction term of the regression
value ~ group × period with participant fixed effects. Without a comparison group the
estimate is the mean paired change (before/after) with a one-sample t interval. Either way,
fewer than three complete participants in a group needed for the estimate gives no number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .assignment import COMPARISON, TREATMENT

MIN_PARTICIPANTS = 3
CONFIDENCE = 0.95


@dataclass(frozen=True)
class GroupSummary:
    group: str
    n_baseline: int
    n_endline: int
    n_complete: int  # measured at both
    baseline_mean: float | None
    endline_mean: float | None
    change_mean: float | None  # over complete participants


@dataclass(frozen=True)
class Evaluation:
    method: str  # "did" | "paired" | "insufficient"
    groups: tuple[GroupSummary, ...]
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    standardised: float | None  # estimate ÷ pooled baseline SD (Cohen's d style)
    n: int  # participants the estimate rests on
    n_missing_endline: int
    reading: str  # "likely_positive" | "likely_negative" | "unclear" | "too_few"


def _mean(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None


def _summary(group: str, ids: list[int], baseline, endline) -> tuple[GroupSummary, list[float]]:
    complete = [i for i in ids if i in baseline and i in endline]
    changes = [endline[i] - baseline[i] for i in complete]
    summary = GroupSummary(
        group=group,
        n_baseline=sum(1 for i in ids if i in baseline),
        n_endline=sum(1 for i in ids if i in endline),
        n_complete=len(complete),
        baseline_mean=_mean([baseline[i] for i in ids if i in baseline]),
        endline_mean=_mean([endline[i] for i in ids if i in endline]),
        change_mean=_mean(changes),
    )
    return summary, changes


def _reading(low: float, high: float, higher_is_better: bool) -> str:
    if low > 0 or high < 0:
        better = (low > 0) == higher_is_better
        return "likely_positive" if better else "likely_negative"
    return "unclear"


def _pooled_baseline_sd(baseline: Mapping[int, float]) -> float | None:
    values = list(baseline.values())
    if len(values) < 2:
        return None
    sd = float(np.std(values, ddof=1))
    return sd if sd > 0 else None


def _welch(a: list[float], b: list[float]) -> tuple[float, float, float, float | None]:
    """Return mean(a) − mean(b), the 95% Welch interval and the two-sided p-value."""
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    diff = float(np.mean(a) - np.mean(b))
    se = math.sqrt(va + vb)
    if se == 0:
        return diff, diff, diff, None
    # Welch–Satterthwaite; a group with no spread contributes no degrees of freedom term.
    df = (va + vb) ** 2 / sum(v**2 / (len(x) - 1) for v, x in ((va, a), (vb, b)) if v > 0)
    half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) * se
    return diff, diff - half, diff + half, float(2 * stats.t.sf(abs(diff) / se, df))


def _one_sample(changes: list[float]) -> tuple[float, float, float, float | None]:
    """Return the mean change, its 95% t interval and the two-sided p-value against zero."""
    mean = float(np.mean(changes))
    se = float(np.std(changes, ddof=1)) / math.sqrt(len(changes))
    if se == 0:
        return mean, mean, mean, None
    df = len(changes) - 1
    half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) * se
    return mean, mean - half, mean + half, float(2 * stats.t.sf(abs(mean) / se, df))


def evaluate(
    *,
    baseline: Mapping[int, float],
    endline: Mapping[int, float],
    groups: Mapping[int, str],
    higher_is_better: bool = True,
) -> Evaluation:
    """Estimate the pilot's effect on one indicator from baseline and endline values."""
    members = {
        name: sorted(i for i, g in groups.items() if g == name) for name in (TREATMENT, COMPARISON)
    }
    has_comparison = bool(members[COMPARISON])
    if not has_comparison:
        # No comparison group: everybody who took part counts as treated (before/after).
        members[TREATMENT] = sorted(groups)
    treated, changes_t = _summary(TREATMENT, members[TREATMENT], baseline, endline)
    summaries = [treated]
    missing = sum(1 for i in groups if i in baseline and i not in endline)
    if has_comparison:
        compared, changes_c = _summary(COMPARISON, members[COMPARISON], baseline, endline)
        summaries.append(compared)
        n = len(changes_t) + len(changes_c)
        if min(len(changes_t), len(changes_c)) < MIN_PARTICIPANTS:
            return _too_few(summaries, n, missing)
        estimate, low, high, p_value = _welch(changes_t, changes_c)
        method = "did"
    else:
        n = len(changes_t)
        if n < MIN_PARTICIPANTS:
            return _too_few(summaries, n, missing)
        estimate, low, high, p_value = _one_sample(changes_t)
        method = "paired"
    sd = _pooled_baseline_sd(baseline)
    return Evaluation(
        method=method,
        groups=tuple(summaries),
        estimate=estimate,
        ci_low=low,
        ci_high=high,
        p_value=p_value,
        standardised=estimate / sd if sd else None,
        n=n,
        n_missing_endline=missing,
        reading=_reading(low, high, higher_is_better),
    )


def _too_few(summaries, n: int, missing: int) -> Evaluation:
    return Evaluation(
        method="insufficient",
        groups=tuple(summaries),
        estimate=None,
        ci_low=None,
        ci_high=None,
        p_value=None,
        standardised=None,
        n=n,
        n_missing_endline=missing,
        reading="too_few",
    )
