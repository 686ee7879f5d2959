"""The demo loads ten pilots whose evaluation pages show real computations, and events."""

from io import StringIO

import pytest
from django.core.management import call_command

from clusterlab.events.models import Event, Meeting
from clusterlab.pilots.models import Pilot
from clusterlab.pilots.selectors import pilot_evaluation
from clusterlab.surveys.models import Response

pytestmark = pytest.mark.django_db


def test_demo_pilots_events_and_surveys():
    call_command(
        "seed_demo", "--clusters", "4", "--organisations", "240", "--seed", "2", stdout=StringIO()
    )
    pilots = list(Pilot.objects.order_by("code"))
    assert [p.code for p in pilots] == [f"P{n:02d}" for n in range(1, 11)]
    readings = {r.evaluation.reading for p in pilots for r in pilot_evaluation(pilot=p)}
    assert "too_few" in readings and readings & {"likely_positive", "unclear"}
    methods = {r.evaluation.method for p in pilots for r in pilot_evaluation(pilot=p)}
    assert {"did", "paired", "insufficient"} <= methods
    assert Response.objects.filter(submitted_at__isnull=False).exists()
    brokerage = Event.objects.get(kind="brokerage")
    assert Meeting.objects.filter(event=brokerage, published_at__isnull=False).exists()
