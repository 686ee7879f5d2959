"""Community questions: ask, answer, mark a good answer, and turn it into a draft entry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterlab.core.errors import NotAllowed
from clusterlab.toolbox import services
from clusterlab.toolbox.models import Answer, Entry, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(cast):
    return services.question_ask(
        actor=cast.manager_a, title="How do you price creative vouchers?", language="en"
    )


def test_ask_answer_mark_and_make_an_entry(question, cast, clients):
    response = clients.manager_b.post(
        reverse("toolbox:question-detail", args=[question.pk]),
        {"body": "We cap them at 5,000 EUR."},
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (
        clients.manager_b.post(reverse("toolbox:answer-mark", args=[answer.pk])).status_code == 404
    )
    clients.manager_a.post(reverse("toolbox:answer-mark", args=[answer.pk]), {"good": "1"})
    answer.refresh_from_db()
    assert answer.is_good
    form = clients.manager_b.get(reverse("toolbox:entry-new"), {"answer": answer.pk}).content
    assert b"We cap them at 5,000 EUR." in form and b"How do you price creative vouchers?" in form
    response = clients.manager_b.post(
        reverse("toolbox:entry-new"),
        {
            "cluster": cast.cluster_b.pk,
            "kind": "method",
            "language": "en",
            "title": "Pricing creative vouchers",
            "summary": "Cap them.",
            "body": "We cap them at 5,000 EUR.",
            "source_answer": answer.pk,
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.source_answer, entry.cluster, entry.status) == (answer, cast.cluster_b, "draft")


def test_questions_are_for_logged_in_users(question, clients):
    url = reverse("toolbox:question-detail", args=[question.pk])
    assert clients.visitor.get(url).status_code == 302
    assert clients.visitor.get(reverse("toolbox:questions")).status_code == 302
    assert clients.member_a.get(url).status_code == 200


def test_members_read_but_do_not_ask_or_answer(question, cast, clients):
    before = (Question.objects.count(), Answer.objects.count())
    assert (
        clients.member_a.post(
            reverse("toolbox:questions"), {"title": "x", "language": "en"}
        ).status_code
        == 404
    )
    url = reverse("toolbox:question-detail", args=[question.pk])
    assert clients.member_a.post(url, {"body": "x"}).status_code == 404
    assert (Question.objects.count(), Answer.objects.count()) == before
    with pytest.raises(NotAllowed):
        services.answer_add(actor=cast.member_a, question=question, body="x")


def test_an_entry_can_only_start_from_a_good_answer(question, cast, clients):
    answer = services.answer_add(actor=cast.manager_b, question=question, body="Maybe")
    response = clients.manager_a.get(reverse("toolbox:entry-new"), {"answer": answer.pk})
    assert response.status_code == 404
