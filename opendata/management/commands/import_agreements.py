"""Import agreements and the reference data they need from a JSON or CSV file, or from a folder
written by `export_registry`, all or nothing (docs/import-formats.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opendata.importing import ImportRefused, import_file, import_folder, read_bytes
from opendata.management.reporting import acting_registrar, write_report

UNKNOWN_USER = "There is no user “{username}”: create the account first, or leave out --user."
NOT_A_REGISTRAR = "“{username}” is not a registrar: only registrars import agreements."
NO_SUCH_FILE = "There is no file “{path}”."
UNREADABLE = "“{path}” cannot be read: {error}."
REFUSED = "Nothing was imported: {count} problem(s) in {path}."
DRY_RUN = "Dry run: nothing was written. The import would make these changes."
IMPORTED = "Imported as “{username}”."
# Draw a progress bar for files with at least this many agreements.
PROGRESS_FROM = 100


class Command(BaseCommand):
    help = (
        "Import agreements, with their parties, responsibilities, relations, signed versions and "
        "amendments, and the jurisdictions, organisations, positions, people and appointments "
        "they need, from a JSON file (docs/import-formats.md) or a CSV file (one agreement per "
        "row). Creates what is missing and brings existing rows up to date, found by reference "
        "number and natural keys. The whole file is checked first: if anything is wrong, every "
        "problem is listed and nothing is written. Give a folder written by export_registry "
        "to import that export (its reference data, agreements and signed versions)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            help="A .json or .csv file, UTF-8, smaller than 50 MB; or a folder written by "
            "export_registry.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without writing anything.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The registrar the history records as having made the changes "
            "(default: the registry's system account).",
        )

    def handle(self, *args, file, dry_run=False, user=None, verbosity=1, **options):
        by = acting_registrar(user, unknown=UNKNOWN_USER, not_a_registrar=NOT_A_REGISTRAR)
        progress = _ProgressBar(self.stderr) if verbosity else None
        try:
            if Path(file).is_dir():
                report = import_folder(Path(file), by=by, dry_run=dry_run, progress=progress)
            else:
                content = read_bytes(file)
                report = import_file(content, name=file, by=by, dry_run=dry_run, progress=progress)
        except FileNotFoundError:
            raise CommandError(NO_SUCH_FILE.format(path=file)) from None
        except OSError as error:
            raise CommandError(UNREADABLE.format(path=file, error=error.strerror)) from None
        except ImportRefused as refused:
            for issue in refused.issues:
                self.stderr.write(str(issue))
            raise CommandError(REFUSED.format(count=len(refused.issues), path=file)) from None
        finally:
            if progress is not None:
                progress.close()
        if not verbosity:
            return
        title = DRY_RUN if dry_run else IMPORTED.format(username=by.get_username())
        self.stdout.write(title)
        write_report(self, report, present="unchanged")


class _ProgressBar:
    """A progress bar on stderr for large files (agreements written out of the total)."""

    WIDTH = 40

    def __init__(self, stream):
        self.stream = stream
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM or (done % 50 and done != total):
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("")
            self.drawn = False
