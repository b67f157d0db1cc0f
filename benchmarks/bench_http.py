"""What users get: each public page served by gunicorn and driven by `wrk`, compared with a trivial
"hello" view served by the same processes in the same run.

    python -m benchmarks.bench_http [--agreements 10000] [--rounds 3] [--duration 5] [--fresh]

This machine is noisy, so a page's speed is given as a ratio to hello measured in the same round
(requests per second of the page / of hello), over interleaved rounds: the median ratio and its
range, with the page's own p50 and p99 latency and its database queries (counted in-process, one
request after a warm-up). Runs on SQLite and, when DATABASE_URL points at PostgreSQL, on
PostgreSQL, against the benchmark databases of `bench_search` (generated once by
benchmarks.scale, reused; `--fresh` regenerates them). Writes the tables, with the date, versions
and commands, to BENCHMARKS.md (`--output`). Needs `wrk` (Debian package `wrk`).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bench_search import SQLITE_FILE, _postgres_bench_url

ROOT = Path(__file__).resolve().parent.parent
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
    "PDF download": None,
}


@dataclass
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


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
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--fresh", action="store_true", help="regenerate the benchmark data")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.prepare:
        return _prepare(args)
    if not shutil.which("wrk"):
        print("wrk is not installed: sudo apt-get install -y wrk", file=sys.stderr)
        return 1
    targets = [("SQLite", f"sqlite:///{SQLITE_FILE}")]
    if args.fresh:
        SQLITE_FILE.unlink(missing_ok=True)
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        targets.append(("PostgreSQL", _postgres_bench_url(server, fresh=args.fresh)))
    sections = []
    for label, url in targets:
        print(f"-- {label}: {args.agreements:,} agreements", flush=True)
        sections.append(_measure(label, url, args))
    _write_report(Path(args.output), sections, args, argv)
    print(f"Written to {args.output}")
    return 0


# --- The child process that builds the data and counts queries ------------------------------------


def _prepare(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agreements.models import Agreement, AgreementVersion
    from benchmarks.scale import generate
    from jurisdictions.models import Jurisdiction

    call_command("migrate", verbosity=0, interactive=False)
    existing = Agreement.objects.count()
    generated = None
    if existing < args.agreements:
        started = time.perf_counter()
        generate(agreements=args.agreements - existing)
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


def _environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.http_settings",
        "PAGE_CACHE_SECONDS": "0",  # queries are counted with pages built, not from the cache
    }


def _measure(label: str, database_url: str, args) -> dict:
    environment = _environment(database_url)
    prepare = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "benchmarks.bench_http", "--prepare"]
        + ["--agreements", str(args.agreements)],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if prepare.returncode != 0:
        raise SystemExit(f"Preparing {label} failed:\n{prepare.stderr}")
    prepared = json.loads(prepare.stdout.strip().splitlines()[-1])
    if prepared["generated_seconds"] is not None:
        print(f"   data generated in {prepared['generated_seconds']:.0f} s", flush=True)
    uncached, worker_rss = _serve_and_drive(prepared, environment, args, page_cache=False)
    cached, _rss = _serve_and_drive(prepared, environment, args, page_cache=True)
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


def _serve_and_drive(prepared, environment, args, *, page_cache: bool):
    """Serve with gunicorn (the anonymous page cache on or off) and drive every page with wrk in
    interleaved rounds. Returns the pages' results and the workers' peak memory."""
    results = [
        PageResult(label=page, path=path, queries=prepared["queries"].get(page))
        for page, path in prepared["pages"]
    ]
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "registry.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            # A page slower than gunicorn's 30 s default would have its worker killed mid-run.
            "--timeout",
            "300",
        ],
        env={**environment, "PAGE_CACHE_SECONDS": "86400" if page_cache else "0"},
        cwd=ROOT,
    )
    try:
        _wait_until_serving(f"http://127.0.0.1:{port}{HELLO}")
        for page in results:  # warm every worker's caches before measuring
            _wrk(f"http://127.0.0.1:{port}{page.path}", 1, args)
        for round_number in range(1, args.rounds + 1):
            for page in results:
                # wrk stops with up to -c requests still queued in gunicorn: let the workers
                # finish them first, or the next page (hello above all) is measured against them.
                _wait_until_serving(f"http://127.0.0.1:{port}{HELLO}", timeout=300)
                page.runs.append(_wrk(f"http://127.0.0.1:{port}{page.path}", args.duration, args))
            hello = results[0].runs[-1].requests_per_second
            if not hello:
                raise SystemExit("The hello view answered no request: is gunicorn overloaded?")
            for page in results:
                page.ratios.append(page.runs[-1].requests_per_second / hello)
            state = "on" if page_cache else "off"
            print(f"   page cache {state}: round {round_number}/{args.rounds} done", flush=True)
        worker_rss = _workers_peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results, worker_rss


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


_LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(url: str, duration: int, args) -> Run:
    output = subprocess.run(  # noqa: S603 - wrk with fixed arguments
        [
            shutil.which("wrk"),
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{duration}s",
            # wrk gives up on a response after 2 s by default and counts it as an error.
            "--timeout",
            "60s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Run:
    """Requests per second, p50 and p99 (ms) and failed requests from wrk's --latency output."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    latency = {int(p): float(v) * _UNIT_MS[unit] for p, v, unit in _LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        failed += sum(int(n) for n in socket_errors.groups())
    return Run(
        requests_per_second=float(rate.group(1)) if rate else 0.0,
        p50_ms=latency.get(50, float("nan")),
        p99_ms=latency.get(99, float("nan")),
        errors=failed,
    )


def _workers_peak_rss_mb(master_pid: int) -> float | None:
    """The largest peak resident size (VmHWM) among gunicorn's workers, in MB (Linux only)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    if not children.exists():
        return None
    peaks = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.MULTILINE)
            if match:
                peaks.append(int(match.group(1)) / 1024)
    return max(peaks) if peaks else None


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


def _write_report(output: Path, sections: list[dict], args, argv) -> None:
    import django
    import gunicorn
    import wagtail

    command = "python -m benchmarks.bench_http " + " ".join(sys.argv[1:] if argv is None else argv)
    wrk_version = subprocess.run(  # noqa: S603 - wrk prints its version with -v
        [shutil.which("wrk"), "-v"], capture_output=True, text=True, check=False
    )
    lines = [
        "# Benchmarks: what users get",
        "",
        f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on "
        f"{platform.node() or 'this machine'} ({os.cpu_count()} cores), Python "
        f"{platform.python_version()}, Django {django.get_version()}, Wagtail "
        f"{wagtail.__version__}, gunicorn {gunicorn.__version__}, "
        f"{(wrk_version.stdout or wrk_version.stderr).splitlines()[0] if (wrk_version.stdout or wrk_version.stderr) else 'wrk'}.",
        "",
        f"Command: `{command.strip()}` (what `make bench` runs, with its defaults). gunicorn with "
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
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
