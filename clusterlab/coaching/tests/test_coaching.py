"""Coaching schemes and engagements: the rules of the services and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clusterlab.coaching import services
from clusterlab.coaching.models import Action, Engagement, Scheme, Session
from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry.models import ServiceRecord
from conftest import make_org

pytestmark = pytest.mark.django_db


def test_scheme_steps_are_kept_in_order_and_copied_into_engagements(cast, coaching):
    steps = list(coaching.of_sme.steps.values_list("position", "title", "expected_outputs"))
    assert steps == [(1, "Frame", "A brief"), (2, "Test", "")]
    # Editing the scheme later leaves running engagements as they were.
    services.scheme_update(
        actor=cast.coordinator,
        scheme=coaching.scheme,
        data={"title": "Sprint v2"},
        steps=[{"title": "Only step", "purpose": "Everything"}],
    )
    assert list(coaching.scheme.steps.values_list("title", flat=True)) == ["Only step"]
    assert coaching.of_sme.steps.count() == 2


def test_scheme_is_edited_by_its_author_and_coordinators_only(cast, coaching):
    with pytest.raises(NotAllowed):
        services.scheme_update(actor=cast.manager_a, scheme=coaching.scheme, data={"title": "x"})
    own = services.scheme_create(
        actor=cast.manager_a,
        data={"title": "Mine", "summary": "s"},
        steps=[{"title": "One", "purpose": "p"}],
    )
    services.scheme_update(actor=cast.manager_a, scheme=own, data={"title": "Still mine"})
    assert Scheme.objects.get(pk=own.pk).title == "Still mine"
    with pytest.raises(NotAllowed):
        services.scheme_create(actor=cast.member_a, data={"title": "x", "summary": "s"}, steps=[])


def test_scheme_page_creates_steps_and_shows_errors_next_to_fields(cast, clients):
    url = reverse("coaching:scheme-new")
    base = {"title": "", "summary": "s", "audience": "manager", "language": "en"}
    management = {"steps-TOTAL_FORMS": "2", "steps-INITIAL_FORMS": "0"}
    response = clients.manager_a.post(url, {**base, **management, "steps-0-title": "A"})
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    response = clients.manager_a.post(
        url, {**base, "title": "Peer coaching", **management, "steps-0-title": "Only a title"}
    )
    assert response.status_code == 200
    assert "Step 1" in str(response.context["steps"].non_form_errors())
    assert not Scheme.objects.filter(title="Peer coaching").exists()
    response = clients.manager_a.post(
        url,
        {
            **base,
            "title": "Peer coaching",
            **management,
            "steps-0-title": "Listen",
            "steps-0-purpose": "Hear the case",
            "steps-1-title": "Advise",
            "steps-1-purpose": "Three peers advise",
        },
    )
    scheme = Scheme.objects.get(title="Peer coaching")
    assert response.status_code == 302
    assert list(scheme.steps.values_list("position", "title")) == [(1, "Listen"), (2, "Advise")]
    assert scheme.created_by == cast.manager_a


def test_engagement_coachee_is_a_manager_or_a_member_sme(cast, coaching):
    with pytest.raises(DomainError) as exc:
        services.engagement_create(
            actor=coaching.trainer, title="x", scheme=None, coachee=cast.member_a
        )
    assert exc.value.field == "coachee"
    with pytest.raises(DomainError) as exc:
        services.engagement_create(
            actor=cast.manager_a,
            title="x",
            scheme=None,
            organisation=cast.org_b,
            cluster=cast.cluster_a,
        )
    assert exc.value.field == "organisation"
    # Bob cannot arrange coaching under cluster A's name for A's member.
    with pytest.raises(NotAllowed):
        services.engagement_create(
            actor=cast.manager_b,
            title="x",
            scheme=None,
            organisation=cast.org_a,
            cluster=cast.cluster_a,
        )
    assert Engagement.objects.count() == 2


def test_sme_session_counts_in_the_arranging_clusters_service_log(cast, coaching):
    session = services.session_add(
        actor=cast.manager_a,
        engagement=coaching.of_sme,
        date=coaching.today,
        notes="Secret talk",
    )
    record = ServiceRecord.objects.get(pk=session.service_id)
    assert (record.cluster, record.organisation, record.kind) == (
        cast.cluster_a,
        cast.org_a,
        "coaching",
    )
    assert record.description == "Coaching session: Sprint with Alpha"  # never the notes
    # A manager's coaching is no service to an organisation.
    assert coaching.manager_session.service_id is None


def test_sme_coached_by_a_trainer_counts_too(cast, coaching):
    """The trainer manages no cluster; the service records the session on the cluster's log."""
    engagement = services.engagement_create(
        actor=cast.manager_a,
        coach=coaching.trainer,
        title="Trainer sprint",
        scheme=None,
        organisation=cast.org_a_public,
        cluster=cast.cluster_a,
        started_on=coaching.today,
    )
    before = ServiceRecord.objects.filter(kind="coaching").count()
    services.session_add(actor=coaching.trainer, engagement=engagement, date=coaching.today)
    assert ServiceRecord.objects.filter(kind="coaching").count() == before + 1


def test_sessions_are_recorded_once_held(cast, coaching):
    with pytest.raises(DomainError) as exc:
        services.session_add(
            actor=cast.manager_a,
            engagement=coaching.of_sme,
            date=coaching.today + dt.timedelta(days=1),
        )
    assert exc.value.field == "date"
    assert Session.objects.filter(engagement=coaching.of_sme).count() == 0


