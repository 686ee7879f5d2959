"""The admin shows every survey model to coordinators, never an invitation's secret token."""

from __future__ import annotations

import pytest

from clusterlab.surveys import services

from .conftest import invite

pytestmark = pytest.mark.django_db


def test_admin_pages_of_the_survey_models(survey, cast, clients):
    (invitation,) = invite(cast, survey.survey, ("ana@example.org", ""))
    response = services.response_save(invitation=invitation, answers={"comments": "hi"})
    pages = {
        "survey": survey.survey.pk,
        "question": survey.q.channel.pk,
        "invitation": invitation.pk,
        "response": response.pk,
    }
    for model, pk in pages.items():
        assert clients.coordinator.get(f"/admin/surveys/{model}/").status_code == 200, model
        page = clients.coordinator.get(f"/admin/surveys/{model}/{pk}/change/")
        assert page.status_code == 200, model
        assert invitation.token not in page.content.decode()
    assert clients.manager_a.get("/admin/surveys/survey/").status_code in (302, 403)
