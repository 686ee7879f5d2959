"""Writes of the matchmaking domain."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry import permissions
from clusterlab.registry.models import Organisation

from .enums import ProfileStatus
from .models import CooperationProfile

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
