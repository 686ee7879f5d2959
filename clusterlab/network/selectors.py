"""Reads of the collaboration network, filtered by what the viewer may see.

The measures are computed once for a set of filters over the whole network (cached, keyed by
the filters and a fingerprint of the data) and then cut to the viewer: a cluster's manager
reads their cluster's figures and sees organisations by name only where
`Organisation.objects.visible_to(user)` lets them; every other organisation is shown as
"an organisation in <its cluster>". The coordinator sees everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.utils.translation import gettext as _

from clusterlab.core.errors import NotAllowed
from clusterlab.registry.models import Cluster, Organisation

from . import adapters
from .engine import NetworkInput, NetworkReport, TieKind, analyse
from .permissions import can_view_network, is_coordinator

CACHE_SECONDS = 600
KIND_NAMES = {
    TieKind.MEMBERSHIP: "membership",
    TieKind.INTRODUCTION: "introduction",
    TieKind.MEETING: "meeting",
    TieKind.PILOT: "pilot",
}
KIND_CODES = {name: code for code, name in KIND_NAMES.items()}


@dataclass(frozen=True)
class NetworkFilters:
    """Period (tie dates, inclusive), tie kinds and a sector group (NACE section letter)."""

    since: dt.date | None = None
    until: dt.date | None = None
    kinds: tuple[str, ...] = ()
    sector: str = ""

    @classmethod
    def build(cls, *, since=None, until=None, kinds=None, sector="") -> NetworkFilters:
        chosen = tuple(sorted({k for k in (kinds or ()) if k in KIND_CODES}))
        section = (sector or "").strip().upper()
        return cls(
            since=since,
            until=until,
            kinds=chosen,
            sector=section if len(section) == 1 and section in adapters.SECTIONS else "",
        )

    def key(self) -> str:
        return f"{self.since}|{self.until}|{','.join(self.kinds)}|{self.sector}"


@dataclass
class NetworkModel:
    """The filtered network, its report and the way back from nodes and ties to records."""

    nodes: adapters.Nodes
    inp: NetworkInput
    ties: adapters.RawTies
    counted: np.ndarray  # per tie: matches the filters (memberships may be structure only)
    report: NetworkReport
    cluster_names: dict[int, str] = field(default_factory=dict)
    cluster_slugs: dict[int, str] = field(default_factory=dict)


def _filtered(ties: adapters.RawTies, nodes: adapters.Nodes, filters: NetworkFilters):
    """Return the ties of the graph and, among them, the ties the figures count.

    Memberships are the structure every measure needs (who is in which cluster), so the
    graph keeps every membership begun by the end of the period whatever the other filters;
    they are counted as ties only when they match all filters like any other tie.
    """
    membership = ties.kind == TieKind.MEMBERSHIP
    matches = np.ones(len(ties.kind), bool)
    if filters.since:
        matches &= ties.date >= filters.since.toordinal()
    if filters.until:
        matches &= ties.date <= filters.until.toordinal()
    if filters.kinds:
        matches &= np.isin(ties.kind, [KIND_CODES[k] for k in filters.kinds])
    if filters.sector:
        code = adapters.SECTIONS.index(filters.sector)
        sector_a = nodes.sector[nodes.organisation_node(ties.a)]
        b_nodes = np.where(membership, nodes.cluster_node(ties.b), nodes.organisation_node(ties.b))
        matches &= (sector_a == code) | (~membership & (nodes.sector[b_nodes] == code))
    structure = membership
    if filters.until:
        structure = structure & (ties.date <= filters.until.toordinal())
    keep = matches | structure
    kept = adapters.RawTies(*(getattr(ties, f)[keep] for f in ties.__dataclass_fields__))
    return kept, matches[keep]


def network_model(filters: NetworkFilters) -> NetworkModel:
    """Build (or take from the cache) the network and its measures for these filters."""
    version = hashlib.sha256(repr(adapters.data_version()).encode()).hexdigest()[:16]
    key = f"network:model:{version}:{filters.key()}"
    model = cache.get(key)
    if model is None:
        # The unfiltered rows are shared by every set of filters: load them once per version.
        raw_key = f"network:raw:{version}"
        raw = cache.get(raw_key)
        if raw is None:
            raw = (adapters.load_nodes(), adapters.raw_ties())
            cache.set(raw_key, raw, CACHE_SECONDS)
        nodes, all_ties = raw
        ties, counted = _filtered(all_ties, nodes, filters)
        inp = adapters.network_input(nodes, ties)
        model = NetworkModel(
            nodes=nodes,
            inp=inp,
            ties=ties,
            counted=counted,
            report=analyse(inp, seed=1),
            cluster_names=dict(Cluster.objects.values_list("pk", "name")),
            cluster_slugs=dict(Cluster.objects.values_list("pk", "slug")),
        )
        cache.set(key, model, CACHE_SECONDS)
    return model


# --- Who sees what --------------------------------------------------------------------------


def network_clusters(*, user):
    """Clusters whose network page this user may open: all for the coordinator."""
    if not can_view_network(user):
        return Cluster.objects.none()
    return Cluster.objects.managed_by(user).order_by("name")


def network_scope(*, user, cluster: Cluster | None) -> Cluster | None:
    """Check the viewer may read this scope: the whole network (coordinator) or a cluster."""
    if not can_view_network(user):
        raise NotAllowed(_("Only the network's coordinators and cluster managers see this."))
    if cluster is None:
        if not is_coordinator(user):
            raise NotAllowed(_("Choose one of your clusters."))
        return None
    if not network_clusters(user=user).filter(pk=cluster.pk).exists():
        raise NotAllowed(_("You do not manage this cluster."))
    return cluster


class Labeller:
    """Names organisations the viewer may see; every other one by its cluster only."""

    def __init__(self, *, user, model: NetworkModel):
        self.model = model
        self.visible = (
            None
            if is_coordinator(user)
            else set(Organisation.objects.visible_to(user).values_list("pk", flat=True))
        )
        self._names: dict[int, str] = {}

    def may_name(self, organisation_id: int) -> bool:
        return self.visible is None or organisation_id in self.visible

    def load(self, organisation_ids) -> None:
        wanted = [i for i in set(organisation_ids) if self.may_name(i) and i not in self._names]
        for start in range(0, len(wanted), 500):
            self._names.update(
                Organisation.objects.filter(pk__in=wanted[start : start + 500]).values_list(
                    "pk", "name"
                )
            )

    def node(self, node: int) -> str:
        nodes = self.model.nodes
        if nodes.is_cluster[node]:
            return self.model.cluster_names.get(int(nodes.cluster_ids[node]), "?")
        organisation_id = int(nodes.organisation_ids[node - len(nodes.cluster_ids)])
        if self.may_name(organisation_id):
            self.load([organisation_id])
            return self._names.get(organisation_id, "?")
        home = nodes.home_cluster[node]
        if home >= 0:
            cluster = self.model.cluster_names.get(int(nodes.cluster_ids[home]), "?")
            return _("An organisation in %(cluster)s") % {"cluster": cluster}
        return _("An organisation without a cluster")


def scope_mask(model: NetworkModel, cluster: Cluster | None) -> np.ndarray:
    """Ties of the scope: all, or those touching a member of the cluster (or the cluster)."""
    inp = model.inp
    if cluster is None:
        return np.ones(inp.m, bool)
    node = int(model.nodes.cluster_node(np.array([cluster.pk]))[0])
    members = np.zeros(inp.n, bool)
    membership = inp.kind == TieKind.MEMBERSHIP
    members[inp.src[membership & (inp.dst == node)]] = True
    members[node] = True
    return members[inp.src] | members[inp.dst]


# --- Figures ------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def tie_figures(model: NetworkModel, mask: np.ndarray) -> dict:
    """Counts and shares of the ties in `mask`, in total, by kind and by year."""
    report, inp = model.report, model.inp
    organisation = report.edge_organisation & mask
    sectoral = report.edge_cross_sectoral & mask
    border = report.edge_cross_border & mask
    total = int(mask.sum())
    years = inp.year[mask]
    by_year = []
    for year in sorted(set(years.tolist())):
        in_year = mask & (inp.year == year)
        by_year.append(
            {
                "year": int(year),
                "total": int(in_year.sum()),
                "organisation_ties": int((organisation & in_year).sum()),
                "cross_sectoral": int((sectoral & in_year).sum()),
                "cross_border": int((border & in_year).sum()),
            }
        )
    kinds = np.bincount(inp.kind[mask].astype(np.int64), minlength=len(TieKind))
    return {
        "total_ties": total,
        "organisation_ties": int(organisation.sum()),
        "cross_sectoral": int(sectoral.sum()),
        "cross_sectoral_share": _share(int(sectoral.sum()), int(organisation.sum())),
        "cross_border": int(border.sum()),
        "cross_border_share": _share(int(border.sum()), total),
        "ties_by_kind": {KIND_NAMES[TieKind(k)]: int(kinds[k]) for k in range(len(TieKind))},
        "ties_by_year": by_year,
    }


def member_nodes(model: NetworkModel, cluster_node: int) -> np.ndarray:
    """Organisation nodes with a membership of this cluster node."""
    inp = model.inp
    membership = inp.kind == TieKind.MEMBERSHIP
    return np.unique(inp.src[membership & (inp.dst == cluster_node)])


def _brokers(model: NetworkModel, labeller: Labeller, candidates: np.ndarray, top: int = 10):
    report = model.report
    ranked = candidates[np.lexsort((candidates, -report.betweenness[candidates]))][:top]
    labeller.load(
        int(model.nodes.organisation_ids[i - len(model.nodes.cluster_ids)])
        for i in ranked
        if not model.nodes.is_cluster[i]
    )
    return [
        {
            "name": labeller.node(int(i)),
            "betweenness": round(float(report.betweenness[i]), 1),
            "bridging_sector": round(float(report.bridging_sector[i]), 3),
            "bridging_country": round(float(report.bridging_country[i]), 3),
            "ties": int(report.degree[i]),
        }
        for i in ranked
        if report.degree[i] > 0
    ]


def _cluster_table(model: NetworkModel) -> dict[int, dict]:
    nodes = model.nodes
    return {
        int(nodes.cluster_ids[node]): {
            "name": model.cluster_names.get(int(nodes.cluster_ids[node]), "?"),
            "slug": model.cluster_slugs.get(int(nodes.cluster_ids[node]), ""),
            "members": f.members,
            "outside_cluster": f.outside_cluster,
            "outside_sector": f.outside_sector,
            "outside_country": f.outside_country,
        }
        for node, f in sorted(model.report.per_cluster.items())
    }


def _communities(model: NetworkModel, scope_nodes: np.ndarray | None) -> dict:
    communities = model.report.communities
    result = {
        "count": communities.count,
        "modularity": round(communities.modularity, 4),
        "largest": communities.sizes[:10],
        "alignment": communities.alignment,
        "method": "Leiden (modularity)",
    }
    if scope_nodes is not None and len(scope_nodes):
        labels, counts = np.unique(communities.membership[scope_nodes], return_counts=True)
        order = np.argsort(-counts, kind="stable")[:5]
        result["members_in_communities"] = [
            {"community": int(labels[i]), "members": int(counts[i])} for i in order
        ]
    return result


def network_summary(
    *,
    user,
    cluster: Cluster | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kinds=None,
    sector: str = "",
) -> dict:
    """Return the network's (or one cluster's) collaboration figures for this viewer.

    Raises NotAllowed unless the viewer is a coordinator (any scope) or manages the cluster.
    """
    scope = network_scope(user=user, cluster=cluster)
    filters = NetworkFilters.build(since=since, until=until, kinds=kinds, sector=sector)
    model = network_model(filters)
    mask = scope_mask(model, scope) & model.counted
    labeller = Labeller(user=user, model=model)
    nodes = model.nodes
    if scope is None:
        candidates, scope_nodes = np.flatnonzero(~nodes.is_cluster), None
    else:
        cluster_node = int(nodes.cluster_node(np.array([scope.pk]))[0])
        candidates = scope_nodes = member_nodes(model, cluster_node)
    report = model.report
    return {
        "scope": {
            "cluster": scope.slug if scope else None,
            "name": scope.name if scope else "",
        },
        "filters": {
            "since": filters.since.isoformat() if filters.since else None,
            "until": filters.until.isoformat() if filters.until else None,
            "kinds": list(filters.kinds),
            "sector": filters.sector,
        },
        **tie_figures(model, mask),
        "per_cluster": _cluster_table(model),
        "top_organisations": _brokers(model, labeller, candidates),
        "top_clusters": _brokers(model, labeller, np.flatnonzero(nodes.is_cluster)),
        "betweenness": {
            "exact": report.betweenness_exact,
            "sources": report.betweenness_sources,
        },
        "communities": _communities(model, scope_nodes),
    }


# --- Drill-down: the ties behind a figure --------------------------------------------------

TIE_FIGURES = ("total", "organisation", "cross_sectoral", "cross_border")
CLUSTER_FIGURES = ("members", "outside_cluster", "outside_sector", "outside_country")


def tie_indices(
    model: NetworkModel,
    *,
    scope: Cluster | None,
    figure: str,
    year: int | None = None,
    kind: str = "",
    member_of: Cluster | None = None,
) -> np.ndarray:
    """Indexes of the ties counted by one figure (a tie figure, or a per-cluster figure)."""
    inp, report = model.inp, model.report
    if figure in CLUSTER_FIGURES:
        if member_of is None:
            return np.zeros(0, np.int64)
        return _cluster_figure_ties(model, member_of, figure)
    mask = scope_mask(model, scope) & model.counted
    mask &= {
        "total": np.ones(inp.m, bool),
        "organisation": report.edge_organisation,
        "cross_sectoral": report.edge_cross_sectoral,
        "cross_border": report.edge_cross_border,
    }.get(figure, np.zeros(inp.m, bool))
    if year is not None:
        mask &= inp.year == year
    if kind in KIND_CODES:
        mask &= inp.kind == KIND_CODES[kind]
    return np.flatnonzero(mask)


def _cluster_figure_ties(model: NetworkModel, cluster: Cluster, figure: str) -> np.ndarray:
    inp = model.inp
    node = int(model.nodes.cluster_node(np.array([cluster.pk]))[0])
    membership = inp.kind == TieKind.MEMBERSHIP
    if figure == "members":
        return np.flatnonzero(membership & (inp.dst == node))
    members = np.zeros(inp.n, bool)
    members[member_nodes(model, node)] = True
    collaboration = model.report.edge_organisation & ~membership & model.counted
    if figure == "outside_cluster":
        crossing = members[inp.src] != members[inp.dst]
        return np.flatnonzero(collaboration & crossing)
    codes = inp.sector if figure == "outside_sector" else inp.country
    a, b = codes[inp.src], codes[inp.dst]
    differ = (a >= 0) & (b >= 0) & (a != b)
    return np.flatnonzero(collaboration & differ & (members[inp.src] | members[inp.dst]))


def tie_rows(*, user, model: NetworkModel, indices: np.ndarray) -> list[dict]:
    """The records behind these ties, with organisations named only where the viewer may."""
    labeller = Labeller(user=user, model=model)
    nodes, inp, ties = model.nodes, model.inp, model.ties
    offset = len(nodes.cluster_ids)
    labeller.load(
        int(nodes.organisation_ids[i - offset])
        for i in np.concatenate([inp.src[indices], inp.dst[indices]]).tolist()
        if not nodes.is_cluster[i]
    )
    coordinator = is_coordinator(user)
    rows = []
    for i in indices.tolist():
        a, b = int(inp.src[i]), int(inp.dst[i])
        rows.append(
            {
                "kind": KIND_NAMES[TieKind(int(inp.kind[i]))],
                "date": dt.date.fromordinal(int(ties.date[i])).isoformat(),
                "from": labeller.node(a),
                "from_country": nodes.countries[nodes.country[a]],
                "from_creative": bool(nodes.creative[a]),
                "to": labeller.node(b),
                "to_country": nodes.countries[nodes.country[b]],
                "to_creative": bool(nodes.creative[b]),
                "cross_sectoral": bool(model.report.edge_cross_sectoral[i]),
                "cross_border": bool(model.report.edge_cross_border[i]),
                # The record's id says which pilot or introduction: for coordinators only.
                "record": int(ties.source[i]) if coordinator else None,
            }
        )
    return rows


@dataclass
class TieList:
    """The ties behind one figure: their number, and their records a page at a time."""

    user: object
    model: NetworkModel
    indices: np.ndarray

    @property
    def count(self) -> int:
        return len(self.indices)

    def rows(self, offset: int = 0, limit: int | None = None) -> list[dict]:
        end = None if limit is None else offset + limit
        return tie_rows(user=self.user, model=self.model, indices=self.indices[offset:end])


def tie_list(
    *,
    user,
    figure: str = "total",
    cluster: Cluster | None = None,
    year: int | None = None,
    kind: str = "",
    member_of: Cluster | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kinds=None,
    sector: str = "",
) -> TieList:
    """The ties behind one figure of `network_summary` (same scope and filters).

    `member_of` names the cluster of a per-cluster figure; the viewer must manage it.
    """
    scope = network_scope(user=user, cluster=cluster)
    if member_of is not None:
        network_scope(user=user, cluster=member_of)
    filters = NetworkFilters.build(since=since, until=until, kinds=kinds, sector=sector)
    model = network_model(filters)
    indices = tie_indices(
        model, scope=scope, figure=figure, year=year, kind=kind, member_of=member_of
    )
    return TieList(user=user, model=model, indices=indices)


def ties(*, limit: int | None = None, **arguments) -> list[dict]:
    """Return the tie records behind one figure (arguments of `tie_list`), up to `limit`."""
    return tie_list(**arguments).rows(0, limit)
