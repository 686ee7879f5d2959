"""Cooperation profiles: what an organisation offers or seeks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.enums import MembershipStatus, Visibility
from clusterlab.registry.models import (
    Capability,
    Country,
    Membership,
    NaceSector,
    Organisation,
)
from clusterlab.registry.models.network import cluster_ids_of

from .enums import (
    AgreementType,
    IntroductionStatus,
    OutcomeStage,
    ProfileKind,
    ProfileStatus,
    ProfileType,
)


class CooperationProfileQuerySet(models.QuerySet):
    def visible_to(self, user) -> CooperationProfileQuerySet:
        """Published profiles the viewer may see, plus every profile of organisations whose
        private data they may see (drafts included). A profile never reaches further than
        its organisation's own visibility."""
        published = self.filter(
            status=ProfileStatus.PUBLISHED,
            organisation__in=Organisation.objects.visible_to(user),
        )
        if user is None or not user.is_authenticated:
            return published.filter(visibility=Visibility.PUBLIC)
        if user.is_coordinator:
            return self
        mates = (
            Membership.objects.filter(cluster_id__in=cluster_ids_of(user))
            .exclude(status=MembershipStatus.LEFT)
            .values("organisation_id")
        )
        own = Organisation.objects.private_to(user).values("pk")
        return self.filter(
            Q(
                pk__in=published.filter(
                    visibility__in=[Visibility.PUBLIC, Visibility.NETWORK]
                ).values("pk")
            )
            | Q(
                pk__in=published.filter(
                    visibility=Visibility.CLUSTER, organisation_id__in=mates
                ).values("pk")
            )
            | Q(organisation_id__in=own)
        )

    def editable_by(self, user) -> CooperationProfileQuerySet:
        """Profiles of organisations the user may edit (their own, their clusters' members)."""
        return self.filter(organisation__in=Organisation.objects.private_to(user))


class CooperationProfile(models.Model):
    """An offer or a request for cooperation, published to a chosen audience."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="cooperation_profiles",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("offer or request"), max_length=8, choices=ProfileKind.choices)
    profile_type = models.CharField(_("type"), max_length=20, choices=ProfileType.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language of the text"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    capabilities = models.ManyToManyField(
        Capability,
        blank=True,
        related_name="cooperation_profiles",
        verbose_name=_("capabilities offered or sought"),
    )
    sectors_sought = models.ManyToManyField(
        NaceSector, blank=True, related_name="+", verbose_name=_("sectors sought")
    )
    target_countries = models.ManyToManyField(
        Country, blank=True, related_name="+", verbose_name=_("target countries")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.DRAFT
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.NETWORK
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = CooperationProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("cooperation profile")
        verbose_name_plural = _("cooperation profiles")
        indexes = [models.Index(fields=["status", "visibility", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class IntroductionQuerySet(models.QuerySet):
    def involving(self, user) -> IntroductionQuerySet:
        """Introductions where the user may act for one of the two organisations."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_coordinator:
            return self
        mine = Organisation.objects.private_to(user).values("pk")
        return self.filter(Q(requester_id__in=mine) | Q(target_id__in=mine))


class Introduction(models.Model):
    """A request to be introduced to another organisation, its answer and what came of it."""

    requester = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="introductions_requested",
        verbose_name=_("requested by"),
    )
    target = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="introductions_received",
        verbose_name=_("introduction to"),
    )
    profile = models.ForeignKey(
        CooperationProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
        verbose_name=_("about the offer or request"),
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=OutcomeStage.choices, blank=True, default=""
    )
    agreement_type = models.CharField(
        _("kind of agreement"), max_length=16, choices=AgreementType.choices, blank=True
    )
    outcome_notes = models.TextField(_("notes on the outcome"), blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=models.F("target")), name="introduction_not_to_self"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.target}"
