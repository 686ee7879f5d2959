"""Pages of the collaboration network: the measures, the ties behind each, exports, drawing."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterlab.core.errors import NotAllowed
from clusterlab.core.params import int_or_none

from . import charts, drawing, exporting, selectors
from .forms import KIND_CHOICES, NetworkFilterForm
from .permissions import can_view_network, is_coordinator

FIGURE_LABELS = {
    "total": gettext_lazy("All ties"),
    "organisation": gettext_lazy("Ties between organisations"),
    "cross_sectoral": gettext_lazy("Cross-sectoral ties"),
    "cross_border": gettext_lazy("Cross-border ties"),
    "members": gettext_lazy("Members"),
    "outside_cluster": gettext_lazy("Members' ties outside the cluster"),
    "outside_sector": gettext_lazy("Members' ties outside their sector"),
    "outside_country": gettext_lazy("Members' ties outside their country"),
}
FILTER_KEYS = ("cluster", "since", "until", "kind", "sector")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Scope:
    form: NetworkFilterForm
    arguments: dict  # cluster, since, until, kinds, sector for the selectors
    query: str  # the filters as a query string, for links


def _scope(request) -> Scope:
    """Read the filters; refuse users without access, and clusters the viewer does not run."""
    if not can_view_network(request.user):
        raise PermissionDenied
    clusters = selectors.network_clusters(user=request.user)
    coordinator = is_coordinator(request.user)
    params = request.GET.copy()
    if not coordinator and not params.get("cluster"):
        first = clusters.first()
        params["cluster"] = first.slug if first else ""
    form = NetworkFilterForm(params, clusters=clusters, whole_network=coordinator)
    form.is_valid()
    if "cluster" in form.errors:
        raise Http404(_("No such cluster among yours."))
    data = form.cleaned_data
    arguments = {
        "cluster": data.get("cluster"),
        "since": data.get("since"),
        "until": data.get("until"),
        "kinds": data.get("kind") or None,
        "sector": data.get("sector") or "",
    }
    kept = params.copy()
    for key in list(kept.keys()):
        if key not in FILTER_KEYS:
            del kept[key]
    return Scope(form, arguments, kept.urlencode())


@login_required
def home(request):
    """The network's (or a cluster's) collaboration measures, chart, tables and drawing."""
    scope = _scope(request)
    try:
        summary = selectors.network_summary(user=request.user, **scope.arguments)
    except NotAllowed as exc:
        raise Http404(exc.message) from exc
    cluster = scope.arguments["cluster"]
    managed = set(selectors.network_clusters(user=request.user).values_list("slug", flat=True))
    return render(
        request,
        "network/home.html",
        {
            "title": _("Collaboration network"),
            "form": scope.form,
            "query": scope.query,
            "summary": summary,
            "cluster": cluster,
            "chart": charts.share_lines(summary["ties_by_year"]),
            "per_cluster": [
                {"id": pk, "drill": figures["slug"] in managed, **figures}
                for pk, figures in summary["per_cluster"].items()
            ],
            "kinds": [(k, label, summary["ties_by_kind"].get(k, 0)) for k, label in KIND_CHOICES],
        },
    )


def _own_cluster(request, slug: str | None):
    """One of the clusters the viewer runs, by slug (None for anything else)."""
    return selectors.network_clusters(user=request.user).filter(slug=(slug or "")[:50]).first()


def _tie_list(request, scope: Scope) -> tuple[selectors.TieList, str]:
    figure = request.GET.get("figure", "total")
    if figure not in FIGURE_LABELS:
        raise Http404(_("No such figure."))
    member_of = None
    if figure in selectors.CLUSTER_FIGURES:
        member_of = _own_cluster(request, request.GET.get("member_of"))
        if member_of is None:
            raise Http404(_("No such cluster among yours."))
    kind = request.GET.get("of_kind", "")
    try:
        listing = selectors.tie_list(
            user=request.user,
            figure=figure,
            year=int_or_none(request.GET.get("year")),
            kind=kind if kind in selectors.KIND_CODES else "",
            member_of=member_of,
            **scope.arguments,
        )
    except NotAllowed as exc:
        raise Http404(exc.message) from exc
    return listing, figure


@login_required
def tie_list(request):
    """The tie records behind one figure of the page, a hundred at a time."""
    scope = _scope(request)
    listing, figure = _tie_list(request, scope)
    paginator = Paginator(range(listing.count), 100)
    page = paginator.get_page(request.GET.get("page"))
    rows = listing.rows(page.start_index() - 1 if listing.count else 0, 100)
    here = request.GET.copy()
    here.pop("page", None)
    return render(
        request,
        "network/ties.html",
        {
            "title": FIGURE_LABELS[figure],
            "figure": figure,
            "rows": rows,
            "page": page,
            "count": listing.count,
            "query": scope.query,
            "here": here.urlencode(),
            "year": int_or_none(request.GET.get("year")),
        },
    )


def _download(body: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _summary(request):
    scope = _scope(request)
    try:
        return selectors.network_summary(user=request.user, **scope.arguments)
    except NotAllowed as exc:
        raise Http404(exc.message) from exc


@login_required
def export_csv(request):
    """Every figure of the page as one CSV."""
    body = exporting.summary_csv(_summary(request))
    return _download(body, "network-figures.csv", "text/csv; charset=utf-8")


@login_required
def export_xlsx(request):
    """Every figure of the page as a workbook, one sheet per table."""
    body = exporting.xlsx(exporting.summary_tables(_summary(request)))
    return _download(body, "network-figures.xlsx", XLSX)


@login_required
def ties_csv(request):
    """The ties behind one figure as CSV."""
    listing, figure = _tie_list(request, _scope(request))
    headers, rows = exporting.ties_table(listing.rows())
    body = exporting.write_csv(headers, rows)
    return _download(body, f"network-ties-{figure}.csv", "text/csv; charset=utf-8")


@login_required
def ties_xlsx(request):
    """The ties behind one figure as a workbook."""
    listing, figure = _tie_list(request, _scope(request))
    headers, rows = exporting.ties_table(listing.rows())
    body = exporting.xlsx([(figure, headers, rows)])
    return _download(body, f"network-ties-{figure}.xlsx", XLSX)


@login_required
def graph(request):
    """The drawing's data: clusters and their ties; `expand` draws one cluster's members."""
    scope = _scope(request)
    expand = None
    if request.GET.get("expand"):
        expand = _own_cluster(request, request.GET.get("expand"))
        if expand is None:
            raise Http404(_("No such cluster among yours."))
    try:
        data = drawing.network_graph(user=request.user, expand=expand, **scope.arguments)
    except NotAllowed as exc:
        raise Http404(exc.message) from exc
    return JsonResponse(data)
