"""bench_http writes only its own section of BENCHMARKS.md (both databases' tables in it), names
its benchmark databases after the size measured, and prints no password in its report."""

from argparse import Namespace
from pathlib import Path

from benchmarks import bench_http
from benchmarks.bench_http import PageResult
from benchmarks.serving import Run, without_password

BEFORE = """# Benchmarks: what users get

<!-- bench_http -->
Measured long ago.
| agreement page | 0.0010× |
<!-- /bench_http -->

### What these numbers say (2026-12-05)

- Written by hand: kept as it is.
"""
AFTER = """
<!-- bench_export -->
## Bulk export
| SQLite | 1,000 | 2.6 s |
<!-- /bench_export -->

Import, read with care: kept too.
"""
ARGS = Namespace(workers=2, threads=2, connections=8, duration=1, rounds=3)


def _page(label, path, queries, rates, ratios):
    return PageResult(
        label=label,
        path=path,
        queries=queries,
        runs=[Run(rate, 10.0 + index, 20.0 + index, 0) for index, rate in enumerate(rates)],
        ratios=ratios,
    )


def _section(label, database):
    pages = [
        _page("hello", "/bench/hello/", 0, [1000.0, 1200.0, 800.0], [1.0, 1.0, 1.0]),
        _page("agreement page", "/en/agreements/A/", 5, [100.0, 150.0, 90.0], [0.1, 0.125, 0.1125]),
    ]
    cached = [
        _page("hello", "/bench/hello/", 0, [1000.0, 1000.0, 1000.0], [1.0, 1.0, 1.0]),
        _page("agreement page", "/en/agreements/A/", 5, [700.0, 500.0, 900.0], [0.7, 0.5, 0.9]),
    ]
    return {
        "label": label,
        "prepared": {
            "database": database,
            "agreements": 200,
            "published": 190,
            "generated_seconds": None,
        },
        "results": pages,
        "cached": cached,
        "worker_peak_rss_mb": 150.4,
    }


def test_own_section_replaced_with_both_databases_and_the_rest_kept(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    output.write_text(BEFORE + AFTER, encoding="utf-8")
    sections = [
        _section("SQLite", "sqlite 3.40.1"),
        _section("PostgreSQL", "postgresql 16.4"),
    ]

    bench_http._write_report(output, sections, ARGS, "python -m benchmarks.bench_http")

    text = output.read_text(encoding="utf-8")
    head, rest = text.split("<!-- bench_http -->\n", 1)
    section, tail = rest.split("<!-- /bench_http -->", 1)
    assert head == "# Benchmarks: what users get\n\n"
    assert tail == BEFORE.split("<!-- /bench_http -->", 1)[1] + AFTER
    assert "long ago" not in section and "0.0010×" not in section
    assert section.startswith("Measured ")
    assert "Command: `python -m benchmarks.bench_http`" in section
    sqlite, postgres = section.split("## PostgreSQL", 1)
    assert "## SQLite (sqlite 3.40.1): 200 agreements, 190 published" in sqlite
    assert postgres.startswith(" (postgresql 16.4): 200 agreements, 190 published")
    for database in (sqlite, postgres):
        # Medians and ranges over the three rounds; cached pages make no query.
        assert (
            "| agreement page | 0.1125× (0.1000–0.1250) | 100.0 | 11.0 ms | 21.0 ms | 5 "
            "| ≥ 0.14× | **no** |"
        ) in database
        assert (
            "| agreement page | 0.7000× (0.5000–0.9000) | 700.0 | 11.0 ms | 21.0 ms | 0 "
            "| ≥ 0.6× | yes |"
        ) in database
        assert "Peak resident memory of a gunicorn worker after the run: 150 MB" in database


def test_section_added_to_a_file_without_it(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    output.write_text(AFTER, encoding="utf-8")

    bench_http._write_report(output, [_section("SQLite", "sqlite 3.40.1")], ARGS, "python -m x")

    text = output.read_text(encoding="utf-8")
    assert text.startswith(AFTER.rstrip("\n") + "\n\n<!-- bench_http -->\nMeasured ")
    assert text.endswith("150 MB (target under 300 MB).\n<!-- /bench_http -->\n")


def test_benchmark_databases_named_after_the_size():
    root = Path(bench_http.__file__).resolve().parent
    default = bench_http._arguments([])
    assert bench_http.benchmark_databases(default) == (
        root / "registry_bench.sqlite3",
        "registry_bench",
    )
    small = bench_http._arguments(["--agreements", "200"])
    assert bench_http.benchmark_databases(small) == (
        root / "registry_bench_200.sqlite3",
        "registry_bench_200",
    )
    named = bench_http._arguments(
        ["--agreements", "200", "--sqlite-file", "scratch/x.sqlite3", "--postgres-database", "mine"]
    )
    assert bench_http.benchmark_databases(named) == (Path("scratch/x.sqlite3"), "mine")


def test_report_command_names_the_server_without_its_password():
    server = "postgres://bench:s3cret@db.example:5433/postgres"
    assert without_password(server) == "postgres://bench@db.example:5433/postgres"
    assert without_password("postgres://postgres@127.0.0.1/postgres") == (
        "postgres://postgres@127.0.0.1/postgres"
    )
    assert bench_http.report_command(["--rounds", "1"], server) == (
        "DATABASE_URL=postgres://bench@db.example:5433/postgres "
        "python -m benchmarks.bench_http --rounds 1"
    )
    assert bench_http.report_command([], None) == "python -m benchmarks.bench_http"
