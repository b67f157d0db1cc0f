"""Division ids are checked against the official Open Civic Data list, ISO 3166 codes against
pycountry: in plain functions (for the importer) and in the Jurisdiction model's validation."""

import pytest
from django.core.exceptions import ValidationError

from jurisdictions.models import Jurisdiction
from jurisdictions.services import jurisdiction_create
from jurisdictions.validators import (
    identifier_errors,
    is_checked_ocd_country,
    is_known_iso_code,
    is_known_iso_subdivision,
    is_known_ocd_id,
)
from tests.factories import JurisdictionFactory, UserFactory

pytestmark = pytest.mark.django_db

UNKNOWN_OCD = (
    "“ocd-division/country:gb/country:gb-eng” is not in the official Open Civic Data list of "
    "division ids (opencivicdata/ocd-division-ids). Check its spelling, or leave it empty."
)
UNKNOWN_CANADIAN_OCD = (
    "“ocd-division/country:ca/csd:1399999” is not in the official Open Civic Data list of "
    "division ids (opencivicdata/ocd-division-ids). Check its spelling, or leave it empty."
)
UNKNOWN_ISO = (
    "“CA-ZZ” is not an ISO 3166 country or subdivision code. Check its spelling, or leave it empty."
)


@pytest.mark.parametrize(
    "ocd_id",
    [
        "ocd-division/country:ca",
        "ocd-division/country:ca/province:nb",
        "ocd-division/country:ca/territory:nu",
        "ocd-division/country:ca/csd:1310032",  # Fredericton
        "ocd-division/country:ca/csd:5915022",  # Vancouver
        "ocd-division/country:au/state:nsw",
        "ocd-division/country:be",
        "ocd-division/country:dk/region:hovedstaden",
        "ocd-division/country:gb/part:eng",
        "ocd-division/country:gb/part:sct",
        "ocd-division/country:gb/part:eng/region:ukd",
    ],
)
def test_ocd_id_known_when_in_the_official_list(ocd_id):
    assert is_known_ocd_id(ocd_id) is True


@pytest.mark.parametrize(
    "ocd_id",
    [
        "ocd-division/country:gb/country:gb-eng",  # the old spelling, replaced by part:eng
        "ocd-division/country:gb/country:gb-sct",
        "ocd-division/country:ca/province:zz",
        "ocd-division/country:ca/csd:1399999",
        "ocd-division/country:dk/region:midtjylland",
        "ocd-division/country:us",  # a country whose list we do not ship
        "ocd-division/country:ca/province:NB",
        "",
    ],
)
def test_ocd_id_unknown_when_not_in_the_official_list(ocd_id):
    assert is_known_ocd_id(ocd_id) is False


@pytest.mark.parametrize(
    "code", ["CA-NB", "AU-NSW", "BE-VLG", "BE-BRU", "DK-84", "GB-ENG", "GB-MAN"]
)
def test_iso_subdivision_known_when_pycountry_has_it(code):
    assert is_known_iso_subdivision(code) is True


@pytest.mark.parametrize("code", ["CA-ZZ", "GB-XYZ", "DK-99", "CA", "ca-nb", ""])
def test_iso_subdivision_unknown_when_pycountry_lacks_it(code):
    assert is_known_iso_subdivision(code) is False


def test_iso_code_known_for_countries_and_subdivisions():
    assert [is_known_iso_code(c) for c in ("CA", "GB", "DK", "XX", "CA-NB", "CA-ZZ", "ca")] == [
        True,
        True,
        True,
        False,
        True,
        False,
        False,
    ]


def test_identifier_errors_leave_malformed_and_empty_ids_to_the_field_validators():
    assert identifier_errors(ocd_division_id="ocd-division/country:CA", iso_code="ca-nb") == {}
    assert identifier_errors(ocd_division_id=None, iso_code="") == {}
    assert identifier_errors(
        ocd_division_id="ocd-division/country:gb/country:gb-eng", iso_code="CA-ZZ"
    ) == {"ocd_division_id": UNKNOWN_OCD, "iso_code": UNKNOWN_ISO}


def test_jurisdiction_rejected_when_identifiers_are_well_formed_but_unknown():
    jurisdiction = JurisdictionFactory.build(
        ocd_division_id="ocd-division/country:gb/country:gb-eng", iso_code="CA-ZZ"
    )
    with pytest.raises(ValidationError) as error:
        jurisdiction.full_clean()
    assert error.value.message_dict == {
        "ocd_division_id": [UNKNOWN_OCD],
        "iso_code": [UNKNOWN_ISO],
    }


