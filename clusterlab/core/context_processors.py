"""Template context shared by every page."""

from django.conf import settings


def navigation(request):
    """Expose the viewer's roles and the working languages to templates."""
    user = getattr(request, "user", None)
    is_manager = bool(
        user and user.is_authenticated and (user.is_coordinator or user.managed_clusters.exists())
    )
    waiting = 0
    if user and user.is_authenticated:
        from clusterlab.matchmaking.selectors import introductions_waiting_count

        waiting = introductions_waiting_count(user=user)
    return {
        "nav_introductions_waiting": waiting,
        "nav_is_manager": is_manager,
        "nav_is_coordinator": bool(user and user.is_authenticated and user.is_coordinator),
        "LANGUAGES": settings.LANGUAGES,
    }
