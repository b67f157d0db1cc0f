"""Back up the registry: `manage.py backup_registry FILE` writes the database to FILE (pg_dump's
custom format on PostgreSQL, SQLite's online backup on SQLite) and the stored files (MEDIA_ROOT
and PRIVATE_MEDIA_ROOT) to FILE.files.tar.gz. Safe while the registry serves. See
registry/backup.py and README.md, "Backup and restore"."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.backup import BackupError, registry_backup


class Command(BaseCommand):
    help = (
        "Back up the database to FILE (pg_dump custom format on PostgreSQL, SQLite's backup API "
        "on SQLite) and the stored files to FILE.files.tar.gz. Restore with restore_registry."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write the database backup.")

    def handle(self, *args, file, verbosity=1, **options):
        try:
            summary = registry_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(
                f"Database ({summary.vendor}, {summary.database_bytes:,} bytes) written to "
                f"{summary.database}; {summary.file_count} stored file(s) to {summary.files}."
            )
