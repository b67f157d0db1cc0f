"""Django's `flush`, able to empty the signed-versions table on SQLite.

Signed agreement versions are protected by database triggers (migration 0005). PostgreSQL's
flush uses TRUNCATE, which row triggers do not see, but SQLite's flush deletes row by row, so the
DELETE trigger would stop it. Flushing wipes the whole database on purpose (between transactional
tests, or a developer resetting a local database), so on SQLite this command lifts that one
trigger for the flush and puts back exactly the same trigger afterwards, whatever happens.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

SQLITE_DELETE_TRIGGER = "agreements_version_no_delete"


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s",
                [SQLITE_DELETE_TRIGGER],
            )
            row = cursor.fetchone()
        if row is None:
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {SQLITE_DELETE_TRIGGER}")  # noqa: S608 (constant)
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute(row[0])
