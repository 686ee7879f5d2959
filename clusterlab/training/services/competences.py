"""Writes of the competence framework and of assessments against it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, full_clean

from .. import permissions
from ..enums import ACTIVE_PHASES, RaterRole
from ..framework import framework_rows
from ..models import Assessment, Competence, Programme, Rating
from ..models.programmes import ACTIVE_ENROLMENT
from ._common import clean_language, clean_level, clean_text, require

MAX_NAME, MAX_TEXT = 120, 1000


@transaction.atomic
def framework_load() -> int:
    """Create the default framework's competences that are missing (by code); return how
    many were made. Competences already there keep the coordinator's edits."""
    present = set(Competence.objects.values_list("code", flat=True))
    rows = [Competence(**row) for row in framework_rows() if row["code"] not in present]
    Competence.objects.bulk_create(rows)
    return len(rows)


def _set_texts(competence: Competence, language: str, data: dict[str, Any]) -> None:
    if "name" in data:
        name = clean_text(data["name"], field="name", max_length=MAX_NAME)
        if not name and language == "en":
            raise DomainError(_("The English name is required."), field="name")
        competence.name = {**competence.name, language: name}
    if "description" in data:
        text = clean_text(data["description"], field="description", max_length=MAX_TEXT)
        competence.description = {**competence.description, language: text}
    if "levels" in data:
        levels = data["levels"]
        if not isinstance(levels, list | tuple) or len(levels) != 5:
            raise DomainError(_("Describe each of the five levels."), field="levels")
        current = list(competence.levels or []) + [{}] * 5
        competence.levels = [
            {**current[n], language: clean_text(text, field=f"level_{n + 1}", max_length=MAX_TEXT)}
            for n, text in enumerate(levels)
        ]


def _set_numbers(competence: Competence, data: dict[str, Any]) -> None:
    if "expected_level" in data:
        competence.expected_level = clean_level(data["expected_level"], field="expected_level")
    if "position" in data:
        position = data["position"]
        if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < 10**6:
            raise DomainError(_("Give a position from 0."), field="position")
        competence.position = position
    if "is_active" in data:
        competence.is_active = bool(data["is_active"])


@transaction.atomic
def competence_create(*, actor, code: str, data: dict[str, Any]) -> Competence:
    """Add a competence to the framework (its English name is required)."""
    require(actor is None or permissions.can_edit_framework(actor))
    code = clean_text(code, field="code", max_length=60, required=True)
    if Competence.objects.filter(code=code).exists():
        raise DomainError(_("A competence with this code exists."), field="code")
    competence = Competence(code=code, position=Competence.objects.count() + 1)
    _set_texts(competence, "en", {"name": "", **data})
    _set_numbers(competence, data)
    full_clean(competence)
    competence.save()
    return competence


@transaction.atomic
def competence_update(
    *, actor, competence: Competence, language: str = "en", data: dict[str, Any]
) -> Competence:
    """Change a competence's texts in one language, its expected level, order or status."""
    require(actor is None or permissions.can_edit_framework(actor))
    language = clean_language(language)
    competence = Competence.objects.select_for_update().get(pk=competence.pk)
    _set_texts(competence, language, data)
    _set_numbers(competence, data)
    full_clean(competence)
    competence.save()
    return competence


def _clean_ratings(levels: Any, targets: Any = None) -> list[tuple[Competence, int, int | None]]:
    if not isinstance(levels, dict) or not levels:
        raise DomainError(_("Rate at least one competence."), field="levels")
    targets = targets if isinstance(targets, dict) else {}
    competences = Competence.objects.filter(is_active=True).in_bulk()
    rows = []
    for key, level in levels.items():
        competence = competences.get(key if isinstance(key, int) else -1)
        if competence is None:
            raise DomainError(_("Unknown competence."), field="levels")
        field = f"competence_{competence.pk}"
        target = clean_level(targets.get(key), field=f"target_{competence.pk}", optional=True)
        rows.append((competence, clean_level(level, field=field), target))
    return rows


def _store(assessment: Assessment, rows) -> None:
    assessment.ratings.all().delete()
    Rating.objects.bulk_create(
        Rating(assessment=assessment, competence=c, level=level, target=target)
        for c, level, target in rows
    )
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["submitted_at"])


@transaction.atomic
def self_assessment_submit(
    *,
    actor,
    levels: dict[int, int],
    targets: dict[int, int | None] | None = None,
    programme: Programme | None = None,
    phase: str = "",
) -> Assessment:
    """Record the actor's own levels (and aims) by competence id; in a programme, the
    assessment before or after it (a second one of the same phase replaces the first)."""
    require(actor is not None and actor.is_authenticated)
    rows = _clean_ratings(levels, targets)
    if programme is None:
        phase = ""
    else:
        if phase not in ACTIVE_PHASES:
            raise DomainError(_("Choose before or after the programme."), field="phase")
        enrolled = programme.enrolments.filter(participant=actor, status__in=ACTIVE_ENROLMENT)
        require(enrolled.exists())
    assessment = None
    if programme is not None:
        assessment = Assessment.objects.filter(
            subject=actor, role=RaterRole.SELF, programme=programme, phase=phase
        ).first()
    if assessment is None:
        assessment = Assessment.objects.create(
            subject=actor, rater=actor, role=RaterRole.SELF, programme=programme, phase=phase
        )
    _store(assessment, rows)
    return assessment


@transaction.atomic
def assessment_request(*, actor, rater_email: str, role: str) -> Assessment:
    """Ask a peer or coach (an account, by e-mail address) to rate the actor."""
    require(actor is not None and actor.is_authenticated)
    if role not in (RaterRole.PEER, RaterRole.COACH):
        raise DomainError(_("Ask a peer or a coach."), field="role")
    email = clean_text(rater_email, field="rater_email", max_length=254, required=True)
    rater = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if rater is None:
        raise DomainError(_("No account has this e-mail address."), field="rater_email")
    if rater.pk == actor.pk:
        raise DomainError(_("Ask someone else than yourself."), field="rater_email")
    pending = Assessment.objects.filter(
        subject=actor, rater=rater, role=role, submitted_at__isnull=True
    ).first()
    return pending or Assessment.objects.create(subject=actor, rater=rater, role=role)


@transaction.atomic
def assessment_rate(*, actor, assessment: Assessment, levels: dict[int, int]) -> Assessment:
    """Give the rating one was asked for (again, to correct it)."""
    require(permissions.can_rate(actor, assessment) and assessment.role != RaterRole.SELF)
    _store(assessment, _clean_ratings(levels))
    return assessment
