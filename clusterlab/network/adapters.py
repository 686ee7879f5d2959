"""Querysets ⇄ arrays: the one seam between the database and the network engine.

Where each tie comes from:
- membership: an active registry.Membership (organisation – cluster), dated when it began
  (or when the organisation was registered);
- introduction: a matchmaking.Introduction the target accepted, dated when it answered;
- meeting: an events.Meeting that took place: someone's feedback says it was held, or it was
  published and its slot has begun and no feedback says it was not held; dated by the slot;
- pilot: two organisations in the treatment (or an unassigned) group of the same pilot
  action, dated when the later of the two joined (or when the pilot started). Pairs rather
  than ties to the lead cluster, so a pilot counts as collaboration between its firms; the
  comparison group is left out because its firms only answer surveys.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from clusterlab.events.models import Meeting, MeetingFeedback
from clusterlab.matchmaking.enums import IntroductionStatus
from clusterlab.matchmaking.models import Introduction
from clusterlab.pilots.enums import Group
from clusterlab.pilots.models import Participant
from clusterlab.registry.enums import ClusterKind, MembershipStatus
from clusterlab.registry.models import Cluster, Membership, Organisation

from .engine import NetworkInput, TieKind

# NACE sections A–U are the sector groups; their index is the engine's sector code.
SECTIONS = "ABCDEFGHIJKLMNOPQRSTU"


@dataclass(frozen=True)
class RawTies:
    """Every tie of the network before filtering: endpoints as database ids."""

    kind: np.ndarray  # TieKind
    a: np.ndarray  # organisation id
    b: np.ndarray  # organisation id, or cluster id for memberships
    date: np.ndarray  # proleptic ordinal of the tie's date
    source: np.ndarray  # id of the record behind the tie (membership, introduction, …)


def _ordinal(value) -> int:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.toordinal()


def membership_ties() -> list[tuple]:
    rows = Membership.objects.filter(status=MembershipStatus.ACTIVE).values_list(
        "pk", "organisation_id", "cluster_id", "joined", "organisation__created_at"
    )
    return [
        (TieKind.MEMBERSHIP, org, cluster, _ordinal(joined or created), pk)
        for pk, org, cluster, joined, created in rows
    ]


def introduction_ties() -> list[tuple]:
    rows = Introduction.objects.filter(status=IntroductionStatus.ACCEPTED).values_list(
        "pk", "requester_id", "target_id", "responded_at", "created_at"
    )
    return [
        (TieKind.INTRODUCTION, a, b, _ordinal(answered or created), pk)
        for pk, a, b, answered, created in rows
    ]


def meeting_ties() -> list[tuple]:
    feedback = MeetingFeedback.objects.filter(meeting=OuterRef("pk"))
    held = Exists(feedback.filter(held=True))
    not_held = Exists(feedback.filter(held=False))
    rows = (
        Meeting.objects.filter(
            held | (Q(published_at__isnull=False, slot__starts_at__lte=timezone.now()) & ~not_held)
        )
        .values_list(
            "pk",
            "request__requester__organisation_id",
            "request__recipient__organisation_id",
            "slot__starts_at",
        )
        .order_by("pk")
    )
    return [(TieKind.MEETING, a, b, _ordinal(start), pk) for pk, a, b, start in rows]


def pilot_ties() -> list[tuple]:
    rows = (
        Participant.objects.filter(group__in=[Group.TREATMENT, Group.UNASSIGNED])
        .values_list("pilot_id", "organisation_id", "joined_on", "pilot__starts_on")
        .order_by("pilot_id", "organisation_id")
    )
    by_pilot: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pilot, org, joined, starts in rows:
        by_pilot[pilot].append((org, _ordinal(joined or starts)))
    return [
        (TieKind.PILOT, a, b, max(da, db), pilot)
        for pilot, people in by_pilot.items()
        for (a, da), (b, db) in combinations(people, 2)
    ]


def raw_ties() -> RawTies:
    """Load every tie the platform records, in a fixed order."""
    rows = membership_ties() + introduction_ties() + meeting_ties() + pilot_ties()
    if not rows:
        empty = np.zeros(0, np.int64)
        return RawTies(empty.astype(np.int8), empty, empty, empty, empty)
    table = np.array(rows, dtype=np.int64)
    return RawTies(table[:, 0].astype(np.int8), table[:, 1], table[:, 2], table[:, 3], table[:, 4])


@dataclass(frozen=True)
class Nodes:
    """Clusters (nodes 0..k-1) then organisations, with their attributes as codes."""

    cluster_ids: np.ndarray
    organisation_ids: np.ndarray
    countries: list[str]
    is_cluster: np.ndarray
    creative: np.ndarray
    sector: np.ndarray
    country: np.ndarray
    home_cluster: np.ndarray

    @property
    def n(self) -> int:
        return len(self.is_cluster)

    def cluster_node(self, cluster_ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.cluster_ids, cluster_ids)

    def organisation_node(self, organisation_ids: np.ndarray) -> np.ndarray:
        return len(self.cluster_ids) + np.searchsorted(self.organisation_ids, organisation_ids)


def _first_section(pairs) -> dict[int, int]:
    best: dict[int, int] = {}
    for owner, section in pairs:
        code = SECTIONS.find(section or "")
        if code >= 0 and (owner not in best or code < best[owner]):
            best[owner] = code
    return best


def load_nodes() -> Nodes:
    """Every cluster and organisation with the codes the engine needs."""
    clusters = list(Cluster.objects.order_by("pk").values_list("pk", "country_id", "kind"))
    organisations = list(
        Organisation.objects.order_by("pk").values_list("pk", "country_id", "is_creative")
    )
    countries = sorted({c for _pk, c, _k in clusters} | {c for _pk, c, _x in organisations})
    country_code = {c: i for i, c in enumerate(countries)}
    cluster_sector = _first_section(
        Cluster.sectors.through.objects.values_list("cluster_id", "nacesector__section")
    )
    org_sector = _first_section(
        Organisation.sectors.through.objects.values_list("organisation_id", "nacesector__section")
    )
    cluster_ids = np.array([pk for pk, _c, _k in clusters], np.int64)
    organisation_ids = np.array([pk for pk, _c, _x in organisations], np.int64)
    home = np.full(len(organisations), -1, np.int32)
    # The main cluster: the earliest active membership (lowest id when dates tie).
    memberships = (
        Membership.objects.filter(status=MembershipStatus.ACTIVE)
        .order_by("organisation_id", "joined", "pk")
        .values_list("organisation_id", "cluster_id")
    )
    seen = set()
    for org, cluster in memberships:
        if org not in seen:
            seen.add(org)
            home[np.searchsorted(organisation_ids, org)] = np.searchsorted(cluster_ids, cluster)
    return Nodes(
        cluster_ids=cluster_ids,
        organisation_ids=organisation_ids,
        countries=countries,
        is_cluster=np.concatenate([np.ones(len(clusters), bool), np.zeros(len(home), bool)]),
        creative=np.array(
            [k == ClusterKind.CREATIVE for _pk, _c, k in clusters]
            + [bool(x) for _pk, _c, x in organisations],
            dtype=bool,
        ),
        sector=np.array(
            [cluster_sector.get(pk, -1) for pk, _c, _k in clusters]
            + [org_sector.get(pk, -1) for pk, _c, _x in organisations],
            dtype=np.int32,
        ),
        country=np.array(
            [country_code[c] for _pk, c, _k in clusters]
            + [country_code[c] for _pk, c, _x in organisations],
            dtype=np.int32,
        ),
        home_cluster=np.concatenate([np.full(len(clusters), -1, np.int32), home]),
    )


def network_input(nodes: Nodes, ties: RawTies) -> NetworkInput:
    """Turn database ids into node indexes (ties to unknown rows are dropped by the caller)."""
    membership = ties.kind == TieKind.MEMBERSHIP
    src = nodes.organisation_node(ties.a)
    dst = np.where(membership, nodes.cluster_node(ties.b), nodes.organisation_node(ties.b))
    return NetworkInput(
        n=nodes.n,
        is_cluster=nodes.is_cluster,
        creative=nodes.creative,
        sector=nodes.sector,
        country=nodes.country,
        home_cluster=nodes.home_cluster,
        src=src.astype(np.int32),
        dst=dst.astype(np.int32),
        kind=ties.kind,
        year=np.array([dt.date.fromordinal(int(d)).year for d in ties.date], dtype=np.int16)
        if len(ties.date)
        else np.zeros(0, np.int16),
    )


def data_version() -> tuple:
    """A cheap fingerprint of the rows the network is built from (part of the cache key)."""
    return (
        Membership.objects.aggregate(n=Max("pk"), c=Max("joined")),
        Membership.objects.filter(status=MembershipStatus.ACTIVE).count(),
        Organisation.objects.aggregate(n=Max("pk"), u=Max("updated_at")),
        Introduction.objects.filter(status=IntroductionStatus.ACCEPTED).aggregate(
            n=Max("pk"), r=Max("responded_at")
        ),
        Introduction.objects.filter(status=IntroductionStatus.ACCEPTED).count(),
        Meeting.objects.aggregate(n=Max("pk"), p=Max("published_at")),
        Meeting.objects.count(),
        MeetingFeedback.objects.aggregate(n=Max("pk")),
        Participant.objects.aggregate(n=Max("pk")),
        Participant.objects.count(),
        Cluster.objects.aggregate(n=Max("pk")),
        timezone.localdate().toordinal(),  # meetings start to count once their slot begins
    )