def test_steps_are_completed_in_order_with_an_output(cast, coaching):
    first, second = coaching.of_sme.steps.order_by("position")
    with pytest.raises(DomainError):
        services.step_complete(actor=cast.manager_a, step=second, output="x")
    with pytest.raises(DomainError) as exc:
        services.step_complete(actor=cast.manager_a, step=first, output="  ")
    assert exc.value.field == "output"
    services.step_complete(actor=cast.manager_a, step=first, output="A brief")
    assert services.engagements.current_step(coaching.of_sme) == second


def test_overdue_actions_are_highlighted(cast, coaching, clients):
    overdue = services.action_add(
        actor=cast.manager_a,
        engagement=coaching.of_sme,
        text="Send the offer",
        due_on=coaching.today - dt.timedelta(days=1),
    )
    services.action_add(
        actor=cast.manager_a,
        engagement=coaching.of_sme,
        text="Later",
        due_on=coaching.today + dt.timedelta(days=5),
    )
    assert overdue.is_overdue
    body = clients.manager_a.get(coaching.of_sme.get_absolute_url()).content.decode()
    assert f'id="action-{overdue.pk}" class="overdue' in body
    home = clients.manager_a.get(reverse("coaching:home"))
    row = next(e for e in home.context["engagements"] if e.pk == coaching.of_sme.pk)
    assert row.n_overdue == 1
    services.action_set_status(actor=cast.manager_a, action=overdue, status="done")
    assert not Action.objects.get(pk=overdue.pk).is_overdue


def test_action_status_by_htmx_returns_the_row(cast, coaching, clients):
    action = services.action_add(
        actor=cast.manager_a, engagement=coaching.of_sme, text="Call", due_on=coaching.today
    )
    url = reverse("coaching:action-status", args=[coaching.of_sme.pk, action.pk])
    response = clients.manager_a.post(url, {"status": "dropped"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<tr id="action-{action.pk}"')
    assert Action.objects.get(pk=action.pk).status == "dropped"


def test_close_with_review_then_no_more_sessions(cast, coaching):
    with pytest.raises(DomainError) as exc:
        services.engagement_close(
            actor=cast.manager_a, engagement=coaching.of_sme, outcomes="", goals_met="yes"
        )
    assert exc.value.field == "outcomes"
    services.engagement_close(
        actor=cast.manager_a, engagement=coaching.of_sme, outcomes="A new offer", goals_met="yes"
    )
    engagement = Engagement.objects.get(pk=coaching.of_sme.pk)
    assert (engagement.status, engagement.closed_on) == ("closed", coaching.today)
    with pytest.raises(DomainError):
        services.session_add(actor=cast.manager_a, engagement=engagement, date=coaching.today)


def test_engagement_page_journey(cast, coaching, clients):
    client = clients.manager_a
    firm = make_org("Gamma Studio", cluster=cast.cluster_a)
    response = client.post(
        reverse("coaching:engagement-new"),
        {
            "title": "Gamma sprint",
            "scheme": coaching.scheme.pk,
            "coach": cast.manager_a.pk,
            "organisation": firm.pk,
            "cluster": cast.cluster_a.pk,
            "language": "en",
            "started_on": coaching.today.isoformat(),
        },
    )
    engagement = Engagement.objects.get(title="Gamma sprint")
    assert response.status_code == 302
    url = reverse("coaching:session-add", args=[engagement.pk])
    response = client.post(url, {"date": coaching.today.isoformat(), "action_text": "Do it"})
    assert response.status_code == 200  # the action needs a due date: shown next to the field
    assert response.context["session_form"].errors["action_due"]
    response = client.post(
        url,
        {
            "date": coaching.today.isoformat(),
            "notes": "Gamma wants a hotel client",
            "action_text": "Call the hotel",
            "action_due": (coaching.today + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert engagement.actions.get().session == engagement.sessions.get()
    step = engagement.steps.get(position=1)
    client.post(
        reverse("coaching:step-complete", args=[engagement.pk, step.pk]), {"output": "Brief"}
    )
    response = client.post(
        reverse("coaching:engagement-close", args=[engagement.pk]),
        {"outcomes": "Prototype tested", "goals_met": "partly"},
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert (engagement.status, engagement.steps.filter(completed_on__isnull=False).count()) == (
        "closed",
        1,
    )


@pytest.mark.parametrize(
    "name", ["coaching:home", "coaching:schemes", "coaching:exchanges", "coaching:engagement-new"]
)
def test_list_pages_answer(cast, coaching, clients, name):
    assert clients.manager_a.get(reverse(name)).status_code == 200
    assert clients.visitor.get(reverse(name)).status_code == 302


def test_engagement_list_query_count_does_not_grow(
    cast, coaching, clients, django_assert_max_num_queries
):
    for n in range(3):
        services.engagement_create(
            actor=coaching.trainer,
            title=f"More {n}",
            scheme=coaching.scheme,
            coachee=cast.manager_a,
        )
    with django_assert_max_num_queries(12):
        response = clients.manager_a.get(reverse("coaching:home"))
    assert len(response.context["engagements"]) == 5


def test_engagement_goals_are_bounded_on_the_page_and_in_the_service(cast, coaching, clients):
    firm = make_org("Delta Studio", cluster=cast.cluster_a)
    data = {
        "title": "Long goals",
        "coach": cast.manager_a.pk,
        "organisation": firm.pk,
        "cluster": cast.cluster_a.pk,
        "goals": "g" * 4001,
        "language": "en",
        "started_on": coaching.today.isoformat(),
    }
    response = clients.manager_a.post(reverse("coaching:engagement-new"), data)
    assert response.status_code == 200 and response.context["form"].errors["goals"]
    with pytest.raises(DomainError):
        services.engagement_create(
            actor=cast.manager_a,
            title="Long goals",
            scheme=None,
            organisation=firm,
            cluster=cast.cluster_a,
            goals="g" * 4001,
        )
    assert not Engagement.objects.filter(title="Long goals").exists()
