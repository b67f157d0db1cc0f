"""Version snapshots are complete (a PDF can be drawn from them alone) and verifiable."""

import datetime
import hashlib
import json

import pytest

from agreements.models import AgreementRelation, DeliveryChannel
from agreements.models.versions import canonical_json, snapshot_digest
from agreements.snapshots import SCHEMA, build_snapshot, load_agreement
from tests.factories import (
    AgreementFactory,
    AppointmentFactory,
    GovernanceBodyFactory,
    PersonFactory,
    ServiceAreaFactory,
    agreement_into_force,
    agreement_ready,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def rich_agreement(registrar):
    """An agreement with every kind of content a snapshot must carry."""
    agreement = agreement_ready(
        title_fr="Entente de service",
        summary_en="Counter services.",
        renewal_terms_en="Renews for 3 years unless notice is given.",
        renewal_terms_fr="Renouvelée pour 3 ans sauf préavis.",
        next_review_date=D(2024, 4, 1),
        notice_period_days=120,
    )
    agreement.service_areas.add(ServiceAreaFactory(slug="vital-statistics"))
    agreement.delivery_channels.add(DeliveryChannel.objects.get(slug="online"))
    body = GovernanceBodyFactory(chair=agreement.parties.first().signatory_position)
    body.members.add(agreement.parties.last().signatory_position)
    agreement.governing_body = body
    agreement.save()
    earlier = AgreementFactory(reference="OLD-2015-001")
    AgreementRelation.objects.create(
        source=agreement, target=earlier, kind=AgreementRelation.Kind.RENEWS
    )
    item = agreement.responsibilities.first()
    item.recurrence, item.recurrence_anchor = "quarterly", D(2021, 6, 30)
    item.service_standard_en = "90% within 10 business days"
    item.service_standard_fr = "90 % en 10 jours ouvrables"
    item.save()
    return agreement_into_force(agreement, by=registrar)


def test_snapshot_holds_everything_needed_to_print(rich_agreement):
    version = rich_agreement.versions.get()
    data = version.snapshot
    assert data["schema"] == SCHEMA
    assert data["version"] == {
        "number": 1,
        "kind": "original",
        "effective_date": "2021-04-01",
        "amendment": None,
    }
    agreement = data["agreement"]
    assert agreement["title"]["fr"] == "Entente de service"
    assert agreement["renewal_terms"]["en"].startswith("Renews for 3 years")
    assert (
        agreement["effective_date"],
        agreement["expiry_date"],
        agreement["next_review_date"],
    ) == (
        "2021-04-01",
        "2031-03-31",
        "2024-04-01",
    )
    assert agreement["notice_period_days"] == 120
    assert agreement["type"]["label"]["en"] == "Service delivery agreement"
    assert [a["slug"] for a in agreement["service_areas"]] == ["vital-statistics"]
    assert agreement["delivery_channels"][0]["name"] == {"en": "Online", "fr": "En ligne"}
    assert agreement["governing_body"]["chair"]["holders"]
    assert len(agreement["governing_body"]["members"]) == 1
    assert agreement["relations"][0]["reference"] == "OLD-2015-001"

    party = data["parties"][0]
    source = rich_agreement.parties.order_by("sort_order").first()
    assert (
        party["organization"]["jurisdiction"]["name"]["en"]
        == source.organization.jurisdiction.name_en
    )
    assert party["organization"]["jurisdiction"]["level"]["code"] == "provincial"
    assert party["signatory"]["title"]["en"] == source.signatory_position.title_en
    assert party["signatory"]["holders"][0]["name"] == str(
        source.signatory_position.appointments.get().person
    )
    assert party["signed_date"] == "2021-03-15"

    item = data["responsibilities"][0]
    assert item["recurrence"]["code"] == "quarterly"
    assert item["recurrence_anchor"] == "2021-06-30"
    assert item["service_standard"]["en"] == "90% within 10 business days"
    assert item["responsible_party"]["name"]["en"] == source.organization.name_en
    assert item["owner"]["title"]["en"]
    assert item["owner"]["holders_on"] == "2021-04-01"
    assert len(item["owner"]["holders"]) == 1


def test_snapshot_hash_is_sha256_of_canonical_json(rich_agreement):
    version = rich_agreement.versions.get()
    version.refresh_from_db()  # read back through the database's JSON type
    # The documented canonical form, spelled out here rather than asked of canonical_json (the
    # code under test); tests/lifecycle/test_snapshot_golden.py pins a fixed snapshot's digest.
    documented = json.dumps(
        version.snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    assert version.snapshot_sha256 == hashlib.sha256(documented).hexdigest()
    assert version.verify()


def test_canonical_json_ignores_key_order():
    assert (
        canonical_json({"b": 1, "a": "é"})
        == canonical_json({"a": "é", "b": 1})
        == '{"a":"é","b":1}'.encode()
    )
    assert snapshot_digest({"a": 1}) != snapshot_digest({"a": 2})


def test_signatory_holder_is_who_held_the_office_on_signing_day(registrar):
    agreement = agreement_ready()
    party = agreement.parties.first()
    office = party.signatory_position
    incumbent = office.appointments.get()
    incumbent.end_date = D(2021, 3, 20)  # left between signing (03-15) and taking effect (04-01)
    incumbent.save()
    AppointmentFactory(position=office, person=PersonFactory(), start_date=D(2021, 3, 21))
    version = agreement_into_force(agreement, by=registrar).versions.get()
    signatory = version.snapshot["parties"][0]["signatory"]
    assert [h["name"] for h in signatory["holders"]] == [str(incumbent.person)]
    assert signatory["holders_on"] == "2021-03-15"


def test_snapshot_query_count_does_not_grow_with_content(registrar, django_assert_max_num_queries):
    small = agreement_ready(parties=2, responsibilities=1)
    large = agreement_ready(parties=5, responsibilities=12)
    for agreement in (small, large):
        with django_assert_max_num_queries(10):
            build_snapshot(load_agreement(agreement.pk), effective_date=D(2021, 4, 1))
