"""Turn the bytes of an import file into a document: a dict of lists of rows, as the JSON format
has it. Refuses files that are too large, not UTF-8, not JSON or CSV, or malformed.

CSV (one agreement per row, columns in `CSV_COLUMNS`) becomes the same document, each row
keeping its line number under `LINE_KEY` so that messages can say "line 7, column state".
"""

import csv
import io
import json
from pathlib import Path

from .errors import (
    BAD_JSON,
    CSV_BAD_PARTY,
    CSV_FORMULA,
    CSV_MISSING_COLUMNS,
    CSV_NO_ROWS,
    CSV_UNKNOWN_COLUMNS,
    CSV_UNREADABLE,
    FILE_EMPTY,
    FILE_TOO_LARGE,
    JSON_NUMBER_TOO_LONG,
    JSON_TOO_DEEP,
    MAX_IMPORT_BYTES,
    NOT_UTF8,
    NUMBER_TOO_LONG,
    UNKNOWN_FORMAT,
    Issues,
)

LINE_KEY = "__line__"
# Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_REQUIRED = ("reference", "agreement_type", "state", "title_en", "parties")
CSV_OPTIONAL = (
    "title_fr",
    "summary_en",
    "summary_fr",
    "visibility",
    "signed",
    "effective",
    "expiry",
    "next_review",
    "notice_period_days",
    "renewal_terms_en",
    "renewal_terms_fr",
    "service_areas",
    "channels",
    "governing_body",
)
CSV_COLUMNS = CSV_REQUIRED + CSV_OPTIONAL
# notice_period_days has at most this many digits (a longer one is refused, not converted).
MAX_NUMBER_DIGITS = 9
# Columns holding lists, separated by ";" in a cell.
CSV_LIST_COLUMNS = ("service_areas", "channels")


def read_bytes(source) -> bytes:
    """The content of a path or an open binary file, refusing one of 50 MB or more before
    reading it whole. Reads at most one byte past the limit, whatever the file system says its
    size is (/dev/zero says 0). Raises ImportRefused, or OSError (IsADirectoryError,
    FileNotFoundError…) for a path that is not a readable file."""
    issues = Issues()
    if isinstance(source, str | Path):
        size = Path(source).stat().st_size
        if size >= MAX_IMPORT_BYTES:
            issues.add("", FILE_TOO_LARGE, size=size, limit=MAX_IMPORT_BYTES)
            issues.raise_if_any()
        # A device or a pipe says it holds 0 bytes: read no more than the limit anyway.
        with Path(source).open("rb") as handle:
            return read_bytes(handle)
    content = source.read(MAX_IMPORT_BYTES)
    if len(content) >= MAX_IMPORT_BYTES:
        issues.add("", FILE_TOO_LARGE, size=f"{MAX_IMPORT_BYTES}+", limit=MAX_IMPORT_BYTES)
        issues.raise_if_any()
    return content


def read_document(content: bytes, *, name: str) -> dict:
    """Decode and parse the file: JSON when `name` ends in .json, CSV when it ends in .csv.
    Raises ImportRefused."""
    issues = Issues()
    if len(content) >= MAX_IMPORT_BYTES:
        issues.add("", FILE_TOO_LARGE, size=len(content), limit=MAX_IMPORT_BYTES)
        issues.raise_if_any()
    suffix = Path(name).suffix.lower()
    if suffix not in (".json", ".csv"):
        issues.add("", UNKNOWN_FORMAT)
        issues.raise_if_any()
    if not content.strip():
        issues.add("", FILE_EMPTY)
        issues.raise_if_any()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        issues.add("", NOT_UTF8, position=error.start)
        issues.raise_if_any()
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            issues.add("$", BAD_JSON, error=error.msg, line=error.lineno, column=error.colno)
            issues.raise_if_any()
        except ValueError:
            # Python refuses to convert an integer of more than 4300 digits.
            issues.add("$", JSON_NUMBER_TOO_LONG)
            issues.raise_if_any()
        except RecursionError:
            issues.add("$", JSON_TOO_DEEP)
            issues.raise_if_any()
    return _read_csv(text, issues)


def _read_csv(text: str, issues: Issues) -> dict:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _read_csv_rows(reader, issues)
    except csv.Error:
        issues.add(f"line {reader.line_num + 1}", CSV_UNREADABLE)
        issues.raise_if_any()


def _read_csv_rows(reader: csv.DictReader, issues: Issues) -> dict:
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in CSV_REQUIRED if name not in header]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if missing:
        issues.add("line 1", CSV_MISSING_COLUMNS, columns=", ".join(missing))
    if unknown:
        issues.add("line 1", CSV_UNKNOWN_COLUMNS, columns=", ".join(unknown))
    issues.raise_if_any()
    reader.fieldnames = header
    rows = []
    for record in reader:
        line = reader.line_num
        row = {LINE_KEY: line}
        for column, value in record.items():
            if column is None or value is None:
                continue
            value = value.strip()
            if value == "":
                continue
            if value.startswith(FORMULA_STARTS):
                issues.add(
                    f"line {line}, column {column}", CSV_FORMULA, character=repr(value[0])[1:-1]
                )
                continue
            row[column] = _csv_value(column, value, f"line {line}, column {column}", issues)
        rows.append(row)
    if not rows:
        issues.add("line 2", CSV_NO_ROWS)
    issues.raise_if_any()
    return {"agreements": rows}


def _csv_value(column: str, value: str, path: str, issues: Issues):
    if column in CSV_LIST_COLUMNS:
        return [item.strip() for item in value.split(";") if item.strip()]
    if column == "notice_period_days":
        if not (value.isascii() and value.isdigit()):
            return value
        if len(value) > MAX_NUMBER_DIGITS:
            issues.add(path, NUMBER_TOO_LONG)
            return value
        return int(value)
    if column != "parties":
        return value
    parties = []
    for item in value.split(";"):
        organization, _sep, role = item.strip().partition(":")
        if not (organization and role):
            issues.add(path, CSV_BAD_PARTY, value=item.strip())
            continue
        parties.append({"organization": organization.strip(), "role": role.strip()})
    return parties
