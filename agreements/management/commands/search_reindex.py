"""Rebuild the public search index from the published versions, or only what is out of date."""

import datetime

from django.core.management.base import BaseCommand

from agreements.search import reindex_all, reindex_stale


class Command(BaseCommand):
    help = (
        "Rebuild the public search index from each published agreement's current version and "
        "remove entries the public may no longer read. With --stale, only index agreements whose "
        "entry is missing or out of date: run that daily, so versions that take effect today "
        "become searchable."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Only index missing or out-of-date entries (cheap; for a daily schedule).",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Treat this ISO date as today (default: the local date).",
        )

    def handle(self, *args, stale=False, today=None, verbosity=1, **options):
        run = (reindex_stale if stale else reindex_all)(today=today)
        if verbosity:
            self.stdout.write(
                f"Search index: {run.indexed} agreements indexed, {run.removed} entries removed."
            )
