"""`manage.py bench toolbox-search`: ranked multilingual search over a few thousand entries.

Runs on a scratch database (an SQLite file under var/bench/, or `<name>_bench_toolbox_<n>` on
the PostgreSQL server of DATABASE_URL), filled once per size and seed. Reports the p95 of a
ranked search (stemming, BM25 over the index table, visibility, translations) against the
baseline of an unranked, unstemmed substring search over the same entries, and the cost of
indexing one entry on save.
"""

from __future__ import annotations

import random
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Q

from clusterlab.core.bench import p95, register

from . import selectors, services
from .demo_content import ENTRIES
from .indexing import entry_index
from .models import Entry

QUERIES = [
    "creative vouchers",
    "Gutscheine Handwerk",
    "sprint de co-création",
    "bonos creativos",
    "proprietà intellettuale",
    "warsztaty projektowe",
    "xecs de disseny",
    "pricing day rate",
    "cross-innovation lab manufacturers",
    "matchmaking follow-up",
]


def _arguments(parser) -> None:
    group = parser.add_argument_group("toolbox-search")
    group.add_argument("--toolbox-entries", type=int, default=3000)
    group.add_argument("--toolbox-seed", type=int, default=1)
    group.add_argument("--toolbox-repeat", type=int, default=20, help="runs of each query")


def _use_scratch_database(entries: int, seed: int) -> None:
    db = connections["default"]
    db.close()
    if db.vendor == "sqlite":
        folder = settings.VAR_DIR / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        name = str(folder / f"toolbox-{entries}-{seed}.sqlite3")
    else:
        name = f"{db.settings_dict['NAME']}_bench_toolbox_{entries}_{seed}"
        with db._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        db.close()
    db.settings_dict["NAME"] = name


def _fill(entries: int, seed: int, log) -> float:
    call_command("migrate", verbosity=0, interactive=False)
    if Entry.objects.count() >= entries:
        return 0.0
    from clusterlab.registry.demo import seed_demo
    from clusterlab.registry.models import Cluster
    from clusterlab.registry.reference_data import reference_data_load

    log(f"creating {entries} entries (once per size and seed)…")
    started = time.perf_counter()
    reference_data_load()
    if not Cluster.objects.exists():
        seed_demo(clusters=10, organisations=50, seed=seed)
    clusters = list(Cluster.objects.order_by("pk"))
    rng = random.Random(seed)
    vocabulary = " ".join(row[4] for row in ENTRIES).split()
    for number in range(Entry.objects.count(), entries):
        kind, language, title, summary, body, tags, domains = ENTRIES[number % len(ENTRIES)]
        extra = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(80, 400)))
        entry = services.entry_create(
            actor=None,
            cluster=clusters[number % len(clusters)],
            data={
                "kind": kind,
                "language": language,
                "title": f"{title} ({number})",
                "summary": summary,
                "body": f"{body}\n\n{extra}",
            },
            tags=tags,
            domains=domains,
        )
        if number % 10:
            services.entry_submit(actor=None, entry=entry)
            services.entry_publish(actor=None, entry=entry)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _p95_ms(func, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        for query in QUERIES:
            started = time.perf_counter()
            func(query)
            samples.append((time.perf_counter() - started) * 1000)
    return round(p95(samples), 2)


def _substring(query: str) -> list:
    """The baseline: an unranked, unstemmed search for the first word."""
    word = query.split()[0]
    match = Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
    visible = Entry.objects.visible_to(AnonymousUser()).filter(match)
    return list(visible.select_related("cluster")[:50])


@register("toolbox-search", add_arguments=_arguments)
def bench_toolbox_search(
    *, log, toolbox_entries: int, toolbox_seed: int, toolbox_repeat: int, **_options
) -> dict:
    """Ranked multilingual search and indexing at `--toolbox-entries` entries."""
    entries, seed, repeat = toolbox_entries, toolbox_seed, toolbox_repeat
    _use_scratch_database(entries, seed)
    fill_seconds = _fill(entries, seed, log)
    anonymous = AnonymousUser()

    def ranked(query: str) -> list:
        hits = selectors.entry_search(user=anonymous, filters=selectors.SearchFilters(query=query))
        return [(h.entry.title, [t.language for t in h.translations]) for h in hits]

    ranked("warm up")
    search_ms = _p95_ms(ranked, repeat)
    baseline_ms = _p95_ms(_substring, repeat)
    sample = list(Entry.objects.order_by("pk")[:50])
    started = time.perf_counter()
    for entry in sample:
        entry_index(entry)
    index_ms = (time.perf_counter() - started) * 1000 / max(len(sample), 1)
    return {
        "benchmark": "toolbox-search",
        "database": connection.vendor,
        "entries": Entry.objects.count(),
        "index_terms": entry.search_terms.model.objects.count(),
        "fill_seconds": round(fill_seconds, 1),
        "search_p95_ms": search_ms,
        "baseline": "unranked substring search (icontains) of the first word",
        "baseline_p95_ms": baseline_ms,
        "ratio_to_baseline": round(search_ms / baseline_ms, 2) if baseline_ms else None,
        "index_one_entry_ms": round(index_ms, 2),
    }
