"""Reads of the matchmaking domain, filtered by what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from clusterlab.registry.enums import ConsentPurpose, MembershipStatus
from clusterlab.registry.models import Contact, Membership, Organisation

from .enums import IntroductionStatus, ProfileStatus
from .models import CooperationProfile, Introduction


@dataclass
class MarketplaceFilters:
    """Search and filters of the marketplace (as the page and the API send them)."""

    q: str = ""
    kind: str = ""
    profile_type: str = ""
    country: str = ""
    sector: str = ""
    capability: str = ""
    creative: str = ""
    cluster: str = ""

    @classmethod
    def from_params(cls, params) -> MarketplaceFilters:
        names = (
            "q",
            "kind",
            "profile_type",
            "country",
            "sector",
            "capability",
            "creative",
            "cluster",
        )
        return cls(**{n: (params.get(n) or "").strip()[:200] for n in names})


def profile_marketplace(*, user, filters: MarketplaceFilters) -> QuerySet[CooperationProfile]:
    """Published offers and requests the viewer may see, matching the filters."""
    qs = CooperationProfile.objects.visible_to(user).filter(status=ProfileStatus.PUBLISHED)
    if filters.q:
        for word in filters.q.split()[:8]:
            qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.profile_type:
        qs = qs.filter(profile_type=filters.profile_type)
    if filters.country:
        qs = qs.filter(organisation__country_id=filters.country.upper())
    if filters.creative in ("yes", "no"):
        qs = qs.filter(organisation__is_creative=filters.creative == "yes")
    if filters.capability:
        qs = qs.filter(
            pk__in=CooperationProfile.capabilities.through.objects.filter(
                capability__code=filters.capability
            ).values("cooperationprofile_id")
        )
    if filters.sector:
        code = filters.sector
        prefix = code if "." in code else code + "."
        sectors = Organisation.sectors.through.objects.filter(
            Q(nacesector__code=code) | Q(nacesector__code__startswith=prefix)
        )
        qs = qs.filter(organisation_id__in=sectors.values("organisation_id"))
    if filters.cluster:
        members = Membership.objects.filter(cluster__slug=filters.cluster).exclude(
            status=MembershipStatus.LEFT
        )
        qs = qs.filter(organisation_id__in=members.values("organisation_id"))
    return qs


def profile_cards(queryset: QuerySet[CooperationProfile]) -> QuerySet[CooperationProfile]:
    """Add what a marketplace card shows, in a fixed number of queries."""
    return queryset.select_related("organisation", "organisation__country").prefetch_related(
        "capabilities", "target_countries"
    )


def profile_editable(*, user) -> QuerySet[CooperationProfile]:
    """Profiles of the organisations this user may edit, every status."""
    return CooperationProfile.objects.editable_by(user).select_related("organisation")


def introduction_list(*, user) -> QuerySet[Introduction]:
    """Introductions the user may act on (either side), newest first."""
    return Introduction.objects.involving(user).select_related(
        "requester", "target", "profile", "requester__country", "target__country"
    )


def introduction_contacts(*, user, introduction: Introduction) -> list[Contact]:
    """The other side's contact persons, once the introduction is accepted, limited to those
    who agreed to be contacted through the network."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        return []
    acting_for = set(
        Organisation.objects.private_to(user)
        .filter(pk__in=[introduction.requester_id, introduction.target_id])
        .values_list("pk", flat=True)
    )
    if user.is_coordinator:
        acting_for = {introduction.requester_id}
    others = [o for o in (introduction.requester_id, introduction.target_id) if o not in acting_for]
    return list(
        Contact.objects.filter(
            organisation_id__in=others,
            erased_at__isnull=True,
            consents__purpose=ConsentPurpose.NETWORK_CONTACT,
            consents__withdrawn_at__isnull=True,
        )
        .distinct()
        .order_by("last_name")
    )


def actable_organisations(*, user) -> QuerySet[Organisation]:
    """Organisations the user may act for (their own, their clusters' current members)."""
    return Organisation.objects.private_to(user).order_by("name")
