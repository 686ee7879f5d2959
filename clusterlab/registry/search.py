"""Full-text search over organisations, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

The index is created after every migrate (post_migrate), because SQLite drops a table's
triggers whenever Django rebuilds that table in a later migration.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet

TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_TOKENS = 8

_PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(city, '') || ' ' "
    "|| coalesce(description, ''))"
)

SQLITE_DDL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS registry_organisation_fts USING fts5(
        name, city, description, content='registry_organisation', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS registry_organisation_fts_ai
       AFTER INSERT ON registry_organisation BEGIN
         INSERT INTO registry_organisation_fts(rowid, name, city, description)
         VALUES (new.id, new.name, new.city, new.description);
       END""",
    """CREATE TRIGGER IF NOT EXISTS registry_organisation_fts_ad
       AFTER DELETE ON registry_organisation BEGIN
         INSERT INTO registry_organisation_fts(registry_organisation_fts, rowid, name, city,
                                               description)
         VALUES ('delete', old.id, old.name, old.city, old.description);
       END""",
    """CREATE TRIGGER IF NOT EXISTS registry_organisation_fts_au
       AFTER UPDATE OF name, city, description ON registry_organisation BEGIN
         INSERT INTO registry_organisation_fts(registry_organisation_fts, rowid, name, city,
                                               description)
         VALUES ('delete', old.id, old.name, old.city, old.description);
         INSERT INTO registry_organisation_fts(rowid, name, city, description)
         VALUES (new.id, new.name, new.city, new.description);
       END""",
]


def ensure_search_index(using_connection=None) -> None:
    """Create the full-text index and its upkeep (idempotent), and fill it if it is new."""
    conn = using_connection or connection
    tables = conn.introspection.table_names()
    if "registry_organisation" not in tables:
        return
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            is_new = "registry_organisation_fts" not in tables
            for statement in SQLITE_DDL:
                cursor.execute(statement)
            if is_new:
                cursor.execute(
                    "INSERT INTO registry_organisation_fts(registry_organisation_fts) "
                    "VALUES ('rebuild')"
                )
        elif conn.vendor == "postgresql":
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS registry_organisation_fts "
                f"ON registry_organisation USING GIN ({_PG_DOCUMENT})"
            )


def tokens_of(text: str) -> list[str]:
    """Return the search words of a query (letters and digits only, so nothing is injected)."""
    return TOKEN.findall(text.lower())[:MAX_TOKENS]


def filter_by_text(queryset: QuerySet, text: str) -> QuerySet:
    """Keep the organisations whose name, city or description has every word (as a prefix)."""
    words = tokens_of(text)
    if not words:
        return queryset
    vendor = connection.vendor
    if vendor == "sqlite":
        match = " ".join(f'"{w}"*' for w in words)
        return queryset.extra(
            where=[
                "registry_organisation.id IN (SELECT rowid FROM registry_organisation_fts "
                "WHERE registry_organisation_fts MATCH %s)"
            ],
            params=[match],
        )
    if vendor == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in words)
        return queryset.extra(
            where=[
                "registry_organisation.id IN (SELECT inner_o.id FROM registry_organisation "
                f"inner_o WHERE {_PG_DOCUMENT.replace('coalesce(', 'coalesce(inner_o.')} "
                "@@ to_tsquery('simple'::regconfig, %s))"
            ],
            params=[tsquery],
        )
    from django.db.models import Q

    condition = Q()
    for w in words:
        condition &= Q(name__icontains=w) | Q(description__icontains=w) | Q(city__icontains=w)
    return queryset.filter(condition)
