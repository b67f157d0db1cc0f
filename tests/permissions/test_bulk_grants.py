"""`agreements_grants_bulk` grants exactly what `agreement_grants_sync` would, for many agreements
in a number of queries that does not grow with them."""

import pytest

from agreements.models import AgreementGroupObjectPermission
from agreements.services.parties import agreement_grants_sync, agreements_grants_bulk
from tests.factories import AgreementFactory, OrganizationFactory, PartyFactory

pytestmark = pytest.mark.django_db


def _grants() -> set[tuple[int, int, int]]:
    return set(
        AgreementGroupObjectPermission.objects.values_list(
            "content_object_id", "group_id", "permission_id"
        )
    )


def _agreements(count: int):
    department = OrganizationFactory()
    agency = OrganizationFactory(parent=department, jurisdiction=department.jurisdiction)
    partner = OrganizationFactory()
    agreements = []
    for _ in range(count):
        agreement = AgreementFactory()
        PartyFactory(agreement=agreement, organization=agency)
        PartyFactory(agreement=agreement, organization=partner)
        agreements.append(agreement)
    return agreements


def test_same_grants_as_the_one_by_one_sync():
    agreements = _agreements(3)
    for agreement in agreements:
        agreement_grants_sync(agreement=agreement)
    expected = _grants()
    # Liaison rows for the two parties, minister's-office rows for them and the agency's parent.
    assert len({group for _a, group, _p in expected}) == 5
    AgreementGroupObjectPermission.objects.all().delete()

    written = agreements_grants_bulk(agreement_ids=[a.pk for a in agreements])

    assert _grants() == expected
    assert written == len(expected)
    assert agreements_grants_bulk(agreement_ids=[a.pk for a in agreements]) >= 0
    assert _grants() == expected  # a second run adds nothing


@pytest.mark.parametrize("count", [2, 12])
def test_queries_do_not_grow_with_the_agreements(count, django_assert_num_queries):
    agreements = _agreements(count)
    agreements_grants_bulk(agreement_ids=[a.pk for a in agreements[:1]])  # role groups exist now
    AgreementGroupObjectPermission.objects.all().delete()
    # parties, the tree walk (2 steps), the parents, role groups, permissions, one insert
    with django_assert_num_queries(7):
        agreements_grants_bulk(agreement_ids=[a.pk for a in agreements])
