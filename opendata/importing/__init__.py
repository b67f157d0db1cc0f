"""The all-or-nothing importer: JSON (docs/import-formats.md) or CSV (one agreement per row).

    report = import_file(content, name="agreements.json", by=user, dry_run=False)

Four steps, and nothing is written unless all of them pass: read the file (size, encoding,
syntax: `reading`), turn it into rows (types, dates, choices: `parsing`), check the rows against
each other and the registry (`checks`), then write them in one transaction (`writer`, `signing`),
which a dry run rolls back after counting what would change. Every problem found is reported
with its place in the file; `ImportRefused.issues` lists them.
"""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .checks import check
from .errors import MAX_IMPORT_BYTES, ImportRefused, Issue
from .parsing import parse_document
from .reading import read_bytes, read_document
from .rows import CHANGE_REASON, ImportReport, Run
from .schema import ImportData
from .writer import import_write

__all__ = [
    "CHANGE_REASON",
    "MAX_IMPORT_BYTES",
    "ImportData",
    "ImportRefused",
    "ImportReport",
    "Issue",
    "import_file",
    "import_rows",
    "read_bytes",
    "read_rows",
]


def read_rows(content: bytes, *, name: str) -> ImportData:
    """The rows of a file's content, checked for syntax, types, dates and choices (nothing
    compared with the registry yet). Raises ImportRefused."""
    return parse_document(read_document(content, name=name))


def import_rows(
    data: ImportData,
    *,
    by: AbstractBaseUser,
    dry_run: bool = False,
    refresh: bool = True,
    reason: str = CHANGE_REASON,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check `data` whole, then create what is missing and (with `refresh`) bring existing rows
    to what it says, in one transaction, every history row attributed to `by` with `reason`.
    With `dry_run` the transaction is rolled back and the report says what would have changed.
    Importing the same data twice changes nothing the second time. Raises ImportRefused (nothing
    written) listing every problem; TransitionError or PermissionDenied when an amendment cannot
    be signed by `by`."""
    run = Run(by=by, refresh=refresh, reason=reason, progress=progress)
    with transaction.atomic():
        check(data, run)
        report = import_write(data, run=run)
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_file(
    content: bytes,
    *,
    name: str,
    by: AbstractBaseUser,
    dry_run: bool = False,
    reason: str = CHANGE_REASON,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Read, check and import one file's content (`name` says whether it is .json or .csv)."""
    data = read_rows(content, name=name)
    return import_rows(data, by=by, dry_run=dry_run, reason=reason, progress=progress)
