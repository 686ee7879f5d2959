"""`manage.py bench directory`: page latency, query counts and import speed at network scale.

Runs on a scratch database (never the working one): an SQLite file under var/bench/, or a
`<name>_bench` database on the PostgreSQL server named by DATABASE_URL. The network is
generated once per size and seed and reused by later runs.
"""

from __future__ import annotations

import csv
import io
import random
import time

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clusterlab.core.bench import p95, register

from . import importing
from .demo import seed_demo
from .models import Cluster, Country, NaceSector, Organisation
from .reference_data import reference_data_load


def _arguments(parser) -> None:
    group = parser.add_argument_group("directory")
    group.add_argument("--organisations", type=int, default=25_000)
    group.add_argument("--clusters", type=int, default=50)
    group.add_argument("--seed", type=int, default=1)
    group.add_argument("--repeat", type=int, default=30, help="requests per scenario")
    group.add_argument(
        "--import-rows",
        type=int,
        default=None,
        help="rows of the generated import file (default: --organisations)",
    )


def _use_scratch_database(organisations: int, seed: int) -> str:
    db = connections["default"]
    db.close()
    if db.vendor == "sqlite":
        folder = settings.VAR_DIR / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        name = str(folder / f"directory-{organisations}-{seed}.sqlite3")
    else:
        base = db.settings_dict["NAME"]
        name = f"{base}_bench_{organisations}_{seed}"
        # The server's maintenance database answers even when DATABASE_URL's does not exist.
        with db._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        db.close()
    db.settings_dict["NAME"] = name
    return name


def _ensure_network(clusters: int, organisations: int, seed: int, log) -> float:
    call_command("migrate", verbosity=0, interactive=False)
    if Organisation.objects.count() >= organisations:
        if connection.vendor == "postgresql":
            # Earlier runs' rolled-back imports leave dead rows behind; measure a clean table.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        return 0.0
    log(f"building a network of {organisations} organisations (once per size and seed)…")
    started = time.perf_counter()
    reference_data_load()
    seed_demo(clusters=clusters, organisations=organisations, seed=seed)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _timed(client: Client, urls: list[str]) -> tuple[list[float], int]:
    samples, max_queries = [], 0
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, secure=True)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        samples.append(elapsed)
        max_queries = max(max_queries, len(queries))
    return samples, max_queries


def _scenarios(rng: random.Random, repeat: int) -> dict[str, list[str]]:
    pages = Organisation.objects.filter(visibility="public").count() // 25
    countries = list(Organisation.objects.values_list("country_id", flat=True).distinct())
    slugs = list(Cluster.objects.values_list("slug", flat=True))
    words = [
        "design",
        "media",
        "studio",
        "games",
        "energy",
        "textile",
        "sound",
        "film",
        "Stuttgart",
        "Barcelona",
        "Milano",
        "design studio",
        "arquitectura",
        "Lille",
    ]
    filtered = [
        "?country={c}&sector=74",
        "?creative=yes&kind=micro",
        "?cluster={s}",
        "?country={c}&creative=no",
        "?sector=C&size=10-49",
        "?region=DE1",
        "?creative_domain=architecture",
        "?q=design&country={c}",
    ]
    ids = list(Organisation.objects.filter(visibility="public").values_list("pk", flat=True))
    return {
        "list": [f"/directory/?page={rng.randint(1, max(1, pages))}" for _ in range(repeat)],
        "search": [f"/directory/?q={rng.choice(words).replace(' ', '+')}" for _ in range(repeat)]
        + [
            "/directory/"
            + rng.choice(filtered).format(c=rng.choice(countries), s=rng.choice(slugs))
            for _ in range(repeat)
        ],
        "profile": [f"/organisations/{rng.choice(ids)}/" for _ in range(repeat)],
    }


def _import_file(rows: int, rng: random.Random) -> bytes:
    codes = list(NaceSector.objects.filter(level=4).values_list("code", flat=True))
    countries = list(Country.objects.filter(in_nuts=True).values_list("code", flat=True))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "Name",
            "Country",
            "City",
            "NACE sectors",
            "Website",
            "Founded",
            "First name",
            "Last name",
            "E-mail",
        ]
    )
    for i in range(rows):
        writer.writerow(
            [
                f"Import Firm {i:06d}",
                rng.choice(countries),
                "Testville",
                f"{rng.choice(codes)}; {rng.choice(codes)}",
                f"firm{i}.example.com",
                rng.randint(1960, 2024),
                "Kim",
                f"Person{i}",
                f"kim{i}@firm{i}.example",
            ]
        )
    return out.getvalue().encode("utf-8")


