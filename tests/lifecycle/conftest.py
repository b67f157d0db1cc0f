import datetime

import pytest

from agreements.models import Party
from tests.factories import (
    OrganizationFactory,
    PartyFactory,
    ResponsibilityFactory,
    agreement_into_force,
    amendment_signed,
    staffed_position,
)

BASE = datetime.date(2021, 4, 1)
AMENDMENT_1 = datetime.date(2023, 1, 1)
AMENDMENT_2 = datetime.date(2024, 7, 1)


@pytest.fixture
def amendment_chain(registrar):
    """An agreement in force from 2021-04-01 (version 1), amended effective 2023-01-01
    (version 2: one responsibility reworded, one added) and 2024-07-01 (version 3: a party joins
    with a responsibility, one responsibility removed, the expiry date moves)."""
    agreement = agreement_into_force(by=registrar, responsibilities=3)

    def first(agreement):
        item = agreement.responsibilities.order_by("sort_order").first()
        item.text_en = "Deliver the service within five business days."
        item.save()
        party = agreement.parties.order_by("sort_order").first()
        ResponsibilityFactory(
            agreement=agreement,
            responsible_party=party,
            accountability_owner=staffed_position(organization=party.organization),
            clause="9.1",
            sort_order=9,
        )

    def second(agreement):
        organization = OrganizationFactory()
        party = PartyFactory(
            agreement=agreement,
            organization=organization,
            role=Party.Role.DELIVERY_PARTNER,
            signatory_position=staffed_position(organization=organization),
            sort_order=5,
        )
        ResponsibilityFactory(
            agreement=agreement,
            responsible_party=party,
            accountability_owner=staffed_position(organization=organization),
            clause="10.1",
            sort_order=10,
        )
        agreement.responsibilities.get(sort_order=2).delete()
        agreement.expiry_date = datetime.date(2033, 3, 31)
        agreement.save()

    amendment_signed(agreement, by=registrar, effective_date=AMENDMENT_1, change=first)
    amendment_signed(agreement, by=registrar, effective_date=AMENDMENT_2, change=second)
    return agreement
