"""Who may do what in training: the one place pages, API and services ask."""

from __future__ import annotations

from clusterlab.registry.permissions import is_coordinator

from .models import Assessment, Programme


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_edit_framework(user) -> bool:
    """The coordinator keeps the competence framework."""
    return is_coordinator(user)


def can_edit_modules(user) -> bool:
    """Coordinators and trainers write the module catalogue."""
    return _is_user(user) and bool(user.is_coordinator or user.is_trainer)


def can_create_programme(user) -> bool:
    """Coordinators, trainers and cluster managers (for a cluster they manage) start one."""
    if not _is_user(user):
        return False
    return bool(user.is_coordinator or user.is_trainer or user.managed_clusters.exists())


def can_run_programme(user, programme: Programme) -> bool:
    """Trainers, the organising cluster's managers and coordinators run a programme and see
    its attendance, assignments and (aggregated) results."""
    return Programme.objects.run_by(user).filter(pk=programme.pk).exists()


def can_view_programme(user, programme: Programme) -> bool:
    return Programme.objects.visible_to(user).filter(pk=programme.pk).exists()


def can_view_assessment(user, assessment: Assessment) -> bool:
    """The manager assessed, and the person asked to rate (for that rating only)."""
    return _is_user(user) and user.pk in (assessment.subject_id, assessment.rater_id)


def can_rate(user, assessment: Assessment) -> bool:
    return _is_user(user) and user.pk == assessment.rater_id
