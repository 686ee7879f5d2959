"""Load the shipped reference data (data/ beside this file) into the database, idempotently."""

from __future__ import annotations

import csv
import gettext
from decimal import Decimal
from functools import cache
from pathlib import Path

import pycountry
from django.db import transaction

from .models import (
    Capability,
    Country,
    CreativeDefinitionEntry,
    CreativeDefinitionSet,
    Language,
    NaceSector,
    NetworkSettings,
    NutsRegion,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
WORKING_LANGUAGES = ("en", "de", "fr", "es", "it", "pl", "ca")
# Eurostat writes Greece and the United Kingdom differently from ISO 3166.
EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}
ISO_TO_EUROSTAT = {iso: eu for eu, iso in EUROSTAT_TO_ISO.items()}

CREATIVE_SETS = {
    "eurostat-cultural": (
        "Eurostat cultural enterprises",
        "eurostat_cultural_enterprises.csv",
        "Eurostat, Statistics Explained, 'Culture statistics - cultural enterprises' (SBS "
        "cultural sector aggregate, 2018 scope extension), expanded to NACE Rev. 2 classes; "
        "ESSnet-Culture domains. See CREATIVE_SETS.md for the notes on each class.",
    ),
    "dcms-creative": (
        "UK DCMS creative industries (Nesta)",
        "dcms_creative_industries.csv",
        "UK DCMS Creative Industries Economic Estimates, SIC 2007 codes as published by the "
        "DCMS statistics team (R package eesectors, sic_mappings, Nov 2017); nine DCMS "
        "sub-sectors. SIC 2007 4-digit codes taken to equal NACE Rev. 2 classes.",
    ),
}
DEFAULT_CREATIVE_SET = "eurostat-cultural"


def country_names(iso_code: str) -> set[str]:
    """Return a country's names in English and the other working languages (from pycountry)."""
    country = pycountry.countries.get(alpha_2=iso_code)
    if country is None:
        return set()
    english = {
        country.name,
        getattr(country, "common_name", country.name),
        getattr(country, "official_name", country.name),
    }
    names = set(english)
    for lang in WORKING_LANGUAGES[1:]:
        translation = _country_translation(lang)
        names.update(translation.gettext(name) for name in english)
    return names


@cache
def _country_translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def _rows(filename: str) -> list[dict[str, str]]:
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def iso_of(country_code: str) -> str:
    """Return the ISO 3166 alpha-2 code for a Eurostat country code."""
    return EUROSTAT_TO_ISO.get(country_code, country_code)


def load_countries() -> int:
    """Create the countries: NUTS countries with Eurostat codes, the rest of the world by ISO."""
    nuts_countries = {r["code"]: r["name"] for r in _rows("regions.csv") if r["level"] == "0"}
    wanted: dict[str, Country] = {}
    for code, name in nuts_countries.items():
        wanted[code] = Country(code=code, iso_code=iso_of(code), name=name, in_nuts=True)
    taken_iso = {c.iso_code for c in wanted.values()}
    for c in pycountry.countries:
        if c.alpha_2 in taken_iso:
            continue
        name = getattr(c, "common_name", None) or c.name
        wanted[c.alpha_2] = Country(code=c.alpha_2, iso_code=c.alpha_2, name=name, in_nuts=False)
    return _upsert(Country, wanted, ["iso_code", "name", "in_nuts"])


def load_languages() -> int:
    """Create the ISO 639-1 languages, flagging the platform's working languages."""
    wanted = {
        lang.alpha_2: Language(
            code=lang.alpha_2, name=lang.name, is_working_language=lang.alpha_2 in WORKING_LANGUAGES
        )
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    }
    return _upsert(Language, wanted, ["name", "is_working_language"])


def load_nuts() -> int:
    """Create NUTS 2024 / statistical regions 2024 / UK NUTS 2016, levels 0–3."""
    rows = sorted(_rows("regions.csv"), key=lambda r: int(r["level"]))
    wanted = {
        r["code"]: NutsRegion(
            code=r["code"],
            level=int(r["level"]),
            parent_id=r["parent"] or None,
            country_id=r["country"],
            name=r["name"],
            name_native=r["name_native"],
            system=r["system"],
        )
        for r in rows
    }
    return _upsert(
        NutsRegion, wanted, ["level", "parent", "country", "name", "name_native", "system"]
    )


