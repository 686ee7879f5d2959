"""The impact dashboards (network and cluster), their drill-downs and exports, and targets."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error
from clusterlab.registry.enums import ServiceKind, SizeBand
from clusterlab.registry.models import Country

from . import charts, exporting, metrics, permissions, reach, selectors, services
from .enums import Metric, Split
from .forms import TargetForm
from .scope import Period, Scope, period_from

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_analytics(request) -> None:
    if not permissions.can_use_analytics(request.user):
        raise Http404


def scope_from(request, slug: str | None) -> Scope:
    """The scope named by a cluster slug (the viewer must manage it), or the network."""
    if slug:
        return Scope(get_object_or_404(selectors.managed_clusters(user=request.user), slug=slug))
    if not permissions.can_view_network_records(request.user):
        raise Http404
    return Scope()


def period_of(request, scope: Scope) -> Period:
    return period_from(
        request.GET.get("start"), request.GET.get("end"), selectors.default_period(scope)
    )


def _query(scope: Scope, period: Period, filters: reach.ReachFilters, **extra) -> str:
    query = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    if scope.cluster:
        query["cluster"] = scope.slug
    query.update(filters.as_query())
    query.update({k: v for k, v in extra.items() if v not in (None, "")})
    return urlencode(query)


@login_required
def home(request):
    _require_analytics(request)
    if not permissions.can_view_network_records(request.user):
        cluster = selectors.managed_clusters(user=request.user).first()
        return redirect("analytics:cluster-dashboard", slug=cluster.slug)
    return _dashboard(request, Scope())


@login_required
def cluster_dashboard(request, slug: str):
    return _dashboard(request, scope_from(request, slug))


def _dashboard(request, scope: Scope):
    period = period_of(request, scope)
    filters = replace(reach.filters_from(request.GET), split="", value="")
    summary = reach.reach_summary(scope=scope, period=period, filters=filters)
    trend = reach.reach_trend(scope=scope, period=period, filters=filters)
    projected = selectors.projection(trend, period)
    memo: dict = {}
    targets = [
        selectors.target_progress(target=t, user=request.user, memo=memo)
        for t in selectors.target_list(user=request.user, scope=scope)
    ]
    line_target = _line_target(targets, period, filters)
    context = {
        "scope": scope,
        "period": period,
        "filters": filters,
        "summary": summary,
        "trend": trend,
        "projected": projected,
        "targets": targets,
        "query": _query(scope, period, filters),
        "split_rows": _split_rows(summary),
        "trend_chart": charts.cumulative_chart(
            months=[p.month for p in trend],
            cumulative=[p.cumulative for p in trend],
            labels=[p.label for p in trend],
            today=timezone.localdate(),
            target=line_target,
            projected=projected,
            label=_("Cumulative distinct organisations reached"),
        ),
        "line_target": line_target,
        "shares": selectors.network_shares(
            user=request.user, scope=scope, period=period, memo=memo
        ),
        "can_set_target": permissions.can_set_target(request.user, scope.cluster),
        "clusters": selectors.managed_clusters(user=request.user),
        "countries": Country.objects.order_by("name").values_list("code", "name"),
        "service_kinds": ServiceKind.choices,
        "sizes": SizeBand.choices,
    }
    if scope.cluster:
        # The network's progress as counts only: no drill-down into other clusters' members.
        context["network_targets"] = [
            selectors.target_progress(target=t, user=request.user, memo={})
            for t in selectors.target_list(user=request.user, scope=Scope())
        ]
        context["comparison"] = selectors.cluster_comparison(
            cluster=scope.cluster, period=period, filters=filters
        )
    else:
        context["per_cluster"] = selectors.per_cluster_reach(period=period, filters=filters)
    return render(request, "analytics/dashboard.html", context)


def _line_target(targets, period: Period, filters: reach.ReachFilters) -> int | None:
    """The reach target of exactly the period shown, drawn as a line on the trend chart."""
    metric = Metric.SMES_REACHED if filters.sme_only else Metric.ORGANISATIONS_REACHED
    for progress in targets:
        target = progress.target
        if target.metric == metric and (target.starts_on, target.ends_on) == (
            period.start,
            period.end,
        ):
            return target.value
    return None


def _split_rows(summary: reach.Reach) -> list[tuple]:
    rows = []
    for value, label in Split.choices:
        split = summary.splits[value]
        chart = charts.bar_chart([(r.label, r.organisations) for r in split], label=str(label))
        rows.append((value, label, split, chart))
    return rows


def _drill_table(request):
    """The records behind one figure: scope, period and figure from the query string."""
    _require_analytics(request)
    scope = scope_from(request, request.GET.get("cluster"))
    period = period_of(request, scope)
    filters = reach.filters_from(request.GET)
    figure = request.GET.get("figure") or "reach"
    if figure == "metric":
        key = request.GET.get("metric") or ""
        ctx = metrics.MetricContext(scope, period, request.user)
        table = metrics.metric_records(key, ctx) if key in Metric.values else None
        if table is None:
            raise Http404
        title = Metric(key).label
    else:
        services_qs = reach.services_in(scope=scope, period=period, filters=filters)
        if figure == "services":
            table, title = metrics.services_table(services_qs), _("Services delivered")
        else:
            table, title = metrics.organisations_table(services_qs), _("Organisations reached")
    return scope, period, filters, figure, table, title


@login_required
def records(request):
    scope, period, filters, figure, table, title = _drill_table(request)
    page = Paginator(table.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "analytics/records.html",
        {
            "scope": scope,
            "period": period,
            "filters": filters,
            "title": title,
            "table": table,
            "page": page,
            "rows": table.as_lists(page.object_list),
            "query": query.urlencode(),
            "back": _back(scope, period, filters),
        },
    )


def _back(scope: Scope, period: Period, filters: reach.ReachFilters) -> str:
    plain = replace(filters, split="", value="")
    query = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    query.update(plain.as_query())
    if scope.cluster:
        url = reverse("analytics:cluster-dashboard", kwargs={"slug": scope.slug})
    else:
        url = reverse("analytics:home")
    return f"{url}?{urlencode(query)}"


def _download(headers, rows, *, fmt: str, name: str, sheet: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(exporting.write_xlsx(headers, rows, sheet=sheet), XLSX)
    else:
        response = HttpResponse(exporting.write_csv(headers, rows), "text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def records_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    scope, period, _filters, figure, table, _title = _drill_table(request)
    name = f"{scope.slug or 'network'}-{figure}-{period.start}-{period.end}"
    return _download(table.headers, table.as_lists(), fmt=fmt, name=name, sheet=table.kind)


@login_required
def figure_export(request, figure: str, fmt: str):
    _require_analytics(request)
    if fmt not in ("csv", "xlsx") or figure not in exporting.FIGURES:
        raise Http404
    scope = scope_from(request, request.GET.get("cluster"))
    period = period_of(request, scope)
    filters = reach.filters_from(request.GET)
    filters = replace(filters, split="", value="")
    headers, rows = exporting.figure_table(
        figure, user=request.user, scope=scope, period=period, filters=filters
    )
    name = f"{scope.slug or 'network'}-{figure}-{period.start}-{period.end}"
    return _download(headers, rows, fmt=fmt, name=name, sheet=figure)


def _dashboard_url(target_cluster) -> str:
    if target_cluster is None:
        return reverse("analytics:home")
    return reverse("analytics:cluster-dashboard", kwargs={"slug": target_cluster.slug})


@login_required
def target_new(request):
    _require_analytics(request)
    scope = scope_from(request, request.GET.get("cluster"))
    if not permissions.can_set_target(request.user, scope.cluster):
        raise Http404
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_create(actor=request.user, cluster=scope.cluster, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Target set."))
            return redirect(_dashboard_url(scope.cluster))
    return render(request, "analytics/target_form.html", {"form": form, "scope": scope})


def _settable_target(request, pk: int):
    _require_analytics(request)
    target = get_object_or_404(selectors.target_list(user=request.user), pk=pk)
    if not permissions.can_set_target(request.user, target.cluster):
        raise Http404
    return target


@login_required
def target_edit(request, pk: int):
    target = _settable_target(request, pk)
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_update(actor=request.user, target=target, data=form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Target saved."))
            return redirect(_dashboard_url(target.cluster))
    scope = Scope(target.cluster)
    return render(
        request, "analytics/target_form.html", {"form": form, "scope": scope, "target": target}
    )


@require_POST
@login_required
def target_delete(request, pk: int):
    target = _settable_target(request, pk)
    cluster = target.cluster
    services.target_delete(actor=request.user, target=target)
    messages.success(request, _("Target removed."))
    return redirect(_dashboard_url(cluster))
