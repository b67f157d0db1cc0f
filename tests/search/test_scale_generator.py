"""benchmarks.scale writes published agreements fast for benchmarks and size tests; what it
writes must obey the same public rule as everything else."""

import pytest

from agreements import search
from agreements.models import Agreement, AgreementSearchEntry, AgreementVersion
from benchmarks.scale import generate

pytestmark = pytest.mark.django_db


def test_generated_agreements_have_verifiable_versions_and_only_published_ones_are_indexed():
    scale = generate(agreements=40, restricted_share=0.2, pending_share=0.2, seed=7)

    assert len(scale.agreements) == 40
    assert scale.restricted and scale.pending and scale.published
    assert sorted(Agreement.objects.published().values_list("pk", flat=True)) == sorted(
        scale.published
    )
    assert sorted(AgreementSearchEntry.objects.values_list("agreement_id", flat=True)) == sorted(
        scale.published
    )
    assert all(version.verify() for version in AgreementVersion.objects.all())


def test_generating_again_adds_agreements_with_new_references():
    first = generate(agreements=5, index=False)
    second = generate(agreements=5, restricted_share=0, pending_share=0)

    references = Agreement.objects.values_list("reference", flat=True)
    assert len(set(references)) == 10
    assert (
        search.search(second.references[second.agreements[0]], language="en").ids[0]
        == (second.agreements[0])
    )
    assert not set(first.agreements) & set(second.agreements)