def load_nace() -> int:
    """Create NACE Rev. 2 at all four levels with names in the seven working languages."""
    rows = sorted(_rows("nace_rev2.csv"), key=lambda r: int(r["level"]))
    existing = {s.code: s for s in NaceSector.objects.filter(version="2")}
    names = [f"name_{lang}" for lang in WORKING_LANGUAGES]
    created = 0
    for level in (1, 2, 3, 4):
        new, changed = [], []
        for r in (r for r in rows if int(r["level"]) == level):
            values = {n: (r[n] or "").strip() for n in names}
            parent = existing.get(r["parent"]) if r["parent"] else None
            obj = existing.get(r["code"])
            if obj is None:
                obj = NaceSector(
                    version="2",
                    code=r["code"],
                    level=level,
                    parent=parent,
                    section=r["section"],
                    **values,
                )
                new.append(obj)
            elif any(getattr(obj, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(obj, k, v)
                changed.append(obj)
        NaceSector.objects.bulk_create(new)
        NaceSector.objects.bulk_update(changed, names)
        for obj in new:
            existing[obj.code] = obj
        created += len(new)
    return created


def load_creative_sets() -> int:
    """Create the shipped creative definition sets and choose the network's default once."""
    classes = {s.code: s.pk for s in NaceSector.objects.filter(version="2", level=4)}
    created = 0
    for slug, (name, filename, source) in CREATIVE_SETS.items():
        dset, _ = CreativeDefinitionSet.objects.update_or_create(
            slug=slug, defaults={"name": name, "source": source}
        )
        have = set(dset.entries.values_list("sector_id", flat=True))
        new = [
            CreativeDefinitionEntry(
                definition_set=dset,
                sector_id=classes[r["nace_code"]],
                domain=r["domain"],
                share=Decimal(r["share"] or "1"),
                note=r["note"],
            )
            for r in _rows(filename)
            if classes[r["nace_code"]] not in have
        ]
        CreativeDefinitionEntry.objects.bulk_create(new)
        created += len(new)
    settings_row = NetworkSettings.current()
    if settings_row.default_creative_set_id is None:
        settings_row.default_creative_set = CreativeDefinitionSet.objects.get(
            slug=DEFAULT_CREATIVE_SET
        )
        settings_row.save()
    return created


def load_capabilities() -> int:
    """Create or update the multilingual capability taxonomy."""
    labels = [f"label_{lang}" for lang in WORKING_LANGUAGES]
    wanted = {
        r["code"]: Capability(
            code=r["code"],
            group=r["group"],
            synonyms=r.get("synonyms_en", ""),
            **{k: r[k].strip() for k in labels},
        )
        for r in _rows("capabilities.csv")
    }
    existing = {c.code: c for c in Capability.objects.all()}
    new = [c for code, c in wanted.items() if code not in existing]
    changed = []
    for code, c in wanted.items():
        if code in existing:
            old = existing[code]
            fields = ["group", "synonyms", *labels]
            if any(getattr(old, f) != getattr(c, f) for f in fields):
                for f in fields:
                    setattr(old, f, getattr(c, f))
                changed.append(old)
    Capability.objects.bulk_create(new)
    Capability.objects.bulk_update(changed, ["group", "synonyms", *labels])
    return len(new)


def _upsert(model, wanted: dict, fields: list[str]) -> int:
    existing = model.objects.in_bulk(list(wanted))
    new = [obj for key, obj in wanted.items() if key not in existing]
    model.objects.bulk_create(new, batch_size=500)
    changed = []
    for key, obj in wanted.items():
        old = existing.get(key)
        if old is not None and any(
            getattr(old, f + "_id" if f in ("parent", "country") else f)
            != getattr(obj, f + "_id" if f in ("parent", "country") else f)
            for f in fields
        ):
            changed.append(obj)
    model.objects.bulk_update(changed, fields, batch_size=500)
    return len(new)


@transaction.atomic
def reference_data_load() -> dict[str, int]:
    """Load every reference table; return how many rows each step created."""
    return {
        "countries": load_countries(),
        "languages": load_languages(),
        "nuts_regions": load_nuts(),
        "nace_sectors": load_nace(),
        "creative_entries": load_creative_sets(),
        "capabilities": load_capabilities(),
    }
