"""Competences, assessments, programmes and their validation, certificates, service log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry.models import ServiceRecord
from clusterlab.surveys import services as survey_services
from clusterlab.training import selectors, services
from clusterlab.training.framework import DEFAULT_FRAMEWORK
from clusterlab.training.models import Certificate, Competence
from conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _levels(level: int) -> dict[int, int]:
    return {pk: level for pk in Competence.objects.values_list("pk", flat=True)}


@pytest.fixture
def course(cast):
    """A programme of cluster A run by a trainer, with three managers from two clusters."""
    trainer = make_user("trainer_t", is_trainer=True)
    module = services.module_create(
        actor=trainer,
        data={"title": "Brokerage basics", "summary": "How to broker", "format": "workshop"},
        competences=[Competence.objects.get(code="matchmaking")],
    )
    programme = services.programme_create(
        actor=trainer,
        data={
            "title": "Academy",
            "cluster": cast.cluster_a,
            "starts_on": TODAY - dt.timedelta(days=20),
            "ends_on": TODAY + dt.timedelta(days=20),
        },
    )
    session = services.session_add(
        actor=trainer, programme=programme, module=module, date=TODAY - dt.timedelta(days=2)
    )
    manager_c = make_user("manager_c", first_name="Carla")
    cast.cluster_b.managers.add(manager_c)
    people = [cast.manager_a, cast.manager_b, manager_c]
    enrolments = [
        services.enrolment_create(actor=trainer, programme=programme, participant=p) for p in people
    ]
    return trainer, programme, session, people, enrolments


def test_fresh_database_has_the_default_framework():
    codes = list(Competence.objects.values_list("code", flat=True))
    assert codes == [row[0] for row in DEFAULT_FRAMEWORK]
    assert services.framework_load() == 0
    competence = Competence.objects.get(code="impact-measurement")
    assert [n for n, text in competence.level_texts if text] == [1, 2, 3, 4, 5]


def test_coordinator_translates_a_competence_and_english_is_the_fallback(cast):
    competence = Competence.objects.get(code="digital-services")
    services.competence_update(
        actor=cast.coordinator,
        competence=competence,
        language="pl",
        data={"description": "Usługi online", "levels": ["a", "", "", "", ""]},
    )
    competence.refresh_from_db()
    assert competence.text(competence.description, "pl") == "Usługi online"
    assert competence.text(competence.levels[1], "pl").startswith("Runs online events")
    with pytest.raises(NotAllowed):
        services.competence_update(actor=cast.manager_a, competence=competence, data={"name": "x"})


def test_profile_gaps_point_to_modules_addressing_them(cast):
    module = services.module_create(
        actor=None,
        data={"title": "Impact 101", "summary": "s", "format": "online"},
        competences=[Competence.objects.get(code="impact-measurement")],
    )
    services.module_create(actor=None, data={"title": "Unrelated", "summary": "s"})
    levels = _levels(4)
    impact = Competence.objects.get(code="impact-measurement")
    levels[impact.pk] = 1
    services.self_assessment_submit(actor=cast.manager_a, levels=levels)
    profile = selectors.competence_profile(user=cast.manager_a)
    assert [r.gap for r in profile.rows if r.gap] == [2]  # expected level 3, self 1
    assert profile.recommendations == [(module, [impact.display_name])]


def test_peer_rates_only_when_asked_and_sees_only_that_rating(cast, clients):
    asked = services.assessment_request(
        actor=cast.manager_a, rater_email=cast.manager_b.email, role="peer"
    )
    services.assessment_rate(actor=cast.manager_b, assessment=asked, levels=_levels(3))
    own = services.self_assessment_submit(actor=cast.manager_a, levels=_levels(2))
    assert selectors.competence_profile(user=cast.manager_a).rows[0].peer == 3
    with pytest.raises(NotAllowed):
        services.assessment_rate(actor=cast.member_a, assessment=asked, levels=_levels(1))
    url = reverse("training-assessment-detail", args=[own.pk])
    assert clients.manager_b.get(url).status_code == 404
    assert (
        clients.manager_b.get(reverse("training-assessment-detail", args=[asked.pk])).status_code
        == 200
    )
    assert clients.coordinator.get(url).status_code == 404  # not even the coordinator


def test_attendance_counts_in_the_service_log_of_the_members_cluster(cast, course):
    trainer, programme, session, people, enrolments = course
    people[0].organisation = cast.org_a
    people[0].save()
    present = {enrolments[0].pk, enrolments[1].pk}
    assert services.attendance_record(actor=trainer, session=session, present=present) == 2
    record = ServiceRecord.objects.get(kind="training")
    assert (record.cluster, record.organisation, record.date) == (
        cast.cluster_a,
        cast.org_a,
        session.date,
    )
    services.attendance_record(actor=trainer, session=session, present=present)
    assert ServiceRecord.objects.filter(kind="training").count() == 1  # once only
    services.attendance_record(actor=trainer, session=session, present=set())
    assert not ServiceRecord.objects.filter(kind="training").exists()


def test_no_attendance_for_a_future_session(cast, course):
    trainer, programme, session, _people, _enrolments = course
    later = services.session_add(
        actor=trainer, programme=programme, module=session.module, date=TODAY + dt.timedelta(3)
    )
    with pytest.raises(DomainError):
        services.attendance_record(actor=trainer, session=later, present=set())


def test_validation_figures_from_feedback_and_before_after(cast, course):
    trainer, programme, session, people, enrolments = course
    services.attendance_record(actor=trainer, session=session, present={e.pk for e in enrolments})
    assert services.session_feedback_send(actor=trainer, session=session) == 3
    session.refresh_from_db()
    assert session.feedback_survey.cluster == cast.cluster_a
    for score, invitation in zip(
        [3, 4, 5], session.feedback_survey.invitations.order_by("pk"), strict=True
    ):
        survey_services.response_submit(
            invitation=invitation, answers={"satisfaction": score, "usefulness": 4}
        )
    for person, before, after in zip(people, [1, 2, 2], [3, 3, 4], strict=True):
        services.self_assessment_submit(
            actor=person, levels=_levels(before), programme=programme, phase="before"
        )
        services.self_assessment_submit(
            actor=person, levels=_levels(after), programme=programme, phase="after"
        )
    validation = selectors.programme_validation(programme=programme)
    assert validation.satisfaction == 4.0 and validation.n_satisfaction == 3
    assert validation.attendance_rate == 1.0
    first = validation.changes[0]
    assert (first.n, first.before, first.after, first.change) == (3, 1.67, 3.33, 1.67)


def test_averages_of_fewer_than_three_people_are_withheld(cast, course):
    trainer, programme, _session, people, _enrolments = course
    for person in people[:2]:
        for phase in ("before", "after"):
            services.self_assessment_submit(
                actor=person, levels=_levels(2), programme=programme, phase=phase
            )
    change = selectors.programme_validation(programme=programme).changes[0]
    assert (change.n, change.before, change.after) == (2, None, None)


def test_participant_sees_no_aggregates_and_outsider_nothing(cast, course, clients):
    trainer, programme, session, people, enrolments = course
    url = reverse("training:programme-detail", args=[programme.pk])
    page = clients.manager_b.get(url)  # enrolled participant of another cluster
    assert page.status_code == 200 and b'id="validation"' not in page.content
    assert b'id="validation"' in clients.manager_a.get(url).content  # organising cluster
    assert clients.member_a.get(url).status_code == 404


def test_certificate_is_verifiable_and_can_be_revoked(cast, course, client):
    trainer, programme, _session, people, enrolments = course
    certificate = services.enrolment_complete(actor=trainer, enrolment=enrolments[2])
    assert services.enrolment_complete(actor=trainer, enrolment=enrolments[2]) == certificate
    url = reverse("training:certificate-verify", args=[certificate.code])
    page = client.get(url).content.decode()
    assert "Valid" in page and "Carla" in page and "Academy" in page
    assert "manager_c@test.local" not in page
    services.certificate_revoke(actor=trainer, certificate=certificate)
    assert "Revoked" in client.get(url).content.decode()
    assert client.get(reverse("training:certificate-verify", args=["NOPE"])).status_code == 404
    assert Certificate.objects.count() == 1


def test_certificate_pdf_for_holder(cast, course, clients):
    trainer, _programme, _session, _people, enrolments = course
    certificate = services.enrolment_complete(actor=trainer, enrolment=enrolments[0])
    response = clients.manager_a.get(reverse("training:certificate-pdf", args=[certificate.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    services.certificate_revoke(actor=trainer, certificate=certificate)
    url = reverse("training:certificate-pdf", args=[certificate.pk])
    assert clients.manager_a.get(url).status_code == 404  # a revoked certificate is not handed out


def test_managers_trained_by_cluster_and_period(cast, course):
    trainer, _programme, _session, people, enrolments = course
    services.enrolment_complete(actor=trainer, enrolment=enrolments[0], on=TODAY)
    services.enrolment_complete(
        actor=trainer, enrolment=enrolments[1], on=TODAY - dt.timedelta(days=40)
    )
    assert list(selectors.managers_trained()) == [people[0], people[1]]
    assert list(selectors.managers_trained(cluster=cast.cluster_b)) == [people[1]]
    assert list(selectors.managers_trained(since=TODAY - dt.timedelta(days=5))) == [people[0]]


def test_only_managers_can_be_enrolled_and_outsiders_cannot_run(cast, course):
    trainer, programme, _session, _people, _enrolments = course
    with pytest.raises(DomainError):
        services.enrolment_create(actor=trainer, programme=programme, participant=cast.member_a)
    with pytest.raises(NotAllowed):
        services.programme_create(
            actor=cast.manager_a,
            data={
                "title": "Stolen",
                "cluster": cast.cluster_b,
                "starts_on": TODAY,
                "ends_on": TODAY,
            },
        )


def test_assignment_submitted_and_marked_done(cast, course):
    trainer, programme, _session, people, _enrolments = course
    assignment = services.assignment_add(actor=trainer, programme=programme, title="Map members")
    submission = services.submission_save(actor=people[1], assignment=assignment, text="Done")
    services.submission_mark(actor=trainer, submission=submission, done=True)
    submission.refresh_from_db()
    assert submission.is_done
    with pytest.raises(NotAllowed):
        services.submission_save(actor=cast.member_a, assignment=assignment, text="x")


def test_profile_page_draws_the_radar(cast, clients):
    services.self_assessment_submit(actor=cast.manager_a, levels=_levels(3))
    page = clients.manager_a.get(reverse("training:profile")).content.decode()
    assert 'class="chart radar"' in page and 'class="series self"' in page


def test_overall_satisfaction_of_one_person_over_three_sessions_is_withheld(cast, course):
    trainer, programme, session, people, enrolments = course
    sessions = [session] + [
        services.session_add(
            actor=trainer, programme=programme, module=session.module, date=session.date
        )
        for _ in range(2)
    ]
    for each in sessions:
        services.attendance_record(actor=trainer, session=each, present={enrolments[0].pk})
        services.session_feedback_send(actor=trainer, session=each)
        each.refresh_from_db()
        survey_services.response_submit(
            invitation=each.feedback_survey.invitations.get(),
            answers={"satisfaction": 2, "usefulness": 4},
        )
    validation = selectors.programme_validation(programme=programme)
    assert validation.n_satisfaction == 3  # three answers, but from one person
    assert validation.satisfaction is None


def test_module_page_lists_its_toolbox_entries_the_viewer_may_see(cast, course, clients):
    from clusterlab.toolbox.models import Entry

    module = course[2].module

    def entry(title: str, status: str) -> Entry:
        made = Entry.objects.create(
            kind="method",
            title=title,
            summary="s",
            language="en",
            cluster=cast.cluster_a,
            author=cast.manager_a,
            status=status,
        )
        made.related_modules.add(module)
        return made

    entry("Brokerage canvas", "published")
    entry("Unfinished brokerage notes", "draft")
    url = reverse("training:module-detail", args=[module.pk])
    page = clients.manager_b.get(url).content.decode()
    assert "Brokerage canvas" in page
    assert "Unfinished brokerage notes" not in page  # a draft of another cluster
    assert "Unfinished brokerage notes" in clients.manager_a.get(url).content.decode()
