"""The mapping table as CSV / XLSX (cells neutralised against formula injection)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from clusterlab.registry.tabular import write_csv, write_workbook

from .selectors import RegionFigure


def table_rows(figures: list[RegionFigure]) -> tuple[list[str], list[list]]:
    """Return the headers and rows of the mapping table (every region, ranked)."""
    headers = [
        _("Rank"),
        _("NUTS code"),
        _("Region"),
        _("Country"),
        _("Persons employed in the group"),
        _("Persons employed in the region"),
        _("Share of Europe's employment in the group"),
        _("Location quotient"),
        _("Focus (share of the region's employment)"),
        _("Size star"),
        _("Specialisation star"),
        _("Focus star"),
        _("Stars"),
    ]
    rows = [
        [
            rank,
            f.region_code,
            f.region_name,
            f.country,
            round(f.employment),
            round(f.region_total),
            "" if f.share is None else round(f.share, 6),
            "" if f.lq is None else round(f.lq, 4),
            "" if f.focus is None else round(f.focus, 6),
            int(f.size_star),
            int(f.specialisation_star),
            int(f.focus_star),
            f.stars,
        ]
        for rank, f in enumerate(figures, start=1)
    ]
    return headers, rows


def to_csv(headers: Sequence[str], rows: Sequence[Sequence]) -> bytes:
    return write_csv(headers, rows)


def to_xlsx(headers: Sequence[str], rows: Sequence[Sequence]) -> bytes:
    """Return a workbook; numbers stay numbers, text is neutralised."""
    return write_workbook([(_("Cluster mapping"), headers, rows)])
