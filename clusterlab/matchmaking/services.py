"""Writes of the matchmaking domain."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry import permissions
from clusterlab.registry.models import Organisation

from .enums import IntroductionStatus, OutcomeStage, ProfileStatus
from .models import CooperationProfile, Introduction

PROFILE_FIELDS = (
    "kind",
    "profile_type",
    "title",
    "description",
    "language",
    "deadline",
    "visibility",
)
PROFILE_M2M = ("capabilities", "sectors_sought", "target_countries")


def _require_editor(actor, organisation: Organisation) -> None:
    if actor is not None and not permissions.can_edit_organisation(actor, organisation):
        raise NotAllowed(_("You may not change this organisation's profiles."))


def _validate(profile: CooperationProfile) -> None:
    try:
        profile.full_clean(exclude=["organisation", "created_by"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc
    if (
        profile.deadline
        and profile.status != ProfileStatus.CLOSED
        and profile.deadline < timezone.localdate()
        and profile._state.adding
    ):
        raise DomainError(_("The deadline is in the past."), field="deadline")


@transaction.atomic
def profile_create(
    *, actor, organisation: Organisation, data: dict[str, Any], publish: bool = False
) -> CooperationProfile:
    """Create an offer or request for an organisation (a draft unless published at once)."""
    _require_editor(actor, organisation)
    profile = CooperationProfile(
        organisation=organisation,
        created_by=actor,
        **{k: data[k] for k in PROFILE_FIELDS if k in data},
    )
    if publish:
        profile.status = ProfileStatus.PUBLISHED
        profile.published_at = timezone.now()
    _validate(profile)
    profile.save()
    for key in PROFILE_M2M:
        if key in data:
            getattr(profile, key).set(data[key])
    return profile


@transaction.atomic
def profile_update(
    *, actor, profile: CooperationProfile, data: dict[str, Any]
) -> CooperationProfile:
    """Change an offer or request."""
    _require_editor(actor, profile.organisation)
    if profile.status == ProfileStatus.CLOSED:
        raise DomainError(_("A closed profile cannot be changed."))
    for key in PROFILE_FIELDS:
        if key in data:
            setattr(profile, key, data[key])
    _validate(profile)
    profile.save()
    for key in PROFILE_M2M:
        if key in data:
            getattr(profile, key).set(data[key])
    return profile


@transaction.atomic
def profile_publish(*, actor, profile: CooperationProfile) -> CooperationProfile:
    """Publish a draft to its audience."""
    _require_editor(actor, profile.organisation)
    if profile.status != ProfileStatus.DRAFT:
        raise DomainError(_("Only a draft can be published."))
    if profile.deadline and profile.deadline < timezone.localdate():
        raise DomainError(_("The deadline is in the past."), field="deadline")
    profile.status = ProfileStatus.PUBLISHED
    profile.published_at = timezone.now()
    profile.save(update_fields=["status", "published_at", "updated_at"])
    return profile


@transaction.atomic
def profile_close(*, actor, profile: CooperationProfile) -> CooperationProfile:
    """Close an offer or request (kept for history; no longer listed)."""
    _require_editor(actor, profile.organisation)
    profile.status = ProfileStatus.CLOSED
    profile.save(update_fields=["status", "updated_at"])
    return profile


# --- Introductions ---------------------------------------------------------------------------


def users_acting_for(organisation: Organisation) -> list[str]:
    """E-mail addresses of the people who answer for an organisation: its own users and the
    managers of its current clusters."""
    from clusterlab.accounts.models import User
    from clusterlab.registry.enums import MembershipStatus

    users = User.objects.filter(
        Q(organisation=organisation)
        | Q(
            managed_clusters__memberships__organisation=organisation,
            managed_clusters__memberships__status=MembershipStatus.ACTIVE,
        ),
        is_active=True,
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _notify(recipients: list[str], subject: str, body: str) -> None:
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


@transaction.atomic
def introduction_request(
    *,
    actor,
    requester: Organisation,
    target: Organisation,
    message: str,
    profile: CooperationProfile | None = None,
) -> Introduction:
    """Ask to be introduced to another organisation; its people are told by e-mail."""
    _require_editor(actor, requester)
    if requester.pk == target.pk:
        raise DomainError(
            _("An organisation cannot ask to be introduced to itself."), field="target"
        )
    if (
        actor is not None
        and not Organisation.objects.visible_to(actor).filter(pk=target.pk).exists()
    ):
        raise NotAllowed(_("You may not contact this organisation."))
    if profile is not None and profile.organisation_id != target.pk:
        raise DomainError(
            _("This offer or request belongs to another organisation."), field="profile"
        )
    if not message.strip():
        raise DomainError(_("Write a few words to introduce yourself."), field="message")
    if Introduction.objects.filter(
        requester=requester, target=target, status=IntroductionStatus.REQUESTED
    ).exists():
        raise DomainError(_("An introduction to this organisation is already waiting."))
    introduction = Introduction.objects.create(
        requester=requester,
        target=target,
        profile=profile,
        message=message.strip(),
        requested_by=actor,
    )
    _notify(
        users_acting_for(target),
        _("Cluster Lab: a request for an introduction"),
        _("%(requester)s would like to be introduced to %(target)s:\n\n%(message)s")
        % {"requester": requester.name, "target": target.name, "message": message},
    )
    return introduction


@transaction.atomic
def introduction_answer(
    *, actor, introduction: Introduction, accept: bool, answer: str = ""
) -> Introduction:
    """Accept or decline a request; acceptance reveals contacts and logs a service for both."""
    _require_editor(actor, introduction.target)
    locked = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if locked.status != IntroductionStatus.REQUESTED:
        raise DomainError(_("This request has already been answered."))
    locked.status = IntroductionStatus.ACCEPTED if accept else IntroductionStatus.DECLINED
    locked.responded_by = actor
    locked.responded_at = timezone.now()
    locked.answer = answer.strip()
    locked.save()
    if accept:
        for organisation in (locked.requester, locked.target):
            _log_introduction(organisation, locked)
    verb = _("accepted") if accept else _("declined")
    _notify(
        users_acting_for(locked.requester),
        _("Cluster Lab: your request was %(verb)s") % {"verb": verb},
        _("%(target)s %(verb)s your request for an introduction.")
        % {"target": locked.target.name, "verb": verb},
    )
    return locked


def _log_introduction(organisation: Organisation, introduction: Introduction) -> None:
    """Count an accepted introduction in the organisation's service log (its first cluster)."""
    from clusterlab.registry.enums import MembershipStatus, ServiceKind
    from clusterlab.registry.services import service_record

    membership = (
        organisation.memberships.filter(status=MembershipStatus.ACTIVE)
        .order_by("joined", "pk")
        .select_related("cluster")
        .first()
    )
    if membership is None:
        return
    other = (
        introduction.target if organisation == introduction.requester else introduction.requester
    )
    service_record(
        actor=None,
        cluster=membership.cluster,
        organisation=organisation,
        kind=ServiceKind.INTRODUCTION,
        date=timezone.localdate(),
        description=_("Introduction with %(name)s") % {"name": other.name},
    )


