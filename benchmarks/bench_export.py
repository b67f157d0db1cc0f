"""Bulk export speed: `export_registry` of the whole public registry (10,000 agreements by
default), on SQLite and, when DATABASE_URL points at PostgreSQL, on PostgreSQL.

    python -m benchmarks.bench_export [--agreements 10000] [--sqlite PATH] [--fresh]

Uses the same benchmark databases as bench_search (generated once by benchmarks.scale, reused;
`--fresh` regenerates them). Reports the time, the rows and bytes written, and the process's
peak memory before and after the export: streaming keeps the second close to the first.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_search import ROOT, SQLITE_FILE, _postgres_bench_url


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_export")
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--sqlite", type=Path, default=SQLITE_FILE, help="SQLite database file")
    parser.add_argument("--fresh", action="store_true", help="regenerate the benchmark data")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.worker:
        return _worker(args)
    if args.fresh:
        args.sqlite.unlink(missing_ok=True)
    targets = [("SQLite", f"sqlite:///{args.sqlite}")]
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        targets.append(("PostgreSQL", _postgres_bench_url(server, fresh=args.fresh)))
    failed = 0
    for label, url in targets:
        print(f"-- {label}: export (at least {args.agreements:,} agreements)", flush=True)
        command = [sys.executable, "-m", "benchmarks.bench_export", "--worker"]
        command += ["--agreements", str(args.agreements)]
        environment = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "registry.settings.test",
        }
        failed += subprocess.run(command, env=environment, cwd=ROOT, check=False).returncode != 0  # noqa: S603
    return 1 if failed else 0


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _worker(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from agreements.models import Agreement
    from benchmarks.scale import generate
    from opendata.export import export_registry

    call_command("migrate", verbosity=0, interactive=False)
    existing = Agreement.objects.count()
    if existing < args.agreements:
        started = time.perf_counter()
        generate(agreements=args.agreements - existing)
        print(f"   generated in {time.perf_counter() - started:.0f} s", flush=True)
    before = _peak_mib()
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        counts = export_registry(directory=Path(directory))
        elapsed = time.perf_counter() - started
        size = sum(path.stat().st_size for path in Path(directory).iterdir())
    print(f"   exported in {elapsed:.2f} s, {size / 1_048_576:.1f} MiB written")
    print("   rows: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
    print(f"   peak memory: {before:.0f} MiB before the export, {_peak_mib():.0f} MiB after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
