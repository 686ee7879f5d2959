"""Reads of the coaching domain, filtered by what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from clusterlab.registry.models import Cluster

from .enums import ActionStatus, ApplicationStatus, OfferStatus
from .models import Action, Application, Engagement, ExchangeOffer, Scheme, VisitStop


def scheme_list(*, user) -> QuerySet[Scheme]:
    """Every scheme, for any logged-in user, with the number of steps."""
    if user is None or not user.is_authenticated:
        return Scheme.objects.none()
    return Scheme.objects.annotate(n_steps=Count("steps")).order_by("title", "pk")


def engagement_list(*, user) -> QuerySet[Engagement]:
    """Engagements where the viewer is coach or coachee, with progress counts."""
    return (
        Engagement.objects.for_participant(user)
        .select_related("coach", "coachee", "organisation", "cluster", "scheme")
        .annotate(
            n_steps=Count("steps", distinct=True),
            n_done=Count("steps", filter=Q(steps__completed_on__isnull=False), distinct=True),
            n_sessions=Count("sessions", distinct=True),
            n_overdue=Count(
                "actions",
                filter=Q(
                    actions__status=ActionStatus.OPEN,
                    actions__due_on__lt=timezone.localdate(),
                ),
                distinct=True,
            ),
        )
        .order_by("status", "-started_on", "-pk")
    )


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def engagement_progress(*, engagement: Engagement) -> Progress:
    """How many of the engagement's steps are completed."""
    steps = list(engagement.steps.all())
    return Progress(done=sum(s.is_done for s in steps), total=len(steps))


def action_list(*, engagement: Engagement) -> QuerySet[Action]:
    """The engagement's actions: open ones first, by due date."""
    return engagement.actions.order_by("status", "due_on", "pk")


def offer_list(*, user, include_past: bool = False) -> QuerySet[ExchangeOffer]:
    """Offers for any logged-in user: open and future ones unless `include_past`."""
    if user is None or not user.is_authenticated:
        return ExchangeOffer.objects.none()
    offers = ExchangeOffer.objects.select_related("host_cluster").annotate(
        n_accepted=Count("applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED))
    )
    if not include_past:
        offers = offers.filter(status=OfferStatus.OPEN, ends_on__gte=timezone.localdate())
    return offers.order_by("starts_on", "pk")


def offer_detail(*, user, pk: int) -> ExchangeOffer | None:
    """One offer with its programme, or None when the viewer may not see it."""
    return (
        offer_list(user=user, include_past=True)
        .prefetch_related(Prefetch("stops", queryset=VisitStop.objects.order_by("day", "time")))
        .filter(pk=pk)
        .first()
    )


def application_list(*, user) -> QuerySet[Application]:
    """Applications the viewer made or must answer as a host manager."""
    return (
        Application.objects.visible_to(user)
        .select_related("offer__host_cluster", "applicant", "applicant_cluster", "report")
        .order_by("-created_at", "-pk")
    )


def hosted_clusters(*, user) -> QuerySet[Cluster]:
    """Clusters the user manages by name (and may host visits for)."""
    if user is None or not user.is_authenticated:
        return Cluster.objects.none()
    return Cluster.objects.filter(managers=user).order_by("name")
