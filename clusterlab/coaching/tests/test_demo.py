"""The demo loads the default schemes, engagements (one with an SME) and two exchanges."""

from io import StringIO

import pytest
from django.core.management import call_command

from clusterlab.coaching.models import Application, Engagement, ExchangeOffer, Scheme, VisitReport
from clusterlab.registry.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_demo_coaching_and_exchanges():
    call_command(
        "seed_demo", "--clusters", "4", "--organisations", "240", "--seed", "2", stdout=StringIO()
    )
    assert Scheme.objects.count() == 4
    assert all(s.steps.count() >= 4 for s in Scheme.objects.all())
    engagements = Engagement.objects.all()
    assert engagements.count() == 3
    sme = engagements.get(organisation__isnull=False)
    assert (
        ServiceRecord.objects.filter(
            kind="coaching", organisation=sme.organisation, cluster=sme.cluster
        ).count()
        == sme.sessions.count()
    )
    assert engagements.filter(status="closed").exclude(outcomes="").count() == 1
    assert sorted(ExchangeOffer.objects.values_list("kind", flat=True)) == [
        "exchange",
        "study_visit",
    ]
    assert ExchangeOffer.objects.get(kind="study_visit").stops.count() == 4
    assert sorted(Application.objects.values_list("status", flat=True)) == ["accepted", "pending"]
    assert VisitReport.objects.count() == 1