@transaction.atomic
def introduction_withdraw(*, actor, introduction: Introduction) -> Introduction:
    """Withdraw a request that has not been answered yet."""
    _require_editor(actor, introduction.requester)
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if introduction.status != IntroductionStatus.REQUESTED:
        raise DomainError(_("Only a waiting request can be withdrawn."))
    introduction.status = IntroductionStatus.WITHDRAWN
    introduction.save(update_fields=["status"])
    return introduction


@transaction.atomic
def introduction_outcome(
    *, actor, introduction: Introduction, outcome: str, agreement_type: str = "", notes: str = ""
) -> Introduction:
    """Record what came of an accepted introduction (meeting → agreement → project)."""
    allowed = actor is None or any(
        permissions.can_edit_organisation(actor, org)
        for org in (introduction.requester, introduction.target)
    )
    if not allowed:
        raise NotAllowed(_("You may not record this outcome."))
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if introduction.status != IntroductionStatus.ACCEPTED:
        raise DomainError(_("Only an accepted introduction has an outcome."))
    if outcome not in OutcomeStage.values or not outcome:
        raise DomainError(_("Choose an outcome."), field="outcome")
    if outcome in (OutcomeStage.AGREEMENT, OutcomeStage.PROJECT) and not agreement_type:
        raise DomainError(_("Say which kind of agreement."), field="agreement_type")
    introduction.outcome = outcome
    introduction.agreement_type = agreement_type
    introduction.outcome_notes = notes.strip()
    introduction.outcome_recorded_at = timezone.now()
    introduction.save()
    return introduction
