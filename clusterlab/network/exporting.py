"""Every figure of the network page, and the ties behind one, as CSV or XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterlab.registry.tabular import write_csv, write_workbook

TIE_COLUMNS = (
    "kind",
    "date",
    "from",
    "from_country",
    "from_creative",
    "to",
    "to_country",
    "to_creative",
    "cross_sectoral",
    "cross_border",
    "record",
)


def summary_tables(summary: dict) -> list[tuple[str, list[str], list[list]]]:
    """The page's figures as (sheet name, headers, rows) tables."""
    totals = [
        [key, summary[key]]
        for key in (
            "total_ties",
            "organisation_ties",
            "cross_sectoral",
            "cross_sectoral_share",
            "cross_border",
            "cross_border_share",
        )
    ]
    totals += [[f"ties_{kind}", n] for kind, n in summary["ties_by_kind"].items()]
    years = [
        [r["year"], r["total"], r["organisation_ties"], r["cross_sectoral"], r["cross_border"]]
        for r in summary["ties_by_year"]
    ]
    clusters = [
        [
            pk,
            c["name"],
            c["members"],
            c["outside_cluster"],
            c["outside_sector"],
            c["outside_country"],
        ]
        for pk, c in summary["per_cluster"].items()
    ]
    broker_headers = ["name", "betweenness", "bridging_sector", "bridging_country", "ties"]

    def brokers(rows: list[dict]) -> list[list]:
        return [[b[h] for h in broker_headers] for b in rows]

    communities = summary["communities"]
    community_rows = [
        ["count", communities["count"]],
        ["modularity", communities["modularity"]],
        *[[f"nmi_{name}", value] for name, value in communities["alignment"].items()],
        *[[f"size_{i + 1}", size] for i, size in enumerate(communities["largest"])],
    ]
    return [
        (_("Totals"), ["figure", "value"], totals),
        (
            _("By year"),
            ["year", "ties", "organisation_ties", "cross_sectoral", "cross_border"],
            years,
        ),
        (
            _("Per cluster"),
            [
                "cluster_id",
                "cluster",
                "members",
                "outside_cluster",
                "outside_sector",
                "outside_country",
            ],
            clusters,
        ),
        (_("Top organisations"), broker_headers, brokers(summary["top_organisations"])),
        (_("Top clusters"), broker_headers, brokers(summary["top_clusters"])),
        (_("Communities"), ["figure", "value"], community_rows),
    ]


def summary_csv(summary: dict) -> bytes:
    """One CSV: the tables one after another, each row led by its table's name."""
    rows = []
    for name, headers, table in summary_tables(summary):
        rows.append([name, *headers])
        rows.extend([name, *row] for row in table)
    return write_csv(["table"], rows)


def xlsx(tables: list[tuple[str, list[str], list[list]]]) -> bytes:
    """A workbook with one sheet per table (numbers typed, text neutralised)."""
    return write_workbook(tables)


def ties_table(rows: list[dict]) -> tuple[list[str], list[list]]:
    return list(TIE_COLUMNS), [[row[c] for c in TIE_COLUMNS] for row in rows]
