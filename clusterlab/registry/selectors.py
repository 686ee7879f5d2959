"""Reads of the registry domain, always filtered by what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from .enums import MembershipStatus
from .models import (
    Cluster,
    Contact,
    Country,
    CreativeDefinitionEntry,
    LetterOfSupport,
    Membership,
    NaceSector,
    NetworkSettings,
    NutsRegion,
    Organisation,
    OrganisationNote,
    ServiceRecord,
)
from .search import filter_by_text

SectorThrough = Organisation.sectors.through


@dataclass
class DirectoryFilters:
    """The directory's search and filters, as the page, the API and the benchmark send them."""

    q: str = ""
    country: str = ""
    region: str = ""
    sector: str = ""
    creative_domain: str = ""
    creative: str = ""  # "yes" / "no" / ""
    kind: str = ""
    size: str = ""
    cluster: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_params(cls, params) -> DirectoryFilters:
        names = (
            "q",
            "country",
            "region",
            "sector",
            "creative_domain",
            "creative",
            "kind",
            "size",
            "cluster",
        )
        return cls(**{n: (params.get(n) or "").strip()[:200] for n in names})

    def is_empty(self) -> bool:
        return not any(
            [
                self.q,
                self.country,
                self.region,
                self.sector,
                self.creative_domain,
                self.creative,
                self.kind,
                self.size,
                self.cluster,
            ]
        )


def _sector_condition(code: str) -> Q:
    if len(code) == 1 and code.isalpha():
        return Q(nacesector__section=code.upper())
    prefix = code if "." in code else code + "."
    return Q(nacesector__code=code) | Q(nacesector__code__startswith=prefix)


