"""A golden SHA-256: a fixed snapshot with non-ASCII text and keys in no particular order hashes
to a value written out here, computed once with hashlib over the canonical JSON the registry
documents (agreements.models.versions.canonical_json: sorted keys, no spaces, UTF-8 without
escapes), before and after a round trip through the database's JSON column (PostgreSQL's jsonb
stores keys in its own order)."""

import datetime

import pytest

from agreements.models import AgreementVersion
from agreements.models.versions import canonical_json, snapshot_digest
from tests.factories import AgreementFactory, UserFactory

SNAPSHOT = {
    "schema": 2,
    "responsibilities": [
        {
            "text": {
                "fr": "Offrir le « guichet unique » à l’Île-du-Prince-Édouard.",
                "en": 'Deliver the "single window" in Prince Edward Island.',
            },
            "clause": "4.1",
            "id": 7,
            "owner": None,
        }
    ],
    "parties": [
        {
            "signs": True,
            "organization": {
                "name": {
                    "fr": "Ministère des Finances du Québec",
                    "en": "Québec Department of Finance",
                },
                "jurisdiction": {"name": {"fr": "Québec", "en": "Quebec"}, "iso_code": "CA-QC"},
            },
            "id": 3,
        },
        {
            "signs": False,
            "organization": {
                "name": {"fr": "Société Ø", "en": "Ø Corporation"},
                "jurisdiction": {
                    "name": {"fr": "Île-du-Prince-Édouard", "en": "Prince Edward Island"},
                    "iso_code": "CA-PE",
                },
            },
            "id": 4,
        },
    ],
    "agreement": {
        "title": {"fr": "Entente Québec–Î.-P.-É.", "en": "Quebec–P.E.I. agreement"},
        "reference": "QC-PE-2026-001",
        "effective_date": "2026-04-01",
        "expiry_date": None,
        "service_areas": [],
    },
    "financial_commitments": [],
    "number": 1,
}

# Written by hand from the documented rules, not produced by the code under test.
CANONICAL = (
    '{"agreement":{"effective_date":"2026-04-01","expiry_date":null,'
    '"reference":"QC-PE-2026-001","service_areas":[],'
    '"title":{"en":"Quebec–P.E.I. agreement","fr":"Entente Québec–Î.-P.-É."}},'
    '"financial_commitments":[],"number":1,'
    '"parties":[{"id":3,"organization":{"jurisdiction":{"iso_code":"CA-QC",'
    '"name":{"en":"Quebec","fr":"Québec"}},'
    '"name":{"en":"Québec Department of Finance","fr":"Ministère des Finances du Québec"}},'
    '"signs":true},'
    '{"id":4,"organization":{"jurisdiction":{"iso_code":"CA-PE",'
    '"name":{"en":"Prince Edward Island","fr":"Île-du-Prince-Édouard"}},'
    '"name":{"en":"Ø Corporation","fr":"Société Ø"}},"signs":false}],'
    '"responsibilities":[{"clause":"4.1","id":7,"owner":null,'
    '"text":{"en":"Deliver the \\"single window\\" in Prince Edward Island.",'
    '"fr":"Offrir le « guichet unique » à l’Île-du-Prince-Édouard."}}],'
    '"schema":2}'
)
GOLDEN_SHA256 = "b6e399f3fb50b636696c6712e128784c743c4dc3790aac08542df1ee18713a2a"


def reversed_keys(value):
    """The same data with every object's keys inserted in reverse order."""
    if isinstance(value, dict):
        return {key: reversed_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(item) for item in value]
    return value


def test_canonical_json_is_the_documented_form_when_keys_unordered_and_text_not_ascii():
    assert canonical_json(SNAPSHOT) == CANONICAL.encode("utf-8")
    # Raw UTF-8, not \u escapes: "Î" is two bytes, "’" three.
    assert "Île".encode() in canonical_json(SNAPSHOT)
    assert b"\\u" not in canonical_json(SNAPSHOT)


def test_digest_is_the_golden_value_when_keys_in_any_order():
    assert snapshot_digest(SNAPSHOT) == GOLDEN_SHA256
    assert snapshot_digest(reversed_keys(SNAPSHOT)) == GOLDEN_SHA256


def test_digest_changes_when_one_accent_changes():
    altered = reversed_keys(SNAPSHOT)
    altered["parties"][1]["organization"]["jurisdiction"]["name"]["fr"] = "Ile-du-Prince-Édouard"
    assert snapshot_digest(altered) != GOLDEN_SHA256


@pytest.mark.django_db
def test_digest_is_the_golden_value_when_read_back_from_the_database():
    version = AgreementVersion(
        agreement=AgreementFactory(reference="QC-PE-2026-001"),
        number=1,
        kind=AgreementVersion.Kind.ORIGINAL,
        effective_date=datetime.date(2026, 4, 1),
        created_by=UserFactory(),
        snapshot=reversed_keys(SNAPSHOT),
        snapshot_sha256=snapshot_digest(reversed_keys(SNAPSHOT)),
    )
    version.save(force_insert=True)

    stored = AgreementVersion.objects.values_list("snapshot", "snapshot_sha256").get(pk=version.pk)
    assert stored[0] == SNAPSHOT
    assert stored[1] == GOLDEN_SHA256
    assert snapshot_digest(stored[0]) == GOLDEN_SHA256
    assert AgreementVersion.objects.get(pk=version.pk).verify()
