"""Writes of the mapping domain: importing regional employment statistics."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from clusterlab.core.bulk import insert_many
from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry.permissions import is_coordinator

from .importing import parse_employment
from .models import EmploymentImport, RegionalEmployment

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@transaction.atomic
def employment_import(*, actor, data: bytes, filename: str, source: str = "") -> EmploymentImport:
    """Import a statistics file, all or nothing; it replaces every figure of the years it holds.

    Raises EmploymentImportError (a DomainError) listing each bad row and column; nothing
    is written then. Only coordinators (or the system, `actor=None`) import.
    """
    if actor is not None and not is_coordinator(actor):
        raise NotAllowed(_("Only the network's coordinator imports employment statistics."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise DomainError(_("The file is larger than 20 MB."), field="file")
    parsed = parse_employment(data, filename)
    years = sorted({f.year for f in parsed.figures})
    record = EmploymentImport.objects.create(
        filename=filename[:200],
        source=source[:300],
        uploaded_by=actor,
        years=years,
        rows_imported=len(parsed.figures),
        rows_skipped=parsed.skipped,
    )
    RegionalEmployment.objects.filter(year__in=years).delete()
    # Tens of thousands of plain rows: one executemany, not the ORM's per-field work.
    insert_many(
        RegionalEmployment._meta.db_table,
        ["region_code", "sector_id", "year", "persons_employed", "source_import_id"],
        (
            (f.region_code, f.sector_id, f.year, f.persons_employed, record.pk)
            for f in parsed.figures
        ),
    )
    return record
