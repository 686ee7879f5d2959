"""A cluster is the boundary: other clusters' managers, members and visitors are refused every
private survey page and endpoint, see none of the answers, and change nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from clusterlab.surveys import services
from clusterlab.surveys.models import Answer, Invitation, Question, Response, Section, Survey

from .conftest import invite

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Alpha founder leaving in March"


@pytest.fixture
def world(survey, cast):
    (invitation,) = invite(cast, survey.survey, ("anna@alpha.example", "treatment"))
    services.response_submit(
        invitation=invitation, answers={"satisfaction": 4, "comments": SECRET_TEXT}
    )
    spare = services.section_add(actor=cast.manager_a, survey=survey.survey, title={"en": "Spare"})
    return SimpleNamespace(**vars(survey), invitation=invitation, spare=spare, cast=cast)


def snapshot() -> dict:
    models = [Survey, Section, Question, Invitation, Response, Answer]
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in models}


def page_cases(w) -> list[tuple[str, dict, dict | None, bool]]:
    """(route, kwargs, POST body or None, whether GET is allowed)."""
    s, q, sec = w.survey.pk, w.q.comments.pk, w.first.pk
    return [
        ("surveys:survey-detail", {"pk": s}, None, True),
        (
            "surveys:survey-edit",
            {"pk": s},
            {"languages": ["en"], "default_language": "en", "title_en": "Hijacked"},
            True,
        ),
        ("surveys:survey-copy", {"pk": s}, {}, False),
        ("surveys:survey-preview", {"pk": s}, None, True),
        ("surveys:section-add", {"pk": s}, {"title_en": "Planted"}, True),
        ("surveys:section-edit", {"pk": s, "section_pk": sec}, {"title_en": "Renamed"}, True),
        ("surveys:section-delete", {"pk": s, "section_pk": w.spare.pk}, {}, False),
        ("surveys:section-move", {"pk": s, "section_pk": sec}, {"direction": "down"}, False),
        ("surveys:question-add", {"pk": s}, {"section": sec, "kind": "text", "text_en": "P"}, True),
        (
            "surveys:question-edit",
            {"pk": s, "question_pk": q},
            {"section": sec, "kind": "text", "code": "comments", "text_en": "Renamed"},
            True,
        ),
        ("surveys:question-delete", {"pk": s, "question_pk": w.q.founded.pk}, {}, False),
        ("surveys:question-move", {"pk": s, "question_pk": q}, {"direction": "up"}, False),
        ("surveys:survey-send", {"pk": s}, {"contacts": [w.cast.contact_a.pk]}, True),
        ("surveys:survey-remind", {"pk": s}, {}, False),
        ("surveys:invitations", {"pk": s}, None, True),
        ("surveys:results", {"pk": s}, None, True),
        ("surveys:export-csv", {"pk": s}, None, True),
        ("surveys:export-xlsx", {"pk": s}, None, True),
        ("surveys:survey-status", {"pk": s}, {"status": "closed"}, False),  # last: it closes
    ]


def _check_refused(response, *, anonymous: bool, post: bool, get_allowed: bool) -> None:
    if anonymous and response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        allowed = {404} | ({405} if not post and not get_allowed else set())
        assert response.status_code in allowed, response.status_code
    assert SECRET_TEXT.encode() not in response.content
    assert b"anna@alpha.example" not in response.content


@pytest.mark.parametrize("actor", ["manager_b", "member_a", "visitor"])
def test_every_private_page_refuses_outsiders_and_changes_nothing(world, clients, actor):
    client = getattr(clients, actor)
    before = snapshot()
    for route, kwargs, body, get_allowed in page_cases(world):
        url = reverse(route, kwargs=kwargs)
        anonymous = actor == "visitor"
        _check_refused(client.get(url), anonymous=anonymous, post=False, get_allowed=get_allowed)
        if body is not None:
            _check_refused(
                client.post(url, body), anonymous=anonymous, post=True, get_allowed=get_allowed
            )
        assert snapshot() == before, route


def test_the_same_pages_work_for_the_owner(world, clients):
    """The control of the test above: every case is reachable by cluster A's manager."""
    for route, kwargs, body, get_allowed in page_cases(world):
        url = reverse(route, kwargs=kwargs)
        assert clients.manager_a.get(url).status_code == (200 if get_allowed else 405), route
        if body is not None:
            assert clients.manager_a.post(url, body).status_code == 302, route


