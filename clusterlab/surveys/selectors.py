"""Reads of the surveys domain, always filtered by what the viewer may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from clusterlab.events.enums import RegistrationStatus
from clusterlab.events.models import Event, Registration
from clusterlab.registry.enums import ConsentPurpose, MembershipStatus
from clusterlab.registry.models import Contact, Organisation

from . import permissions
from .models import Answer, Invitation, Question, Response, Section, Survey


def survey_list(*, user, cluster_slug: str = "") -> QuerySet[Survey]:
    """Surveys the viewer owns (their clusters'), newest first, with response counts."""
    surveys = Survey.objects.owned_by(user).select_related("cluster")
    if cluster_slug:
        surveys = surveys.filter(cluster__slug=cluster_slug)
    return surveys.annotate(
        invited=Count("invitations", distinct=True),
        submitted=Count(
            "responses", filter=Q(responses__submitted_at__isnull=False), distinct=True
        ),
    ).order_by("-created_at", "-pk")


def survey_sections(*, survey: Survey) -> list[Section]:
    """The sections in order, each with its questions in order (`section.questions.all()`)."""
    questions = Question.objects.select_related("survey").order_by("position", "pk")
    return list(
        survey.sections.prefetch_related(Prefetch("questions", queryset=questions)).order_by(
            "position", "pk"
        )
    )


def survey_questions(*, survey: Survey) -> list[Question]:
    """Every question of the survey in the order respondents see them."""
    return list(
        survey.questions.select_related("survey").order_by(
            "section__position", "section_id", "position", "pk"
        )
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation whose secret link this is (the respondent's only credential)."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("survey", "survey__cluster", "response")
        .filter(token=token)
        .first()
    )


def invitation_list(*, user, survey: Survey) -> QuerySet[Invitation]:
    """Everyone invited to the survey, with their response (owners only: personal data)."""
    if not permissions.can_manage_survey(user, survey):
        return Invitation.objects.none()
    return survey.invitations.select_related("response", "organisation").order_by("pk")


def invitation_visible(*, user) -> QuerySet[Invitation]:
    """Invitations of every survey the viewer owns."""
    return Invitation.objects.filter(survey__in=Survey.objects.owned_by(user).values("pk"))


def response_visible(*, user) -> QuerySet[Response]:
    """Responses to every survey the viewer owns, with their answers and question codes."""
    answers = Answer.objects.select_related("question").order_by("pk")
    return (
        Response.objects.filter(survey__in=Survey.objects.owned_by(user).values("pk"))
        .select_related("invitation")
        .prefetch_related(Prefetch("answers", queryset=answers))
    )


def response_answers(response: Response) -> dict[str, Any]:
    """{question code: value} of one response (uses prefetched answers when there are)."""
    return {answer.question.code: answer.value for answer in response.answers.all()}


def response_figures(*, survey: Survey) -> dict[str, Any]:
    """Invited, started (saved or submitted), submitted, in progress, and the rates."""
    invited = survey.invitations.count()
    counts = survey.responses.aggregate(
        started=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False))
    )
    started, submitted = counts["started"], counts["submitted"]
    return {
        "invited": invited,
        "started": started,
        "submitted": submitted,
        "in_progress": started - submitted,
        "response_rate": submitted / invited if invited else None,
        "started_rate": started / invited if invited else None,
    }


# --- Whom a manager can send a survey to ------------------------------------------------------


def contact_recipients(*, user, survey: Survey) -> QuerySet[Contact]:
    """Contact persons of the survey cluster's members with an e-mail address and a standing
    consent to be contacted by the network's clusters."""
    if not permissions.can_manage_survey(user, survey):
        return Contact.objects.none()
    members = (
        survey.cluster.memberships.exclude(status=MembershipStatus.LEFT)
        .filter(organisation__in=Organisation.objects.private_to(user))
        .values("organisation_id")
    )
    consented = Q(
        consents__purpose=ConsentPurpose.NETWORK_CONTACT, consents__withdrawn_at__isnull=True
    )
    ids = Contact.objects.filter(consented, organisation__in=members).values("pk")
    return (
        Contact.objects.filter(pk__in=ids, erased_at__isnull=True)
        .exclude(email="")
        .select_related("organisation")
        .prefetch_related("languages")
        .order_by("organisation__name", "last_name", "first_name", "pk")
    )


def attendee_events(*, user) -> QuerySet[Event]:
    """Events the viewer organises, latest first: their attendees can be surveyed."""
    return Event.objects.organised_by(user).order_by("-starts_at", "-pk")


def attendee_recipients(*, user, event: Event | None) -> QuerySet[Registration]:
    """Registered or attended participants of an event the viewer organises."""
    if event is None or not attendee_events(user=user).filter(pk=event.pk).exists():
        return Registration.objects.none()
    return (
        event.registrations.filter(
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED]
        )
        .exclude(email="")
        .select_related("organisation", "user")
        .order_by("name", "pk")
    )


# --- For other apps -----------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationAnswers:
    """One invited person's answers, by question code."""

    invitation_id: int
    reference: str
    group: str
    organisation_id: int | None
    submitted: bool
    answers: dict[str, Any] = field(default_factory=dict)


def answers_for(
    survey: Survey, *, reference_prefix: str = "", user=None
) -> list[InvitationAnswers]:
    """Return, per invitation whose reference starts with `reference_prefix`, its reference,
    group, organisation, submitted flag and answers as {question code: value}.

    Values by kind: single choice → the choice value (str); multiple choice → list of values;
    Likert → int 1–5; number → int or float; free text → str; date → "YYYY-MM-DD". Unanswered
    questions are absent; an invitation without a response has `submitted=False` and `{}`.
    Answers saved but not yet submitted are included (check `submitted`).

    The caller checks that its viewer may read the survey's results; pass `user` to have it
    checked here (someone who does not own the survey gets an empty list).
    """
    if user is not None and not permissions.can_manage_survey(user, survey):
        return []
    invitations = (
        survey.invitations.filter(reference__startswith=reference_prefix)
        .annotate(submitted_at=F("response__submitted_at"))
        .order_by("pk")
    )
    rows = (
        Answer.objects.filter(response__invitation__in=invitations.values("pk"))
        .values_list("response__invitation_id", "question__code", "value")
        .order_by("pk")
    )
    by_invitation: dict[int, dict[str, Any]] = defaultdict(dict)
    for invitation_id, code, value in rows:
        by_invitation[invitation_id][code] = value
    return [
        InvitationAnswers(
            invitation_id=invitation.pk,
            reference=invitation.reference,
            group=invitation.group,
            organisation_id=invitation.organisation_id,
            submitted=invitation.submitted_at is not None,
            answers=by_invitation.get(invitation.pk, {}),
        )
        for invitation in invitations
    ]
