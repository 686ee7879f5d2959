"""Sending: one invitation per e-mail address with a secret link, e-mails, reminders."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.events import services as event_services
from clusterlab.registry import services as registry_services
from clusterlab.surveys import services
from clusterlab.surveys.models import Invitation
from clusterlab.surveys.services import Recipient

from .conftest import invite

pytestmark = pytest.mark.django_db


def test_send_creates_one_invitation_per_address_with_unique_secret_tokens(survey, cast):
    first = services.survey_send(
        actor=cast.manager_a,
        survey=survey.survey,
        recipients=[
            Recipient(
                email="Ana@Example.org",
                name="Ana",
                group="treatment",
                reference="pilots.participant:1",
                organisation_id=cast.org_a.pk,
            ),
            Recipient(email="ana@example.org", name="Ana again"),
            Recipient(email="ben@example.org", language="de", reference="pilots.participant:2"),
            Recipient(email="cy@example.org", language="pl"),  # not a survey language
        ],
    )
    assert [i.email for i in first] == ["Ana@Example.org", "ben@example.org", "cy@example.org"]
    assert [i.language for i in first] == ["en", "de", "en"]
    assert (first[0].group, first[0].reference, first[0].organisation) == (
        "treatment",
        "pilots.participant:1",
        cast.org_a,
    )
    again = services.survey_send(
        actor=cast.manager_a,
        survey=survey.survey,
        recipients=[Recipient(email="ANA@example.org"), Recipient(email="dan@example.org")],
    )
    assert [i.email for i in again] == ["dan@example.org"]
    tokens = list(Invitation.objects.values_list("token", flat=True))
    assert len(tokens) == len(set(tokens)) == 4
    assert all(len(t) >= 40 and re.fullmatch(r"[A-Za-z0-9_-]+", t) for t in tokens)


def test_send_emails_each_personal_link_once_after_commit(
    survey, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        (ana, ben) = services.survey_send(
            actor=cast.manager_a,
            survey=survey.survey,
            recipients=[
                Recipient(email="ana@example.org", name="Ana"),
                Recipient(email="ben@example.org", language="de"),
            ],
            base_url="https://lab.example",
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
    to_ana = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert f"https://lab.example/s/{ana.token}/" in to_ana.body
    assert "Hello Ana," in to_ana.body and "Member survey 2026" in to_ana.subject
    to_ben = next(m for m in mail.outbox if m.to == ["ben@example.org"])
    assert "Mitgliederumfrage 2026" in to_ben.body
    assert ben.token not in to_ana.body
    ana.refresh_from_db()
    assert ana.sent_at is not None
    # Delivered twice (a retried job), the task sends nothing more.
    from clusterlab.surveys.tasks import survey_send_task

    survey_send_task([ana.pk], "https://lab.example")
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("recipient", "message"),
    [
        (Recipient(email="not-an-address"), "valid e-mail"),
        (Recipient(email="a@example.org\x00"), "valid e-mail"),
        (Recipient(email="a@example.org", name="x" * 201), "at most 200"),
        (Recipient(email="a@example.org", group="g" * 51), "at most 50"),
        (Recipient(email="a@example.org", organisation_id=10**12), "organisations"),
    ],
)
def test_bad_recipients_are_refused_and_nothing_is_sent(survey, cast, recipient, message):
    with pytest.raises(DomainError, match=message) as error:
        services.survey_send(actor=cast.manager_a, survey=survey.survey, recipients=[recipient])
    assert error.value.field == "recipients"
    assert not Invitation.objects.exists()


def test_organisations_of_another_cluster_cannot_be_linked(survey, cast):
    with pytest.raises(DomainError, match="organisations"):
        services.survey_send(
            actor=cast.manager_a,
            survey=survey.survey,
            recipients=[Recipient(email="b@example.org", organisation_id=cast.org_b.pk)],
        )
    assert not Invitation.objects.exists()


def test_only_owners_send_and_only_open_surveys(survey, cast):
    for outsider in (cast.manager_b, cast.member_a):
        with pytest.raises(NotAllowed):
            services.survey_send(
                actor=outsider, survey=survey.survey, recipients=[Recipient(email="x@example.org")]
            )
    services.survey_set_status(actor=cast.manager_a, survey=survey.survey, status="closed")
    with pytest.raises(DomainError, match="Open the survey"):
        invite(cast, survey.survey, ("x@example.org", ""))
    assert not Invitation.objects.exists()


def test_reminders_go_to_who_has_not_submitted_and_not_twice_within_a_day(
    survey, cast, django_capture_on_commit_callbacks
):
    done, started, silent = invite(
        cast,
        survey.survey,
        ("done@example.org", ""),
        ("started@example.org", ""),
        ("silent@example.org", ""),
    )
    services.response_submit(invitation=done, answers={"satisfaction": 4})
    services.response_save(invitation=started, answers={"comments": "later"})
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.survey_remind(actor=cast.manager_a, survey=survey.survey)
    assert sorted(i.email for i in reminded) == ["silent@example.org", "started@example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == ["silent@example.org", "started@example.org"]
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)
    assert services.survey_remind(actor=cast.manager_a, survey=survey.survey) == []
    silent.refresh_from_db()
    assert silent.reminder_count == 1
    Invitation.objects.update(reminded_at=timezone.now() - dt.timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        again = services.survey_remind(actor=cast.manager_a, survey=survey.survey)
    assert len(again) == 2 and len(mail.outbox) == 4
    silent.refresh_from_db()
    assert silent.reminder_count == 2
    with pytest.raises(NotAllowed):
        services.survey_remind(actor=cast.manager_b, survey=survey.survey)


# --- The send page --------------------------------------------------------------------------


def test_send_page_lists_consenting_member_contacts_only(survey, cast, clients):
    registry_services.contact_create(
        actor=None, organisation=cast.org_a, data={"first_name": "Nils", "email": "nils@a.example"}
    )
    url = reverse("surveys:survey-send", args=[survey.survey.pk])
    page = clients.manager_a.get(url).content.decode()
    assert "Anna Schmidt" in page  # consent to be contacted by the network's clusters
    assert "Nils" not in page  # no consent recorded
    assert "Bernard" not in page  # cluster B's contact


def test_send_page_invites_contacts_and_event_participants(
    survey, cast, clients, django_capture_on_commit_callbacks
):
    start = timezone.now() + dt.timedelta(days=5)
    event = event_services.event_create(
        actor=cast.manager_a,
        clusters=[cast.cluster_a],
        data={
            "title": "Workshop A",
            "kind": "workshop",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=2),
            "venue": "Hall",
            "is_published": True,
        },
    )
    registration = event_services.registration_create(actor=cast.member_a, event=event)
    url = reverse("surveys:survey-send", args=[survey.survey.pk])
    page = clients.manager_a.get(url, {"event": event.pk}).content.decode()
    assert "member_a" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = clients.manager_a.post(
            url,
            {
                "event": event.pk,
                "contacts": [cast.contact_a.pk],
                "registrations": [registration.pk],
                "group": "treatment",
            },
        )
    assert response.status_code == 302
    rows = list(Invitation.objects.order_by("email").values_list("email", "group", "reference"))
    assert rows == [
        ("anna@alpha.example", "treatment", f"registry.contact:{cast.contact_a.pk}"),
        ("member_a@test.local", "treatment", f"events.registration:{registration.pk}"),
    ]
    assert len(mail.outbox) == 2
    assert "http://testserver/s/" in mail.outbox[0].body


def test_send_page_refuses_people_it_did_not_offer(survey, cast, clients):
    url = reverse("surveys:survey-send", args=[survey.survey.pk])
    response = clients.manager_a.post(url, {"contacts": [cast.contact_b.pk, "x"]})
    assert response.status_code == 200
    assert "contacts" in response.context["form"].errors
    assert not Invitation.objects.exists()
    # An event the manager does not organise shows no participants.
    assert clients.manager_a.get(url, {"event": "99999999999999999999"}).status_code == 200


def test_invitation_page_lists_people_and_reminds(survey, cast, clients):
    invite(cast, survey.survey, ("ana@example.org", "treatment"))
    url = reverse("surveys:invitations", args=[survey.survey.pk])
    assert "ana@example.org" in clients.manager_a.get(url).content.decode()
    response = clients.manager_a.post(reverse("surveys:survey-remind", args=[survey.survey.pk]))
    assert response.status_code == 302
    assert Invitation.objects.get().reminded_at is not None


def test_links_without_a_request_use_the_configured_site_address(
    survey, cast, settings, django_capture_on_commit_callbacks
):
    settings.CSRF_TRUSTED_ORIGINS = ["https://lab.example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        (invitation,) = invite(cast, survey.survey, ("ana@example.org", ""))
    assert f"https://lab.example.org/s/{invitation.token}/" in mail.outbox[0].body
    settings.SITE_URL = "https://surveys.example.org/"
    with django_capture_on_commit_callbacks(execute=True):
        (other,) = invite(cast, survey.survey, ("ben@example.org", ""))
    assert f"https://surveys.example.org/s/{other.token}/" in mail.outbox[1].body
