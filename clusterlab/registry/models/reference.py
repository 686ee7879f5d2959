"""Reference data: countries, languages, NUTS regions, NACE sectors, creative sets, capabilities.

Loaded from the project's own copies of public data (see DATA_SOURCES.md) by
`manage.py load_reference_data`; never downloaded at run time.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@cache
def _iso_translation(domain: str, lang: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def _iso_name(domain: str, english: str) -> str:
    """Return an ISO country or language name in the interface language (pycountry's data)."""
    lang = (get_language() or "en")[:2]
    if lang == "en":
        return english
    return _iso_translation(domain, lang).gettext(english)


def _localised(obj, prefix: str, language: str | None = None) -> str:
    lang = (language or get_language() or "en")[:2]
    return getattr(obj, f"{prefix}_{lang}", "") or getattr(obj, f"{prefix}_en")


class Country(models.Model):
    """A country; `code` is the Eurostat code (EL for Greece, UK for the United Kingdom)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    iso_code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    in_nuts = models.BooleanField(default=True, help_text=_("Has NUTS / statistical regions"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the interface language."""
        iso = pycountry.countries.get(alpha_2=self.iso_code)
        return _iso_name("iso3166-1", iso.name) if iso else self.name


class Language(models.Model):
    """A spoken language (ISO 639-1)."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    is_working_language = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the interface language."""
        return _iso_name("iso639-3", self.name)


class NutsRegion(models.Model):
    """A NUTS (or statistical) region, levels 0–3; a code's prefix is its ancestry."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="regions")
    name = models.CharField(_("name"), max_length=200)
    name_native = models.CharField(_("native name"), max_length=200, blank=True)
    system = models.CharField(_("classification"), max_length=40)

    class Meta:
        ordering = ["code"]
        verbose_name = _("NUTS region")
        verbose_name_plural = _("NUTS regions")
        indexes = [models.Index(fields=["country", "level"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class NaceSector(models.Model):
    """A NACE code at any of the four levels, in a given classification version."""

    version = models.CharField(_("version"), max_length=8, default="2")
    code = models.CharField(_("code"), max_length=6)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    section = models.CharField(_("section"), max_length=1)
    name_en = models.CharField(max_length=300)
    name_de = models.CharField(max_length=300, blank=True)
    name_fr = models.CharField(max_length=300, blank=True)
    name_es = models.CharField(max_length=300, blank=True)
    name_it = models.CharField(max_length=300, blank=True)
    name_pl = models.CharField(max_length=300, blank=True)
    name_ca = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["version", "code"]
        verbose_name = _("NACE sector")
        verbose_name_plural = _("NACE sectors")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="nace_version_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return _localised(self, "name")


class CreativeDefinitionSet(models.Model):
    """A definition of which NACE classes count as cultural / creative, with its source."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source"))
    nace_version = models.CharField(max_length=8, default="2")

    class Meta:
        ordering = ["name"]
        verbose_name = _("creative definition set")
        verbose_name_plural = _("creative definition sets")

    def __str__(self) -> str:
        return self.name


class CreativeDefinitionEntry(models.Model):
    """One NACE class in a definition set, its creative domain and creative share (0–1]."""

    definition_set = models.ForeignKey(
        CreativeDefinitionSet, on_delete=models.CASCADE, related_name="entries"
    )
    sector = models.ForeignKey(
        NaceSector, on_delete=models.CASCADE, related_name="creative_entries"
    )
    domain = models.CharField(_("creative domain"), max_length=100)
    share = models.DecimalField(
        _("creative share"),
        max_digits=4,
        decimal_places=3,
        default=1,
        help_text=_("Below 1 where only part of the class is creative."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["definition_set", "sector__code"]
        verbose_name = _("creative definition entry")
        verbose_name_plural = _("creative definition entries")
        constraints = [
            models.UniqueConstraint(
                fields=["definition_set", "sector"], name="creative_entry_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(share__gt=0, share__lte=1), name="creative_share_in_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sector.code} → {self.domain}"


class Capability(models.Model):
    """A language-neutral capability firms offer or seek, labelled in every working language."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    group = models.CharField(_("group"), max_length=40)
    label_en = models.CharField(max_length=120)
    label_de = models.CharField(max_length=120)
    label_fr = models.CharField(max_length=120)
    label_es = models.CharField(max_length=120)
    label_it = models.CharField(max_length=120)
    label_pl = models.CharField(max_length=120)
    label_ca = models.CharField(max_length=120)
    synonyms = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["group", "label_en"]
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _localised(self, "label")

    def all_labels(self) -> list[str]:
        return [
            getattr(self, f"label_{lang}") for lang in ("en", "de", "fr", "es", "it", "pl", "ca")
        ]
