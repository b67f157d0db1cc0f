"""Bulk import: `manage.py import_agreements DIR` of a full export (10,000 agreements by
default) into a fresh, empty database, all or nothing, with its time and peak memory: on SQLite,
and on PostgreSQL too when DATABASE_URL points at a PostgreSQL server.

    python -m benchmarks.bench_import [--agreements 10000] [--fresh] [--output BENCHMARKS.md]

The source is the benchmark database of `bench_export` (made once by `make_scale_data` when it
is missing, reused; `--fresh` regenerates it), read only: it is copied (SQLite's backup), the
copy migrated and exported with `export_registry`, so that other benchmarks reading it at the
same time are not disturbed. The import runs in a child process on a new database (a new SQLite
file; on PostgreSQL `--database`, by default `registry_bench_import`, dropped and created
again), migrated first (not measured), measured by `os.wait4`: wall time from start-up to exit,
the child's CPU time and its peak resident memory. Targets (issue 11): under 60 s and under 1 GB. The signed
versions' PDFs are queued for a worker (TASKS_BACKEND=database, as in production), not rendered
inside the import. The results replace this benchmark's section of BENCHMARKS.md.
"""

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks.bench_export import (
    ROOT,
    RSS_TARGET_MIB,
    environment,
    export,
    folder_size,
    manage,
    prepare,
    sqlite_file,
    write_section,
)

SECTION = "bench_import"
TIME_TARGET_SECONDS = 60
POSTGRES_TARGET = "registry_bench_import"


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_import")
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--fresh", action="store_true", help="regenerate the benchmark data")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument(
        "--database",
        default=POSTGRES_TARGET,
        help="the PostgreSQL database imported into (dropped and created again)",
    )
    return parser.parse_args(argv)


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of the SQLite database `source`, which is only read."""
    import sqlite3

    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def _count(url: str, model: str) -> int:
    app, name = model.split(".")
    code = f"from {app}.models import {name} as M; print(M.objects.count())"
    result = subprocess.run(  # noqa: S603
        manage("shell", "-c", code),
        env=environment(url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


@dataclass(frozen=True)
class _Measure:
    seconds: float
    cpu_seconds: float
    peak_mib: float
    returncode: int


def _measured(command: list[str], *, env: dict[str, str]) -> _Measure:
    """Run `command` in a child process: wall time, the child's CPU time (user and system: on a
    busy machine the wall time says more about the other processes) and peak resident memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603 - this repository's manage.py
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return _Measure(elapsed, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def _postgres_target(server: str, name: str) -> str:
    """A new, empty database `name` on the server of `server`."""
    import psycopg
    from psycopg import sql

    if name in ("postgres", "registry_bench") or not name.replace("_", "").isalnum():
        raise SystemExit(f"--database {name!r}: give a database of this benchmark's own")
    parts = urlsplit(server)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def _import_into(label: str, target_url: str, folder: Path, written: int, files: int):
    """Migrate `target_url`, import `folder` into it; the table row, or None when it failed."""
    env = environment(target_url, TASKS_BACKEND="database")
    subprocess.run(manage("migrate", "--noinput", "-v", "0"), env=env, cwd=ROOT, check=True)  # noqa: S603
    result = _measured(manage("import_agreements", str(folder), "-v", "0"), env=env)
    print(
        f"   {label} import: {result.seconds:.1f} s, CPU {result.cpu_seconds:.1f} s, "
        f"peak {result.peak_mib:.0f} MiB",
        flush=True,
    )
    if result.returncode:
        print(f"   import failed ({result.returncode})")
        return None
    agreements = _count(target_url, "agreements.Agreement")
    versions = _count(target_url, "agreements.AgreementVersion")
    met_time = "yes" if result.seconds < TIME_TARGET_SECONDS else "**no**"
    met_memory = "yes" if result.peak_mib < RSS_TARGET_MIB else "**no**"
    return (
        f"| {label} | {agreements:,} | {versions:,} | {written / 1_048_576:.0f} MiB in {files} "
        f"files | {result.seconds:.1f} s | {result.cpu_seconds:.1f} s | < {TIME_TARGET_SECONDS} s "
        f"| {met_time} "
        f"| {result.peak_mib:.0f} MiB | < {RSS_TARGET_MIB} MiB | {met_memory} |"
    )


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    source = sqlite_file(args.agreements)
    if args.fresh:
        source.unlink(missing_ok=True)
    server = os.environ.get("DATABASE_URL", "")
    print(f"-- import of an export of {args.agreements:,} agreements", flush=True)
    if not source.exists():
        prepare(f"sqlite:///{source}", args.agreements)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "source.sqlite3"
        _copy(source, copy)
        source_url = f"sqlite:///{copy}"
        prepare(source_url, args.agreements)  # migrated (the copy only); complete already
        folder = Path(work) / "export"
        exported = export(source_url, folder)
        if exported.returncode:
            print("   export failed")
            return 1
        written, files = folder_size(folder)
        print(f"   export: {exported.seconds:.1f} s, peak {exported.peak_mib:.0f} MiB", flush=True)
        targets = [("SQLite", f"sqlite:///{Path(work) / 'target.sqlite3'}")]
        if server.startswith(("postgres://", "postgresql://")):
            targets.append(("PostgreSQL", _postgres_target(server, args.database)))
        rows = [_import_into(label, url, folder, written, files) for label, url in targets]
    lines = [
        f"## Bulk import ({datetime.date.today().isoformat()}, `python -m benchmarks.bench_import`)",
        "",
        "`manage.py import_agreements DIR` of a full export into an empty database (SQLite; "
        "PostgreSQL when DATABASE_URL points at it), all or nothing, in a child process "
        "(os.wait4: wall time from start-up to exit, the importing process's CPU time, peak "
        "resident memory). PDFs queued for the worker (TASKS_BACKEND=database).",
        "",
        "| database | agreements imported | versions recorded | export read | time "
        "| importer CPU | target | met | peak memory | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *(row for row in rows if row is not None),
    ]
    write_section(Path(args.output), SECTION, lines)
    print("\n".join(lines))
    return 1 if None in rows else 0


if __name__ == "__main__":
    sys.exit(main())
