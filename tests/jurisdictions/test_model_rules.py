"""Every rule on jurisdictions, organisations and appointments, each rejected with its message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jurisdictions.models import (
    APPOINTMENT_ENDS_BEFORE_START,
    APPOINTMENT_OVERLAPS,
    JURISDICTION_OWN_ANCESTOR,
    ORGANIZATION_OWN_ANCESTOR,
    Appointment,
    Jurisdiction,
)
from jurisdictions.validators import ISO_3166_MESSAGE, OCD_DIVISION_MESSAGE
from tests.factories import (
    AppointmentFactory,
    JurisdictionFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

# Django's wording for a taken unique value, built from the model's and field's verbose names.
OCD_ID_TAKEN = "Jurisdiction with this Open Civic Data division id already exists."
ISO_CODE_TAKEN = "Jurisdiction with this ISO 3166 code already exists."


# --- Identifier shapes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ocd_id",
    [
        "ocd-division/country:ca",
        "ocd-division/country:ca/province:nb",
        "ocd-division/country:ca/csd:1310032",
        "ocd-division/country:au/state:nsw",
        "ocd-division/country:gb/part:eng/region:uki",  # accepted: in the official list
        "ocd-division/country:dk/region:hovedstaden",
    ],
)
def test_ocd_division_id_accepted_when_well_formed(ocd_id):
    JurisdictionFactory.build(ocd_division_id=ocd_id).full_clean()


@pytest.mark.parametrize(
    "ocd_id",
    [
        "country:ca/province:nb",  # missing the ocd-division/ prefix
        "ocd-division/country:CA",  # upper-case country
        "ocd-division/country:can",  # three-letter country
        "ocd-division/country:ca/province:NB",  # upper-case id
        "ocd-division/country:ca/",  # dangling separator
        "ocd-division/country:ca/province",  # segment without an id
        "ocd-division/country:ca/province:new brunswick",  # space
        "ocd-division/province:nb",  # must start at the country
    ],
)
def test_ocd_division_id_rejected_when_malformed(ocd_id):
    jurisdiction = JurisdictionFactory.build(ocd_division_id=ocd_id)
    with pytest.raises(ValidationError) as error:
        jurisdiction.full_clean()
    assert error.value.message_dict["ocd_division_id"] == [str(OCD_DIVISION_MESSAGE)]


@pytest.mark.parametrize("iso_code", ["CA", "CA-NB", "AU-NSW", "BE-VLG", "DK-84", "GB-ENG"])
def test_iso_code_accepted_when_country_or_subdivision_code(iso_code):
    JurisdictionFactory.build(iso_code=iso_code).full_clean()


@pytest.mark.parametrize(
    "iso_code", ["ca", "ca-nb", "CAN", "CA-", "CA-NBXX", "CA NB", "C-NB", "1A"]
)
def test_iso_code_rejected_when_malformed(iso_code):
    jurisdiction = JurisdictionFactory.build(iso_code=iso_code)
    with pytest.raises(ValidationError) as error:
        jurisdiction.full_clean()
    assert str(ISO_3166_MESSAGE) in error.value.message_dict["iso_code"]


# --- Identifier uniqueness -----------------------------------------------------------------------


def test_ocd_division_id_rejected_when_already_used():
    JurisdictionFactory(ocd_division_id="ocd-division/country:ca/province:nb")
    duplicate = JurisdictionFactory.build(ocd_division_id="ocd-division/country:ca/province:nb")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["ocd_division_id"] == [OCD_ID_TAKEN]


def test_iso_code_rejected_when_already_used():
    JurisdictionFactory(iso_code="CA-NB")
    duplicate = JurisdictionFactory.build(iso_code="CA-NB")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["iso_code"] == [ISO_CODE_TAKEN]


@pytest.mark.parametrize("field", ["ocd_division_id", "iso_code"])
def test_database_rejects_identifier_when_saved_twice(field):
    value = "ocd-division/country:ca/province:nb" if field == "ocd_division_id" else "CA-NB"
    JurisdictionFactory(**{field: value})
    with pytest.raises(IntegrityError), transaction.atomic():
        JurisdictionFactory(**{field: value})


def test_empty_identifiers_stored_as_null_when_jurisdictions_have_none():
    first = JurisdictionFactory(ocd_division_id="", iso_code="")
    second = JurisdictionFactory(ocd_division_id="", iso_code="")
    third = JurisdictionFactory.build(ocd_division_id="", iso_code="")
    third.full_clean()
    third.save()
    assert (
        Jurisdiction.objects.filter(ocd_division_id__isnull=True, iso_code__isnull=True).count()
        == 3
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.ocd_division_id, first.iso_code) == (None, None)
    assert (second.ocd_division_id, second.iso_code) == (None, None)


# --- Trees ----------------------------------------------------------------------------------------


def test_jurisdiction_rejected_when_its_own_parent():
    jurisdiction = JurisdictionFactory()
    jurisdiction.parent = jurisdiction
    with pytest.raises(ValidationError) as error:
        jurisdiction.full_clean()
    assert error.value.message_dict["parent"] == [str(JURISDICTION_OWN_ANCESTOR)]


def test_jurisdiction_rejected_when_its_own_ancestor():
    country = JurisdictionFactory(level=Jurisdiction.Level.NATIONAL)
    province = JurisdictionFactory(parent=country)
    municipality = JurisdictionFactory(parent=province, level=Jurisdiction.Level.MUNICIPAL)
    country.parent = municipality
    with pytest.raises(ValidationError) as error:
        country.full_clean()
    assert error.value.message_dict["parent"] == [str(JURISDICTION_OWN_ANCESTOR)]


def test_jurisdiction_accepted_when_parent_is_elsewhere_in_tree():
    country = JurisdictionFactory(level=Jurisdiction.Level.NATIONAL)
    province = JurisdictionFactory(parent=country)
    municipality = JurisdictionFactory(level=Jurisdiction.Level.MUNICIPAL)
    municipality.parent = province
    municipality.full_clean()


def test_organization_rejected_when_its_own_parent():
    organization = OrganizationFactory()
    organization.parent = organization
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert error.value.message_dict["parent"] == [str(ORGANIZATION_OWN_ANCESTOR)]


def test_organization_rejected_when_its_own_ancestor():
    ministry = OrganizationFactory()
    branch = OrganizationFactory(parent=ministry, jurisdiction=ministry.jurisdiction)
    unit = OrganizationFactory(parent=branch, jurisdiction=ministry.jurisdiction)
    ministry.parent = unit
    with pytest.raises(ValidationError) as error:
        ministry.full_clean()
    assert error.value.message_dict["parent"] == [str(ORGANIZATION_OWN_ANCESTOR)]


# --- Appointment dates ----------------------------------------------------------------------------


def test_appointment_rejected_when_it_ends_before_it_starts():
    appointment = AppointmentFactory.build(
        position=PositionFactory(),
        person=PersonFactory(),
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2024, 4, 30),
    )
    with pytest.raises(ValidationError) as error:
        appointment.full_clean()
    assert error.value.message_dict == {"end_date": [str(APPOINTMENT_ENDS_BEFORE_START)]}


def test_appointment_accepted_when_it_ends_on_its_first_day():
    AppointmentFactory.build(
        position=PositionFactory(),
        person=PersonFactory(),
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2024, 5, 1),
    ).full_clean()


def test_database_rejects_appointment_when_it_ends_before_it_starts():
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        AppointmentFactory(
            start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 4, 30)
        )
    assert "appointment_ends_after_start" in str(error.value)


# --- Single-holder positions ----------------------------------------------------------------------


def overlap_message(existing: Appointment) -> str:
    end = existing.end_date.isoformat() if existing.end_date else "today"
    return APPOINTMENT_OVERLAPS.format(
        holder=existing.person, start=existing.start_date.isoformat(), end=end
    )


def test_appointment_rejected_when_single_holder_position_is_held_open_ended():
    existing = AppointmentFactory(start_date=datetime.date(2020, 1, 1), end_date=None)
    newcomer = AppointmentFactory.build(
        position=existing.position, person=PersonFactory(), start_date=datetime.date(2023, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        newcomer.full_clean()
    assert error.value.messages == [overlap_message(existing)]
    assert "today" in error.value.messages[0]


def test_appointment_rejected_when_periods_overlap_partly():
    existing = AppointmentFactory(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2022, 12, 31)
    )
    newcomer = AppointmentFactory.build(
        position=existing.position,
        person=PersonFactory(),
        start_date=datetime.date(2019, 6, 1),
        end_date=datetime.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        newcomer.full_clean()
    assert error.value.messages == [overlap_message(existing)]
    assert "2022-12-31" in error.value.messages[0]


def test_appointment_rejected_when_it_starts_on_predecessors_last_day():
    existing = AppointmentFactory(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2022, 12, 31)
    )
    newcomer = AppointmentFactory.build(
        position=existing.position, person=PersonFactory(), start_date=datetime.date(2022, 12, 31)
    )
    with pytest.raises(ValidationError) as error:
        newcomer.full_clean()
    assert error.value.messages == [overlap_message(existing)]


def test_appointment_accepted_when_it_starts_day_after_predecessor_ends():
    existing = AppointmentFactory(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2022, 12, 31)
    )
    AppointmentFactory.build(
        position=existing.position, person=PersonFactory(), start_date=datetime.date(2023, 1, 1)
    ).full_clean()


def test_appointment_accepted_when_it_ends_day_before_successor_starts():
    existing = AppointmentFactory(start_date=datetime.date(2023, 1, 1), end_date=None)
    AppointmentFactory.build(
        position=existing.position,
        person=PersonFactory(),
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2022, 12, 31),
    ).full_clean()


def test_appointment_accepted_when_position_has_several_holders():
    position = PositionFactory(single_holder=False, title_en="Member, Joint Management Committee")
    AppointmentFactory(position=position, start_date=datetime.date(2020, 1, 1))
    AppointmentFactory.build(
        position=position, person=PersonFactory(), start_date=datetime.date(2021, 1, 1)
    ).full_clean()


def test_appointment_accepted_when_editing_its_own_period():
    appointment = AppointmentFactory(start_date=datetime.date(2020, 1, 1))
    appointment.end_date = datetime.date(2024, 6, 30)
    appointment.full_clean()