def api_cases(w) -> list[tuple[str, str, dict | None]]:
    s = w.survey.pk
    response = Response.objects.get()
    return [
        ("get", f"/api/surveys/{s}/", None),
        (
            "put",
            f"/api/surveys/{s}/",
            {"cluster": "cluster-a", "title": {"en": "X"}, "languages": ["en"]},
        ),
        ("patch", f"/api/surveys/{s}/", {"title": {"en": "Hijacked"}}),
        ("delete", f"/api/surveys/{s}/", None),
        ("post", f"/api/surveys/{s}/sections/", {"title": {"en": "Planted"}}),
        ("post", f"/api/surveys/{s}/questions/", {"kind": "text", "text": {"en": "Planted"}}),
        ("post", f"/api/surveys/{s}/send/", {"recipients": [{"email": "m@evil.example"}]}),
        ("post", f"/api/surveys/{s}/remind/", {}),
        ("post", f"/api/surveys/{s}/copy/", {}),
        ("get", f"/api/surveys/{s}/results/", None),
        ("get", f"/api/survey-invitations/{w.invitation.pk}/", None),
        ("get", f"/api/survey-responses/{response.pk}/", None),
    ]


@pytest.mark.parametrize("actor", ["manager_b", "member_a", "visitor"])
def test_every_api_endpoint_refuses_outsiders_and_changes_nothing(world, clients, actor):
    client = getattr(clients, actor)
    before = snapshot()
    for method, url, body in api_cases(world):
        response = getattr(client, method)(url, body, content_type="application/json")
        allowed = {404, 405} if actor != "visitor" else {401, 403}
        assert response.status_code in allowed, (method, url, response.status_code)
        assert SECRET_TEXT.encode() not in response.content
        assert snapshot() == before, (method, url)


@pytest.mark.parametrize("actor", ["manager_b", "member_a"])
def test_lists_show_outsiders_nothing_of_cluster_a(world, clients, actor):
    client = getattr(clients, actor)
    for path in (
        "/api/surveys/",
        "/api/survey-invitations/",
        "/api/survey-responses/",
        f"/api/survey-invitations/?survey={world.survey.pk}",
    ):
        body = client.get(path).json()
        assert body["results"] == [], path
    if actor == "manager_b":
        page = client.get(reverse("surveys:surveys"))
        assert page.status_code == 200 and list(page.context["surveys"]) == []
    else:
        assert client.get(reverse("surveys:surveys")).status_code == 404


def test_the_owner_sees_the_free_text_answer_and_the_coordinator_too(world, clients):
    for client in (clients.manager_a, clients.coordinator):
        body = client.get(reverse("surveys:results", args=[world.survey.pk])).content.decode()
        assert SECRET_TEXT in body
        api = client.get("/api/survey-responses/").json()["results"]
        assert api[0]["answers"]["comments"] == SECRET_TEXT


def test_the_respondent_link_shows_only_its_own_invitation(world, cast):
    (other,) = invite(cast, world.survey, ("someone@else.example", "comparison"))
    body = Client().get(reverse("surveys:respond", args=[other.token])).content.decode()
    assert SECRET_TEXT not in body and "anna@alpha.example" not in body
    own = Client().get(reverse("surveys:respond", args=[world.invitation.token])).content.decode()
    assert "Thank you!" in own and SECRET_TEXT not in own  # submitted answers are not shown again
