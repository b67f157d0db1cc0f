"""Django's `flush`, able to empty the signed-record tables on SQLite.

Signed agreement versions and their stored PDFs are protected by database triggers (migrations
0005 and 0008). PostgreSQL's flush uses TRUNCATE, which row triggers do not see, but SQLite's
flush deletes row by row, so the DELETE triggers would stop it. Flushing wipes the whole database
on purpose (between transactional tests, or a developer resetting a local database), so on SQLite
this command lifts those triggers for the flush and puts back exactly the same triggers
afterwards, whatever happens.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

SQLITE_DELETE_TRIGGERS = ("agreements_version_no_delete", "agreements_pdf_no_delete")


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)",
                list(SQLITE_DELETE_TRIGGERS),
            )
            triggers = cursor.fetchall()
        if not triggers:
            return super().handle(**options)
        with connection.cursor() as cursor:
            for name, _sql in triggers:
                cursor.execute(f"DROP TRIGGER {name}")  # noqa: S608 (constant names)
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
