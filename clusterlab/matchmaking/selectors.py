"""Reads of the matchmaking domain, filtered by what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from clusterlab.registry.enums import ConsentPurpose, MembershipStatus
from clusterlab.registry.models import (
    Capability,
    Cluster,
    Contact,
    Country,
    Language,
    Membership,
    NaceSector,
    NutsRegion,
    Organisation,
)

from . import adapters, engine, tasks
from .engine.text import map_text_to_capabilities
from .enums import IntroductionStatus, ProfileKind, ProfileStatus
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
    region: str = ""
    size: str = ""

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
            "region",
            "size",
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
    if filters.region:
        regions = NutsRegion.objects.filter(code__startswith=filters.region.upper())
        qs = qs.filter(organisation__region_id__in=regions.values("code"))
    if filters.size:
        qs = qs.filter(organisation__size_band=filters.size)
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


def introductions_waiting_count(*, user) -> int:
    """How many requests wait for this user's answer (shown in the navigation)."""
    mine = Organisation.objects.private_to(user).values("pk")
    return Introduction.objects.filter(
        status=IntroductionStatus.REQUESTED, target_id__in=mine
    ).count()


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


# --- Recommendations ---------------------------------------------------------------------------


@dataclass
class Recommendation:
    organisation: Organisation
    score: float
    reasons: list[str]


def organisation_recommendations(
    *,
    user,
    organisation: Organisation,
    k: int = 10,
    among: set[int] | None = None,
) -> tuple[list[Recommendation], object] | None:
    """Return the viewer-visible top partners of an organisation with plain-language reasons,
    and when the index was built; None while the index is being (re)built. `among` limits
    the candidates (e.g. to the participants of an event)."""
    built = adapters.index_load()
    if built is None or organisation.pk not in built.row_of:
        tasks.index_rebuild_task()  # queued; runs at once where the queue is immediate
        built = adapters.index_load()
        if built is None or organisation.pk not in built.row_of:
            return None
    visible_ids = np.fromiter(
        Organisation.objects.visible_to(user).values_list("pk", flat=True), dtype=np.int64
    )
    if among is not None:
        visible_ids = np.intersect1d(visible_ids, np.fromiter(among, dtype=np.int64))
    candidates = np.isin(built.organisation_ids, visible_ids)
    row = built.row_of[organisation.pk]
    rows, scores, blocks = engine.recommend(built.index, row, k=k, candidates=candidates)
    reasons = engine.explain(built.index, row, rows, blocks)
    ids = [int(built.organisation_ids[r]) for r in rows]
    orgs = Organisation.objects.select_related("country", "region").in_bulk(ids)
    labels = _reason_labels(reasons)
    result = [
        Recommendation(
            organisation=orgs[pk],
            score=float(score),
            reasons=[_sentence(r, built, labels) for r in rs[:3]],
        )
        for pk, score, rs in zip(ids, scores, reasons, strict=True)
        if pk in orgs
    ]
    return result, built.built_at


def _reason_labels(reasons) -> dict[str, dict[int, str]]:
    caps, sectors = set(), set()
    for rs in reasons:
        for kind, detail in rs:
            if kind in ("offers_what_you_seek", "seeks_what_you_offer"):
                caps.update(detail)
            elif kind == "sector_sought":
                sectors.update(detail)
    return {
        "caps": {c.pk: c.label for c in Capability.objects.filter(pk__in=caps)},
        "sectors": {s.pk: s.name for s in NaceSector.objects.filter(pk__in=sectors)},
    }


def _sentence(reason, built, labels) -> str:
    kind, detail = reason
    join = ", ".join
    if kind == "offers_what_you_seek":
        return _("offers %(what)s that you seek") % {
            "what": join(labels["caps"].get(c, "?") for c in detail[:3])
        }
    if kind == "seeks_what_you_offer":
        return _("seeks %(what)s that you offer") % {
            "what": join(labels["caps"].get(c, "?") for c in detail[:3])
        }
    if kind == "sector_sought":
        return _("works in %(what)s, a sector you look for") % {
            "what": join(labels["sectors"].get(s, "?") for s in detail[:2])
        }
    if kind == "similar_description":
        return _("describes similar work")
    if kind == "creative_traditional":
        return _("creative and traditional industry complement each other")
    if kind == "cross_border":
        return _("a partner across the border (%(country)s)") % {
            "country": _country_name(built.countries[detail[1]])
        }
    if kind == "target_country":
        return _("in %(country)s, one of your target countries") % {
            "country": _country_name(built.countries[detail])
        }
    if kind == "shared_languages":
        return _("you both speak %(languages)s") % {
            "languages": join(_language_name(built.languages[c]) for c in detail[:3])
        }
    if kind == "size_fit":
        return _("a similar size")
    return kind


def _country_name(code: str) -> str:
    country = Country.objects.filter(pk=code).first()
    return country.display_name if country else code


def _language_name(code: str) -> str:
    language = Language.objects.filter(pk=code).first()
    return language.display_name if language else code


@dataclass
class SuggestedIntroduction:
    member: Organisation
    partner: Organisation
    score: float
    cross_sectoral: bool
    reasons: list[str]


@dataclass
class PartnerCluster:
    cluster: object
    score: float
    pairs: int
    reasons: list[str]


