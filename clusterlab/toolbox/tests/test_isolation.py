"""The toolbox's tenant cases run on their own (the project matrix runs them with every app's).

Cluster B's manager and a visitor are refused every page and API call on cluster A's draft,
see none of its text, and the database is left exactly as it was.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from . import isolation

pytestmark = pytest.mark.django_db


def snapshot() -> list:
    return [list(model.objects.order_by("pk").values()) for model in isolation.SNAPSHOT_MODELS]


@pytest.fixture
def world(cast):
    return SimpleNamespace(**vars(cast), **isolation.world(cast))


def _assert_refused(response, *, anonymous: bool, post_only_get: bool = False):
    allowed = {403, 404} | ({405} if post_only_get else set())
    if anonymous and response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code in allowed, response.status_code
    body = response.content.decode("utf-8", "replace")
    for secret in isolation.SECRETS_A:
        assert secret not in body


@pytest.mark.parametrize("actor", ["manager_b", "visitor", "member_a"])
@pytest.mark.parametrize("case", isolation.PAGE_CASES, ids=lambda c: c.id)
def test_draft_pages_refuse_outsiders(world, clients, case, actor):
    client = getattr(clients, actor)
    url = reverse(case.route, kwargs=case.kwargs(world))
    before = snapshot()
    anonymous = actor == "visitor"
    _assert_refused(client.get(url), anonymous=anonymous, post_only_get=not case.get)
    if case.post is not None:
        _assert_refused(client.post(url, case.post(world)), anonymous=anonymous)
    assert snapshot() == before


@pytest.mark.parametrize("case", [c for c in isolation.PAGE_CASES if c.control], ids=lambda c: c.id)
def test_draft_pages_work_for_own_manager(world, clients, case):
    url = reverse(case.route, kwargs=case.kwargs(world))
    assert clients.manager_a.get(url).status_code == (200 if case.get else 405)
    if case.post is not None:
        before = snapshot()
        response = clients.manager_a.post(url, case.post(world))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert snapshot() != before


@pytest.mark.parametrize("actor", ["manager_b", "visitor"])
@pytest.mark.parametrize("case", isolation.API_CASES, ids=lambda c: c.id)
def test_draft_api_refuses_outsiders(world, clients, case, actor):
    client = getattr(clients, actor)
    url = reverse(case.route, kwargs=case.kwargs(world))
    before = snapshot()
    for method in case.methods:
        kwargs = {"content_type": "application/json"} if method != "get" else {}
        data = case.body(world) if method in ("put", "patch", "post") else None
        response = getattr(client, method)(url, data, **kwargs)
        allowed = {401, 403, 404} | ({405} if method in case.absent else set())
        assert response.status_code in allowed, (method, response.status_code)
        for secret in isolation.SECRETS_A:
            assert secret not in response.content.decode()
    assert snapshot() == before


def test_entry_in_review_is_open_to_peer_reviewers_but_not_to_members_or_visitors(world, clients):
    from clusterlab.toolbox import services

    services.entry_submit(actor=world.manager_a, entry=world.toolbox_draft_a)
    url = reverse("toolbox:entry-detail", args=[world.toolbox_draft_a.pk])
    assert clients.manager_b.get(url).status_code == 200
    assert clients.member_a.get(url).status_code == 404
    assert clients.visitor.get(url).status_code == 404
    before = snapshot()  # reviewers read and review, but never edit
    edit = reverse("toolbox:entry-edit", args=[world.toolbox_draft_a.pk])
    assert clients.manager_b.post(edit, {"title": "x"}).status_code == 404
    assert snapshot() == before


def test_lists_and_search_hide_other_clusters_drafts(world, clients):
    for actor in ("manager_b", "visitor"):
        client = getattr(clients, actor)
        for url in (reverse("toolbox:home"), reverse("toolbox:home") + "?q=canary"):
            body = client.get(url).content.decode()
            assert all(secret not in body for secret in isolation.SECRETS_A)
        body = client.get("/api/toolbox-entries/").content.decode()
        assert all(secret not in body for secret in isolation.SECRETS_A)
