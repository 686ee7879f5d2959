"""Who may do what with pilots: the pilot's clusters' managers and coordinators."""

from __future__ import annotations

from .models import Pilot


def can_view_pilot(user, pilot: Pilot) -> bool:
    return Pilot.objects.visible_to(user).filter(pk=pilot.pk).exists()


def can_manage_pilot(user, pilot: Pilot) -> bool:
    """Managers of the lead or a partner cluster and coordinators run the pilot."""
    return can_view_pilot(user, pilot)


def is_coordinator(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_coordinator)
