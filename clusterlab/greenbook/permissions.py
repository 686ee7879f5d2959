"""Who may do what with Greenbook editions: the one place pages, API and services ask."""

from __future__ import annotations

from .models import Edition


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_coordinator(user) -> bool:
    return _is_user(user) and bool(user.is_coordinator)


def can_create_edition(user) -> bool:
    """The coordinator runs the Greenbook: only coordinators start editions."""
    return is_coordinator(user)


def can_view_edition(user, edition: Edition) -> bool:
    return Edition.objects.visible_to(user).filter(pk=edition.pk).exists()


def can_edit_edition(user, edition: Edition) -> bool:
    """Editors of the edition and coordinators shape its draft."""
    return Edition.objects.editable_by(user).filter(pk=edition.pk).exists()


def can_publish_edition(user, edition: Edition) -> bool:
    """Publishing speaks for the whole network: coordinators only."""
    return is_coordinator(user)


def can_render_edition(user, edition: Edition) -> bool:
    return can_edit_edition(user, edition)
