"""Hosts accepting at the same moment never fill more places than the offer has."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from clusterlab.coaching import services
from clusterlab.coaching.models import Application
from clusterlab.core.errors import DomainError
from clusterlab.registry.models import Cluster, Country
from conftest import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # A transactional test before this one emptied the database, reference data included.
    pytest.mark.usefixtures("reference_data"),
    # SQLite's in-memory test database is not shared between threads' connections; the
    # row lock this test proves is PostgreSQL's (SQLite serialises writers anyway).
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs PostgreSQL"),
]


def test_concurrent_accepts_respect_the_places(cast):
    start = timezone.localdate() + dt.timedelta(days=10)
    offer = services.offer_create(
        actor=cast.manager_a,
        host_cluster=cast.cluster_a,
        data={
            "kind": "study_visit",
            "title": "Visit",
            "topics": "t",
            "starts_on": start,
            "ends_on": start,
            "capacity": 2,
        },
    )
    applications = []
    for n in range(6):
        cluster = Cluster.objects.create(
            name=f"C{n}", slug=f"c{n}", kind="creative", country=Country.objects.get(pk="IT")
        )
        manager = make_user(f"m{n}")
        cluster.managers.add(manager)
        applications.append(
            services.application_create(
                actor=manager, offer=offer, applicant_cluster=cluster, learning_goals="g"
            )
        )
    barrier = threading.Barrier(len(applications))
    refused = []

    def accept(application):
        try:
            barrier.wait()
            services.application_decide(actor=cast.manager_a, application=application, accept=True)
        except DomainError:
            refused.append(application.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    accepted = Application.objects.filter(offer=offer, status="accepted").count()
    assert (accepted, len(refused)) == (2, 4)
