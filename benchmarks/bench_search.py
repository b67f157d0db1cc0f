"""Search speed: median and 95th percentile of top-10 queries over 10,000 published agreements,
by kind of query, on SQLite and, when DATABASE_URL points at PostgreSQL, on PostgreSQL.

    python -m benchmarks.bench_search [--agreements 10000] [--repeat 30] [--fresh]

Runs against its own databases, never the development one: the SQLite file
benchmarks/registry_bench.sqlite3 and the PostgreSQL database `registry_bench` (created on the
server DATABASE_URL names). They are generated once (benchmarks.scale) and reused; `--fresh`
throws them away first. Each database is measured in a child process of its own.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SQLITE_FILE = ROOT / "benchmarks" / "registry_bench.sqlite3"
POSTGRES_DATABASE = "registry_bench"


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_search")
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each query")
    parser.add_argument("--fresh", action="store_true", help="regenerate the benchmark data")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.worker:
        return _worker(args)
    targets = [("SQLite", f"sqlite:///{SQLITE_FILE}")]
    if args.fresh:
        SQLITE_FILE.unlink(missing_ok=True)
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        targets.append(("PostgreSQL", _postgres_bench_url(server, fresh=args.fresh)))
    failed = 0
    for label, url in targets:
        print(f"-- {label}: {args.agreements:,} agreements", flush=True)
        command = [sys.executable, "-m", "benchmarks.bench_search", "--worker"]
        command += ["--agreements", str(args.agreements), "--repeat", str(args.repeat)]
        environment = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "registry.settings.test",
        }
        failed += subprocess.run(command, env=environment, cwd=ROOT, check=False).returncode != 0  # noqa: S603
    return 1 if failed else 0


def _postgres_bench_url(server: str, *, fresh: bool) -> str:
    """The URL of `registry_bench` on the same server, created (or recreated) as needed."""
    import psycopg

    parts = urlsplit(server)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if fresh:
            connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}")
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")
    return urlunsplit(parts._replace(path=f"/{POSTGRES_DATABASE}"))


# (kind of query, queries); the reference kinds are filled in from the data.
QUERIES = [
    ("one common word", ["service", "agreement", "services"]),
    ("one rarer word", ["miramichi", "nunavut", "wallonia", "passports", "fishing"]),
    ("two words", ["health card", "driver licences", "passport applications", "land title"]),
    ("prefix, as typed", ["passp", "regist", "immig", "vehic", "pensi"]),
    ("French, no accents", ["ministere sante", "etat civil", "prestation de services"]),
    (
        "sentence",
        ["process applications at service centres within business days", "report quarterly"],
    ),
    ("no match", ["zzyzx", "qwertyuiop"]),
]


def _worker(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from agreements.models import Agreement, PublishedAgreement
    from agreements.search import search, search_filter

    call_command("migrate", verbosity=0, interactive=False)
    existing = Agreement.objects.count()
    if existing < args.agreements:
        started = time.perf_counter()
        # The same data as the other benchmarks, whichever makes it first.
        call_command("make_scale_data", agreements=args.agreements - existing)
        print(f"   generated in {time.perf_counter() - started:.0f} s", flush=True)
    published = Agreement.objects.published()
    print(f"   {connection.vendor}: {published.count():,} published agreements indexed")
    references = list(published.order_by("?").values_list("reference", flat=True)[:10])
    kinds = [
        ("reference, exact", references),
        ("reference, lower-case start", [r.lower().rsplit("-", 1)[0] for r in references]),
        *QUERIES,
    ]
    print(f"   {'query kind':30} {'median':>8} {'p95':>8} {'matches':>9}  order")
    for kind, queries in kinds:
        _report(kind, queries, args.repeat, lambda q, i: search(q, language=("en", "fr")[i % 2]))
    _report(
        "common word, page 5",
        ["service", "agreement"],
        args.repeat,
        lambda q, i: search(q, language="en", offset=40),
    )
    # What the browser's search page asks: the public rows of the read model as `within` (the
    # count intersects every match with them; the rows above are the index alone).
    public_rows = PublishedAgreement.objects.filter(public=True)
    _report(
        "within the public rows",
        ["service", "agreement", "health card", "passp", "miramichi"],
        args.repeat,
        lambda q, i: search(q, language=("en", "fr")[i % 2], within=public_rows),
    )
    _report(
        "count for facets (filter)",
        ["service", "health card", "passp"],
        args.repeat,
        lambda q, i: search_filter(published, q).count(),
    )
    return 0


def _report(kind, queries, repeat, run) -> None:
    for index, query in enumerate(queries):
        run(query, index)  # warm caches and the query planner
    timings, totals, orders = [], [], set()
    for round_ in range(repeat):
        for index, query in enumerate(queries):
            started = time.perf_counter()
            result = run(query, index + round_)
            timings.append((time.perf_counter() - started) * 1000)
            if hasattr(result, "total"):
                totals.append(result.total)
                orders.add("ranked" if result.ranked else "broad")
            else:
                totals.append(result)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    matches = f"{int(statistics.median(totals)):,}"
    order = "/".join(sorted(orders)) or "-"
    print(
        f"   {kind:30} {statistics.median(timings):6.1f}ms {p95:6.1f}ms {matches:>9}  {order}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
