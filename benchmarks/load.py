"""`make load`: a mixed load on the public registry, served by gunicorn and driven by `wrk`.

    python -m benchmarks.load [--seconds 60] [--database-url URL]

Each request is drawn at random (benchmarks/load.lua) from public pages (home, browser, facets,
agreement, jurisdiction and network pages, in English and French), searches, PDF downloads and
the open-data API (/api/v1/...), in the shares of MIX. Every path is checked to answer 200 before
the run (which also stores every PDF). The run fails (exit status 1) on any error: a response
other than 2xx or 3xx, or a connection that failed or timed out. It prints requests per second
and the latency percentiles (p50, p95, p99).

The data: by default the demo registry (`manage.py loaddemo`) in benchmarks/registry_load.sqlite3,
or, when DATABASE_URL points at PostgreSQL, in the database `registry_load` on that server; both
are made on the first run and reused. `--database-url` serves any other registry database as it
is. Served with benchmarks/http_settings.py (the development settings with DEBUG off) and the
anonymous page cache on (`--no-page-cache` to build every page). Served and driven by
benchmarks/serving.py, as bench_http is. Needs `wrk` (Debian package).
"""

import argparse
import json
import os
import platform
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from benchmarks.serving import (
    POSTGRES_SCHEMES,
    ROOT,
    add_serving_arguments,
    gunicorn,
    prepared_in_child,
    served_environment,
    server_database_url,
    wrk,
    wrk_missing,
)

LUA = Path(__file__).with_name("load.lua")
SQLITE_FILE = ROOT / "benchmarks" / "registry_load.sqlite3"
POSTGRES_DATABASE = "registry_load"
# Share of the requests (percent) for each kind of path.
MIX = {"page": 40, "search": 20, "pdf": 15, "api": 25}
KIND_LABELS = {
    "page": "public pages",
    "search": "searches",
    "pdf": "PDF downloads",
    "api": "API (/api/v1/)",
}
SEARCH_WORDS = ("service", "health", "licence", "water", "emergency", "santé", "entente")
LANGUAGES = ("en", "fr")
AGREEMENTS_SAMPLED = 20
PDFS_SAMPLED = 10
JURISDICTIONS_SAMPLED = 5
_RESULT = re.compile(r"^load-result (\{.*\})$", re.MULTILINE)


