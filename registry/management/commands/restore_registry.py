"""Restore the registry from a backup made by backup_registry: `manage.py restore_registry FILE`
reads FILE and FILE.files.tar.gz. It restores into an empty database (no tables: run it before
`migrate`) and empty MEDIA_ROOT / PRIVATE_MEDIA_ROOT folders, and refuses anything else unless
--force, which replaces what is there. See registry/backup.py and README.md, "Backup and
restore"."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.backup import BackupError, registry_restore


class Command(BaseCommand):
    help = (
        "Restore the database from FILE and the stored files from FILE.files.tar.gz (made by "
        "backup_registry), into an empty database and empty folders."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The database backup to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database and the stored files even if they are not empty.",
        )

    def handle(self, *args, file, force=False, verbosity=1, **options):
        try:
            summary = registry_restore(file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(
                f"Database ({summary.vendor}) restored from {summary.database}; "
                f"{summary.file_count} stored file(s) from {summary.files}."
            )
