"""Export a cluster's members (the same columns the import reads back)."""

from __future__ import annotations

from django.db.models import Prefetch

from .enums import MembershipStatus
from .models import Cluster, Contact, Membership, NaceSector
from .tabular import write_csv, write_xlsx

__all__ = ["member_rows", "write_csv", "write_xlsx"]

HEADERS = [
    "Name",
    "Country",
    "Kind",
    "NUTS region",
    "City",
    "Size",
    "Founding year",
    "Website",
    "Description",
    "Language of the description",
    "NACE sectors",
    "Capabilities offered",
    "Capabilities sought",
    "Languages spoken",
    "Visibility",
    "Membership status",
    "Joined",
    "Contact first name",
    "Contact last name",
    "Contact e-mail",
    "Contact phone",
]


def member_rows(*, cluster: Cluster) -> tuple[list[str], list[list]]:
    """Return the header and one row per membership of the cluster (callers check access)."""
    memberships = (
        # Former members are no longer the cluster's to export (nor their contacts).
        Membership.objects.filter(cluster=cluster)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("organisation__sectors", queryset=NaceSector.objects.only("code")),
            "organisation__capabilities_offered",
            "organisation__capabilities_sought",
            "organisation__languages",
            Prefetch(
                "organisation__contacts", queryset=Contact.objects.filter(erased_at__isnull=True)
            ),
        )
        .order_by("organisation__name")
    )
    rows = []
    for m in memberships:
        o = m.organisation
        contact = next(iter(o.contacts.all()), None)
        rows.append(
            [
                o.name,
                o.country_id,
                o.kind,
                o.region_id or "",
                o.city,
                o.size_band,
                o.founded_year or "",
                o.website,
                o.description,
                o.description_language,
                "; ".join(s.code for s in o.sectors.all()),
                "; ".join(c.code for c in o.capabilities_offered.all()),
                "; ".join(c.code for c in o.capabilities_sought.all()),
                "; ".join(lang.code for lang in o.languages.all()),
                o.visibility,
                m.status,
                m.joined.isoformat() if m.joined else "",
                contact.first_name if contact else "",
                contact.last_name if contact else "",
                contact.email if contact else "",
                contact.phone if contact else "",
            ]
        )
    return HEADERS, rows
