"""Bulk export: `manage.py export_registry` of the whole public registry at 1,000 and 10,000
agreements (SQLite; PostgreSQL too at the largest size when DATABASE_URL points at it), with
its time and the peak memory of the process.

    python -m benchmarks.bench_export [--sizes 1000,10000] [--fresh] [--output BENCHMARKS.md]

The export streams (agreements a chunk at a time, every file written as it is read), so its
peak memory at 10,000 agreements should be close to that at 1,000. Each size has its own
benchmark database, generated once by `manage.py make_scale_data` (benchmarks.scale) and reused
(`--fresh` regenerates them); 10,000 is the database bench_search and bench_http use. The
export runs in a child process, measured by `os.wait4` (wall time from start-up to exit, and
the child's peak resident memory). The results replace this benchmark's section of
BENCHMARKS.md.
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

from benchmarks.bench_search import ROOT, SQLITE_FILE, _postgres_bench_url

PYTHON = sys.executable
SECTION = "bench_export"
RSS_TARGET_MIB = 1024


@dataclass
class Measure:
    seconds: float
    peak_mib: float
    returncode: int


def measured(command: list[str], *, env: dict[str, str]) -> Measure:
    """Run `command` in a child process: wall time and the child's peak resident memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603 - this repository's manage.py
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measure(elapsed, usage.ru_maxrss / 1024, process.returncode)  # Linux: KiB


def environment(url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "registry.settings.test",
        **extra,
    }


def manage(*arguments: str) -> list[str]:
    return [PYTHON, str(ROOT / "manage.py"), *arguments]


def sqlite_file(agreements: int) -> Path:
    """The benchmark database of `agreements` agreements (10,000: bench_search's)."""
    if agreements == 10_000:
        return SQLITE_FILE
    return SQLITE_FILE.with_name(f"registry_bench_{agreements}.sqlite3")


def prepare(url: str, agreements: int) -> None:
    """Migrate the database at `url` and add invented agreements until it holds `agreements`."""
    env = environment(url)
    subprocess.run(manage("migrate", "--noinput", "-v", "0"), env=env, cwd=ROOT, check=True)  # noqa: S603
    count = subprocess.run(  # noqa: S603
        manage(
            "shell", "-c", "from agreements.models import Agreement as A; print(A.objects.count())"
        ),
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    missing = agreements - int(count.stdout.strip().splitlines()[-1])
    if missing > 0:
        started = time.perf_counter()
        subprocess.run(  # noqa: S603
            manage("make_scale_data", "--agreements", str(missing)), env=env, cwd=ROOT, check=True
        )
        print(f"   generated {missing:,} agreements in {time.perf_counter() - started:.0f} s")


def export(url: str, directory: Path) -> Measure:
    return measured(manage("export_registry", str(directory)), env=environment(url))


def folder_size(directory: Path) -> tuple[int, int]:
    """(bytes, files) of a folder."""
    files = [path for path in directory.iterdir() if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def write_section(output: Path, section: str, lines: list[str]) -> None:
    """Replace this benchmark's section of BENCHMARKS.md (between its markers), or add it."""
    begin, end = f"<!-- {section} -->", f"<!-- /{section} -->"
    block = "\n".join([begin, *lines, end])
    text = output.read_text(encoding="utf-8") if output.exists() else "# Benchmarks\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    output.write_text(text, encoding="utf-8")


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_export")
    parser.add_argument("--sizes", default="1000,10000", help="agreements, comma-separated")
    parser.add_argument("--fresh", action="store_true", help="regenerate the benchmark data")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    targets = [("SQLite", size, sqlite_file(size)) for size in sizes]
    server = os.environ.get("DATABASE_URL", "")
    rows, failed = [], 0
    for label, size, path in targets:
        if args.fresh:
            path.unlink(missing_ok=True)
        rows.append(_run(label, size, f"sqlite:///{path}"))
    if server.startswith(("postgres://", "postgresql://")):
        rows.append(_run("PostgreSQL", max(sizes), _postgres_bench_url(server, fresh=args.fresh)))
    failed = sum(1 for row in rows if row is None)
    lines = [
        f"## Bulk export ({datetime.date.today().isoformat()}, `python -m benchmarks.bench_export`)",
        "",
        "`manage.py export_registry DIR` in a child process: wall time from start-up to exit "
        "and the child's peak resident memory (os.wait4). Streaming keeps memory flat as the "
        "registry grows.",
        "",
        "| database | agreements | time | peak memory | written |",
        "| --- | --- | --- | --- | --- |",
        *(row for row in rows if row is not None),
    ]
    write_section(Path(args.output), SECTION, lines)
    print("\n".join(lines))
    return 1 if failed else 0


def _run(label: str, size: int, url: str) -> str | None:
    print(f"-- {label}: export of {size:,} agreements", flush=True)
    prepare(url, size)
    with tempfile.TemporaryDirectory() as directory:
        result = export(url, Path(directory))
        written, files = folder_size(Path(directory))
    if result.returncode:
        print(f"   export failed ({result.returncode})")
        return None
    print(
        f"   {result.seconds:.1f} s, peak {result.peak_mib:.0f} MiB, {written / 1_048_576:.0f} MiB"
    )
    return (
        f"| {label} | {size:,} | {result.seconds:.1f} s | {result.peak_mib:.0f} MiB | "
        f"{written / 1_048_576:.0f} MiB in {files} files |"
    )


if __name__ == "__main__":
    sys.exit(main())
