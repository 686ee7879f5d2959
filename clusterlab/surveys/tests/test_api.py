"""The surveys API: owners build, send and read; the same services as the pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterlab.surveys import services
from clusterlab.surveys.models import Invitation, Question, Survey

from .conftest import invite, make_survey

pytestmark = pytest.mark.django_db


def test_owner_lists_and_reads_a_survey_with_its_sections_and_questions(survey, clients):
    make_survey_b = clients.manager_b.post(
        "/api/surveys/",
        {"cluster": "cluster-b", "title": {"en": "B's survey"}, "languages": ["en"]},
        content_type="application/json",
    )
    assert make_survey_b.status_code == 201
    listed = clients.manager_a.get("/api/surveys/").json()["results"]
    assert [s["id"] for s in listed] == [survey.survey.pk]
    body = clients.manager_a.get(f"/api/surveys/{survey.survey.pk}/").json()
    assert body["cluster"] == "cluster-a" and body["status"] == "open"
    assert [len(s["questions"]) for s in body["sections"]] == [3, 3]
    channel = body["sections"][0]["questions"][1]
    assert (channel["code"], channel["kind"], channel["choices"][0]) == (
        "channel",
        "single",
        {"value": "web", "label": {"en": "Website", "de": "Webseite"}},
    )


def test_create_and_update_through_the_api(cast, clients):
    created = clients.manager_a.post(
        "/api/surveys/",
        {
            "cluster": "cluster-a",
            "title": {"en": "Baseline"},
            "languages": ["en", "it"],
            "status": "open",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    survey = Survey.objects.get()
    assert (survey.status, survey.default_language) == ("draft", "en")
    url = f"/api/surveys/{survey.pk}/"
    patched = clients.manager_a.patch(
        url, {"title": {"en": "Baseline 2026", "it": "Base"}}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["title"]["it"] == "Base"
    moved = clients.manager_a.patch(url, {"cluster": "cluster-b"}, content_type="application/json")
    assert moved.status_code == 400 and "cluster" in moved.json()
    opened = clients.manager_a.patch(url, {"status": "open"}, content_type="application/json")
    assert opened.status_code == 400 and "status" in opened.json()  # no question yet


def test_a_survey_for_another_cluster_is_refused(cast, clients):
    response = clients.manager_a.post(
        "/api/surveys/",
        {"cluster": "cluster-b", "title": {"en": "Planted"}, "languages": ["en"]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Survey.objects.exists()


def test_add_sections_and_questions(cast, clients):
    survey = make_survey(cast)
    base = f"/api/surveys/{survey.pk}"
    section = clients.manager_a.post(
        f"{base}/sections/", {"title": {"en": "Part 2"}}, content_type="application/json"
    )
    assert section.status_code == 201
    question = clients.manager_a.post(
        f"{base}/questions/",
        {
            "section": section.json()["id"],
            "code": "rating",
            "kind": "likert",
            "text": {"en": "Rate us", "de": "Bewerten Sie uns"},
            "required": True,
            "low_label": {"en": "bad"},
            "high_label": {"en": "good"},
        },
        content_type="application/json",
    )
    assert question.status_code == 201, question.json()
    assert Question.objects.get().section_id == section.json()["id"]
    for body, field in (
        (
            {"kind": "single", "text": {"en": "Pick"}, "choices": [{"label": {"en": "one"}}]},
            "choices",
        ),
        ({"kind": "text", "text": {"en": "T"}, "code": "rating"}, "code"),
        ({"kind": "text", "text": {"en": "T"}, "section": 10**9}, "section"),
        ({"kind": "number", "text": {"en": "N"}, "min_value": "Infinity"}, "min_value"),
        ({"kind": "text", "text": {"fr": "T"}}, "text"),
    ):
        refused = clients.manager_a.post(
            f"{base}/questions/", body, content_type="application/json"
        )
        assert refused.status_code == 400 and field in refused.json(), (body, refused.json())
    assert Question.objects.count() == 1


def test_send_remind_copy_invitations_and_responses(survey, cast, clients):
    base = f"/api/surveys/{survey.survey.pk}"
    sent = clients.manager_a.post(
        f"{base}/send/",
        {
            "recipients": [
                {
                    "email": "ana@example.org",
                    "group": "treatment",
                    "reference": "pilots.participant:3",
                    "organisation": cast.org_a.pk,
                },
                {"email": "ANA@example.org"},
            ]
        },
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.json()
    assert [i["email"] for i in sent.json()] == ["ana@example.org"]
    assert "token" not in sent.json()[0]
    foreign = clients.manager_a.post(
        f"{base}/send/",
        {"recipients": [{"email": "b@example.org", "organisation": cast.org_b.pk}]},
        content_type="application/json",
    )
    assert foreign.status_code == 400
    invitation = Invitation.objects.get()
    services.response_save(invitation=invitation, answers={"comments": "so far so good"})
    assert clients.manager_a.post(f"{base}/remind/").json() == {"reminded": 1}
    assert clients.manager_a.post(f"{base}/remind/").json() == {"reminded": 0}
    listed = clients.manager_a.get("/api/survey-invitations/", {"survey": survey.survey.pk}).json()
    assert [i["email"] for i in listed["results"]] == ["ana@example.org"]
    assert listed["results"][0]["submitted_at"] is None
    assert listed["results"][0]["started_at"] is not None
    responses = clients.manager_a.get("/api/survey-responses/").json()["results"]
    assert responses[0]["answers"] == {"comments": "so far so good"}
    assert responses[0]["reference"] == "pilots.participant:3"
    copy = clients.manager_a.post(
        f"{base}/copy/", {"title": {"en": "Endline"}}, content_type="application/json"
    )
    assert copy.status_code == 201 and copy.json()["status"] == "draft"
    assert copy.json()["copied_from"] == survey.survey.pk


@pytest.mark.parametrize(
    "path", ["/api/surveys/", "/api/survey-invitations/", "/api/survey-responses/"]
)
def test_list_queries_do_not_grow_with_the_rows(cast, clients, path):
    def build(n: int) -> None:
        for i in range(n):
            s = make_survey(cast, title={"en": f"S{len(path)}-{i}-{n}"})
            services.question_add(actor=cast.manager_a, survey=s, kind="text", text={"en": "Q"})
            services.survey_set_status(actor=cast.manager_a, survey=s, status="open")
            (invitation,) = invite(cast, s, (f"p{i}@{n}.example", ""))
            services.response_save(invitation=invitation, answers={"q1": "hello"})

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert clients.manager_a.get(path).status_code == 200
        return len(queries)

    build(1)
    one = count()
    build(2)
    assert count() == one
