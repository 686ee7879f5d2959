"""The network view's data: one node per cluster, one cluster's members drawn on request.

A read like those in selectors.py, with the same scope rules; kept apart because it is about
drawing (aggregation and layout) rather than figures.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils.translation import gettext as _

from clusterlab.core.errors import NotAllowed
from clusterlab.registry.models import Cluster

from .engine import TieKind, aggregate, layout_positions
from .permissions import can_expand_cluster
from .selectors import (
    Labeller,
    NetworkFilters,
    member_nodes,
    network_clusters,
    network_model,
    network_scope,
)

MAX_EXPANDED_MEMBERS = 300


def network_graph(
    *,
    user,
    cluster: Cluster | None = None,
    expand: Cluster | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kinds=None,
    sector: str = "",
) -> dict:
    """Nodes and weighted edges for the network view: one node per cluster, ties summed.

    `expand` draws that cluster's members (its most connected MAX_EXPANDED_MEMBERS) as their
    own nodes, for its managers and coordinators only; organisations without a cluster are
    one node. Positions come from a force-directed layout computed here.
    """
    scope = network_scope(user=user, cluster=cluster)
    if expand is not None and not can_expand_cluster(user, expand):
        raise NotAllowed(_("You may draw the members of your own clusters only."))
    filters = NetworkFilters.build(since=since, until=until, kinds=kinds, sector=sector)
    model = network_model(filters)
    nodes, inp, report = model.nodes, model.inp, model.report
    k = len(nodes.cluster_ids)
    groups = np.where(nodes.is_cluster, np.arange(inp.n), nodes.home_cluster).astype(np.int64)
    groups[(groups < 0)] = k  # organisations without a cluster
    expanded = np.zeros(0, np.int64)
    if expand is not None:
        expand_node = int(nodes.cluster_node(np.array([expand.pk]))[0])
        members = member_nodes(model, expand_node)
        order = np.lexsort((members, -report.degree[members]))
        expanded = np.sort(members[order][:MAX_EXPANDED_MEMBERS])
        groups[expanded] = k + 1 + np.arange(len(expanded))
    drawn = inp.ties(model.counted | (inp.kind == TieKind.MEMBERSHIP))
    graph = aggregate(drawn, groups)
    index = {int(g): i for i, g in enumerate(graph.groups.tolist())}
    between = graph.src != graph.dst
    positions = layout_positions(
        len(graph.groups),
        np.array([index[int(g)] for g in graph.src[between]], np.int64),
        np.array([index[int(g)] for g in graph.dst[between]], np.int64),
        graph.weight[between],
        seed=1,
    )
    inside = dict(zip(graph.src[~between].tolist(), graph.weight[~between].tolist(), strict=True))
    labeller = Labeller(user=user, model=model)
    labeller.load(int(nodes.organisation_ids[i - k]) for i in expanded.tolist())
    expandable = {c.pk for c in network_clusters(user=user)}
    result_nodes = []
    for position, (group, size) in enumerate(
        zip(graph.groups.tolist(), graph.sizes.tolist(), strict=True)
    ):
        x, y = positions[position].tolist()
        if group < k:
            cluster_id = int(nodes.cluster_ids[group])
            entry = {
                "id": f"c{cluster_id}",
                "kind": "cluster",
                "label": model.cluster_names.get(cluster_id, "?"),
                "cluster": model.cluster_slugs.get(cluster_id, ""),
                "size": int(size),
                "expandable": cluster_id in expandable,
                "expanded": expand is not None and cluster_id == expand.pk,
                "scope": scope is not None and cluster_id == scope.pk,
            }
        elif group == k:
            entry = {"id": "none", "kind": "other", "label": _("Organisations without a cluster")}
            entry["size"] = int(size)
        else:
            node = int(expanded[group - k - 1])
            entry = {
                "id": f"o{node}",
                "kind": "organisation",
                "label": labeller.node(node),
                "size": 1,
                "ties": int(report.degree[node]),
            }
        entry.update({"x": x, "y": y, "internal_ties": int(inside.get(group, 0))})
        result_nodes.append(entry)
    ids = [n["id"] for n in result_nodes]
    edges = [
        {"source": ids[index[int(a)]], "target": ids[index[int(b)]], "weight": int(w)}
        for a, b, w in zip(
            graph.src[between].tolist(),
            graph.dst[between].tolist(),
            graph.weight[between].tolist(),
            strict=True,
        )
    ]
    return {
        "nodes": result_nodes,
        "edges": edges,
        "expanded": expand.slug if expand else None,
        "members_drawn": len(expanded),
    }
