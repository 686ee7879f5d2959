"""Lookups every event page shares: always scoped to what the viewer may see."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Event, Registration


def visible_event(request, pk: int) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user), pk=pk)


def organised_event(request, pk: int) -> Event:
    """The event if the viewer organises it; 404 otherwise (no hint that it exists)."""
    return get_object_or_404(Event.objects.organised_by(request.user), pk=pk)


def own_registration(request, event: Event) -> Registration:
    registration = (
        event.registrations.filter(user=request.user).select_related("organisation").first()
    )
    if registration is None:
        raise Http404
    return registration
