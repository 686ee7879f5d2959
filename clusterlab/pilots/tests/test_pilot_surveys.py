"""A pilot sends its surveys through the survey instrument and reads the answers back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from clusterlab.core.errors import DomainError
from clusterlab.pilots import selectors, services
from clusterlab.pilots.models import Measurement, PilotSurvey
from clusterlab.registry import services as registry_services
from clusterlab.surveys import services as survey_services
from clusterlab.surveys.models import Invitation

pytestmark = pytest.mark.django_db


def _survey(cast, cluster=None):
    survey = survey_services.survey_create(
        actor=None,
        cluster=cluster or cast.cluster_a,
        title={"en": "Baseline"},
        languages=["en"],
        closes_at=timezone.now() + dt.timedelta(days=10),
    )
    survey_services.question_add(
        actor=None, survey=survey, kind="likert", code="confidence", text={"en": "Confidence?"}
    )
    survey_services.survey_set_status(actor=None, survey=survey, status="open")
    return survey


@pytest.fixture
def reachable(cast, pilot):
    for index, firm in enumerate(pilot.firms[1:]):
        registry_services.contact_create(
            actor=None, organisation=firm, data={"first_name": "P", "email": f"p{index}@x.example"}
        )
    services.participants_randomise(actor=cast.manager_a, pilot=pilot.pilot, seed=2)
    return pilot


def test_survey_goes_to_every_participant_with_group_and_reference(cast, reachable):
    survey = _survey(cast)
    sent = services.pilot_survey_send(
        actor=cast.manager_a, pilot=reachable.pilot, phase="baseline", survey=survey
    )
    assert sent == 6
    invitations = Invitation.objects.filter(survey=survey)
    groups = dict(reachable.pilot.participants.values_list("pk", "group"))
    for invitation in invitations:
        participant_id = int(invitation.reference.removeprefix("pilots.participant:"))
        assert invitation.group == groups[participant_id]
    assert PilotSurvey.objects.get().phase == "baseline"


def test_answers_become_measurements_of_survey_indicators(cast, reachable):
    survey = _survey(cast)
    indicator = services.indicator_add(
        actor=cast.manager_a,
        pilot=reachable.pilot,
        data={"name": "Confidence", "method": "survey", "question_code": "confidence"},
    )
    services.pilot_survey_send(
        actor=cast.manager_a, pilot=reachable.pilot, phase="baseline", survey=survey
    )
    invitations = list(Invitation.objects.filter(survey=survey).order_by("pk"))
    for value, invitation in zip([2, 3, 4, 5], invitations, strict=False):
        survey_services.response_submit(invitation=invitation, answers={"confidence": value})
    # A saved but unsubmitted answer does not count.
    survey_services.response_save(invitation=invitations[4], answers={"confidence": 1})
    stored = services.measurements_from_survey(
        actor=cast.manager_a, pilot=reachable.pilot, phase="baseline"
    )
    assert stored == 4
    assert sorted(
        Measurement.objects.filter(indicator=indicator).values_list("value", flat=True)
    ) == [
        2.0,
        3.0,
        4.0,
        5.0,
    ]
    (result,) = selectors.pilot_evaluation(pilot=reachable.pilot)
    assert result.evaluation.reading == "too_few"  # no endline yet


def test_another_clusters_survey_is_refused(cast, reachable):
    foreign = _survey(cast, cluster=cast.cluster_b)
    with pytest.raises(DomainError) as error:
        services.pilot_survey_send(
            actor=cast.manager_a, pilot=reachable.pilot, phase="baseline", survey=foreign
        )
    assert error.value.field == "survey"
    assert not Invitation.objects.exists()


def test_no_import_without_a_survey_for_the_phase(cast, reachable):
    with pytest.raises(DomainError) as error:
        services.measurements_from_survey(
            actor=cast.manager_a, pilot=reachable.pilot, phase="endline"
        )
    assert error.value.field == "phase"


def test_a_partner_reaches_only_the_participants_it_may_see(cast, reachable):
    services.pilot_update(
        actor=cast.manager_a, pilot=reachable.pilot, data={}, partner_clusters=[cast.cluster_b]
    )
    services.participant_add(actor=cast.manager_a, pilot=reachable.pilot, organisation=cast.org_b)
    survey = _survey(cast, cluster=cast.cluster_b)
    sent = services.pilot_survey_send(
        actor=cast.manager_b, pilot=reachable.pilot, phase="baseline", survey=survey
    )
    emails = set(Invitation.objects.filter(survey=survey).values_list("email", flat=True))
    assert sent == 1 and emails == {"bernard@bravo.example"}  # never cluster A's contacts
