import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import AgreementRelation, Party
from agreements.models.agreement import (
    EXPIRY_NOT_AFTER_EFFECTIVE,
    REFERENCE_FORMAT,
    RELATION_TO_ITSELF,
)
from agreements.models.parties import DUPLICATE_PARTY, SIGNATORY_NOT_IN_ORGANIZATION
from agreements.models.responsibilities import OWNER_OUTSIDE_PARTY, PARTY_OF_OTHER_AGREEMENT
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    ResponsibilityFactory,
)

pytestmark = pytest.mark.django_db


def test_expiry_rejected_when_not_after_effective_date():
    agreement = AgreementFactory.build(
        effective_date=datetime.date(2024, 1, 1), expiry_date=datetime.date(2024, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["expiry_date"] == [str(EXPIRY_NOT_AFTER_EFFECTIVE)]


def test_responsibility_rejected_when_party_belongs_to_other_agreement():
    responsibility = ResponsibilityFactory()
    other_party = PartyFactory()
    responsibility.responsible_party = other_party
    with pytest.raises(ValidationError) as error:
        responsibility.full_clean()
    assert str(PARTY_OF_OTHER_AGREEMENT) in error.value.message_dict["responsible_party"]


def test_owner_accepted_when_position_is_in_parent_organization():
    parent = OrganizationFactory()
    child = OrganizationFactory(parent=parent, jurisdiction=parent.jurisdiction)
    responsibility = ResponsibilityFactory(responsible_party__organization=child)
    responsibility.accountability_owner = PositionFactory(organization=parent)
    responsibility.full_clean()


def test_owner_rejected_when_position_is_outside_party_lineage():
    responsibility = ResponsibilityFactory()
    responsibility.accountability_owner = PositionFactory()
    with pytest.raises(ValidationError) as error:
        responsibility.full_clean()
    assert error.value.message_dict["accountability_owner"] == [str(OWNER_OUTSIDE_PARTY)]


# --- Reference numbers ----------------------------------------------------------------------------

# Django's wording for a taken unique value, built from the model's and field's verbose names.
REFERENCE_TAKEN = "Agreement with this Reference already exists."


def test_reference_rejected_when_already_used():
    AgreementFactory(reference="SNB-2021-004")
    duplicate = AgreementFactory.build(reference="SNB-2021-004")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["reference"] == [REFERENCE_TAKEN]


def test_database_rejects_reference_when_saved_twice():
    AgreementFactory(reference="SNB-2021-004")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(reference="SNB-2021-004")


@pytest.mark.parametrize("reference", ["SNB-2021-004", "ESDC/NB.2019-01", "CBSS-2020", "A12"])
def test_reference_accepted_when_well_formed(reference):
    AgreementFactory.build(reference=reference).full_clean()


@pytest.mark.parametrize(
    "reference",
    [
        "AB",  # too short
        "-SNB-2021",  # starts with a hyphen
        "SNB 2021 004",  # spaces
        "SNB_2021_004",  # underscores
        "SNB–2021",  # en dash
    ],
)
def test_reference_rejected_when_malformed(reference):
    agreement = AgreementFactory.build(reference=reference)
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["reference"] == [str(REFERENCE_FORMAT)]


# --- Dates ----------------------------------------------------------------------------------------


def test_expiry_rejected_when_before_effective_date():
    agreement = AgreementFactory.build(
        effective_date=datetime.date(2024, 1, 1), expiry_date=datetime.date(2023, 12, 31)
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict == {"expiry_date": [str(EXPIRY_NOT_AFTER_EFFECTIVE)]}


def test_expiry_accepted_when_after_effective_date_or_open_ended():
    AgreementFactory.build(
        effective_date=datetime.date(2024, 1, 1), expiry_date=datetime.date(2024, 1, 2)
    ).full_clean()
    AgreementFactory.build(effective_date=datetime.date(2024, 1, 1), expiry_date=None).full_clean()


def test_database_rejects_expiry_when_not_after_effective_date():
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        AgreementFactory(
            effective_date=datetime.date(2024, 1, 1), expiry_date=datetime.date(2024, 1, 1)
        )
    assert "agreement_expiry_after_effective" in str(error.value)


# --- Parties --------------------------------------------------------------------------------------


def test_party_rejected_when_organization_already_party_to_agreement():
    existing = PartyFactory()
    duplicate = Party(agreement=existing.agreement, organization=existing.organization)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.messages == [str(DUPLICATE_PARTY)]


def test_party_accepted_when_organization_is_party_to_another_agreement():
    existing = PartyFactory()
    Party(agreement=AgreementFactory(), organization=existing.organization).full_clean()


def test_database_rejects_party_when_organization_added_twice():
    existing = PartyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Party.objects.create(agreement=existing.agreement, organization=existing.organization)


def test_signatory_accepted_when_position_in_party_or_parent_organization():
    ministry = OrganizationFactory()
    agency = OrganizationFactory(parent=ministry, jurisdiction=ministry.jurisdiction)
    party = PartyFactory(organization=agency)
    party.signatory_position = PositionFactory(organization=agency)
    party.full_clean()
    party.signatory_position = PositionFactory(organization=ministry, title_en="Minister")
    party.full_clean()


def test_signatory_rejected_when_position_outside_party_lineage():
    ministry = OrganizationFactory()
    agency = OrganizationFactory(parent=ministry, jurisdiction=ministry.jurisdiction)
    party = PartyFactory(organization=ministry)
    # A child organisation's office does not sign for its parent.
    party.signatory_position = PositionFactory(organization=agency)
    with pytest.raises(ValidationError) as error:
        party.full_clean()
    assert error.value.message_dict == {"signatory_position": [str(SIGNATORY_NOT_IN_ORGANIZATION)]}


# --- Responsibilities -----------------------------------------------------------------------------


def test_responsibility_accepted_when_party_and_owner_belong_to_agreement():
    ResponsibilityFactory().full_clean()


def test_owner_rejected_when_position_is_in_child_organization():
    ministry = OrganizationFactory()
    agency = OrganizationFactory(parent=ministry, jurisdiction=ministry.jurisdiction)
    responsibility = ResponsibilityFactory(responsible_party__organization=ministry)
    responsibility.accountability_owner = PositionFactory(organization=agency)
    with pytest.raises(ValidationError) as error:
        responsibility.full_clean()
    assert error.value.message_dict == {"accountability_owner": [str(OWNER_OUTSIDE_PARTY)]}


def test_responsibility_rejected_with_both_messages_when_party_and_owner_both_wrong():
    responsibility = ResponsibilityFactory()
    responsibility.responsible_party = PartyFactory()
    responsibility.accountability_owner = PositionFactory()
    with pytest.raises(ValidationError) as error:
        responsibility.full_clean()
    assert error.value.message_dict == {
        "responsible_party": [str(PARTY_OF_OTHER_AGREEMENT)],
        "accountability_owner": [str(OWNER_OUTSIDE_PARTY)],
    }


# --- Relations between agreements -----------------------------------------------------------------


def test_relation_rejected_when_agreement_related_to_itself():
    agreement = AgreementFactory()
    relation = AgreementRelation(
        source=agreement, target=agreement, kind=AgreementRelation.Kind.AMENDS
    )
    with pytest.raises(ValidationError) as error:
        relation.full_clean()
    assert error.value.message_dict == {"target": [str(RELATION_TO_ITSELF)]}


def test_relation_accepted_when_between_two_agreements():
    amendment, original = AgreementFactory(), AgreementFactory()
    AgreementRelation(
        source=amendment, target=original, kind=AgreementRelation.Kind.AMENDS
    ).full_clean()


def test_database_rejects_relation_when_agreement_related_to_itself():
    agreement = AgreementFactory()
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        AgreementRelation.objects.create(
            source=agreement, target=agreement, kind=AgreementRelation.Kind.SUPERSEDES
        )
    assert "agreement_relation_not_to_itself" in str(error.value)


def test_reference_normalised_to_capitals_when_typed_in_lower_case():
    agreement = AgreementFactory.build(reference="  snb-2021-004 ")
    agreement.full_clean()
    assert agreement.reference == "SNB-2021-004"
