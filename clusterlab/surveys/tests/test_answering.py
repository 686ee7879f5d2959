"""Answering through the personal link: save progress, submit once, required answers, closing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clusterlab.core.errors import DomainError
from clusterlab.surveys import services
from clusterlab.surveys.models import Answer, Response, Survey

from .conftest import invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(survey, cast):
    (invitation,) = invite(cast, survey.survey, ("ana@example.org", "treatment"))
    return invitation


def link(invitation) -> str:
    return reverse("surveys:respond", args=[invitation.token])


def test_saving_keeps_partial_answers_without_checking_required_ones(invitation, survey):
    response = services.response_save(
        invitation=invitation, answers={"comments": "  Great events  ", "topics": ["export"]}
    )
    assert response.submitted_at is None
    saved = dict(response.answers.values_list("question__code", "value"))
    assert saved == {"comments": "Great events", "topics": ["export"]}
    # Saving again replaces the named answers, clears emptied ones and keeps the others.
    services.response_save(invitation=invitation, answers={"comments": "", "employees": "12,5"})
    saved = dict(Answer.objects.values_list("question__code", "value"))
    assert saved == {"topics": ["export"], "employees": 12.5}
    assert Response.objects.count() == 1  # one response per link


def test_submit_requires_the_required_questions(invitation):
    with pytest.raises(services.AnswerErrors) as error:
        services.response_submit(invitation=invitation, answers={"comments": "hi"})
    assert error.value.field == "q_satisfaction"
    assert error.value.errors == {"q_satisfaction": "This question needs an answer."}
    assert not Response.objects.exists()  # nothing saved by a refused submit
    response = services.response_submit(invitation=invitation, answers={"satisfaction": "4"})
    assert response.submitted_at is not None
    assert dict(response.answers.values_list("question__code", "value")) == {"satisfaction": 4}


def test_a_submitted_response_cannot_change(invitation):
    services.response_submit(invitation=invitation, answers={"satisfaction": 5})
    with pytest.raises(DomainError, match="already submitted"):
        services.response_save(invitation=invitation, answers={"satisfaction": 1})
    assert Answer.objects.get().value == 5


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"satisfaction": 6}, "q_satisfaction"),
        ({"satisfaction": True}, "q_satisfaction"),
        ({"channel": "radio"}, "q_channel"),
        ({"topics": ["design", "cooking"]}, "q_topics"),
        ({"employees": "twelve"}, "q_employees"),
        ({"employees": "1e5"}, "q_employees"),
        ({"employees": "nan"}, "q_employees"),
        ({"employees": "1_000"}, "q_employees"),
        ({"employees": "-1"}, "q_employees"),  # below the minimum
        ({"employees": 1001}, "q_employees"),  # above the maximum
        ({"employees": "9" * 400}, "q_employees"),
        ({"comments": "x" * 5001}, "q_comments"),
        ({"comments": "null\x00byte"}, "q_comments"),
        ({"comments": ["a list"]}, "q_comments"),
        ({"founded": "2026-02-30"}, "q_founded"),
        ({"founded": "1850-01-01"}, "q_founded"),
        ({"founded": "yesterday"}, "q_founded"),
    ],
)
def test_bad_answers_are_refused_with_the_field(invitation, answers, field):
    with pytest.raises(services.AnswerErrors) as error:
        services.response_save(invitation=invitation, answers=answers)
    assert list(error.value.errors) == [field]
    assert not Response.objects.exists()


def test_every_bad_answer_is_reported_at_once(invitation):
    with pytest.raises(services.AnswerErrors) as error:
        services.response_save(
            invitation=invitation, answers={"satisfaction": 9, "employees": "x", "founded": "?"}
        )
    assert set(error.value.errors) == {"q_satisfaction", "q_employees", "q_founded"}


def test_good_answers_of_every_kind_are_stored_normalised(invitation):
    services.response_submit(
        invitation=invitation,
        answers={
            "satisfaction": "3",
            "channel": "event",
            "topics": ["funding", "design"],
            "employees": "7",
            "comments": "Fine",
            "founded": "2019-05-01",
        },
    )
    saved = dict(Answer.objects.values_list("question__code", "value"))
    assert saved == {
        "satisfaction": 3,
        "channel": "event",
        "topics": ["design", "funding"],  # in the question's order
        "employees": 7,
        "comments": "Fine",
        "founded": "2019-05-01",
    }


@pytest.mark.parametrize("how", ["status", "date"])
def test_a_closed_survey_refuses_answers(invitation, survey, cast, how):
    if how == "status":
        services.survey_set_status(actor=cast.manager_a, survey=survey.survey, status="closed")
    else:
        Survey.objects.filter(pk=survey.survey.pk).update(
            closes_at=timezone.now() - dt.timedelta(minutes=1)
        )
    with pytest.raises(DomainError, match="closed"):
        services.response_save(invitation=invitation, answers={"comments": "late"})
    page = Client().get(link(invitation))
    assert page.status_code == 200
    assert "This survey is closed" in page.content.decode()
    Client().post(link(invitation), {"action": "submit", "q_satisfaction": "3"})
    assert not Response.objects.exists()


# --- The respondent's page ------------------------------------------------------------------


def test_respondent_saves_comes_back_and_submits_without_an_account(invitation, survey):
    browser = Client()
    page = browser.get(link(invitation))
    assert page.status_code == 200
    body = page.content.decode()
    assert "How satisfied are you?" in body and "Save and continue later" in body
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"]
    saved = browser.post(
        link(invitation), {"action": "save", "q_comments": "Half done", "q_topics": ["export"]}
    )
    assert saved.status_code == 302
    again = browser.get(saved["Location"]).content.decode()
    assert "Half done" in again
    assert 'value="export" checked' in again
    assert "Your answers are saved" in again
    # Submitting without the required answer shows the error next to that question.
    refused = browser.post(link(invitation), {"action": "submit", "q_comments": "Half done"})
    assert refused.status_code == 200
    html = refused.content.decode()
    field = html.index('id="field-q_satisfaction"')
    error = html.index("This question needs an answer.")
    assert field < error < html.index('id="field-q_channel"')
    assert Response.objects.get().submitted_at is None
    done = browser.post(link(invitation), {"action": "submit", "q_satisfaction": "5"})
    assert done.status_code == 302
    thanks = browser.get(link(invitation)).content.decode()
    assert "Thank you!" in thanks and "Half done" not in thanks
    browser.post(link(invitation), {"action": "save", "q_satisfaction": "1"})
    assert Answer.objects.get(question=survey.q.satisfaction).value == 5


def test_respondent_page_speaks_the_respondents_language(survey, cast):
    (invitation,) = services.survey_send(
        actor=cast.manager_a,
        survey=survey.survey,
        recipients=[services.Recipient(email="ben@example.org", language="de")],
    )
    body = Client().get(link(invitation)).content.decode()
    assert "Wie zufrieden sind Sie?" in body and '<html lang="de">' in body
    english = Client().get(link(invitation), {"lang": "en"}).content.decode()
    assert "How satisfied are you?" in english


def test_bad_answers_on_the_page_are_shown_and_nothing_is_saved(invitation):
    response = Client().post(
        link(invitation), {"action": "save", "q_employees": "lots", "q_founded": "2026-13-01"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give a number, e.g. 12 or 3.5." in body and "Give a date between" in body
    assert 'value="lots"' in body  # what was typed stays in the field
    assert not Response.objects.exists()


def test_unknown_tokens_are_not_found(invitation):
    for token in ("nope", invitation.token[:-1], "x" * 300):
        assert Client().get(f"/s/{token}/").status_code == 404


def test_a_link_never_shows_another_respondents_answers(survey, cast):
    ana, ben = invite(cast, survey.survey, ("ana@example.org", ""), ("ben@example.org", ""))
    services.response_save(invitation=ana, answers={"comments": "Ana private remark"})
    body = Client().get(link(ben)).content.decode()
    assert "Ana private remark" not in body
    assert "Ana private remark" in Client().get(link(ana)).content.decode()


def test_a_draft_survey_link_says_not_open(cast):
    from .conftest import make_survey

    draft = make_survey(cast)
    services.question_add(actor=cast.manager_a, survey=draft, kind="text", text={"en": "Q"})
    services.survey_set_status(actor=cast.manager_a, survey=draft, status="open")
    (invitation,) = invite(cast, draft, ("x@example.org", ""))
    Survey.objects.filter(pk=draft.pk).update(status="draft")
    assert "not open yet" in Client().get(link(invitation)).content.decode()