def test_jurisdiction_accepted_when_identifiers_are_official():
    JurisdictionFactory.build(
        ocd_division_id="ocd-division/country:gb/part:eng", iso_code="GB-ENG"
    ).full_clean()


def test_jurisdiction_not_created_when_division_id_unknown():
    registrar = UserFactory(username="registrar-identifiers", is_staff=True)
    with pytest.raises(ValidationError) as error:
        jurisdiction_create(
            name_en="England",
            slug="england",
            level=Jurisdiction.Level.REGIONAL,
            ocd_division_id="ocd-division/country:gb/country:gb-eng",
            iso_code="GB-ENG",
            by=registrar,
        )
    assert error.value.message_dict == {"ocd_division_id": [UNKNOWN_OCD]}
    assert not Jurisdiction.objects.exists()


def test_unknown_id_message_is_french_when_language_is_french():
    from django.utils import translation

    with translation.override("fr"):
        errors = identifier_errors(
            ocd_division_id="ocd-division/country:ca/csd:1399999", iso_code=""
        )
    assert errors["ocd_division_id"] == (
        "« ocd-division/country:ca/csd:1399999 » ne figure pas dans la liste officielle des "
        "identifiants de division Open Civic Data (opencivicdata/ocd-division-ids). Vérifiez son "
        "orthographe ou laissez le champ vide."
    )


@pytest.mark.parametrize(
    ("ocd_id", "checked"),
    [
        ("ocd-division/country:ca", True),
        ("ocd-division/country:ca/csd:1399999", True),
        ("ocd-division/country:au/state:zz", True),
        ("ocd-division/country:be", True),
        ("ocd-division/country:dk/region:midtjylland", True),
        ("ocd-division/country:gb/country:gb-eng", True),
        ("ocd-division/country:us", False),
        ("ocd-division/country:us/state:ny", False),
        ("ocd-division/country:fr/region:bretagne", False),
        ("ocd-division/country:cab", False),
        ("", False),
    ],
)
def test_ocd_id_checked_only_when_its_country_list_is_shipped(ocd_id, checked):
    assert is_checked_ocd_country(ocd_id) is checked


@pytest.mark.parametrize(
    "ocd_id",
    [
        "ocd-division/country:us",
        "ocd-division/country:us/state:ny/place:new_york",
        "ocd-division/country:fr/region:bretagne",
        "ocd-division/country:nz",
    ],
)
def test_identifier_errors_accept_well_formed_id_when_its_country_list_is_not_shipped(ocd_id):
    assert identifier_errors(ocd_division_id=ocd_id, iso_code="") == {}


def test_identifier_errors_refuse_unknown_id_when_its_country_list_is_shipped():
    assert identifier_errors(
        ocd_division_id="ocd-division/country:ca/csd:1399999", iso_code="CA-NB"
    ) == {"ocd_division_id": UNKNOWN_CANADIAN_OCD}


def test_jurisdiction_accepted_when_division_id_is_of_a_country_not_shipped():
    JurisdictionFactory.build(
        ocd_division_id="ocd-division/country:fr/region:bretagne", iso_code="FR-BRE"
    ).full_clean()


def test_jurisdiction_created_when_division_id_is_american():
    registrar = UserFactory(username="registrar-american", is_staff=True)
    jurisdiction_create(
        name_en="New York",
        slug="new-york",
        level=Jurisdiction.Level.STATE,
        ocd_division_id="ocd-division/country:us/state:ny",
        iso_code="US-NY",
        by=registrar,
    )
    saved = Jurisdiction.objects.get()
    assert (saved.ocd_division_id, saved.iso_code) == ("ocd-division/country:us/state:ny", "US-NY")


def test_jurisdiction_rejected_when_canadian_division_id_is_unknown():
    jurisdiction = JurisdictionFactory.build(
        ocd_division_id="ocd-division/country:ca/csd:1399999", iso_code="CA-NB"
    )
    with pytest.raises(ValidationError) as error:
        jurisdiction.full_clean()
    assert error.value.message_dict == {"ocd_division_id": [UNKNOWN_CANADIAN_OCD]}
