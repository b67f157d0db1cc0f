"""The agreement list (the browser's filters, search, sort and pages) and an agreement's detail:
parties, responsibilities with their accountable post and its holder, relations, versions with
their PDFs' SHA-256."""

import pytest

from agreements.models import AgreementRelation, AgreementVersion, Party
from tests.factories import agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(publish):
    return [
        publish(reference="API-0003", title_en="Cormorant ferry services"),
        publish(reference="API-0001", title_en="Albatross licence counters"),
        publish(reference="API-0002", title_en="Bittern health cards"),
    ]


def _references(client, **params):
    return [
        item["reference"] for item in client.get("/api/v1/agreements", params).json()["results"]
    ]


def test_sorted_by_title_when_no_sort_given(client, three):
    assert _references(client) == ["API-0001", "API-0002", "API-0003"]
    assert _references(client, sort="reference") == ["API-0001", "API-0002", "API-0003"]


def test_only_matches_when_searching(client, three):
    assert _references(client, q="Bittern") == ["API-0002"]


def test_only_parties_agreements_when_filtered_by_organisation(client, three):
    organization = three[0].parties.get(role=Party.Role.LEAD).organization
    assert _references(client, organization=organization.slug) == ["API-0003"]
    other = three[1].parties.get(role=Party.Role.LEAD).organization
    found = _references(client, organization=[organization.slug, other.slug])
    assert found == ["API-0001", "API-0003"]


def test_pages_of_twenty_when_listing(client, three):
    body = client.get("/api/v1/agreements").json()
    assert (body["count"], body["page"], body["pages"], body["page_size"]) == (3, 1, 1, 20)


def test_detail_shows_parties_responsibilities_and_versions_when_published(client, three):
    agreement = three[1]
    body = client.get("/api/v1/agreements/API-0001").json()
    assert body["title"]["en"] == "Albatross licence counters"
    lead = agreement.parties.get(role=Party.Role.LEAD)
    assert [p["role"]["code"] for p in body["parties"]] == ["lead", "party"]
    assert body["parties"][0]["organization"]["id"] == lead.organization.slug
    assert body["parties"][0]["jurisdiction"]["id"] == lead.organization.jurisdiction.slug
    first = agreement.responsibilities.order_by("sort_order").first()
    shown = body["responsibilities"][0]
    assert shown["text"]["en"] == first.text_en
    assert shown["accountable_post"]["id"] == first.accountability_owner_id
    assert shown["accountable_post"]["organization_id"] == lead.organization.slug
    holder = first.accountability_owner.appointments.get().person
    assert shown["accountable_post"]["holders"] == [
        {"person_id": holder.pk, "name": str(holder), "acting": False}
    ]
    version = AgreementVersion.objects.get(agreement=agreement)
    [listed] = body["versions"]
    assert (listed["number"], listed["effective_date"]) == (1, "2021-04-01")
    assert listed["snapshot_sha256"] == version.snapshot_sha256
    assert [(d["language"], d["url"], d["sha256"]) for d in listed["documents"]] == [
        ("en", "/en/pdf/API-0001/versions/1/en.pdf", version.pdf_sha256_en),
        ("fr", "/en/pdf/API-0001/versions/1/fr.pdf", version.pdf_sha256_fr),
    ]
    assert len(version.pdf_sha256_en) == 64


def test_relation_to_unpublished_agreement_left_out_when_detailed(client, publish, registrar):
    public_target = publish(reference="API-0100", title_en="Public target")
    hidden_target = agreement_ready(reference="API-0200", title_en="Secret target")
    source = agreement_ready(reference="API-0300", title_en="Source")
    for target in (public_target, hidden_target):
        AgreementRelation.objects.create(
            source=source, kind=AgreementRelation.Kind.AMENDS, target=target
        )
    agreement_into_force(source, by=registrar)
    body = client.get("/api/v1/agreements/API-0300").json()
    assert [(r["kind"]["code"], r["reference"]) for r in body["relations"]] == [
        ("amends", "API-0100")
    ]
    assert "Secret target" not in client.get("/api/v1/agreements/API-0300").content.decode()
