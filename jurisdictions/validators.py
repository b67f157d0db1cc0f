"""Public identifiers of governments: their shape, and whether the official lists know them.

Two layers. The field validators (`validate_ocd_division_id`, `validate_iso_3166_code`) check the
shape only; they are referenced by migrations, so they stay plain regex validators. The plain
functions `is_known_ocd_id()` and `is_known_iso_code()` / `is_known_iso_subdivision()` check an
identifier against the official lists: Open Civic Data division ids shipped as data in
`jurisdictions/data/ocd-division-ids/` (see the README there), ISO 3166 codes from `pycountry`.
We ship the division list of a few countries only (one `country-<code>.csv` each): a well-formed
division id of any other country cannot be checked, so it is accepted (`is_checked_ocd_country()`).
`identifier_errors()` gathers both layers for a model's `clean()` and for the importer.
"""

import csv
import re
from functools import cache
from pathlib import Path

import pycountry
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

OCD_DIVISION_MESSAGE = _(
    "Enter an Open Civic Data division id such as "
    "“ocd-division/country:ca/province:nb” (lower-case type:id segments)."
)
ISO_3166_MESSAGE = _(
    "Enter an ISO 3166 code: a country code such as “CA” or a subdivision code such as “CA-NB”."
)
OCD_DIVISION_UNKNOWN = _(
    "“%(value)s” is not in the official Open Civic Data list of division ids "
    "(opencivicdata/ocd-division-ids). Check its spelling, or leave it empty."
)
ISO_3166_UNKNOWN = _(
    "“%(value)s” is not an ISO 3166 country or subdivision code. Check its spelling, "
    "or leave it empty."
)

OCD_DIVISION_PATTERN = r"^ocd-division/country:[a-z]{2}(/[a-z_]+:[a-z0-9_.~\-]+)*$"
ISO_3166_PATTERN = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"

OCD_DATA_DIR = Path(__file__).resolve().parent / "data" / "ocd-division-ids"
OCD_LIST_FILE_PATTERN = re.compile(r"country-([a-z]{2})\.csv")
OCD_COUNTRY_PATTERN = re.compile(r"ocd-division/country:([a-z]{2})(?:/|$)")

validate_ocd_division_id = RegexValidator(
    regex=OCD_DIVISION_PATTERN,
    message=OCD_DIVISION_MESSAGE,
    code="invalid_ocd_division_id",
)
validate_iso_3166_code = RegexValidator(
    regex=ISO_3166_PATTERN,
    message=ISO_3166_MESSAGE,
    code="invalid_iso_3166_code",
)


@cache
def official_ocd_ids() -> frozenset[str]:
    """Every division id in the shipped official lists (read once per process)."""
    ids: set[str] = set()
    for path in sorted(OCD_DATA_DIR.glob("country-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            ids.update(row["id"] for row in csv.DictReader(handle))
    return frozenset(ids)


@cache
def shipped_ocd_countries() -> frozenset[str]:
    """Country codes whose official division list we ship, e.g. {"ca", "gb"} (from file names)."""
    return frozenset(
        match.group(1)
        for path in OCD_DATA_DIR.glob("country-*.csv")
        if (match := OCD_LIST_FILE_PATTERN.fullmatch(path.name))
    )


def is_checked_ocd_country(value: str) -> bool:
    """True when `value` is a division id of a country whose official list we ship, so that
    it can be checked against it ("ocd-division/country:ca/…"), False for any other country
    ("ocd-division/country:us") and for a value that names no country."""
    match = OCD_COUNTRY_PATTERN.match(value or "")
    return match is not None and match.group(1) in shipped_ocd_countries()


def is_well_formed_ocd_id(value: str) -> bool:
    return bool(re.fullmatch(OCD_DIVISION_PATTERN, value or ""))


def is_well_formed_iso_code(value: str) -> bool:
    return bool(re.fullmatch(ISO_3166_PATTERN, value or ""))


def is_known_ocd_id(value: str) -> bool:
    """True when `value` is a division id of the official Open Civic Data list we ship."""
    return value in official_ocd_ids()


def is_known_iso_subdivision(code: str) -> bool:
    """True when `code` is an ISO 3166-2 subdivision code, e.g. "CA-NB" (not "CA-ZZ")."""
    match = pycountry.subdivisions.get(code=code) if code else None
    return match is not None and match.code == code  # pycountry ignores case; ISO does not


def is_known_iso_country(code: str) -> bool:
    """True when `code` is an ISO 3166-1 alpha-2 country code, e.g. "CA"."""
    match = pycountry.countries.get(alpha_2=code) if len(code or "") == 2 else None
    return match is not None and match.alpha_2 == code


def is_known_iso_code(code: str) -> bool:
    """True for an official ISO 3166-1 country code or ISO 3166-2 subdivision code."""
    return is_known_iso_country(code) or is_known_iso_subdivision(code)


def identifier_errors(*, ocd_division_id: str | None, iso_code: str | None) -> dict[str, str]:
    """Messages for identifiers that are well formed but absent from the official lists.

    Malformed identifiers are left to the field validators (one message per field); empty ones
    are allowed (not every government has one). A division id is checked only when its
    country's list is shipped: "ocd-division/country:us" is accepted, an unlisted Canadian id
    is not. Keys are the Jurisdiction field names.
    """
    errors: dict[str, str] = {}
    if (
        ocd_division_id
        and is_well_formed_ocd_id(ocd_division_id)
        and is_checked_ocd_country(ocd_division_id)
        and not is_known_ocd_id(ocd_division_id)
    ):
        errors["ocd_division_id"] = OCD_DIVISION_UNKNOWN % {"value": ocd_division_id}
    if iso_code and is_well_formed_iso_code(iso_code) and not is_known_iso_code(iso_code):
        errors["iso_code"] = ISO_3166_UNKNOWN % {"value": iso_code}
    return errors
