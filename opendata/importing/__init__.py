"""The all-or-nothing importer: JSON (docs/import-formats.md) or CSV (one agreement per row).

    report = import_file(content, name="agreements.json", by=user, dry_run=False)

Four steps, and nothing is written unless all of them pass: read the file (size, encoding,
syntax: `reading`), turn it into rows (types, dates, choices: `parsing`), check the rows against
each other and the registry (`checks`), then write them in one transaction (`writer`, `signing`),
which a dry run rolls back after counting what would change. Every problem found is reported
with its place in the file; `ImportRefused.issues` lists them.
"""

import gc
import json
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .bulk import bulk_session
from .checks import check
from .errors import (
    BAD_JSON,
    DUPLICATE,
    MAX_IMPORT_BYTES,
    MAX_ISSUES,
    NO_EXPORT_FILES,
    NOT_AN_ARRAY,
    TOO_MANY_ISSUES,
    ImportRefused,
    Issue,
)
from .exported import EXPORT_FILES, ExportNumbers, document_from_export, is_export_file
from .parsing import parse_document
from .reading import read_bytes, read_document
from .rows import CHANGE_REASON, ImportReport, Run, Tally
from .schema import ImportData
from .signing import search_entries_load
from .writer import import_write, relations_write_deferred

__all__ = [
    "CHANGE_REASON",
    "MAX_IMPORT_BYTES",
    "ImportData",
    "ImportRefused",
    "ImportReport",
    "Issue",
    "import_file",
    "import_folder",
    "import_rows",
    "read_bytes",
    "read_folder",
    "read_rows",
]


def read_rows(content: bytes, *, name: str) -> ImportData:
    """The rows of a file's content, checked for syntax, types, dates and choices (nothing
    compared with the registry yet). Raises ImportRefused. A file of the registry's export
    (e.g. jurisdictions.json, an array in the API's shape) is read as such (`exported`)."""
    document = read_document(content, name=name)
    if is_export_file(name, document):
        document = document_from_export({Path(name).stem: document})
    return parse_document(document)


# Agreements (with their versions) checked and written at a time by `import_folder`.
FOLDER_BATCH = 1000
REFERENCE_FILES = ("jurisdictions", "organizations", "people", "posts", "memberships")


def _read_array(path: Path) -> list:
    document = read_document(read_bytes(path), name=path.name)
    if not isinstance(document, list):
        raise ImportRefused([Issue(path=f"{path.name}:$", message=str(NOT_AN_ARRAY))])
    return document


def _lines(path: Path):
    """The elements of an array written by the export, one per line, read one at a time (the
    file may be larger than an import file: it is never held whole). An array written otherwise
    (e.g. on one line) is read whole, as an import file, under the size limit."""
    with path.open("r", encoding="utf-8-sig") as handle:
        if handle.readline().strip() != "[":
            yield from _read_array(path)
            return
        for number, line in enumerate(handle, start=2):
            line = line.strip().rstrip(",")
            if line in ("[", "]", ""):
                continue
            try:
                yield json.loads(line)
            except (json.JSONDecodeError, RecursionError, ValueError) as error:
                message = str(BAD_JSON).format(error=error, line=number, column=1)
                raise ImportRefused([Issue(path=f"{path.name}:$", message=message)]) from None


def _agreement_batches(directory: Path, size: int):
    """(agreement details, their versions) a batch at a time, from agreements.json and
    versions.json (written in the same order: an agreement's versions follow each other)."""
    agreements, versions = directory / "agreements.json", directory / "versions.json"
    if not agreements.is_file():
        return
    pending = _lines(versions) if versions.is_file() else iter(())
    carried = None
    details: list = []
    for detail in _lines(agreements):
        details.append(detail)
        if len(details) == size:
            batch, carried = _versions_of(details, pending, carried)
            yield details, batch
            details = []
    if details:
        batch, carried = _versions_of(details, pending, carried, last=True)
        yield details, batch