@dataclass(frozen=True)
class LoadResult:
    seconds: float
    requests: int
    status_errors: int
    socket_errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    paths: dict[str, int]
    published: int
    database: str

    @property
    def errors(self) -> int:
        return self.status_errors + self.socket_errors

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--seconds", type=int, default=60, help="length of the run")
    parser.add_argument(
        "--database-url",
        help="serve this registry database as it is (default: the demo data, made on first run)",
    )
    add_serving_arguments(parser)
    parser.add_argument("--no-page-cache", action="store_true", help="build every page")
    parser.add_argument("--load-demo", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.prepare:
        return _prepare(args)
    if wrk_missing():
        return 1
    load_demo = args.database_url is None
    database_url = args.database_url or _default_database_url()
    result = run_load(
        database_url,
        seconds=args.seconds,
        connections=args.connections,
        threads=args.threads,
        workers=args.workers,
        page_cache=not args.no_page_cache,
        load_demo=load_demo,
    )
    print(report(result, args))
    return 0 if result.errors == 0 else 1


def _default_database_url() -> str:
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(POSTGRES_SCHEMES):
        return f"sqlite:///{SQLITE_FILE}"
    return server_database_url(server, POSTGRES_DATABASE)


def run_load(
    database_url: str,
    *,
    seconds: int,
    connections: int = 8,
    threads: int = 2,
    workers: int = 2,
    page_cache: bool = True,
    load_demo: bool = False,
) -> LoadResult:
    """Prepare the paths (and the demo data when `load_demo`), serve `database_url` with
    gunicorn, drive it with wrk for `seconds`, and return what wrk measured."""
    environment = served_environment(database_url, page_cache=page_cache)
    prepared = prepared_in_child(
        "benchmarks.load", ["--load-demo"] if load_demo else [], environment, "the load run"
    )
    with tempfile.TemporaryDirectory(prefix="registry-load-") as folder:
        paths_file = Path(folder) / "paths.txt"
        paths_file.write_text("\n".join(weighted_paths(prepared["paths"])) + "\n", "utf-8")
        with gunicorn(environment, workers=workers, timeout=120, ready_path="/healthz") as server:
            output = wrk(
                server.base_url,
                duration=seconds,
                threads=threads,
                connections=connections,
                timeout=30,
                script=LUA,
                environment={**os.environ, "LOAD_PATHS": str(paths_file)},
            )
    return parse_result(
        output,
        paths={kind: len(paths) for kind, paths in prepared["paths"].items()},
        published=prepared["published"],
        database=prepared["database"],
    )


def weighted_paths(paths: dict[str, list[str]], lines: int = 1000) -> list[str]:
    """`lines` paths in which each kind of MIX takes its share, its own paths taking turns."""
    weighted = []
    for kind, share in MIX.items():
        own = paths[kind]
        weighted += [own[index % len(own)] for index in range(lines * share // 100)]
    return weighted


def parse_result(output: str, **facts) -> LoadResult:
    """The figures of load.lua's closing line of JSON."""
    found = _RESULT.search(output)
    if found is None:
        raise ValueError(f"wrk printed no load-result line:\n{output}")
    figures = json.loads(found.group(1))
    return LoadResult(
        seconds=figures["duration_us"] / 1_000_000,
        requests=figures["requests"],
        status_errors=figures["status_errors"],
        socket_errors=sum(
            figures[name] for name in ("connect_errors", "read_errors", "write_errors", "timeouts")
        ),
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        **facts,
    )


def report(result: LoadResult, args) -> str:
    mix = ", ".join(
        f"{share}% {KIND_LABELS[kind]} ({result.paths[kind]} paths)" for kind, share in MIX.items()
    )
    return "\n".join(
        [
            f"Load: {result.seconds:.0f} s against gunicorn ({args.workers} workers, page cache "
            f"{'off' if args.no_page_cache else 'on'}), wrk {args.threads} threads × "
            f"{args.connections} connections; {result.database}, "
            f"{result.published} published agreements; Python {platform.python_version()}",
            f"Mix: {mix}",
            f"Requests: {result.requests:,} ({result.requests_per_second:,.1f} req/s); "
            f"errors: {result.errors} ({result.status_errors} non-2xx/3xx, "
            f"{result.socket_errors} connection)",
            f"Latency: p50 {result.p50_ms:,.1f} ms, p95 {result.p95_ms:,.1f} ms, "
            f"p99 {result.p99_ms:,.1f} ms, max {result.max_ms:,.1f} ms",
            "PASS: no errors" if result.errors == 0 else "FAIL: errors during the load run",
        ]
    )


# --- The child process that makes the data and the paths ---------------------------------------


def _prepare(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from agreements.models import Agreement

    if args.load_demo:
        call_command("migrate", verbosity=0, interactive=False)
        if not Agreement.objects.published().exists():
            call_command("loaddemo", verbosity=0)
    paths = collect_paths()
    client = Client()
    failed = []
    for path in sorted({path for own in paths.values() for path in own}):
        response = client.get(path)  # also renders and stores each PDF before the run
        if response.status_code != 200:
            failed.append(f"{path} answered {response.status_code}")
    if failed:
        print("\n".join(failed), file=sys.stderr)
        return 1
    print(
        json.dumps(
            {
                "paths": paths,
                "published": Agreement.objects.published().count(),
                "database": connection.vendor,
            }
        )
    )
    return 0


def collect_paths() -> dict[str, list[str]]:
    """The paths of each kind of MIX for the published data of this database."""
    from django.db.models import Max

    from agreements.models import Agreement, AgreementVersion
    from jurisdictions.models import Jurisdiction

    published = Agreement.objects.published()
    references = list(
        published.order_by("reference").values_list("reference", flat=True)[:AGREEMENTS_SAMPLED]
    )
    if not references:
        raise SystemExit("The database has no published agreement to load.")
    latest = list(
        AgreementVersion.objects.filter(agreement__reference__in=references[:PDFS_SAMPLED])
        .values_list("agreement__reference")
        .annotate(number=Max("number"))
        .order_by("agreement__reference")
    )
    jurisdictions = list(
        Jurisdiction.objects.filter(organizations__parties__agreement__in=published)
        .distinct()
        .order_by("slug")
        .values_list("slug", flat=True)[:JURISDICTIONS_SAMPLED]
    )
    pages = []
    for language in LANGUAGES:
        pages += [f"/{language}/", f"/{language}/agreements/", f"/{language}/network/"]
        pages += [f"/{language}/agreements/{reference}/" for reference in references]
        pages += [f"/{language}/jurisdictions/{slug}/" for slug in jurisdictions]
        pages += [f"/{language}/agreements/?jurisdiction={slug}" for slug in jurisdictions]
    return {
        "page": pages,
        "search": [
            f"/{language}/agreements/?q={quote(word)}"
            for language in LANGUAGES
            for word in SEARCH_WORDS
        ],
        "pdf": [
            f"/{language}/pdf/{reference}/versions/{number}/{language}.pdf"
            for reference, number in latest
            for language in LANGUAGES
        ],
        "api": [
            "/api/v1/agreements",
            *(f"/api/v1/agreements?q={quote(word)}" for word in SEARCH_WORDS),
            *(f"/api/v1/agreements/{reference}" for reference in references),
            *(f"/api/v1/agreements/{reference}/versions/{number}" for reference, number in latest),
            "/api/v1/jurisdictions",
            "/api/v1/organizations",
            *(f"/api/v1/jurisdictions/{slug}" for slug in jurisdictions),
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
