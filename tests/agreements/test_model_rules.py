import datetime

import pytest
from django.core.exceptions import ValidationError

from agreements.models.agreement import EXPIRY_NOT_AFTER_EFFECTIVE
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
