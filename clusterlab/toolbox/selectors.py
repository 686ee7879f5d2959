"""Reads of the toolbox, filtered by what the viewer may see: lists, search, related entries."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from clusterlab.registry.models import CreativeDefinitionEntry

from .engine.search import K1, B, bm25, query_terms, rank, term_idf
from .models import Entry, EntryVersion, Question, SearchDocument, SearchTerm

RELATED_TERMS = 12


@dataclass
class SearchFilters:
    query: str = ""
    kind: str = ""
    domain: str = ""
    tag: str = ""
    cluster: str = ""  # slug
    language: str = ""


@dataclass
class Hit:
    entry: Entry
    translations: list[Entry] = field(default_factory=list)


def entry_list(*, user) -> QuerySet[Entry]:
    """Return the entries the user may see, with what a list shows."""
    return (
        Entry.objects.visible_to(user)
        .select_related("cluster", "author")
        .prefetch_related("tags", "domains")
    )


def _hits_list(user) -> QuerySet[Entry]:
    # Lists show title and summary: the (long) body stays in the database.
    return entry_list(user=user).defer("body", "editor_comment")


def _filtered(user, filters: SearchFilters) -> QuerySet[Entry]:
    entries = Entry.objects.visible_to(user)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.language:
        entries = entries.filter(language=filters.language)
    if filters.domain:
        entries = entries.filter(domains__domain=filters.domain)
    if filters.tag:
        entries = entries.filter(tags__name=filters.tag.lower())
    if filters.cluster:
        entries = entries.filter(cluster__slug=filters.cluster)
    return entries


def _stats() -> tuple[int, float]:
    stats = SearchDocument.objects.aggregate(n=Count("pk"), total=Sum("length"))
    n = stats["n"] or 0
    return n, (stats["total"] or 0) / max(n, 1)


def ranked_ids(query: str, entries: QuerySet[Entry], limit: int) -> list[int]:
    """Return the ids of `entries` that match the query, best first (BM25, summed in SQL).

    The idf of each query term comes from one grouped count; the database then sums the
    weighted, length-normalised term scores per entry and returns only the best `limit`:
    the same arithmetic on SQLite and PostgreSQL, and the same as `engine.search.bm25`.
    Measured at 3,000 entries: `manage.py bench toolbox-search`.
    """
    terms = query_terms(query)
    if not terms:
        return []
    counts = dict(
        SearchTerm.objects.filter(term__in=list(terms))
        .values("term")
        .annotate(n=Count("pk"))
        .values_list("term", "n")
    )
    if not counts:
        return []
    n, average = _stats()
    idfs = term_idf(counts, n_documents=n, words=terms)
    idf = Case(
        *[When(term=term, then=Value(value)) for term, value in idfs.items()],
        default=Value(0.0),
        output_field=FloatField(),
    )
    weight = F("weight")
    norm = weight + Value(K1 * (1.0 - B)) + Value(K1 * B / (average or 1.0)) * F("length")
    score = ExpressionWrapper(idf * weight * Value(K1 + 1.0) / norm, output_field=FloatField())
    # Every matching entry's score, then the visible ones: a join with the visibility
    # subquery made SQLite walk the (entry, term) index once per visible entry, ~3x slower.
    rows = (
        SearchTerm.objects.filter(term__in=list(counts))
        .values("entry_id")
        .annotate(score=Sum(score))
        .order_by("-score", "entry_id")
        .values_list("entry_id", flat=True)
    )
    allowed = set(entries.values_list("pk", flat=True))
    return [pk for pk in rows if pk in allowed][:limit]


def entry_search(*, user, filters: SearchFilters, limit: int = 50) -> list[Hit]:
    """Return the visible entries matching the filters, best first, with their translations.

    Without words, the newest published first. The entry's visible translations come along,
    so a German hit shows that an English version is available too.
    """
    entries = _filtered(user, filters)
    if filters.query.strip():
        ids = ranked_ids(filters.query, entries, limit)
        by_id = _hits_list(user).in_bulk(ids)
        found = [by_id[i] for i in ids if i in by_id]
    else:
        found = list(_hits_list(user).filter(pk__in=entries.values("pk"))[:limit])
    return [Hit(e, t) for e, t in zip(found, _translations(user, found), strict=True)]


def _translations(user, entries: list[Entry]) -> list[list[Entry]]:
    roots = {e.original_id or e.pk for e in entries}
    family = list(
        Entry.objects.visible_to(user)
        .filter(Q(pk__in=roots) | Q(original__in=roots))
        .only("pk", "title", "language", "original_id", "status")
        .order_by("language")
    )
    result = []
    for entry in entries:
        root = entry.original_id or entry.pk
        result.append([f for f in family if (f.original_id or f.pk) == root and f.pk != entry.pk])
    return result


def entry_translations(*, user, entry: Entry) -> list[Entry]:
    """Return the entry's other language versions the user may see."""
    return _translations(user, [entry])[0]


