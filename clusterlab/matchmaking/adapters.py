"""The seam between the database and the recommendation engine: querysets in, arrays out.

One pass per table with values_list (no model instances), so the 25,000-organisation index
builds in seconds. Column ids are the database ids of capabilities and sectors, so the
engine's explanations map straight back to rows.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.utils import timezone

from clusterlab.registry.enums import SizeBand
from clusterlab.registry.models import Capability, Country, Language, NaceSector, Organisation

from .engine import build_index, ids_to_csr
from .engine.features import MatchIndex
from .engine.text import build_capability_lookup, map_text_to_capabilities
from .enums import IntroductionStatus, ProfileKind, ProfileStatus
from .models import CooperationProfile, Introduction

SIZE_ORDER = {band: i for i, band in enumerate(SizeBand.values)}


@dataclass
class OrganisationIndex:
    """The engine's index plus the ids that turn its rows and columns back into rows."""

    index: MatchIndex
    organisation_ids: np.ndarray  # row → Organisation.pk
    row_of: dict[int, int]  # Organisation.pk → row
    countries: list[str]  # int code → Country.code
    languages: list[str]  # int code → Language.code
    built_at: object


def _pairs(through, left: str, right: str, rows: dict[int, int]) -> list[list[int]]:
    lists: list[list[int]] = [[] for _ in range(len(rows))]
    for org_id, value in through.objects.values_list(left, right).iterator(chunk_size=20000):
        row = rows.get(org_id)
        if row is not None:
            lists[row].append(value)
    return lists


