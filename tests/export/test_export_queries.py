"""The export reads in a fixed number of queries whatever the registry's size: agreements a
chunk at a time, with their versions, PDFs, readable relations and the organisations of posts
outside the parties read once per chunk (`opendata.shapes.detail_prefetch`); reference data adds
none as it grows."""

import pytest

from agreements.models import AgreementRelation
from opendata.export import export_registry
from tests.factories import (
    JurisdictionFactory,
    OrganizationFactory,
    agreement_into_force,
    agreement_ready,
    staffed_position,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish_related(registrar, django_capture_on_commit_callbacks):
    """Publish an agreement whose first responsibility is owned by a post of the lead party's
    parent organisation (outside the parties) and which amends `target` when given."""

    def make(target=None):
        agreement = agreement_ready()
        lead = agreement.parties.order_by("sort_order").first()
        parent = OrganizationFactory(jurisdiction=lead.organization.jurisdiction)
        lead.organization.parent = parent
        lead.organization.save()
        item = agreement.responsibilities.get(responsible_party=lead)
        item.accountability_owner = staffed_position(organization=parent)
        item.save()
        if target is not None:
            AgreementRelation.objects.create(
                source=agreement, target=target, kind=AgreementRelation.Kind.AMENDS
            )
        with django_capture_on_commit_callbacks(execute=True):
            return agreement_into_force(agreement, by=registrar)

    return make


@pytest.mark.parametrize("agreements", [2, 6])
def test_query_count_exact_when_exporting(
    tmp_path, publish_related, django_assert_num_queries, agreements
):
    first = publish_related()
    for _ in range(agreements - 1):
        publish_related(target=first)
    JurisdictionFactory.create_batch(5 * agreements)
    # 1 agreements (current versions), 1 their published versions, 1 PDFs, 1 readable
    # relations, 1 organisations outside the parties; jurisdictions, organisations, posts,
    # people, memberships: 1 each. Eleven whatever the number of agreements.
    with django_assert_num_queries(11):
        counts = export_registry(directory=tmp_path)
    assert counts["agreements"] == agreements
    assert counts["parties"] == 2 * agreements
    exported = (tmp_path / "agreements.json").read_text(encoding="utf-8")
    assert exported.count('"kind": {"code": "amends"') == agreements - 1
