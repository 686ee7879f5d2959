"""A brokerage event of cluster A with participants of several types."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from clusterlab.events import services
from clusterlab.events.enums import EventKind
from conftest import make_org, make_user


def event_data(**extra) -> dict:
    start = timezone.now() + dt.timedelta(days=10)
    return {
        "title": "Design meets Industry",
        "kind": EventKind.BROKERAGE,
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=8),
        "time_zone": "Europe/Berlin",
        "venue": "Messe Stuttgart",
        "is_published": True,
        "meeting_tables": 10,
        **extra,
    }


@pytest.fixture
def brokerage(cast):
    """Event of cluster A, 6 slots of 25 minutes, and four participants from four firms."""
    event = services.event_create(
        actor=cast.manager_a, clusters=[cast.cluster_a], data=event_data()
    )
    slots = services.slots_generate(
        actor=cast.manager_a,
        event=event,
        first_start=event.starts_at + dt.timedelta(hours=1),
        count=6,
        minutes=25,
        pause_minutes=5,
    )
    firms = {
        "creative": make_org("Studio Creativo", cluster=cast.cluster_a),
        "industry": make_org("Maschinenbau AG", cluster=cast.cluster_a, sectors=("28.41",)),
        "industry2": make_org("Werkzeug GmbH", cluster=cast.cluster_a, sectors=("25.73",)),
    }
    people = {
        "creative": make_user("carla", first_name="Carla", organisation=firms["creative"]),
        "industry": make_user("ivan", first_name="Ivan", organisation=firms["industry"]),
        "industry2": make_user("wanda", first_name="Wanda", organisation=firms["industry2"]),
    }
    registrations = {
        key: services.registration_create(
            actor=user,
            event=event,
            participant_type="creative" if key == "creative" else "industry",
        )
        for key, user in people.items()
    }
    registrations["member_a"] = services.registration_create(
        actor=cast.member_a, event=event, participant_type="creative"
    )
    return SimpleNamespace(event=event, slots=slots, people=people, reg=registrations, firms=firms)
