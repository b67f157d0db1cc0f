"""CSV cells that a spreadsheet cannot run as formulas (CSV injection, OWASP).

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return may be read by Excel or
LibreOffice as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`). As OWASP recommends, such a
cell is written with a leading single quote, which spreadsheets show as text and which a reader
can strip. Numbers (int, float, Decimal) are written as they are: they are never formulas.

Every CSV the registry writes goes through `safe_writer()` (or `neutralise_cell()`).
"""

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def neutralise_cell(value: Any) -> Any:
    """`value`, with a leading single quote when it is text that starts like a formula."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return ESCAPE + text
    return text


def neutralise_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise_cell(value) for value in row]


class SafeWriter:
    """A `csv.writer` whose every cell goes through `neutralise_cell()`."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(neutralise_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(stream, **kwargs) -> SafeWriter:
    """Like `csv.writer(stream, **kwargs)`, with formula cells neutralised."""
    return SafeWriter(stream, **kwargs)


def install_wagtail_export_guard() -> None:
    """Neutralise the CSV cells of Wagtail's admin exports (reports such as the site history,
    listings with `list_export`, form submissions).

    Wagtail's `SpreadsheetExportMixin` already writes XLSX formula cells as text, but writes CSV
    cells as they are. Called once from `AgreementsConfig.ready()`; calling it again does nothing.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        processed = original(self, field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return neutralise_cell(processed)
        return processed

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
