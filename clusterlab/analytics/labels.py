"""Human labels for the values of a split (country names, NUTS and NACE names, choices)."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusterlab.registry.enums import OrganisationKind, ServiceKind, SizeBand
from clusterlab.registry.models import Country, NaceSector, NutsRegion

from .enums import Split


def split_label(split: str, values: list[str]) -> dict[str, str]:
    """Map each value of the split to what a reader understands."""
    labels: dict[str, str] = {"": _("unknown")}
    if split == Split.CREATIVE:
        labels.update({"yes": _("Creative"), "no": _("Traditional")})
    elif split == Split.COUNTRY:
        labels.update(Country.objects.filter(code__in=values).values_list("code", "name"))
    elif split == Split.REGION:
        names = NutsRegion.objects.filter(code__in=values).values_list("code", "name")
        labels.update({code: f"{code} {name}" for code, name in names})
    elif split == Split.SECTOR:
        column = f"name_{(get_language() or 'en')[:2]}"
        if column not in {f.name for f in NaceSector._meta.fields}:
            column = "name_en"
        rows = NaceSector.objects.filter(version="2", level=1, code__in=values)
        for code, name, name_en in rows.values_list("code", column, "name_en"):
            labels[code] = f"{code} {name or name_en}"
    elif split == Split.SIZE:
        labels.update({str(k): str(v) for k, v in SizeBand.choices})
    elif split == Split.KIND:
        labels.update({str(k): str(v) for k, v in OrganisationKind.choices})
    elif split == Split.SERVICE:
        labels.update({str(k): str(v) for k, v in ServiceKind.choices})
    return {v: labels.get(v, v) for v in values}
