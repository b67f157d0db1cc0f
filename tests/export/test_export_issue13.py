"""The export carries what issue 13 added, as the API does: each party's standing and owners,
every signature of the current version (signatures.csv) and the financial commitments
(financial_commitments.csv), and the same in agreements.json."""

import csv
import json

import pytest

from opendata.export import export_registry
from tests.api.test_standing_money_signatures import agreement  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_standing_signatures_and_money_exported_when_agreement_published(
    tmp_path,
    agreement,  # noqa: F811
):
    export_registry(directory=tmp_path)

    lead, transaqua = agreement.parties.order_by("sort_order")
    parties = _rows(tmp_path / "parties.csv")
    assert [row["standing_en"] for row in parties][1] == (
        "Intermunicipal body owned by Dieppe and Moncton"
    )
    assert parties[1]["standing_fr"] == "Organisme intermunicipal détenu par Dieppe et Moncton"
    assert parties[1]["owner_jurisdiction_ids"] == "dieppe; moncton"
    assert parties[0]["owner_jurisdiction_ids"] == ""
    signatures = _rows(tmp_path / "signatures.csv")
    assert [(row["organization_id"], row["signed_date"]) for row in signatures] == [
        (lead.organization.slug, "2021-03-15"),
        (lead.organization.slug, "2021-03-15"),
        (transaqua.organization.slug, "2021-03-15"),
    ]
    assert all(row["holders"] and row["signatory_post_id"] for row in signatures)
    money = _rows(tmp_path / "financial_commitments.csv")
    assert money == [
        {
            "agreement_reference": "MUN-2024-001",
            "funder_organization_id": lead.organization.slug,
            "recipient_organization_id": transaqua.organization.slug,
            "amount": "12500000.00",
            "currency": "CAD",
            "period": "per_year",
            "start_year": "2024",
            "end_year": "2026",
            "description_en": "Capital funding",
            "description_fr": "Financement d’immobilisations",
        }
    ]
    detail = json.loads((tmp_path / "agreements.json").read_text(encoding="utf-8"))[0]
    assert detail["financial_commitments"][0]["amount"] == "12500000.00"
    assert [len(party["signatures"]) for party in detail["parties"]] == [2, 1]