def organisation_directory(*, user, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """Return the organisations this viewer may see that match the directory filters."""
    qs = Organisation.objects.visible_to(user)
    if filters.q:
        qs = filter_by_text(qs, filters.q)
    if filters.country:
        qs = qs.filter(country_id=filters.country.upper())
    if filters.region:
        # NUTS codes nest by prefix: DE1 holds DE11, which holds DE111.
        qs = qs.filter(
            region_id__in=NutsRegion.objects.filter(code__startswith=filters.region.upper()).values(
                "code"
            )
        )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.size:
        qs = qs.filter(size_band=filters.size)
    if filters.creative in ("yes", "no"):
        qs = qs.filter(is_creative=filters.creative == "yes")
    if filters.sector:
        qs = qs.filter(
            pk__in=SectorThrough.objects.filter(_sector_condition(filters.sector)).values(
                "organisation_id"
            )
        )
    if filters.creative_domain:
        dset = NetworkSettings.current().default_creative_set_id
        sector_ids = CreativeDefinitionEntry.objects.filter(
            definition_set_id=dset, domain=filters.creative_domain
        ).values("sector_id")
        qs = qs.filter(
            pk__in=SectorThrough.objects.filter(nacesector_id__in=sector_ids).values(
                "organisation_id"
            )
        )
    if filters.cluster:
        qs = qs.filter(
            pk__in=Membership.objects.filter(cluster__slug=filters.cluster)
            .exclude(status=MembershipStatus.LEFT)
            .values("organisation_id")
        )
    return qs


def organisation_cards(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Add what a directory card shows, in a fixed number of queries."""
    return queryset.select_related("country", "region").prefetch_related(
        Prefetch("sectors", queryset=NaceSector.objects.order_by("code")),
        Prefetch(
            "memberships",
            # Prospects are a cluster's pipeline, not public: cards show active members only.
            queryset=Membership.objects.filter(status=MembershipStatus.ACTIVE)
            .select_related("cluster")
            .only("organisation_id", "status", "cluster__name", "cluster__slug"),
            to_attr="current_memberships",
        ),
    )


def organisation_profile(*, user, pk: int) -> Organisation:
    """Return one organisation the viewer may see, with everything its profile shows."""
    qs = organisation_cards(Organisation.objects.visible_to(user)).prefetch_related(
        "capabilities_offered", "capabilities_sought", "languages", "export_markets"
    )
    return qs.get(pk=pk)


def organisation_private(*, user) -> QuerySet[Organisation]:
    """Organisations whose private data this viewer may see."""
    return Organisation.objects.private_to(user)


def contact_list(*, user, organisation: Organisation) -> QuerySet[Contact]:
    """Contacts of an organisation, if the viewer may see its private data."""
    allowed = Organisation.objects.private_to(user).filter(pk=organisation.pk).exists()
    if not allowed:
        return Contact.objects.none()
    return organisation.contacts.prefetch_related("consents", "languages")


def contact_visible(*, user) -> QuerySet[Contact]:
    """Every contact whose personal data this viewer may see."""
    return Contact.objects.filter(organisation__in=Organisation.objects.private_to(user))


def cluster_list(*, user=None) -> QuerySet[Cluster]:
    """All clusters (their profiles are public), with member counts."""
    return Cluster.objects.select_related("country", "managing_organisation").annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    )


def cluster_members(*, user, cluster: Cluster) -> QuerySet[Membership]:
    """Memberships of a cluster whose organisations this viewer may see."""
    visible = Organisation.objects.visible_to(user).values("pk")
    return (
        cluster.memberships.filter(organisation_id__in=visible, status=MembershipStatus.ACTIVE)
        .select_related("organisation", "organisation__country")
        .order_by("organisation__name")
    )


def cluster_managed(*, user) -> QuerySet[Cluster]:
    """Clusters this viewer manages."""
    return Cluster.objects.managed_by(user).select_related("country")


def cluster_workspace_members(*, cluster: Cluster, status: str = "") -> QuerySet[Membership]:
    """Every membership of a managed cluster (callers check the manager first)."""
    qs = cluster.memberships.select_related(
        "organisation", "organisation__country", "organisation__region"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("organisation__name")


def service_list(
    *, user, cluster: Cluster | None = None, organisation: Organisation | None = None
) -> QuerySet[ServiceRecord]:
    """Services the viewer may see: those their clusters delivered, or received by their own
    organisation (a cluster's log is its own, even for a member shared with another)."""
    qs = ServiceRecord.objects.select_related("organisation", "cluster", "recorded_by")
    if user is None or not user.is_authenticated:
        return qs.none()
    if not user.is_coordinator:
        condition = Q(
            cluster__in=Cluster.objects.managed_by(user),
            organisation__in=Organisation.objects.private_to(user),
        )
        if user.organisation_id:
            condition |= Q(organisation_id=user.organisation_id)
        qs = qs.filter(condition)
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs


def letter_list(*, user, organisation: Organisation) -> QuerySet[LetterOfSupport]:
    """Letters of support of an organisation: its own users and coordinators see all of them,
    a cluster's managers those to the whole network and those recorded for their clusters."""
    letters = LetterOfSupport.objects.filter(organisation=organisation).select_related("cluster")
    if user is None or not user.is_authenticated:
        return letters.none()
    if user.is_coordinator or user.organisation_id == organisation.pk:
        return letters
    if not Organisation.objects.private_to(user).filter(pk=organisation.pk).exists():
        return letters.none()
    return letters.filter(Q(cluster__isnull=True) | Q(cluster__in=Cluster.objects.managed_by(user)))


def letter_visible(*, user) -> QuerySet[LetterOfSupport]:
    """Every letter of support this viewer may see (same rule as letter_list)."""
    letters = LetterOfSupport.objects.select_related("cluster", "organisation")
    if user is None or not user.is_authenticated:
        return letters.none()
    if user.is_coordinator:
        return letters
    condition = Q(organisation__in=Organisation.objects.private_to(user)) & (
        Q(cluster__isnull=True) | Q(cluster__in=Cluster.objects.managed_by(user))
    )
    if user.organisation_id:
        condition |= Q(organisation_id=user.organisation_id)
    return letters.filter(condition)


def note_list(*, user, organisation: Organisation) -> QuerySet[OrganisationNote]:
    """Notes on an organisation written in clusters this viewer manages."""
    return OrganisationNote.objects.filter(
        organisation=organisation, cluster__in=Cluster.objects.managed_by(user)
    ).select_related("author", "cluster")


def organisation_history(*, organisation: Organisation, user=None) -> list[dict]:
    """Return the change history of an organisation, its memberships and contacts, newest
    first; memberships of clusters the viewer does not run are left out."""
    memberships = Membership.history.filter(organisation_id=organisation.pk)
    if user is not None and not (user.is_coordinator or user.organisation_id == organisation.pk):
        memberships = memberships.filter(cluster__in=Cluster.objects.managed_by(user))
    sources = [
        organisation.history.select_related("history_user"),
        memberships.select_related("history_user", "cluster"),
        Contact.history.filter(organisation_id=organisation.pk).select_related("history_user"),
    ]
    changes = []
    for records in sources:
        changes += _describe_changes(list(records.order_by("id", "history_date", "history_id")))
    changes.sort(key=lambda change: change["date"], reverse=True)
    return changes[:200]


def _history_label(record) -> str:
    # Built from the history row itself: record.instance would query each related row.
    if hasattr(record, "cluster_id") and hasattr(record, "status"):
        return record.cluster.name
    if hasattr(record, "first_name"):
        return f"{record.first_name} {record.last_name}".strip()
    return getattr(record, "name", "")


def _describe_changes(records: list) -> list[dict]:
    """Describe history rows, diffing each against the previous row of the same object
    (in memory: one query per source instead of one per row)."""
    described, previous = [], {}
    for record in records:
        prev = previous.get(record.id)
        fields = []
        if prev is not None and record.history_type == "~":
            fields = [(c.field, c.old, c.new) for c in record.diff_against(prev).changes]
        previous[record.id] = record
        described.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "object": record._meta.model.__name__.replace("Historical", ""),
                "label": _history_label(record),
                "changes": fields,
            }
        )
    return described


# --- Directory filter options (reference data changes rarely: cached) -----------------------


def directory_options() -> dict:
    """Return the choices the directory's filters offer, named in the interface language."""
    language = (get_language() or "en")[:2]
    key = f"registry:directory-options:{language}"
    options = cache.get(key)
    if options is None:
        dset = NetworkSettings.current().default_creative_set
        countries = Country.objects.filter(in_nuts=True)
        sectors = NaceSector.objects.filter(level__in=[1, 2], version="2").order_by("code")
        options = {
            "countries": sorted(
                ((c.code, c.display_name) for c in countries), key=lambda pair: pair[1]
            ),
            "sectors": [(s.code, s.name, s.level) for s in sectors],
            "creative_domains": sorted(
                set(
                    CreativeDefinitionEntry.objects.filter(definition_set=dset).values_list(
                        "domain", flat=True
                    )
                )
            ),
            "creative_set": dset.name if dset else "",
            "clusters": list(Cluster.objects.order_by("name").values_list("slug", "name")),
        }
        cache.set(key, options, 300)
    return options


def region_options(country: str) -> list[tuple[str, str]]:
    """Return the NUTS 1 and 2 regions of a country for the region filter."""
    if not country:
        return []
    key = f"registry:regions:{country.upper()}"
    regions = cache.get(key)
    if regions is None:
        regions = list(
            NutsRegion.objects.filter(country_id=country.upper(), level__in=[1, 2]).values_list(
                "code", "name"
            )
        )
        cache.set(key, regions, 3600)
    return regions


def network_summary() -> dict:
    """Return the headline figures of the network for the home page (public counts only)."""
    summary = cache.get("registry:network-summary")
    if summary is None:
        dset = NetworkSettings.current().default_creative_set
        summary = {
            "clusters": Cluster.objects.count(),
            "organisations": Organisation.objects.count(),
            "creative": Organisation.objects.filter(is_creative=True).count(),
            "countries": Organisation.objects.values("country").distinct().count(),
            "creative_set": dset.name if dset else "",
        }
        cache.set("registry:network-summary", summary, 60)
    return summary
