"""Regional employment statistics (region × NACE sector × year) and the imports that bring them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import NaceSector


class EmploymentImport(models.Model):
    """One import of regional employment statistics: who brought which years, from what file."""

    filename = models.CharField(_("file"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    years = models.JSONField(_("years"), default=list)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    rows_skipped = models.PositiveIntegerField(
        _("rows skipped"), default=0, help_text=_("Aggregates and regions not at NUTS level 2.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("employment statistics import")
        verbose_name_plural = _("employment statistics imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%Y-%m-%d})"


class RegionalEmployment(models.Model):
    """Persons employed in one NUTS 2 region, NACE sector and year (Eurostat SBS shape)."""

    region_code = models.CharField(
        _("NUTS code"),
        max_length=5,
        help_text=_("As coded in the statistics: NUTS 2021 or NUTS 2024."),
    )
    sector = models.ForeignKey(
        NaceSector, on_delete=models.PROTECT, related_name="+", verbose_name=_("NACE sector")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    persons_employed = models.PositiveIntegerField(_("persons employed"))
    source_import = models.ForeignKey(
        EmploymentImport, null=True, on_delete=models.SET_NULL, related_name="rows"
    )

    class Meta:
        ordering = ["year", "region_code", "sector__code"]
        verbose_name = _("regional employment figure")
        verbose_name_plural = _("regional employment figures")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "sector", "year"], name="regional_employment_unique"
            )
        ]
        indexes = [models.Index(fields=["year", "region_code"])]

    def __str__(self) -> str:
        return f"{self.region_code} {self.sector_id} {self.year}: {self.persons_employed}"
