"""What users get: each public page served by gunicorn and driven by `wrk`, compared with a trivial
"hello" view served by the same processes in the same run.

    python -m benchmarks.bench_http [--agreements 10000] [--rounds 3] [--duration 5] [--fresh]
        [--sqlite-file PATH] [--postgres-database NAME] [--output BENCHMARKS.md]

This machine is noisy, so a page's speed is given as a ratio to hello measured in the same round
(requests per second of the page / of hello), over interleaved rounds: the median ratio and its
range, with the page's own p50 and p99 latency and its database queries (counted in-process, one
request after a warm-up). Runs on SQLite and, when DATABASE_URL points at PostgreSQL, on
PostgreSQL, against benchmark databases of `--agreements` agreements, generated once by
benchmarks.scale and reused (`--fresh` regenerates them): at 10,000 those of `bench_search`
(benchmarks/registry_bench.sqlite3, `registry_bench`), at another size their own
(registry_bench_<size>), or the SQLite file and PostgreSQL database named by `--sqlite-file` and
`--postgres-database`. The tables of both databases, with the date, versions and command, replace
this benchmark's section of BENCHMARKS.md (`--output`; text outside the section is kept). Served
and driven by benchmarks/serving.py. Needs `wrk` (Debian package `wrk`).
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bench_export import sqlite_file, write_section
from benchmarks.bench_search import POSTGRES_DATABASE
from benchmarks.serving import (
    POSTGRES_SCHEMES,
    ROOT,
    Run,
    add_serving_arguments,
    gunicorn,
    parse_wrk,
    prepared_in_child,
    served_environment,
    server_database_url,
    wait_until_serving,
    without_password,
    workers_peak_rss_mb,
    wrk,
    wrk_missing,
    wrk_version,
)

SECTION = "bench_http"
HELLO = "/bench/hello/"
# (page, ratio target) from issue 14; None where the target is not a ratio.
TARGETS = {
    "agreement page": 0.14,
    "browser page 1": 0.05,
    "browser page 200": 0.05,
    "browser, jurisdiction facet": 0.05,
    "search page, common word": 0.05,
    "home": 0.05,
    "network": 0.05,
    "jurisdiction": 0.05,
    "organisation": 0.05,
    "PDF download": None,
}


@dataclass
class PageResult:
    label: str
    path: str
    queries: int | None
    runs: list[Run] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_http")
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds over all pages")
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per page per round")
    add_serving_arguments(parser)
    parser.add_argument("--fresh", action="store_true", help="regenerate the benchmark data")
    parser.add_argument(
        "--sqlite-file", help="the SQLite benchmark database (default: the one of --agreements)"
    )
    parser.add_argument(
        "--postgres-database",
        help="the PostgreSQL benchmark database, on DATABASE_URL's server (default: the one of "
        "--agreements)",
    )
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    return parser.parse_args(argv)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _arguments(argv)
    if args.prepare:
        return _prepare(args)
    if wrk_missing():
        return 1
    server = os.environ.get("DATABASE_URL", "")
    postgres = server if server.startswith(POSTGRES_SCHEMES) else None
    sqlite, database = benchmark_databases(args)
    if args.fresh:
        sqlite.unlink(missing_ok=True)
    targets = [("SQLite", f"sqlite:///{sqlite}")]
    if postgres:
        targets.append(("PostgreSQL", server_database_url(postgres, database, fresh=args.fresh)))
    command = report_command(argv, postgres)
    sections = []
    for label, url in targets:
        print(f"-- {label}: {args.agreements:,} agreements", flush=True)
        sections.append(_measure(label, url, args))
        # Written after each database, so the SQLite tables are kept if PostgreSQL fails.
        _write_report(Path(args.output), sections, args, command)
    print(f"Written to {args.output}")
    return 0


def report_command(argv: list[str], postgres: str | None) -> str:
    """The command line as the report gives it: DATABASE_URL (without its password) when
    PostgreSQL is measured too."""
    command = " ".join(["python -m benchmarks.bench_http", *argv])
    return f"DATABASE_URL={without_password(postgres)} {command}" if postgres else command


def benchmark_databases(args) -> tuple[Path, str]:
    """The SQLite file and the PostgreSQL database name to measure: those given, or the
    benchmark databases of `--agreements` agreements (bench_search's at 10,000)."""
    sqlite = Path(args.sqlite_file) if args.sqlite_file else sqlite_file(args.agreements)
    database = args.postgres_database or (
        POSTGRES_DATABASE if args.agreements == 10_000 else f"{POSTGRES_DATABASE}_{args.agreements}"
    )
    return sqlite, database


# --- The child process that builds the data and counts queries ------------------------------------


def _prepare(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agreements.models import Agreement, AgreementVersion
    from jurisdictions.models import Jurisdiction, Organization

    call_command("migrate", verbosity=0, interactive=False)
    existing = Agreement.objects.count()
    generated = None
    if existing < args.agreements:
        started = time.perf_counter()
        # The same data as bench_export and bench_import, whichever benchmark makes it first.
        call_command("make_scale_data", agreements=args.agreements - existing, stdout=sys.stderr)
        generated = time.perf_counter() - started
    version = (
        AgreementVersion.objects.filter(agreement__in=Agreement.objects.published())
        .order_by("agreement__reference")
        .select_related("agreement")
        .first()
    )
    reference = version.agreement.reference
    jurisdiction = (
        Jurisdiction.objects.filter(
            organizations__parties__agreement__in=Agreement.objects.published()
        )
        .order_by("slug")
        .values_list("slug", flat=True)
        .first()
    )
    # The organisation party to the most published agreements: the longest organisation page.
    organisation = (
        Organization.objects.filter(parties__agreement__in=Agreement.objects.published())
        .annotate(agreements=Count("parties"))
        .order_by("-agreements", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    pages = [
        ("hello", HELLO),
        ("agreement page", f"/en/agreements/{reference}/"),
        ("browser page 1", "/en/agreements/"),
        ("browser page 200", "/en/agreements/?page=200"),
        ("browser, jurisdiction facet", f"/en/agreements/?jurisdiction={jurisdiction}"),
        ("search page, common word", "/en/agreements/?q=service"),
        ("home", "/en/"),
        ("network", "/en/network/"),
        ("jurisdiction", f"/en/jurisdictions/{jurisdiction}/"),
        ("organisation", f"/en/jurisdictions/organisations/{organisation}/"),
        ("PDF download", f"/en/pdf/{reference}/versions/{version.number}/en.pdf"),
    ]
    client = Client()
    queries = {}
    for label, path in pages:
        first = client.get(path)  # warm-up: the PDF is rendered and stored on its first request
        if first.status_code != 200:
            print(f"{path} answered {first.status_code}", file=sys.stderr)
            return 1
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries[label] = len(captured)
    print(
        json.dumps(
            {
                "pages": pages,
                "queries": queries,
                "agreements": Agreement.objects.count(),
                "published": Agreement.objects.published().count(),
                "generated_seconds": generated,
                "database": f"{connection.vendor} {_database_version(connection)}",
            }
        )
    )
    return 0


def _database_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
        else:
            cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


# --- Serving and driving ------------------------------------------------------------------------


def _measure(label: str, database_url: str, args) -> dict:
    # Queries are counted with pages built, not from the cache.
    prepared = prepared_in_child(
        "benchmarks.bench_http",
        ["--agreements", str(args.agreements)],
        served_environment(database_url, page_cache=False),
        label,
    )
    if prepared["generated_seconds"] is not None:
        print(f"   data generated in {prepared['generated_seconds']:.0f} s", flush=True)
    uncached, worker_rss = _serve_and_drive(prepared, database_url, args, page_cache=False)
    cached, _rss = _serve_and_drive(prepared, database_url, args, page_cache=True)
    section = {
        "label": label,
        "prepared": prepared,
        "results": uncached,
        "cached": cached,
        "worker_peak_rss_mb": worker_rss,
    }
    print(_table(section), flush=True)
    print(_table(section, cached=True), flush=True)
    return section


def _serve_and_drive(prepared, database_url: str, args, *, page_cache: bool):
    """Serve with gunicorn (the anonymous page cache on or off) and drive every page with wrk in
    interleaved rounds. Returns the pages' results and the workers' peak memory."""
    results = [
        PageResult(label=page, path=path, queries=prepared["queries"].get(page))
        for page, path in prepared["pages"]
    ]
    environment = served_environment(database_url, page_cache=page_cache)
    with gunicorn(environment, workers=args.workers, timeout=300, ready_path=HELLO) as server:
        for page in results:  # warm every worker's caches before measuring
            _drive(server.url(page.path), 1, args)
        for round_number in range(1, args.rounds + 1):
            for page in results:
                # wrk stops with up to -c requests still queued in gunicorn: let the workers
                # finish them first, or the next page (hello above all) is measured against them.
                wait_until_serving(server.url(HELLO), timeout=300)
                page.runs.append(_drive(server.url(page.path), args.duration, args))
            hello = results[0].runs[-1].requests_per_second
            if not hello:
                raise SystemExit("The hello view answered no request: is gunicorn overloaded?")
            for page in results:
                page.ratios.append(page.runs[-1].requests_per_second / hello)
            state = "on" if page_cache else "off"
            print(f"   page cache {state}: round {round_number}/{args.rounds} done", flush=True)
        worker_rss = workers_peak_rss_mb(server.process.pid)
    return results, worker_rss


def _drive(url: str, duration: int, args) -> Run:
    output = wrk(
        url,
        duration=duration,
        threads=args.threads,
        connections=args.connections,
        timeout=60,
        latency=True,
    )
    return parse_wrk(output)


# --- Report -------------------------------------------------------------------------------------


CACHED_TARGET = 0.6  # issue 14: a page from the cache at 0.6× hello or better


def _table(section: dict, *, cached: bool = False) -> str:
    lines = [
        "| page | ratio to hello (median, range) | req/s | p50 | p99 | queries | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    page_one = None
    for page in section["cached" if cached else "results"]:
        ratio = statistics.median(page.ratios)
        rate = statistics.median(run.requests_per_second for run in page.runs)
        p50 = statistics.median(run.p50_ms for run in page.runs)
        p99 = statistics.median(run.p99_ms for run in page.runs)
        errors = sum(run.errors for run in page.runs)
        target = TARGETS.get(page.label)
        if cached:
            target = None if page.label in ("hello", "PDF download") else CACHED_TARGET
        met = "" if target is None else ("yes" if ratio >= target else "**no**")
        if page.label == "browser page 1":
            page_one = p50
        if page.label == "browser page 200" and page_one and not cached:
            met += f" (p50 {p50 / page_one:.2f}× page 1; target ≤ 1.5×)"
        lines.append(
            f"| {page.label} | {ratio:.4f}× ({min(page.ratios):.4f}–{max(page.ratios):.4f}) "
            f"| {rate:,.1f} | {p50:,.1f} ms | {p99:,.1f} ms "
            f"| {(0 if cached and page.label not in ('hello', 'PDF download') else page.queries)} "
            f"| {'—' if target is None else f'≥ {target}×'} | {met}"
            f"{f' ({errors} errors)' if errors else ''} |"
        )
    return "\n".join(lines)


def _write_report(output: Path, sections: list[dict], args, command: str) -> None:
    import django
    import gunicorn as gunicorn_package
    import wagtail

    versions = (
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail "
        f"{wagtail.__version__}, gunicorn {gunicorn_package.__version__}, {wrk_version()}"
    )
    measured = (
        f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on "
        f"{platform.node() or 'this machine'} ({os.cpu_count()} cores), {versions}."
    )
    write_section(output, SECTION, section_lines(sections, args, command, measured))


def section_lines(sections: list[dict], args, command: str, measured: str) -> list[str]:
    """This benchmark's section of BENCHMARKS.md: how it was measured, then each database's
    tables, page cache off and on."""
    lines = [
        measured,
        "",
        f"Command: `{command.strip()}` (`make bench` runs it with the defaults). gunicorn with "
        f"{args.workers} workers; `wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s --timeout 60s --latency` per page per round; {args.rounds} interleaved rounds. "
        "The ratio is the page's requests per second divided by those of `/bench/hello/` (a view "
        "that does no work, served by the same processes and middleware) in the same round, so "
        "the machine's noise cancels out; the median over rounds is given with its range. "
        "Queries are counted in-process for one request after a warm-up (with the page cache "
        "on, a cached page makes none).",
    ]
    for section in sections:
        prepared = section["prepared"]
        lines += [
            "",
            f"## {section['label']} ({prepared['database']}): {prepared['agreements']:,} "
            f"agreements, {prepared['published']:,} published",
            "",
            "Page cache off (every request builds its page):",
            "",
            _table(section),
            "",
            "Page cache on (registry/page_cache.py; the same pages requested again):",
            "",
            _table(section, cached=True),
            "",
        ]
        if section["worker_peak_rss_mb"] is not None:
            lines.append(
                f"Peak resident memory of a gunicorn worker after the run: "
                f"{section['worker_peak_rss_mb']:.0f} MB (target under 300 MB)."
            )
        if prepared["generated_seconds"] is not None:
            lines.append(f"Scale data generated in {prepared['generated_seconds']:.0f} s.")
    return lines


if __name__ == "__main__":
    sys.exit(main())
