"""Signatures given after a version was recorded (a party signing a multilateral agreement in
force for the parties that had signed) are in the API as on the agreement's page: under their
party, marked `later`, with who held the post that day, and counted in "signed by N of M"."""

import datetime

import pytest

from agreements.models import Party
from agreements.services.signatures import signature_record_later
from tests.factories import agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

SIGNED_LATER = datetime.date(2021, 9, 1)


@pytest.fixture
def partial(registrar):
    """An agreement of `parties` parties in force for the first two, which signed; the others
    have not signed yet."""

    def make(parties=4):
        agreement = agreement_ready(parties=parties, in_force_for_signatories_only=True)
        unsigned = agreement.parties.order_by("sort_order")[2:]
        Party.objects.filter(pk__in=[party.pk for party in unsigned]).update(signed_date=None)
        return agreement_into_force(agreement, by=registrar)

    return make


def _sign_later(agreement, registrar, *indexes):
    parties = list(agreement.parties.select_related("organization").order_by("sort_order"))
    for index in indexes:
        signature_record_later(party=parties[index], by=registrar, signed_date=SIGNED_LATER)
    return parties


def test_later_signature_under_its_party_and_counted_when_a_party_signs_later(
    client, registrar, partial
):
    agreement = partial()
    parties = _sign_later(agreement, registrar, 2)
    post = parties[2].signatory_position
    holder = post.appointments.get().person

    body = client.get(f"/api/v1/agreements/{agreement.reference}").json()

    assert body["signature_status"] == {
        "signed_count": 3,
        "signing_count": 4,
        "in_force_for_signatories_only": True,
        "not_signed": [parties[3].organization.slug],
    }
    signatures = [party["signatures"] for party in body["parties"]]
    assert [[s["later"] for s in each] for each in signatures] == [[False], [False], [True], []]
    assert signatures[2] == [
        {
            "signatory": {
                "id": post.pk,
                "label": {"en": post.title_en, "fr": post.title_fr},
                "organization_id": parties[2].organization.slug,
                "organization_name": {
                    "en": parties[2].organization.name_en,
                    "fr": parties[2].organization.name_fr,
                },
                "holders_on": "2021-09-01",
                "holders": [{"person_id": holder.pk, "name": str(holder), "acting": False}],
            },
            "signed_date": "2021-09-01",
            "later": True,
        }
    ]
    # The version's own record is unchanged: the party signed it after it was recorded.
    assert body["parties"][2]["signed_date"] is None
    assert body["parties"][0]["signed_date"] == "2021-03-15"


def test_status_says_who_has_not_signed_when_no_party_signed_later(client, partial):
    agreement = partial()
    slugs = [p.organization.slug for p in agreement.parties.order_by("sort_order")]

    body = client.get(f"/api/v1/agreements/{agreement.reference}/versions/1").json()

    assert body["signature_status"] == {
        "signed_count": 2,
        "signing_count": 4,
        "in_force_for_signatories_only": True,
        "not_signed": slugs[2:],
    }


def test_status_counts_every_party_when_all_signed_with_the_version(client, publish):
    agreement = publish(parties=3)

    body = client.get(f"/api/v1/agreements/{agreement.reference}").json()

    assert body["signature_status"] == {
        "signed_count": 3,
        "signing_count": 3,
        "in_force_for_signatories_only": False,
        "not_signed": [],
    }
    assert all(not s["later"] for party in body["parties"] for s in party["signatures"])


@pytest.mark.parametrize(("parties", "later"), [(4, (2,)), (7, (2, 3, 4, 5))])
def test_detail_queries_fixed_when_later_signatures_grow(
    client, registrar, partial, django_assert_num_queries, parties, later
):
    agreement = partial(parties=parties)
    _sign_later(agreement, registrar, *later)
    # The 4 of any agreement (tests/api/test_query_counts.py), then its later signatures and
    # who held their posts: 6 however many signed later.
    with django_assert_num_queries(6):
        body = client.get(f"/api/v1/agreements/{agreement.reference}").json()
    assert body["signature_status"]["signed_count"] == 2 + len(later)
    with django_assert_num_queries(6):
        client.get(f"/api/v1/agreements/{agreement.reference}/as-of/2022-01-01")
