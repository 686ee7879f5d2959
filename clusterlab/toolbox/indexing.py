"""Keep the search index tables in step with an entry (called by the services on every save)."""

from __future__ import annotations

from .engine.search import document_terms
from .models import Entry, SearchDocument, SearchTerm


def entry_index(entry: Entry) -> None:
    """Replace the entry's stemmed terms and length in the index."""
    tags = " ".join(entry.tags.values_list("name", flat=True))
    fields = {"title": entry.title, "tags": tags, "summary": entry.summary, "body": entry.body}
    weights, length = document_terms(entry.language, fields)
    SearchTerm.objects.filter(entry=entry).delete()
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(entry=entry, term=term[:80], weight=w, length=length)
            for term, w in weights.items()
        ],
        ignore_conflicts=True,  # two long words cut to the same 80 characters
    )
    SearchDocument.objects.update_or_create(entry=entry, defaults={"length": length})
