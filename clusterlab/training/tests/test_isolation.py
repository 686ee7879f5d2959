"""The training app's own run of its tenant-matrix cases (the project-wide matrix runs them
too, together with every other app's world)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from clusterlab.registry.models import ServiceRecord
from clusterlab.surveys.models import Invitation, Survey

from . import isolation

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    models = [*isolation.SNAPSHOT_MODELS, ServiceRecord, Survey, Invitation]
    return {
        m.__name__: sorted(
            (
                sorted((k, repr(v)) for k, v in model_to_dict(row).items())
                for row in m.objects.all()
            ),
            key=repr,
        )
        for m in models
    }


@pytest.fixture
def world(cast):
    return SimpleNamespace(**vars(cast), **isolation.world(cast))


def _refused(response, anonymous: bool, post_only_get: bool = False) -> None:
    if anonymous and response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code in {403, 404} | ({405} if post_only_get else set())
    for secret in isolation.SECRETS_A:
        assert secret not in response.content.decode()


@pytest.mark.parametrize("actor", ["manager_b", "visitor"])
@pytest.mark.parametrize("case", isolation.PAGE_CASES, ids=lambda c: c.id)
def test_page_refuses_other_cluster_and_visitor(world, clients, case, actor):
    client = getattr(clients, actor)
    url = reverse(case.route, kwargs=case.kwargs(world))
    before = snapshot()
    _refused(client.get(url), actor == "visitor", post_only_get=not case.get)
    if case.post is not None:
        _refused(client.post(url, case.post(world)), actor == "visitor")
    assert snapshot() == before


@pytest.mark.parametrize("case", [c for c in isolation.PAGE_CASES if c.control], ids=lambda c: c.id)
def test_page_works_for_own_manager(world, clients, case):
    url = reverse(case.route, kwargs=case.kwargs(world))
    assert clients.manager_a.get(url).status_code == (200 if case.get else 405)
    if case.post is not None:
        before = snapshot()
        response = clients.manager_a.post(url, case.post(world))
        assert response.status_code == 302, response.content.decode()[:1500]
        assert snapshot() != before


@pytest.mark.parametrize("actor", ["manager_b", "visitor"])
@pytest.mark.parametrize("case", isolation.API_CASES, ids=lambda c: c.id)
def test_api_refuses_other_cluster_and_visitor(world, clients, case, actor):
    client = getattr(clients, actor)
    url = reverse(case.route, kwargs=case.kwargs(world))
    before = snapshot()
    for method in case.methods:
        data = case.body(world) if method in ("put", "patch") else None
        response = getattr(client, method)(url, data, content_type="application/json")
        allowed = {401, 403, 404} | ({405} if method in case.absent else set())
        assert response.status_code in allowed, (method, response.status_code)
        if actor == "manager_b" and method == "get":
            assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(
    "route",
    [
        "training:home",
        "training:competences",
        "training:modules",
        "training:profile",
        "training:self-assess",
        "training:programme-new",
    ],
)
def test_lists_never_show_another_clusters_programme(world, clients, route):
    body = clients.manager_b.get(reverse(route)).content.decode()
    assert "Academy A" not in body
    assert clients.visitor.get(reverse(route)).status_code == 302


def test_api_lists_hold_only_what_the_caller_may_see(world, clients):
    for name in ("programme", "enrolment", "attendance", "assessment"):
        rows = clients.manager_b.get(reverse(f"training-{name}-list")).json()
        rows = rows.get("results", rows) if isinstance(rows, dict) else rows
        assert rows == [], name
        assert clients.visitor.get(reverse(f"training-{name}-list")).status_code in (401, 403)
    mine = clients.manager_a.get(reverse("training-programme-list")).json()
    mine = mine.get("results", mine) if isinstance(mine, dict) else mine
    assert [p["title"] for p in mine] == ["Academy A"]