def index_build() -> OrganisationIndex:
    """Read every organisation and published profile once and build the engine's index."""
    orgs = list(
        Organisation.objects.order_by("pk").values_list(
            "pk",
            "country_id",
            "region_id",
            "size_band",
            "is_creative",
            "description",
            "description_language",
        )
    )
    rows = {pk: r for r, (pk, *_rest) in enumerate(orgs)}
    countries = list(Country.objects.order_by("code").values_list("code", flat=True))
    country_code = {c: i for i, c in enumerate(countries)}
    languages = list(Language.objects.order_by("code").values_list("code", flat=True))
    language_code = {c: i for i, c in enumerate(languages)}
    n_caps = (Capability.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    n_sectors = (NaceSector.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    offered = _pairs(
        Organisation.capabilities_offered.through, "organisation_id", "capability_id", rows
    )
    sought = _pairs(
        Organisation.capabilities_sought.through, "organisation_id", "capability_id", rows
    )
    sectors = _pairs(Organisation.sectors.through, "organisation_id", "nacesector_id", rows)
    spoken = [
        [language_code[c] for c in codes if c in language_code]
        for codes in _pairs(Organisation.languages.through, "organisation_id", "language_id", rows)
    ]
    texts = [[description or ""] for (_pk, _c, _r, _s, _cr, description, _l) in orgs]
    sectors_sought: list[list[int]] = [[] for _ in orgs]
    targets: list[list[int]] = [[] for _ in orgs]
    _add_profiles(rows, offered, sought, sectors_sought, targets, texts, country_code)

    regions: dict[str, int] = defaultdict(lambda: len(regions))
    index = build_index(
        offered=ids_to_csr(offered, n_caps),
        sought=ids_to_csr(sought, n_caps),
        sectors=ids_to_csr(sectors, n_sectors),
        sectors_sought=ids_to_csr(sectors_sought, n_sectors),
        country=np.array([country_code.get(o[1], -1) for o in orgs], dtype=np.int64),
        region=np.array([regions[o[2][:4]] if o[2] else -1 for o in orgs], dtype=np.int64),
        languages=ids_to_csr(spoken, max(len(languages), 1)),
        size=np.array([SIZE_ORDER.get(o[3], -1) for o in orgs], dtype=np.int64),
        creative=np.array([o[4] for o in orgs], dtype=bool),
        declined=_declined_pairs(rows),
        text=[(" ".join(parts), o[6]) for parts, o in zip(texts, orgs, strict=True)],
        target_countries=ids_to_csr(targets, max(len(countries), 1)),
    )
    return OrganisationIndex(
        index=index,
        organisation_ids=np.array([o[0] for o in orgs]),
        row_of=rows,
        countries=countries,
        languages=languages,
        built_at=timezone.now(),
    )


def _add_profiles(rows, offered, sought, sectors_sought, targets, texts, country_code) -> None:
    """Published offers and requests add to what an organisation offers, seeks and says."""
    published = CooperationProfile.objects.filter(status=ProfileStatus.PUBLISHED)
    kind_of = {}
    for pk, org_id, kind, title, description in published.values_list(
        "pk", "organisation_id", "kind", "title", "description"
    ):
        row = rows.get(org_id)
        if row is None:
            continue
        kind_of[pk] = (row, kind)
        texts[row] += [title, description]
    # Capabilities named in the text count too, in any working language ("Produktdesign"
    # and "product design" are the same capability).
    lookup = _capability_lookup()
    for pk, _org, kind, title, description, language in published.values_list(
        "pk", "organisation_id", "kind", "title", "description", "language"
    ):
        if pk in kind_of:
            row = kind_of[pk][0]
            named = map_text_to_capabilities(f"{title}. {description}", language, lookup)
            (offered if kind == ProfileKind.OFFER else sought)[row].extend(named)
    through = CooperationProfile.capabilities.through
    for profile_id, capability_id in through.objects.filter(
        cooperationprofile__in=published
    ).values_list("cooperationprofile_id", "capability_id"):
        row, kind = kind_of[profile_id]
        (offered if kind == ProfileKind.OFFER else sought)[row].append(capability_id)
    for profile_id, sector_id in CooperationProfile.sectors_sought.through.objects.filter(
        cooperationprofile__in=published
    ).values_list("cooperationprofile_id", "nacesector_id"):
        sectors_sought[kind_of[profile_id][0]].append(sector_id)
    for profile_id, country in CooperationProfile.target_countries.through.objects.filter(
        cooperationprofile__in=published
    ).values_list("cooperationprofile_id", "country_id"):
        if country in country_code:
            targets[kind_of[profile_id][0]].append(country_code[country])


def capability_lookup():
    """The multilingual capability phrase lookup (cached; the taxonomy changes rarely)."""
    if "lookup" not in _lookup_cache:
        _lookup_cache["lookup"] = _capability_lookup()
    return _lookup_cache["lookup"]


_lookup_cache: dict[str, object] = {}


def _capability_lookup():
    labels = {}
    fields = [f"label_{lang}" for lang in ("en", "de", "fr", "es", "it", "pl", "ca")]
    for row in Capability.objects.values_list("pk", *fields, "synonyms"):
        pk, *names, synonyms = row
        labels[pk] = {
            lang: [name]
            for lang, name in zip(("en", "de", "fr", "es", "it", "pl", "ca"), names, strict=True)
        }
        labels[pk]["en"] += [s for s in synonyms.split("|") if s]
    return build_capability_lookup(labels)


def _declined_pairs(rows: dict[int, int]) -> list[tuple[int, int]]:
    """A declined or withdrawn introduction is not suggested again, in either direction."""
    pairs = []
    for a, b in Introduction.objects.filter(
        status__in=[IntroductionStatus.DECLINED, IntroductionStatus.ACCEPTED]
    ).values_list("requester_id", "target_id"):
        if a in rows and b in rows:
            pairs += [(rows[a], rows[b]), (rows[b], rows[a])]
    return pairs


# --- The built index on disk, loaded read-only by web processes ------------------------------

_loaded: dict[str, object] = {}
_lock = threading.Lock()


def index_save(built: OrganisationIndex, path: Path) -> None:
    """Write the index atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
        pickle.dump(built, tmp, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp.name, path)


def index_save_default(built: OrganisationIndex) -> None:
    """Write the index where web processes look for it."""
    index_save(built, index_path())


def index_path() -> Path:
    return Path(settings.MATCHMAKING_INDEX_PATH)


def index_load(path: Path | None = None) -> OrganisationIndex | None:
    """Return the latest built index (cached per process, reloaded when the file changes)."""
    path = path or index_path()
    try:
        mtime = (str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None
    with _lock:
        if _loaded.get("mtime") != mtime:
            with open(path, "rb") as fh:
                _loaded["index"] = pickle.load(fh)  # our own file, written by index_save
            _loaded["mtime"] = mtime
        return _loaded["index"]
