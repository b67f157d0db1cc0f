"""Only what the public may read is ever found: restricted agreements, drafts and versions not
yet in effect stay out of the index, and index_agreement takes an entry out when that changes."""

import pytest

from agreements import search
from agreements.models import Agreement, AgreementSearchEntry
from tests.factories import AgreementFactory, agreement_ready

pytestmark = pytest.mark.django_db

UNIQUE = "Zanzibarian"


def test_restricted_agreement_is_never_indexed(published):
    agreement = published(title_en=f"{UNIQUE} ferry", visibility=Agreement.Visibility.RESTRICTED)

    assert search.index_agreement(agreement_id=agreement.pk) is None
    assert search.search(UNIQUE, language="en").total == 0
    assert not AgreementSearchEntry.objects.filter(agreement=agreement).exists()


def test_agreement_not_yet_in_effect_is_not_indexed_until_its_effective_date(published, future):
    agreement = published(title_en=f"{UNIQUE} ferry", effective_date=future)

    assert search.search(UNIQUE, language="en").total == 0
    search.index_agreement(agreement_id=agreement.pk, today=future)
    assert search.search(UNIQUE, language="en").ids == [agreement.pk]


def test_draft_without_a_version_is_not_indexed(db):
    draft = agreement_ready(title_en=f"{UNIQUE} ferry")

    assert search.index_agreement(agreement_id=draft.pk) is None
    assert search.reindex_all().indexed == 0
    assert search.search(UNIQUE, language="en").total == 0


def test_entry_is_removed_when_the_agreement_becomes_restricted(published):
    agreement = published(title_en=f"{UNIQUE} ferry")
    assert search.search(UNIQUE, language="en").ids == [agreement.pk]

    agreement.visibility = Agreement.Visibility.RESTRICTED
    agreement.save(update_fields=["visibility"])
    search.index_agreement(agreement_id=agreement.pk)

    assert search.search(UNIQUE, language="en").total == 0
    assert not search.search_filter(Agreement.objects.all(), UNIQUE).exists()


def test_reindex_stale_removes_restricted_and_adds_newly_effective_agreements(published, future):
    restricted = published(title_en=f"{UNIQUE} ferry")
    pending = published(title_en=f"{UNIQUE} bridge", effective_date=future)
    restricted.visibility = Agreement.Visibility.RESTRICTED  # without index_agreement
    restricted.save(update_fields=["visibility"])

    run = search.reindex_stale(today=future)

    assert (run.indexed, run.removed) == (1, 1)
    assert search.search(UNIQUE, language="en").ids == [pending.pk]


def test_reindex_all_indexes_only_published_agreements(published, future):
    public = published(title_en=f"{UNIQUE} ferry")
    published(title_en=f"{UNIQUE} bridge", effective_date=future)
    published(title_en=f"{UNIQUE} canal", visibility=Agreement.Visibility.RESTRICTED)
    AgreementFactory(title_en=f"{UNIQUE} tunnel")

    run = search.reindex_all()

    assert run.indexed == 1
    assert list(AgreementSearchEntry.objects.values_list("agreement_id", flat=True)) == [public.pk]
    assert search.search(UNIQUE, language="en").ids == [public.pk]