def _versions_of(details: list, pending, carried, *, last: bool = False):
    """The versions of `details` read from `pending`, and the first one of the next batch."""
    wanted = {detail.get("reference") for detail in details if isinstance(detail, dict)}
    batch = []
    item = carried
    while True:
        if item is None:
            item = next(pending, None)
            if item is None:
                return batch, None
        reference = item.get("agreement_reference") if isinstance(item, dict) else None
        if reference not in wanted and not last:
            return batch, item
        batch.append(item)
        item = None


def _references(directory: Path) -> tuple[set[str], list[Issue]]:
    """The reference numbers of agreements.json, and one issue for each listed again: a batch
    checks its own rows only, so a reference repeated in two batches is found here."""
    path = directory / "agreements.json"
    if not path.is_file():
        return set(), []
    first: dict[str, int] = {}
    repeated = []
    for index, row in enumerate(_lines(path)):
        reference = row.get("reference") if isinstance(row, dict) else None
        if not isinstance(reference, str):
            continue  # the row's batch reports it
        if reference in first:
            message = str(DUPLICATE).format(
                key=reference, first=f"$.agreements[{first[reference]}]"
            )
            repeated.append(Issue(path=f"$.agreements[{index}]", message=message))
        else:
            first[reference] = index
    return set(first), repeated


def _numbers(directory: Path, posts: list) -> ExportNumbers | None:
    """The exporting registry's numbers, read from every version before the first batch writes
    the reference data (exported.ExportNumbers); None, to read them batch by batch, when
    versions.json cannot be read (its batches report why)."""
    path = directory / "versions.json"
    if not path.is_file():
        return None
    try:
        return ExportNumbers(_lines(path), posts)
    except ImportRefused:
        return None


def read_folder(directory: Path) -> ImportData:
    """The rows of a folder written by `export_registry`, read whole (small exports; the command
    uses `import_folder`, which reads agreements a batch at a time). Raises ImportRefused."""
    arrays = {}
    for stem in EXPORT_FILES:
        path = Path(directory) / f"{stem}.json"
        if path.is_file():
            arrays[stem] = _read_array(path) if stem in REFERENCE_FILES else list(_lines(path))
    if not arrays:
        raise ImportRefused([Issue(path="", message=str(NO_EXPORT_FILES))])
    return parse_document(document_from_export(arrays))


# The cyclic garbage collector's thresholds during an import (Python's: 700, 10, 10). An import
# holds hundreds of thousands of objects (rows, model instances), which each full collection
# walks; collecting less often took a third off the CPU time of importing 10,000 agreements.
IMPORT_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def _fewer_collections():
    kept = gc.get_threshold()
    gc.set_threshold(*IMPORT_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*kept)


