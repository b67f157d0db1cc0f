"""Turn a document (the parsed JSON, or CSV rows made into the same shape) into `ImportData`,
checking every value's type, every date and every choice, and collecting every problem with its
path before anything is compared with the registry (that is `checks`)."""

import dataclasses
import datetime
import types
import typing

from agreements.models import (
    Agreement,
    AgreementRelation,
    AgreementVersion,
    GovernanceBody,
    Party,
    Responsibility,
)
from agreements.recurrence import Recurrence
from jurisdictions.models import Jurisdiction, Organization

from . import schema
from .errors import (
    BAD_CHOICE,
    BAD_DATE,
    EXPECTED_BOOLEAN,
    EXPECTED_LIST,
    EXPECTED_NUMBER,
    EXPECTED_OBJECT,
    EXPECTED_TEXT,
    MISSING_KEY,
    NOT_AN_OBJECT,
    NUL_CHARACTER,
    NUMBER_TOO_LONG,
    UNKNOWN_KEY,
    Issues,
)
from .reading import LINE_KEY

# Top-level keys of a document, in the order rows are written, with their row type.
SECTIONS: dict[str, type] = {
    field.name: typing.get_args(field.type)[0] for field in dataclasses.fields(schema.ImportData)
}
# Keys allowed at the top level besides the sections: a label saying what the file is.
DOCUMENT_LABELS = ("format", "description")

CHOICES: dict[tuple[type, str], type] = {
    (schema.JurisdictionData, "level"): Jurisdiction.Level,
    (schema.OrganizationData, "kind"): Organization.Kind,
    (schema.PartyData, "role"): Party.Role,
    (schema.ResponsibilityData, "kind"): Responsibility.Kind,
    (schema.ResponsibilityData, "recurrence"): Recurrence,
    (schema.ResponsibilityData, "status"): Responsibility.Status,
    (schema.RelationData, "kind"): AgreementRelation.Kind,
    (schema.AgreementData, "agreement_type"): Agreement.Type,
    (schema.AgreementData, "state"): Agreement.State,
    (schema.AgreementData, "visibility"): Agreement.Visibility,
    (schema.GovernanceBodyData, "meeting_frequency"): GovernanceBody.MeetingFrequency,
    (schema.VersionData, "kind"): AgreementVersion.Kind,
}
# Choices that may also be left empty.
OPTIONAL_CHOICES = {(schema.GovernanceBodyData, "meeting_frequency")}

EXPECTED = {
    str: EXPECTED_TEXT,
    int: EXPECTED_NUMBER,
    bool: EXPECTED_BOOLEAN,
    tuple: EXPECTED_LIST,
    dict: EXPECTED_OBJECT,
}
_HINTS: dict[type, dict] = {}
# Whole numbers have at most 9 digits, as in CSV (reading.MAX_NUMBER_DIGITS).
MAX_NUMBER = 999_999_999


def parse_document(document, *, root: str = "$") -> schema.ImportData:
    """Every row of the document as dataclasses. Raises ImportRefused listing every problem,
    each with its path from `root` (e.g. "01-jurisdictions.json:$" to name the file too)."""
    issues = Issues()
    if not isinstance(document, dict):
        issues.add(root, NOT_AN_OBJECT)
        issues.raise_if_any()
    sections = {}
    for key, value in document.items():
        if key in DOCUMENT_LABELS:
            continue
        if key not in SECTIONS:
            issues.add(root, UNKNOWN_KEY, key=key)
            continue
        sections[key] = _convert(value, tuple[SECTIONS[key], ...], f"{root}.{key}", issues)
    issues.raise_if_any()
    return schema.ImportData(**sections)


def _hints(cls: type) -> dict:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


_FIELDS: dict[type, dict] = {}


def _fields(cls: type) -> dict:
    """The row's fields by name (all but its path and the keys given), read once per class."""
    if cls not in _FIELDS:
        _FIELDS[cls] = {
            field.name: field
            for field in dataclasses.fields(cls)
            if field.name not in ("path", "given")
        }
    return _FIELDS[cls]


def _field_path(base: str, row: dict, key: str) -> str:
    if LINE_KEY in row:
        return f"{base}, column {key}"
    return f"{base}.{key}"


def _row(cls: type, value, path: str, issues: Issues):
    if not isinstance(value, dict):
        issues.add(path, EXPECTED[dict])
        return None
    if LINE_KEY in value:
        path = f"line {value[LINE_KEY]}"
    hints = _hints(cls)
    fields = _fields(cls)
    values, ok = {}, True
    for key in value:
        if key != LINE_KEY and key not in fields:
            issues.add(path, UNKNOWN_KEY, key=key)
            ok = False
    for name, field in fields.items():
        if name not in value:
            required = (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            )
            if required:
                issues.add(path, MISSING_KEY, key=name)
                ok = False
            continue
        where = _field_path(path, value, name)
        converted = _convert(value[name], hints[name], where, issues)
        if converted is _INVALID:
            ok = False
            continue
        choices = CHOICES.get((cls, name))
        optional = (cls, name) in OPTIONAL_CHOICES and converted == ""
        if choices is not None and not optional and converted not in choices.values:
            issues.add(
                where, BAD_CHOICE, value=converted, choices=", ".join(map(str, choices.values))
            )
            ok = False
        values[name] = converted
    given = frozenset(key for key in value if key != LINE_KEY)
    return cls(**values, path=path, given=given) if ok else _INVALID


_INVALID = object()


def _convert(value, hint, path: str, issues: Issues):
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _convert(value, inner, path, issues)
    if origin is tuple:
        if not isinstance(value, list):
            issues.add(path, EXPECTED[tuple])
            return _INVALID
        inner = typing.get_args(hint)[0]
        items = [_convert(item, inner, f"{path}[{i}]", issues) for i, item in enumerate(value)]
        return _INVALID if any(item is _INVALID for item in items) else tuple(items)
    if dataclasses.is_dataclass(hint):
        return _row(hint, value, path, issues)
    if hint is datetime.date:
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value) if len(value) == 10 else _no_date()
            except ValueError:
                pass
        issues.add(path, BAD_DATE, value=value)
        return _INVALID
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > MAX_NUMBER:
            # A database integer column holds less.
            issues.add(path, NUMBER_TOO_LONG)
            return _INVALID
        return value
    if hint is bool and isinstance(value, bool):
        return value
    if hint is dict and isinstance(value, dict):
        # A signed snapshot or change summary, kept as it is (checked against its SHA-256).
        return value
    if hint is str and isinstance(value, str):
        if "\x00" in value:
            # PostgreSQL cannot store it in text (DataError).
            issues.add(path, NUL_CHARACTER)
            return _INVALID
        return value
    issues.add(path, EXPECTED[hint])
    return _INVALID


def _no_date():
    raise ValueError
