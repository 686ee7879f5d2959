"""Statistics rows ⇄ arrays: the one seam between the database and the mapping engine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.text import slugify

from clusterlab.registry.models import CreativeDefinitionEntry, CreativeDefinitionSet, NaceSector


@dataclass(frozen=True)
class SectorGroup:
    """A group of sectors mapped together: a creative set, one of its domains, a NACE section."""

    key: str  # set:<slug> | domain:<slug>:<domain> | section:<letter>
    kind: str  # creative / domain / section
    label: str
    source: str = ""


def sector_groups() -> list[SectorGroup]:
    """Return the groups the map offers: creative sets and their domains, then NACE sections."""
    groups = []
    for dset in CreativeDefinitionSet.objects.order_by("name"):
        groups.append(SectorGroup(f"set:{dset.slug}", "creative", dset.name, dset.source))
        domains = sorted(set(dset.entries.values_list("domain", flat=True)))
        for domain in domains:
            groups.append(
                SectorGroup(
                    f"domain:{dset.slug}:{slugify(domain)}",
                    "domain",
                    f"{dset.name}: {domain}",
                    dset.source,
                )
            )
    for section in NaceSector.objects.filter(version="2", level=1).order_by("code"):
        groups.append(
            SectorGroup(f"section:{section.code}", "section", f"{section.code} {section.name}")
        )
    return groups


def _class_counts() -> dict[str, int]:
    """NACE code (any level) → number of its classes: the equal-split denominator."""
    counts: dict[str, int] = {}
    for code, section in NaceSector.objects.filter(version="2", level=4).values_list(
        "code", "section"
    ):
        for prefix in (section, code[:2], code[:4], code):
            counts[prefix] = counts.get(prefix, 0) + 1
    return counts


def _covers(code: str, klass: str, section: str) -> bool:
    return code == section if len(code) == 1 else klass.startswith(code)


def group_weights(sector_ids: list[int], groups: list[SectorGroup]) -> np.ndarray:
    """Return the sectors × groups weight matrix (the part of each sector in each group).

    A class counts with its share in a creative set. A coarser code (division, group,
    section) counts by the summed shares of its classes in the set divided by its number of
    classes: an equal-split assumption, exact only when statistics are given by class.
    """
    sectors = {
        pk: (code, section)
        for pk, code, section in NaceSector.objects.filter(pk__in=sector_ids).values_list(
            "pk", "code", "section"
        )
    }
    entries: dict[str, list[tuple[str, str, str, float]]] = {}
    for slug, domain, klass, section, share in CreativeDefinitionEntry.objects.values_list(
        "definition_set__slug", "domain", "sector__code", "sector__section", "share"
    ):
        entries.setdefault(slug, []).append((slugify(domain), klass, section, float(share)))
    counts = _class_counts()
    weights = np.zeros((len(sector_ids), len(groups)))
    for row, sector_id in enumerate(sector_ids):
        code, section = sectors[sector_id]
        for column, group in enumerate(groups):
            kind, _sep, rest = group.key.partition(":")
            if kind == "section":
                weights[row, column] = 1.0 if section == rest else 0.0
                continue
            slug, _sep, domain = rest.partition(":")
            shares = [
                share
                for entry_domain, klass, entry_section, share in entries.get(slug, [])
                if (kind == "set" or entry_domain == domain) and _covers(code, klass, entry_section)
            ]
            weights[row, column] = sum(shares) / counts.get(code, 1) if shares else 0.0
    return np.clip(weights, 0.0, 1.0)
