"""The coordinator's and trainer's pages: framework edits, modules, materials, programme forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clusterlab.training import services
from clusterlab.training.models import Competence, Material, Programme, TrainingModule
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def test_coordinator_edits_the_framework_in_german(cast, clients):
    competence = Competence.objects.get(code="community-building")
    url = reverse("training:competence-edit", args=[competence.pk]) + "?language=de"
    assert clients.coordinator.get(url).status_code == 200
    data = {"name": "", "description": "Gemeinschaft", "expected_level": 4, "is_active": "on"}
    response = clients.coordinator.post(url, {**data, "level_1": "Kennt die Mitglieder."})
    assert response.status_code == 302
    competence.refresh_from_db()
    assert competence.description["de"] == "Gemeinschaft"
    assert competence.levels[0]["de"] == "Kennt die Mitglieder."
    assert competence.name["en"] == "Community building"  # untouched
    assert competence.expected_level == 4
    new = {"code": "storytelling", "name": "Storytelling", "expected_level": 3, "is_active": "on"}
    assert clients.coordinator.post(reverse("training:competence-new"), new).status_code == 302
    assert Competence.objects.filter(code="storytelling").exists()
    assert clients.manager_a.get(reverse("training:competence-new")).status_code == 404


def test_trainer_writes_a_module_with_a_link(cast):
    trainer = client_for(make_user("trainer_t", is_trainer=True))
    competence = Competence.objects.get(code="digital-services")
    data = {
        "title": "Online matchmaking",
        "summary": "Run it online",
        "competences": [competence.pk],
        "format": "online",
        "duration_hours": "2.5",
        "languages": ["en", "ca"],
    }
    assert trainer.post(reverse("training:module-new"), data).status_code == 302
    module = TrainingModule.objects.get(title="Online matchmaking")
    assert module.languages == ["en", "ca"] and list(module.competences.all()) == [competence]
    link = {"title": "Slides", "url": "https://example.org/slides"}
    trainer.post(reverse("training:material-add", args=[module.pk]), link)
    assert Material.objects.get().kind == "link"
    page = trainer.get(reverse("training:module-detail", args=[module.pk])).content.decode()
    assert "https://example.org/slides" in page and "Català" in page
    listing = trainer.get(reverse("training:modules") + f"?competence={competence.pk}")
    assert b"Online matchmaking" in listing.content
    assert trainer.get(reverse("training:modules") + "?competence=%C2%B2").status_code == 200


def test_session_outside_the_programme_is_shown_next_to_the_field(cast, clients):
    today = dt.date.today()
    module = services.module_create(actor=None, data={"title": "M", "summary": "s"})
    programme = services.programme_create(
        actor=None,
        data={"title": "P", "cluster": cast.cluster_a, "starts_on": today, "ends_on": today},
    )
    url = reverse("training:session-add", args=[programme.pk])
    response = clients.manager_a.post(
        url, {"module": module.pk, "date": (today + dt.timedelta(days=9)).isoformat()}
    )
    assert response.status_code == 400
    assert "within the programme" in response.content.decode()
    assert not programme.sessions.exists()


def test_manager_creates_a_programme_for_own_cluster_only(cast, clients):
    form = clients.manager_a.get(reverse("training:programme-new")).content.decode()
    assert "Design Cluster A" in form and "Textile Cluster B" not in form
    data = {
        "title": "Academy",
        "cluster": cast.cluster_b.pk,
        "language": "en",
        "starts_on": "2026-01-01",
        "ends_on": "2026-02-01",
    }
    assert clients.manager_a.post(reverse("training:programme-new"), data).status_code == 200
    assert not Programme.objects.exists()
    assert clients.member_a.get(reverse("training:programme-new")).status_code == 404


def test_every_list_page_renders_for_each_role(cast, clients):
    for name in ("manager_a", "member_a", "coordinator"):
        client = getattr(clients, name)
        for route in ("home", "competences", "modules", "profile", "self-assess"):
            assert client.get(reverse(f"training:{route}")).status_code == 200, (name, route)


def _programmes(cast, count: int) -> None:
    today = dt.date.today()
    module = services.module_create(actor=None, data={"title": "M", "summary": "s"})
    for index in range(count):
        programme = services.programme_create(
            actor=None,
            data={
                "title": f"P{index}",
                "cluster": cast.cluster_a,
                "starts_on": today,
                "ends_on": today,
            },
        )
        services.session_add(actor=None, programme=programme, module=module, date=today)
        services.enrolment_create(actor=None, programme=programme, participant=cast.manager_b)


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/training/", "/api/training-programmes/", "/training/modules/"])
def test_lists_cost_the_same_for_one_and_three_programmes(cast, clients, url):
    _programmes(cast, 1)
    one = _queries(clients.manager_a, url)
    _programmes(cast, 2)
    assert _queries(clients.manager_a, url) == one
