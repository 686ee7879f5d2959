"""Peer exchanges and study visits: offers, applications with places, reports to the toolbox."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterlab.coaching import services
from clusterlab.coaching.models import Application, ExchangeOffer
from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry.models import Cluster, Country
from clusterlab.toolbox.models import Entry
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def _visit(cast, *, kind="study_visit", capacity=2, days=10) -> ExchangeOffer:
    start = timezone.localdate() + dt.timedelta(days=days)
    return services.offer_create(
        actor=cast.manager_a,
        host_cluster=cast.cluster_a,
        data={
            "kind": kind,
            "title": "Design district",
            "topics": "districts",
            "starts_on": start,
            "ends_on": start + dt.timedelta(days=1),
            "capacity": capacity,
        },
    )


@pytest.fixture
def visitors(cast):
    """Three managers of three more clusters."""
    rows = []
    for n in range(3):
        cluster = Cluster.objects.create(
            name=f"Cluster V{n}",
            slug=f"v{n}",
            kind="creative",
            country=Country.objects.get(pk="IT"),
        )
        manager = make_user(f"visitor_manager_{n}")
        cluster.managers.add(manager)
        rows.append(SimpleNamespace(cluster=cluster, manager=manager))
    return rows


def _apply(offer, visitor) -> Application:
    return services.application_create(
        actor=visitor.manager,
        offer=offer,
        applicant_cluster=visitor.cluster,
        learning_goals="Learn",
    )


def test_peer_exchange_has_one_place_and_study_visits_several(cast):
    assert _visit(cast, kind="exchange", capacity=5).capacity == 1
    with pytest.raises(DomainError) as exc:
        _visit(cast, capacity=1)
    assert exc.value.field == "capacity"
    with pytest.raises(NotAllowed):
        services.offer_create(
            actor=cast.manager_b,
            host_cluster=cast.cluster_a,
            data={"title": "x", "topics": "x", "starts_on": timezone.localdate()},
        )


def test_stops_fall_within_the_visit(cast):
    offer = _visit(cast)
    with pytest.raises(DomainError) as exc:
        services.stop_add(
            actor=cast.manager_a, offer=offer, day=offer.ends_on + dt.timedelta(days=1), place="x"
        )
    assert exc.value.field == "day"
    services.stop_add(actor=cast.manager_a, offer=offer, day=offer.ends_on, place="Factory")
    assert offer.stops.count() == 1


def test_who_may_apply(cast, visitors):
    offer = _visit(cast)
    with pytest.raises(DomainError):  # the host itself
        services.application_create(
            actor=cast.manager_a, offer=offer, applicant_cluster=cast.cluster_a, learning_goals="x"
        )
    with pytest.raises(NotAllowed):  # under a cluster one does not manage
        services.application_create(
            actor=cast.manager_b,
            offer=offer,
            applicant_cluster=visitors[0].cluster,
            learning_goals="x",
        )
    _apply(offer, visitors[0])
    with pytest.raises(DomainError):
        _apply(offer, visitors[0])
    assert offer.applications.count() == 1


def test_accepting_never_exceeds_the_places(cast, visitors):
    offer = _visit(cast, capacity=2)
    applications = [_apply(offer, v) for v in visitors]
    for application in applications[:2]:
        services.application_decide(actor=cast.manager_a, application=application, accept=True)
    with pytest.raises(DomainError):
        services.application_decide(actor=cast.manager_a, application=applications[2], accept=True)
    services.application_decide(actor=cast.manager_a, application=applications[2], accept=False)
    statuses = list(offer.applications.order_by("pk").values_list("status", flat=True))
    assert statuses == ["accepted", "accepted", "declined"]
    with pytest.raises(DomainError) as exc:
        services.offer_update(actor=cast.manager_a, offer=offer, data={"capacity": 1})
    assert exc.value.field == "capacity"


def test_report_after_the_visit_becomes_a_toolbox_draft(cast, visitors):
    offer = _visit(cast, days=3)
    application = _apply(offer, visitors[0])
    with pytest.raises(DomainError):  # not accepted yet
        services.report_write(
            actor=visitors[0].manager, application=application, saw="s", will_try="t"
        )
    services.application_decide(actor=cast.manager_a, application=application, accept=True)
    with pytest.raises(DomainError):  # before the visit
        services.report_write(
            actor=visitors[0].manager, application=application, saw="s", will_try="t"
        )
    ExchangeOffer.objects.filter(pk=offer.pk).update(
        starts_on=timezone.localdate() - dt.timedelta(days=5),
        ends_on=timezone.localdate() - dt.timedelta(days=4),
    )
    application = Application.objects.get(pk=application.pk)
    report = services.report_write(
        actor=visitors[0].manager,
        application=application,
        saw="A clinic where manufacturers meet designers",
        will_try="A monthly clinic",
        language="it",
    )
    with pytest.raises(NotAllowed):
        services.report_to_toolbox_draft(actor=cast.manager_a, report=report)
    entry = services.report_to_toolbox_draft(actor=visitors[0].manager, report=report)
    assert (entry.kind, entry.status, entry.language, entry.cluster, entry.author) == (
        "case",
        "draft",
        "it",
        visitors[0].cluster,
        visitors[0].manager,
    )
    assert entry.summary == "A clinic where manufacturers meet designers"
    assert "## What I will try\n\nA monthly clinic" in entry.body
    assert entry.versions.count() == 1  # made by the toolbox's service: versioned, indexed
    assert entry.search_terms.exists()
    with pytest.raises(DomainError):
        services.report_to_toolbox_draft(actor=visitors[0].manager, report=report)
    assert Entry.objects.count() == 1


def test_apply_page_shows_errors_next_to_fields(cast, visitors):
    offer = _visit(cast)
    client = client_for(visitors[0].manager)
    url = reverse("coaching:offer-apply", args=[offer.pk])
    response = client.post(url, {"applicant_cluster": visitors[0].cluster.pk})
    assert response.status_code == 200
    assert response.context["apply_form"].errors["learning_goals"]
    response = client.post(
        url, {"applicant_cluster": visitors[0].cluster.pk, "learning_goals": "Districts"}
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()


def test_offer_form_page(cast, clients):
    start = timezone.localdate() + dt.timedelta(days=5)
    response = clients.manager_a.post(
        reverse("coaching:offer-new"),
        {
            "host_cluster": cast.cluster_a.pk,
            "kind": "study_visit",
            "title": "Visit",
            "topics": "t",
            "language": "en",
            "starts_on": start.isoformat(),
            "ends_on": (start - dt.timedelta(days=1)).isoformat(),
            "capacity": "5",
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ExchangeOffer.objects.exists()
    # A member who manages no cluster cannot host.
    assert clients.member_a.get(reverse("coaching:offer-new")).status_code == 404
