"""Demo network history: accepted introductions over the past years (called by `seed_demo`).

The other demos record memberships, a brokerage event and pilots; introductions answered
over several years give the network page a history to show (shares over time, brokers that
link clusters and countries). Rows are written in bulk, as the other demos do: the
introduction service would e-mail thousands of people.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from clusterlab.matchmaking.enums import IntroductionStatus, OutcomeStage
from clusterlab.matchmaking.models import Introduction
from clusterlab.registry.enums import MembershipStatus
from clusterlab.registry.models import Membership

FIRST_YEAR = 2019
MESSAGE = "Introduced at a network event (demo history)."


@transaction.atomic
def extend_demo(*, seed: int, per_member: float = 0.16) -> int:
    """Add accepted introductions (about `per_member` per member) dated 2019 to today."""
    rng = random.Random(seed + 606)
    memberships = Membership.objects.filter(status=MembershipStatus.ACTIVE).order_by(
        "cluster_id", "organisation_id"
    )
    by_cluster: dict[int, list[int]] = defaultdict(list)
    for cluster, org in memberships.values_list("cluster_id", "organisation_id"):
        by_cluster[cluster].append(org)
    everyone = sorted({org for orgs in by_cluster.values() for org in orgs})
    if len(everyone) < 2:
        return 0
    clusters = sorted(by_cluster)
    today = timezone.localdate()
    first = dt.date(FIRST_YEAR, 1, 1).toordinal()
    seen: set[tuple[int, int]] = set()
    rows = []
    for _ in range(int(len(everyone) * per_member)):
        home = by_cluster[rng.choice(clusters)]
        requester = rng.choice(home)
        # Most introductions stay inside the cluster; a growing share reaches further out.
        day = dt.date.fromordinal(rng.randint(first, today.toordinal()))
        outward = 0.25 + 0.05 * (day.year - FIRST_YEAR)
        target = rng.choice(everyone if rng.random() < outward else home)
        pair = (min(requester, target), max(requester, target))
        if requester == target or pair in seen:
            continue
        seen.add(pair)
        answered = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        rows.append(
            Introduction(
                requester_id=requester,
                target_id=target,
                message=MESSAGE,
                status=IntroductionStatus.ACCEPTED,
                responded_at=answered,
                outcome=rng.choice([OutcomeStage.NONE, OutcomeStage.MEETING]),
            )
        )
    made = Introduction.objects.bulk_create(rows, batch_size=2000)
    # created_at is set on insert: move each request to a few days before its answer.
    for introduction in made:
        introduction.created_at = introduction.responded_at - dt.timedelta(days=rng.randint(1, 20))
    Introduction.objects.bulk_update(made, ["created_at"], batch_size=2000)
    return len(made)
