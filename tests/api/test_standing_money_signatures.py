"""What issue 13 added to an agreement, in its API detail as on its public page: each party's
standing (an intermunicipal body with its owners), every signature of the version shown (a
party may sign with several signatories) and the financial commitments."""

import pytest

from agreements.models import Party
from jurisdictions.models import Jurisdiction, Organization
from tests.factories import (
    FinancialCommitmentFactory,
    JurisdictionFactory,
    SignatoryFactory,
    agreement_into_force,
    agreement_ready,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(registrar):
    agreement = agreement_ready(reference="MUN-2024-001")
    lead = agreement.parties.get(role=Party.Role.LEAD)
    body = agreement.parties.get(role=Party.Role.PARTY).organization
    body.kind = Organization.Kind.INTERMUNICIPAL
    body.name_en, body.name_fr = "TransAqua", "TransAqua"
    body.save()
    municipal = Jurisdiction.Level.MUNICIPAL
    body.owners.set(
        [
            JurisdictionFactory(
                slug="moncton", name_en="Moncton", name_fr="Moncton", level=municipal
            ),
            JurisdictionFactory(slug="dieppe", name_en="Dieppe", name_fr="Dieppe", level=municipal),
        ]
    )
    SignatoryFactory(party=lead)
    FinancialCommitmentFactory(
        agreement=agreement,
        funder=lead.organization,
        recipient=body,
        amount="12500000.00",
        currency="CAD",
        period="per_year",
        start_year=2024,
        end_year=2026,
    )
    return agreement_into_force(agreement, by=registrar)


def test_detail_gives_standing_owners_signatures_and_money_when_published(client, agreement):
    body = client.get("/api/v1/agreements/MUN-2024-001").json()

    lead, transaqua = body["parties"]
    assert transaqua["standing"] == {
        "en": "Intermunicipal body owned by Dieppe and Moncton",
        "fr": "Organisme intermunicipal détenu par Dieppe et Moncton",
    }
    assert [owner["id"] for owner in transaqua["owners"]] == ["dieppe", "moncton"]
    assert [owner["name"]["en"] for owner in transaqua["owners"]] == ["Dieppe", "Moncton"]
    assert lead["owners"] == []
    # The lead signs with two signatories, the body with one; every signature has its holder.
    assert [len(party["signatures"]) for party in body["parties"]] == [2, 1]
    for party in body["parties"]:
        for signature in party["signatures"]:
            assert signature["signed_date"] == "2021-03-15"  # LIFECYCLE_SIGNED
            assert signature["signatory"]["organization_id"] == party["organization"]["id"]
            assert len(signature["signatory"]["holders"]) == 1
    assert body["financial_commitments"] == [
        {
            "funder": {
                "organization_id": lead["organization"]["id"],
                "name": lead["organization"]["name"],
                "acronym": lead["organization"]["acronym"],
            },
            "recipient": {
                "organization_id": transaqua["organization"]["id"],
                "name": {"en": "TransAqua", "fr": "TransAqua"},
                "acronym": {"en": "", "fr": ""},
            },
            "amount": "12500000.00",
            "currency": "CAD",
            "period": {"code": "per_year", "label": {"en": "Per year", "fr": "Par année"}},
            "start_year": 2024,
            "end_year": 2026,
            "description": {"en": "Capital funding", "fr": "Financement d’immobilisations"},
        }
    ]
