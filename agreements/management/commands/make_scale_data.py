"""`manage.py make_scale_data --agreements N`: a realistic registry of N more agreements, fast, for
benchmarks and load tests. Never run it against a registry people use: the agreements it writes
are invented (their references start with the jurisdictions' prefixes like real ones)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def vacuum_statement(*, in_transaction: bool) -> str:
    """What PostgreSQL runs after the bulk load, as a production database's autovacuum would soon
    after one: planner statistics for the new rows (ANALYZE: without them PostgreSQL plans the
    pages' queries for empty tables; the home page took 167 ms instead of 7 ms at 10,000
    agreements) and the visibility map (VACUUM: without it no scan is index-only, and the
    browser's page 200 sorted the whole read model, 16 ms, instead of reading 4,000 index
    entries, 1 ms). VACUUM cannot run inside a transaction (a test's): ANALYZE alone there."""
    return "ANALYZE" if in_transaction else "VACUUM ANALYZE"


class Command(BaseCommand):
    help = (
        "Write N invented agreements (published, restricted, future; some amended) with their "
        "versions, history rows, search index, and liaison and minister's-office users holding "
        "object permissions through their organisations' groups. Reports the time taken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--amended-share",
            type=float,
            default=0.2,
            help="Share of agreements older than a year that get a second version (0.2).",
        )
        parser.add_argument(
            "--staff-per-role",
            type=int,
            default=1,
            help="Liaison officers and minister's-office users created per organisation (1).",
        )
        parser.add_argument(
            "--no-history", action="store_true", help="Skip the history rows (faster)."
        )

    def handle(self, *args, agreements, seed, amended_share, staff_per_role, no_history, **opts):
        if agreements < 1:
            raise CommandError("--agreements must be at least 1.")
        if not 0 <= amended_share <= 1:
            raise CommandError("--amended-share must be between 0 and 1.")
        if staff_per_role < 0:
            raise CommandError("--staff-per-role cannot be negative.")
        try:
            from benchmarks.scale import generate
        except ImportError as error:  # a deployment without the repository's benchmarks/
            raise CommandError(f"make_scale_data needs the benchmarks package: {error}") from None

        def progress(done, total):
            if done == total or done % 2000 == 0:
                self.stderr.write(f"{done:,}/{total:,} agreements written")

        started = time.perf_counter()
        result = generate(
            agreements=agreements,
            seed=seed,
            history=not no_history,
            amended_share=amended_share,
            staff_per_role=staff_per_role,
            progress=progress,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(vacuum_statement(in_transaction=connection.in_atomic_block))
        self.stdout.write(
            f"Wrote {len(result.agreements):,} agreements ({len(result.published):,} published, "
            f"{len(result.restricted):,} restricted, {len(result.pending):,} not yet in effect), "
            f"{result.staff:,} staff users and {result.grants:,} permission rows "
            f"in {time.perf_counter() - started:.1f} s."
        )
