"""Coaching engagements: start from a scheme, sessions and notes, actions, steps, closing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean
from clusterlab.registry import services as registry_services
from clusterlab.registry.enums import MembershipStatus, ServiceKind
from clusterlab.registry.models import Cluster, Membership, Organisation

from .. import permissions
from ..enums import ActionStatus, EngagementStatus, GoalsMet
from ..models import Action, Engagement, EngagementStep, Scheme, Session


def require_participant(actor, engagement: Engagement) -> None:
    if actor is not None and not permissions.is_participant(actor, engagement):
        raise NotAllowed(_("Only the coach and the coachee work on this engagement."))


def _require_active(engagement: Engagement) -> None:
    if engagement.is_closed:
        raise DomainError(_("The engagement is closed."))


def _check_parties(actor, coach, coachee, organisation: Organisation | None, cluster) -> None:
    if coach is None or not permissions.can_coach(coach):
        raise DomainError(_("Choose a trainer, coordinator or cluster manager."), field="coach")
    if (coachee is None) == (organisation is None):
        raise DomainError(_("Choose either a cluster manager or an SME."), field="coachee")
    if coachee is not None:
        if coachee.pk == coach.pk:
            raise DomainError(_("The coach cannot coach themself."), field="coachee")
        if not permissions.is_manager(coachee):
            raise DomainError(_("The coachee must be a cluster manager."), field="coachee")
        if actor is not None and actor.pk != coach.pk:
            raise NotAllowed(_("You start engagements as their coach."))
        return
    if cluster is None:
        raise DomainError(_("Choose the cluster that arranges the coaching."), field="cluster")
    if actor is not None and not permissions.can_arrange_sme_coaching(actor, cluster):
        raise NotAllowed(_("Only the cluster's managers arrange coaching for its members."))
    is_member = (
        Membership.objects.filter(cluster=cluster, organisation=organisation)
        .exclude(status=MembershipStatus.LEFT)
        .exists()
    )
    if not is_member:
        raise DomainError(_("The SME is not a member of this cluster."), field="organisation")


@transaction.atomic
def engagement_create(
    *,
    actor,
    title: str,
    scheme: Scheme | None,
    coach=None,
    coachee=None,
    organisation: Organisation | None = None,
    cluster: Cluster | None = None,
    goals: str = "",
    language: str = "en",
    started_on: dt.date | None = None,
) -> Engagement:
    """Start an engagement; the scheme's steps are copied into it."""
    coach = coach or actor
    _check_parties(actor, coach, coachee, organisation, cluster)
    # full_clean does not enforce a TextField's max_length.
    if len(goals) > Engagement._meta.get_field("goals").max_length:
        raise DomainError(_("The goals are too long."), field="goals")
    engagement = Engagement(
        title=title.strip(),
        scheme=scheme,
        coach=coach,
        coachee=coachee,
        organisation=organisation,
        cluster=cluster,
        goals=goals.strip(),
        language=language,
        started_on=started_on or timezone.localdate(),
        created_by=actor,
    )
    full_clean(engagement, exclude=["created_by"])
    engagement.save()
    if scheme is not None:
        EngagementStep.objects.bulk_create(
            EngagementStep(
                engagement=engagement,
                position=step.position,
                title=step.title,
                purpose=step.purpose,
                typical_duration=step.typical_duration,
                tools=step.tools,
                expected_outputs=step.outputs,
            )
            for step in scheme.steps.order_by("position")
        )
    return engagement


@transaction.atomic
def session_add(
    *,
    actor,
    engagement: Engagement,
    date: dt.date,
    notes: str = "",
    duration_minutes: int | None = None,
) -> Session:
    """Record a session held; a session with an SME counts in the arranging cluster's log."""
    require_participant(actor, engagement)
    _require_active(engagement)
    if date > timezone.localdate():
        raise DomainError(_("Record a session once it has taken place."), field="date")
    if date < engagement.started_on:
        raise DomainError(_("The session is before the engagement started."), field="date")
    session = Session(
        engagement=engagement,
        date=date,
        notes=notes.strip(),
        duration_minutes=duration_minutes,
        created_by=actor,
    )
    full_clean(session, exclude=["created_by", "service"])
    if engagement.is_sme:
        # The participant check above is ours; the coach need not manage the cluster.
        session.service = registry_services.service_record(
            actor=None,
            cluster=engagement.cluster,
            organisation=engagement.organisation,
            kind=ServiceKind.COACHING,
            date=date,
            description=_("Coaching session: %(title)s") % {"title": engagement.title[:250]},
        )
    session.save()
    return session


@transaction.atomic
def session_update(
    *, actor, session: Session, notes: str, duration_minutes: int | None = None
) -> Session:
    """Change a session's notes and duration."""
    require_participant(actor, session.engagement)
    session.notes = notes.strip()
    session.duration_minutes = duration_minutes
    full_clean(session, exclude=["created_by", "service"])
    session.save(update_fields=["notes", "duration_minutes"])
    return session


@transaction.atomic
def action_add(
    *, actor, engagement: Engagement, text: str, due_on: dt.date, session: Session | None = None
) -> Action:
    """Agree an action with a due date."""
    require_participant(actor, engagement)
    _require_active(engagement)
    if session is not None and session.engagement_id != engagement.pk:
        raise DomainError(_("The session belongs to another engagement."), field="session")
    action = Action(engagement=engagement, session=session, text=text.strip(), due_on=due_on)
    full_clean(action)
    action.save()
    return action


@transaction.atomic
def action_set_status(*, actor, action: Action, status: str) -> Action:
    """Mark an action done, dropped or open again."""
    require_participant(actor, action.engagement)
    if status not in ActionStatus.values:
        raise DomainError(_("Choose a status."), field="status")
    action.status = status
    action.done_on = timezone.localdate() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "done_on"])
    return action


def current_step(engagement: Engagement) -> EngagementStep | None:
    """The first step not yet completed."""
    return engagement.steps.filter(completed_on__isnull=True).order_by("position").first()


@transaction.atomic
def step_complete(
    *, actor, step: EngagementStep, output: str, completed_on: dt.date | None = None
) -> EngagementStep:
    """Complete the current step with what it produced; the next step becomes current."""
    engagement = step.engagement
    require_participant(actor, engagement)
    _require_active(engagement)
    if step.completed_on is not None:
        raise DomainError(_("This step is already completed."))
    current = current_step(engagement)
    if current is None or current.pk != step.pk:
        raise DomainError(_("Complete the steps in order."))
    if not output.strip():
        raise DomainError(_("Say what the step produced."), field="output")
    step.output = output.strip()
    step.completed_on = completed_on or timezone.localdate()
    full_clean(step, exclude=["engagement"])
    step.save(update_fields=["output", "completed_on"])
    return step


@transaction.atomic
def engagement_close(
    *, actor, engagement: Engagement, outcomes: str, goals_met: str, next_steps: str = ""
) -> Engagement:
    """Close the engagement with its review: outcomes, whether the goals were met, what next."""
    require_participant(actor, engagement)
    _require_active(engagement)
    if not outcomes.strip():
        raise DomainError(_("Describe the outcomes."), field="outcomes")
    if goals_met not in GoalsMet.values:
        raise DomainError(_("Say whether the goals were met."), field="goals_met")
    engagement.outcomes = outcomes.strip()
    engagement.goals_met = goals_met
    engagement.next_steps = next_steps.strip()
    engagement.status = EngagementStatus.CLOSED
    engagement.closed_on = timezone.localdate()
    full_clean(engagement, exclude=["created_by"])
    engagement.save()
    return engagement