def _bench_import(rows: int, rng: random.Random) -> dict:
    """Time the page's import path (dry run, then commit) and a per-row service baseline."""
    data = _import_file(rows, rng)
    cluster = Cluster.objects.order_by("pk").first()
    started = time.perf_counter()
    headers, table = importing.read_table(data, "bench.csv")
    mapping = importing.guess_mapping(headers)
    result = importing.members_check(cluster=cluster, headers=headers, rows=table, mapping=mapping)
    check_s = time.perf_counter() - started
    if result.errors:
        raise RuntimeError(f"generated import has errors: {result.errors[:3]}")
    sample = min(500, rows)
    with transaction.atomic():
        started = time.perf_counter()
        importing.members_commit(cluster=cluster, result=result)
        commit_s = time.perf_counter() - started
        transaction.set_rollback(True)  # keep the scratch network as it was for the next run
    baseline_s = _naive_import_seconds(cluster, table[:sample], mapping, headers)
    total = check_s + commit_s
    return {
        "import_rows": rows,
        "import_s": round(total, 3),
        "import_check_s": round(check_s, 3),
        "import_commit_s": round(commit_s, 3),
        "import_baseline": "one organisation_create() service call per row "
        f"({sample}-row sample, extrapolated)",
        "import_baseline_s": round(baseline_s * rows / sample, 3),
        "import_speedup_vs_baseline": round(baseline_s * rows / sample / total, 1),
    }


def _naive_import_seconds(cluster, rows, mapping, headers) -> float:
    from .services import organisation_create

    result = importing.members_check(cluster=cluster, headers=headers, rows=rows, mapping=mapping)
    countries = Country.objects.in_bulk()
    sectors = NaceSector.objects.in_bulk()
    with transaction.atomic():
        started = time.perf_counter()
        for plan in result.plans:
            values = dict(plan.values)
            values["country"] = countries[values.pop("country_id")]
            values.pop("region_id")
            values["sectors"] = [sectors[s] for s in plan.m2m.get("sectors", [])]
            organisation_create(actor=None, data=values, cluster=cluster)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


@register("directory", add_arguments=_arguments)
def bench_directory(
    *,
    log,
    organisations: int,
    clusters: int,
    seed: int,
    repeat: int,
    import_rows: int | None = None,
    **_options,
) -> dict:
    """Measure the directory pages and the member import on a network of the given size."""
    database = _use_scratch_database(organisations, seed)
    build_s = _ensure_network(clusters, organisations, seed, log)
    rng = random.Random(seed)
    scenarios = _scenarios(rng, repeat)
    visitor = Client(HTTP_HOST="localhost")  # an allowed host, as a browser would send
    manager = Client(HTTP_HOST="localhost")
    manager.force_login(Cluster.objects.order_by("pk").first().managers.first())
    for url in scenarios["list"][:5] + scenarios["search"][:5] + scenarios["profile"][:5]:
        visitor.get(url, secure=True)  # warm caches and the database pages
        manager.get(url, secure=True)
    figures: dict = {
        "benchmark": "directory",
        "database": connection.vendor,
        "organisations": Organisation.objects.count(),
        "repeat": repeat,
    }
    max_queries = 0
    for name, urls in scenarios.items():
        samples, queries = _timed(visitor, urls)
        manager_samples, manager_queries = _timed(manager, urls)
        figures[f"{name}_p95_ms"] = round(p95(samples + manager_samples), 1)
        figures[f"{name}_median_ms"] = round(sorted(samples + manager_samples)[len(samples)], 1)
        max_queries = max(max_queries, queries, manager_queries)
    figures["max_queries_per_page"] = max_queries
    figures.update(_bench_import(import_rows or organisations, rng))
    figures["network_build_s"] = round(build_s, 1)
    figures["scratch_database"] = str(database)
    figures["targets_met"] = (
        all(figures[f"{n}_p95_ms"] < 100 for n in ("list", "search", "profile"))
        and figures["import_s"] < 15
    )
    return figures