def import_folder(
    directory: Path,
    *,
    by: AbstractBaseUser,
    dry_run: bool = False,
    reason: str = CHANGE_REASON,
    progress: Callable[[int, int], None] | None = None,
    batch: int = FOLDER_BATCH,
) -> ImportReport:
    """Import a folder written by `export_registry`, all or nothing, in one transaction.

    One pass over the agreements, `batch` at a time so that memory stays bounded however large
    the export: each batch is read and checked, then written while no batch so far had a
    problem. Once one has, nothing more is written and the remaining batches are only checked,
    so that every problem of every batch is listed (ImportRefused, each at its place in its
    file) and the transaction rolls back everything written before. The reference data is
    checked and written with the first batch, whose rows the others reuse; the relations to
    agreements of a later batch are written at the end, then the search entries and read model
    of every agreement written (in bulk on PostgreSQL: `signing.search_entries_load`)."""
    directory = Path(directory)
    arrays = {
        stem: _read_array(directory / f"{stem}.json")
        for stem in REFERENCE_FILES
        if (directory / f"{stem}.json").is_file()
    }
    references, repeated = _references(directory)
    numbers = _numbers(directory, arrays.get("posts", []))
    if not arrays and not references:
        raise ImportRefused([Issue(path="", message=str(NO_EXPORT_FILES))])
    report = ImportReport()
    issues: list[Issue] = repeated  # nothing is written when there are any
    deferred: list = []
    indexed: list[int] = []  # agreements whose search entries are written at the end
    entries: dict = {}  # their texts, prepared by the batches (Run.entries)
    total = len(references)
    with _fewer_collections(), transaction.atomic():
        bulk_session()
        written: _Written | None = None
        for start, details, versions in _offset_batches(directory, batch, references):
            writing = not issues
            run = Run(
                by=by,
                refresh=True,
                reason=reason,
                pending=references,
                index_later=indexed,
                entries=entries,
            )
            # The reference data goes with the first batch; while writing, later ones reuse
            # what it wrote (checking them again would find the same). Once a batch has failed
            # nothing is written, so each batch is checked with the reference data again.
            files = {**arrays} if written is None or not writing else {}
            if written is not None and writing:
                run.positions.update(written.positions)
                run.known_positions = written.known
            if details:
                files.update({"agreements": details, "versions": versions})
            try:
                with _shifted(start):
                    data = parse_document(document_from_export(files, numbers=numbers))
                    check(data, run)
                    if writing:
                        # A savepoint: a problem only writing finds leaves the transaction
                        # usable for checking the batches after it.
                        with transaction.atomic():
                            _merge(report, import_write(data, run=run))
            except ImportRefused as refused:
                issues += [issue for issue in refused.issues if issue not in issues]
                if len(issues) >= MAX_ISSUES:
                    more = Issue(path="", message=str(TOO_MANY_ISSUES).format(limit=MAX_ISSUES))
                    raise ImportRefused([*issues[:MAX_ISSUES], more]) from None
                continue
            if not writing:
                continue
            deferred += run.deferred
            if written is None:
                written = _Written(dict(run.positions), {row.handle: row for row in data.positions})
            if progress is not None and total:
                progress(start.agreements + len(details), total)
        if issues:
            raise ImportRefused(issues)
        run = Run(by=by, refresh=True, reason=reason, entries=entries)
        if deferred:
            relations_write_deferred(run, deferred)
        # Last: writing many entries keeps searches waiting until the commit (indexing).
        search_entries_load(run, indexed)
        _merge(report, run.report)
        if dry_run:
            transaction.set_rollback(True)
    return report


@dataclass(frozen=True)
class _Written:
    """What the first batch wrote that the later ones reuse: positions by handle, as rows and
    as the file's rows (the checks of a responsibility's owner read its organisation)."""

    positions: dict
    known: dict


@dataclass(frozen=True)
class _Start:
    """Where a batch starts in agreements.json and versions.json (rows before it)."""

    agreements: int = 0
    versions: int = 0


def _offset_batches(directory: Path, size: int, references: set[str]):
    """(start, agreement details, their versions) a batch at a time; one empty batch when the
    folder holds reference data only."""
    if not references:
        yield _Start(), [], []
        return
    start = _Start()
    for details, versions in _agreement_batches(directory, size):
        yield start, details, versions
        start = _Start(start.agreements + len(details), start.versions + len(versions))


# Paths of a batch's rows, whose index counts from the batch's first row.
_BATCH_PATH = re.compile(
    r"^(\$\.agreements|\$\.versions|agreements\.json:\$|versions\.json:\$)\[(\d+)\]"
)


def _shift(path: str, start: _Start) -> str:
    """`path` counted from the start of its file rather than of its batch."""

    def moved(match: re.Match) -> str:
        by = start.versions if "versions" in match.group(1) else start.agreements
        return f"{match.group(1)}[{int(match.group(2)) + by}]"

    return _BATCH_PATH.sub(moved, path)


@contextmanager
def _shifted(start: _Start):
    """Refusals raised inside name their rows counted from the start of the file."""
    try:
        yield
    except ImportRefused as refused:
        if start == _Start():
            raise
        issues = [Issue(path=_shift(i.path, start), message=i.message) for i in refused.issues]
        raise ImportRefused(issues) from None


def _merge(report: ImportReport, part: ImportReport) -> None:
    """Add a batch's counts and warnings to the import's report."""
    for model, tally in part.tallies.items():
        total = report.tallies.setdefault(model, Tally())
        total.created += tally.created
        total.updated += tally.updated
        total.present += tally.present
    report.warnings += [w for w in part.warnings if w not in report.warnings]


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
    with _fewer_collections(), transaction.atomic():
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
