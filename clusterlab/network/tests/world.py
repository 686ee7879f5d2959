"""A small hand-built network on the shared cast (numbers worked out in test_selectors.py).

Cluster A (Stuttgart, creative): org_a (cluster-only, 74.10 design) and org_a_public.
Cluster B (Lille, textiles): org_b (cluster-only, 13.20) and org_b_network (13.92).
Memberships joined 2023-05-01. Ties: org_a_public → org_a introduction accepted in 2024;
org_a → org_b introduction accepted 2025-03-01; a declined introduction (not a tie);
pilot PN (2026) with org_a and org_b_network treated and org_b as comparison (one pair);
a meeting between org_b and org_b_network on 2026-02-01 that its feedback says was held.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from clusterlab.events.models import (
    Event,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MeetingSlot,
    Registration,
)
from clusterlab.matchmaking.enums import IntroductionStatus
from clusterlab.matchmaking.models import Introduction
from clusterlab.pilots.models import Participant, Pilot
from clusterlab.registry.models import Membership


def _when(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _introduction(requester, target, day: dt.date, status=IntroductionStatus.ACCEPTED):
    return Introduction.objects.create(
        requester=requester,
        target=target,
        message="Network test",
        status=status,
        responded_at=_when(day),
    )


def _held_meeting(cluster, first, second, day: dt.date) -> Meeting:
    event = Event.objects.create(
        title="Fair",
        kind="brokerage",
        starts_at=_when(day),
        ends_at=_when(day) + dt.timedelta(hours=6),
        is_published=True,
    )
    event.clusters.add(cluster)
    slot = MeetingSlot.objects.create(
        event=event, starts_at=_when(day), ends_at=_when(day) + dt.timedelta(minutes=25)
    )
    one, two = (
        Registration.objects.create(
            event=event, organisation=org, name=org.name, email=f"p{org.pk}@test.local"
        )
        for org in (first, second)
    )
    request = MeetingRequest.objects.create(event=event, requester=one, recipient=two)
    meeting = Meeting.objects.create(request=request, event=event, slot=slot, table=1)
    MeetingFeedback.objects.create(meeting=meeting, registration=one, held=True)
    return meeting


def build_network(cast) -> SimpleNamespace:
    """Add the ties above to the cast and return the cast with them."""
    Membership.objects.update(joined=dt.date(2023, 5, 1))
    intro_inside = _introduction(cast.org_a_public, cast.org_a, dt.date(2024, 6, 1))
    intro_across = _introduction(cast.org_a, cast.org_b, dt.date(2025, 3, 1))
    _introduction(cast.org_b_network, cast.org_a, dt.date(2025, 4, 1), IntroductionStatus.DECLINED)
    pilot = Pilot.objects.create(
        code="PN",
        title="Network pilot",
        lead_cluster=cast.cluster_a,
        instrument="Voucher",
        hypothesis="Vouchers connect firms",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    pilot.partner_clusters.add(cast.cluster_b)
    for org, group in ((cast.org_a, "treatment"), (cast.org_b_network, "treatment")):
        Participant.objects.create(pilot=pilot, organisation=org, group=group)
    Participant.objects.create(pilot=pilot, organisation=cast.org_b, group="comparison")
    meeting = _held_meeting(cast.cluster_b, cast.org_b, cast.org_b_network, dt.date(2026, 2, 1))
    return SimpleNamespace(
        **vars(cast),
        intro_inside=intro_inside,
        intro_across=intro_across,
        pilot=pilot,
        meeting=meeting,
    )
