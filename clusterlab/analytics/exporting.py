"""Every figure of the dashboards as a table, written to CSV or XLSX (numbers stay numbers)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from clusterlab.registry import tabular
from clusterlab.registry.tabular import neutralise

from . import reach, selectors
from .enums import Split
from .scope import Period, Scope

FIGURES = ("targets", "reach", "trend", "clusters", *(f"split-{s}" for s in Split.values))


def _cell(value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | dt.date) or value is None:
        return value
    return neutralise(value)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """Return UTF-8 CSV (with a BOM for Excel); text cells cannot start a formula, numbers
    stay numbers (the registry's member export writes every cell as guarded text)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence], *, sheet: str) -> bytes:
    """Return a one-sheet workbook; numbers and dates typed, text neutralised."""
    return tabular.write_workbook([(sheet, headers, ([_cell(v) for v in row] for row in rows))])


def figure_table(
    figure: str, *, user, scope: Scope, period: Period, filters: reach.ReachFilters
) -> tuple[list[str], list[list]]:
    """Return the header and rows of one dashboard figure (callers check the scope)."""
    if figure == "targets":
        return _targets(user, scope)
    if figure == "reach":
        summary = reach.reach_summary(scope=scope, period=period, filters=filters, splits=())
        return [_("Figure"), _("Value")], [
            [_("Organisations reached"), summary.organisations],
            [_("Creative organisations reached"), summary.creative],
            [_("Services delivered"), summary.services],
            [_("Period start"), period.start],
            [_("Period end"), period.end],
        ]
    if figure == "trend":
        trend = reach.reach_trend(scope=scope, period=period, filters=filters)
        headers = [
            _("Quarter") if filters.by_quarter else _("Month"),
            _("New"),
            _("Served"),
            _("Cumulative distinct"),
        ]
        return headers, [[p.label, p.new, p.active, p.cumulative] for p in trend]
    if figure == "clusters":
        return _clusters(scope, period, filters)
    split = figure.removeprefix("split-")
    summary = reach.reach_summary(scope=scope, period=period, filters=filters, splits=(split,))
    headers = [_("Value"), _("Label"), _("Organisations reached")]
    return headers, [[r.value, r.label, r.organisations] for r in summary.splits[split]]


def _targets(user, scope: Scope) -> tuple[list[str], list[list]]:
    headers = [
        _("Metric"),
        _("Scope"),
        _("Period start"),
        _("Period end"),
        _("Target"),
        _("Actual"),
        _("Progress (%)"),
        _("Projected at period end"),
    ]
    memo: dict = {}
    rows = []
    for target in selectors.target_list(user=user, scope=scope):
        p = selectors.target_progress(target=target, user=user, memo=memo)
        rows.append(
            [
                target.get_metric_display(),
                target.cluster.name if target.cluster else _("Network"),
                target.starts_on,
                target.ends_on,
                target.value,
                p.actual,
                p.percent,
                None if p.projected is None else round(p.projected),
            ]
        )
    return headers, rows


def _clusters(scope: Scope, period: Period, filters) -> tuple[list[str], list[list]]:
    if scope.cluster is not None:
        c = selectors.cluster_comparison(cluster=scope.cluster, period=period, filters=filters)
        headers = [_("Figure"), _("This cluster"), _("Median across clusters")]
        return headers, [
            [_("Organisations reached"), c.organisations, c.median_organisations],
            [_("Creative organisations reached"), c.creative, c.median_creative],
            [_("Services delivered"), c.services, c.median_services],
        ]
    rows = selectors.per_cluster_reach(period=period, filters=filters)
    headers = [
        _("Cluster"),
        _("Country"),
        _("Organisations reached"),
        _("Creative organisations reached"),
        _("Services delivered"),
    ]
    return headers, [
        [r["name"], r["country_id"], r["organisations"], r["creative"], r["services"]] for r in rows
    ]
