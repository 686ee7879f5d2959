"""The demo loads the framework, a dozen modules and two cohorts with validation figures."""

from io import StringIO

import pytest
from django.core.management import call_command

from clusterlab.training import selectors
from clusterlab.training.models import Programme, TrainingModule

pytestmark = pytest.mark.django_db


def test_demo_training():
    call_command(
        "seed_demo", "--clusters", "4", "--organisations", "120", "--seed", "3", stdout=StringIO()
    )
    assert TrainingModule.objects.count() == 12
    programmes = list(Programme.objects.order_by("starts_on"))
    assert len(programmes) == 2
    validation = selectors.programme_validation(programme=programmes[0])
    assert validation.satisfaction is not None and validation.attendance_rate
    assert any(c.change is not None for c in validation.changes)


def test_demo_programme_pages_render_for_its_organiser():
    from django.test import Client

    from clusterlab.registry.models import Cluster

    call_command(
        "seed_demo", "--clusters", "3", "--organisations", "60", "--seed", "4", stdout=StringIO()
    )
    programme = Programme.objects.order_by("starts_on").first()
    organiser = Cluster.objects.get(pk=programme.cluster_id).managers.order_by("pk").first()
    client = Client()
    client.force_login(organiser)
    page = client.get(f"/training/{programme.pk}/").content.decode()
    assert 'id="validation"' in page and "Creative Cluster Manager Academy" in page
    assert client.get("/training/profile/").status_code == 200