def cluster_matchmaking(
    *,
    user,
    cluster,
    per_member: int = 10,
    limit: int = 30,
) -> tuple[list[SuggestedIntroduction], list[PartnerCluster]] | None:
    """For a cluster manager: the best introductions to make for their members (creative ↔
    traditional first) and the clusters whose members fit theirs best; None while the index
    is being prepared."""

    built = adapters.index_load()
    if built is None:
        tasks.index_rebuild_task()
        built = adapters.index_load()
        if built is None:
            return None
    members = list(
        cluster.memberships.filter(status=MembershipStatus.ACTIVE).values_list(
            "organisation_id", flat=True
        )
    )
    visible_ids = np.fromiter(
        Organisation.objects.visible_to(user).values_list("pk", flat=True), dtype=np.int64
    )
    candidates = np.isin(built.organisation_ids, visible_ids)
    pairs: dict[tuple[int, int], tuple[float, int, int, dict]] = {}
    for member in members:
        row = built.row_of.get(member)
        if row is None:
            continue
        rows, scores, blocks = engine.recommend(
            built.index, row, k=per_member, candidates=candidates
        )
        for rank, (other, score) in enumerate(zip(rows, scores, strict=True)):
            key = (min(row, int(other)), max(row, int(other)))
            if key not in pairs or pairs[key][0] < score:
                pairs[key] = (
                    float(score),
                    row,
                    int(other),
                    {name: values[rank] for name, values in blocks.items()},
                )
    creative = built.index.creative
    ranked = sorted(pairs.values(), key=lambda p: (creative[p[1]] == creative[p[2]], -p[0]))
    top = ranked[:limit]
    ids = {int(built.organisation_ids[r]) for p in top for r in (p[1], p[2])}
    orgs = Organisation.objects.select_related("country").in_bulk(ids)
    suggestions = []
    for score, row, other, _blocks in top:
        reasons = engine.explain(
            built.index, row, [other], {k: np.array([v]) for k, v in _blocks.items()}
        )[0]
        labels = _reason_labels([reasons])
        suggestions.append(
            SuggestedIntroduction(
                member=orgs[int(built.organisation_ids[row])],
                partner=orgs[int(built.organisation_ids[other])],
                score=score,
                cross_sectoral=bool(creative[row] != creative[other]),
                reasons=[_sentence(r, built, labels) for r in reasons[:3]],
            )
        )
    return suggestions, _partner_clusters(cluster, pairs, built)


def _partner_clusters(cluster, pairs, built) -> list[PartnerCluster]:
    """Sum the pair scores of this cluster's members towards each other cluster's members."""

    partner_rows = {p[2] for p in pairs.values()}
    partner_ids = {int(built.organisation_ids[r]): r for r in partner_rows}
    clusters_of: dict[int, list[int]] = {}
    for org_id, cluster_id in (
        Membership.objects.filter(
            organisation_id__in=list(partner_ids), status=MembershipStatus.ACTIVE
        )
        .exclude(cluster=cluster)
        .values_list("organisation_id", "cluster_id")
    ):
        clusters_of.setdefault(partner_ids[org_id], []).append(cluster_id)
    totals: dict[int, list] = {}
    creative = built.index.creative
    for score, row, other, _blocks in pairs.values():
        for cluster_id in clusters_of.get(other, []):
            total = totals.setdefault(cluster_id, [0.0, 0, 0])
            total[0] += score
            total[1] += 1
            total[2] += int(creative[row] != creative[other])
    clusters = Cluster.objects.in_bulk(list(totals))
    ranked = sorted(totals.items(), key=lambda item: -item[1][0])[:10]
    return [
        PartnerCluster(
            cluster=clusters[cluster_id],
            score=round(total, 2),
            pairs=count,
            reasons=[
                _("%(n)d strong pairs between your members and theirs") % {"n": count},
                *([_("%(n)d of them creative ↔ traditional") % {"n": mixed}] if mixed else []),
                *(
                    [_("complementary kinds of cluster")]
                    if clusters[cluster_id].kind != cluster.kind
                    else []
                ),
            ],
        )
        for cluster_id, (total, count, mixed) in ranked
    ]


@dataclass
class ProfileMatch:
    profile: CooperationProfile
    shared: list[str]


def profile_matches(*, user, profile: CooperationProfile, limit: int = 10) -> list[ProfileMatch]:
    """Published offers for a request (or requests for an offer) that the viewer may see,
    ranked by the capabilities they share, named or written in any working language."""
    wanted = set(profile.capabilities.values_list("pk", flat=True))
    wanted.update(
        map_text_to_capabilities(
            f"{profile.title}. {profile.description}",
            profile.language,
            adapters.capability_lookup(),
        )
    )
    if not wanted:
        return []
    opposite = ProfileKind.REQUEST if profile.kind == ProfileKind.OFFER else ProfileKind.OFFER
    through = CooperationProfile.capabilities.through
    matches = (
        CooperationProfile.objects.visible_to(user)
        .filter(
            status=ProfileStatus.PUBLISHED,
            kind=opposite,
            pk__in=through.objects.filter(capability_id__in=wanted).values("cooperationprofile_id"),
        )
        .exclude(organisation_id=profile.organisation_id)
        .annotate(shared_count=Count("capabilities", filter=Q(capabilities__in=wanted)))
        .order_by("-shared_count", "-published_at")
        .select_related("organisation", "organisation__country")
        .prefetch_related("capabilities")[:limit]
    )
    return [
        ProfileMatch(profile=m, shared=[c.label for c in m.capabilities.all() if c.pk in wanted])
        for m in matches
    ]
