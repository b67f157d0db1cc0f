"""`make load` (benchmarks/load.py): the CI version, 10 s of mixed public pages, searches, PDF
downloads and API requests against gunicorn, on a small registry, with no error at all.

The registry is this test's own data, served by gunicorn from the test database itself on
PostgreSQL, and from a copy of it on SQLite (the SQLite test database lives in this process's
memory; registry.backup copies it to a file with SQLite's backup API).
"""

import shutil

import pytest
from django.db import connection

from benchmarks.load import MIX, parse_result, run_load, weighted_paths
from registry.backup import database_backup
from tests.browser.conftest import site_pages_ensure
from tests.deployment import processes
from tests.factories import agreement_into_force, amendment_signed

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000
  2 threads and 8 connections
  2400 requests in 10.00s, 30.00MB read
  Non-2xx or 3xx responses: 3
load-result {"requests": 2400, "duration_us": 10000000, "status_errors": 3, "connect_errors": 1, "read_errors": 2, "write_errors": 0, "timeouts": 4, "p50_us": 2500, "p95_us": 12000, "p99_us": 30500, "max_us": 91000}
"""


def test_wrk_result_read_with_every_kind_of_error():
    result = parse_result(WRK_OUTPUT, paths={}, published=0, database="sqlite")
    assert (result.requests, result.status_errors, result.socket_errors, result.errors) == (
        2400,
        3,
        7,
        10,
    )
    assert (result.p50_ms, result.p95_ms, result.p99_ms, result.max_ms) == (2.5, 12.0, 30.5, 91.0)
    assert result.requests_per_second == 240.0


def test_each_kind_of_path_takes_its_share():
    paths = {
        "page": ["/en/", "/fr/"],
        "search": ["/en/agreements/?q=a"],
        "pdf": ["/p"],
        "api": ["/a"],
    }
    weighted = weighted_paths(paths, lines=100)
    assert len(weighted) == 100
    assert (weighted.count("/en/"), weighted.count("/fr/")) == (20, 20)
    assert weighted.count("/en/agreements/?q=a") == MIX["search"] == 20
    assert (weighted.count("/p"), weighted.count("/a")) == (15, 25)


@pytest.mark.django_db(transaction=True)
def test_ten_seconds_of_mixed_load_without_an_error(registrar, tmp_path):
    if not shutil.which("wrk"):
        pytest.fail("wrk is not installed: sudo apt-get install -y wrk", pytrace=False)
    site_pages_ensure()
    for _ in range(3):
        agreement = agreement_into_force(by=registrar)
        responsibility = agreement.responsibilities.first()

        def change(agreement, responsibility=responsibility):
            responsibility.text_en = "Answer every emergency call within one hour."
            responsibility.save()

        amendment_signed(
            agreement,
            by=registrar,
            effective_date=agreement.effective_date.replace(year=2024),
            change=change,
        )
    if connection.vendor == "sqlite":
        copy = tmp_path / "load.sqlite3"
        database_backup(copy)
        database_url = f"sqlite:///{copy}"
    else:
        database_url = processes.postgresql_url(connection.settings_dict)

    result = run_load(database_url, seconds=10, connections=4, threads=2, workers=2)

    assert result.errors == 0, result
    assert result.published == 3
    assert result.requests > 0
    # Every kind of request was in the mix: 3 PDFs in two languages, three agreements' pages.
    assert result.paths["pdf"] == 6
    assert result.paths["page"] >= 2 * (3 + 3)
    assert result.paths["search"] > 0 and result.paths["api"] > 0