def entry_related(*, user, entry: Entry, limit: int = 5) -> list[Entry]:
    """Return entries sharing tags and domains with this one, or similar in their words."""
    family = {entry.original_id or entry.pk}
    family |= set(Entry.objects.filter(original__in=family).values_list("pk", flat=True))
    family.add(entry.pk)
    scores: dict[int, float] = {}
    top_terms = list(
        SearchTerm.objects.filter(entry=entry)
        .order_by("-weight", "term")
        .values_list("term", flat=True)[:RELATED_TERMS]
    )
    if top_terms:
        stats = SearchDocument.objects.aggregate(n=Count("pk"), total=Sum("length"))
        n = stats["n"] or 0
        postings = SearchTerm.objects.filter(term__in=top_terms).values_list(
            "entry_id", "term", "weight", "length"
        )
        scores = bm25(postings, n_documents=n, average_length=(stats["total"] or 0) / max(n, 1))
    tags = list(entry.tags.values_list("pk", flat=True))
    domains = list(entry.domains.values_list("domain", flat=True))
    shared = Entry.objects.filter(Q(tags__in=tags) | Q(domains__domain__in=domains)).values_list(
        "pk", flat=True
    )
    for pk in shared:  # one row per shared tag or domain
        scores[pk] = scores.get(pk, 0.0) + 2.0
    for pk in entry.related_entries.values_list("pk", flat=True):
        scores[pk] = scores.get(pk, 0.0) + 100.0  # chosen by the authors: always first
    allowed = set(Entry.objects.visible_to(user).values_list("pk", flat=True)) - family
    ids = rank(scores, allowed)[:limit]
    by_id = Entry.objects.select_related("cluster").in_bulk(ids)
    return [by_id[i] for i in ids]


def review_summary(entry: Entry) -> dict:
    """Return how many peers reviewed, used or would use the entry."""
    reviews = entry.reviews.all()
    return {
        "count": len(reviews),
        "used": sum(r.used_it for r in reviews),
        "would_use": sum(r.would_use for r in reviews),
    }


def version_diff(older: EntryVersion, newer: EntryVersion) -> list[tuple[str, str]]:
    """Return a line diff between two versions as (kind, text); templates escape the text."""

    def lines(v: EntryVersion) -> list[str]:
        return [f"# {v.title}", "", v.summary, "", *v.body.splitlines()]

    rows = []
    for line in difflib.unified_diff(
        lines(older), lines(newer), f"v{older.number}", f"v{newer.number}", lineterm="", n=2
    ):
        kind = {"+": "added", "-": "removed", "@": "hunk"}.get(line[:1], "same")
        if line.startswith(("+++", "---")):
            kind = "file"
        rows.append((kind, line))
    return rows


def domain_choices() -> list[str]:
    """Return the creative domains named in the registry's creative definition sets."""
    return sorted(set(CreativeDefinitionEntry.objects.values_list("domain", flat=True)))


def language_choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


def question_list(*, user) -> QuerySet[Question]:
    """Return the network's questions to logged-in users, with answer counts."""
    if user is None or not user.is_authenticated:
        return Question.objects.none()
    return (
        Question.objects.select_related("author")
        .annotate(
            n_answers=Count("answers"), n_good=Count("answers", filter=Q(answers__is_good=True))
        )
        .order_by("-created_at", "-pk")  # aggregation drops Meta.ordering
    )


def lessons_for(*, user):
    """Return lessons of the pilots the user runs, each with its toolbox entry if any."""
    from clusterlab.pilots.models import Lesson, Pilot

    pilots = Pilot.objects.visible_to(user)
    return (
        Lesson.objects.filter(pilot__in=pilots)
        .select_related("pilot")
        .prefetch_related("toolbox_entries")
        .order_by("pilot__code", "pk")
    )
