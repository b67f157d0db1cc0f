import datetime

import pytest

from agreements import search
from agreements.models import AgreementSearchEntry
from tests.factories import amendment_signed

pytestmark = pytest.mark.django_db


def retitle(title):
    def change(agreement):
        agreement.title_en = title
        agreement.save()
        # English only, as published: the registrar's reason lets the parity gate sign it.
        amendment = agreement.amendments.open().get()
        amendment.parity_exemption_reason = "Published in English only by the test."
        amendment.save()

    return change


def test_new_version_replaces_the_indexed_text(published, registrar):
    agreement = published(title_en="Ferry schedules")
    version = amendment_signed(
        agreement,
        by=registrar,
        effective_date=datetime.date(2024, 1, 1),
        change=retitle("Bridge tolls"),
    )

    entry = search.index_agreement(agreement_id=agreement.pk)

    assert entry.version == version
    assert search.search("bridge tolls", language="en").ids == [agreement.pk]
    assert search.search("ferry", language="en").total == 0


def test_version_taking_effect_later_is_indexed_on_its_effective_date(published, registrar, future):
    agreement = published(title_en="Ferry schedules")
    amendment_signed(agreement, by=registrar, effective_date=future, change=retitle("Bridge tolls"))

    search.index_agreement(agreement_id=agreement.pk)
    assert search.search("ferry", language="en").ids == [agreement.pk]

    run = search.reindex_stale(today=future)

    assert (run.indexed, run.removed) == (1, 0)
    assert search.search("bridge", language="en").ids == [agreement.pk]
    assert search.search("ferry", language="en").total == 0


def test_reindex_stale_writes_nothing_when_the_index_is_current(published):
    published(title_en="Ferry schedules")

    assert search.reindex_stale() == search.ReindexRun(indexed=0, removed=0)


def test_reindex_all_rewrites_every_entry_and_is_idempotent(published):
    first, second = published(title_en="Ferry schedules"), published(title_en="Bridge tolls")
    AgreementSearchEntry.objects.filter(pk=first.pk).delete()

    assert search.reindex_all() == search.ReindexRun(indexed=2, removed=0)
    assert search.reindex_all() == search.ReindexRun(indexed=2, removed=0)
    assert search.search("ferry", language="en").ids == [first.pk]
    assert search.search("bridge", language="en").ids == [second.pk]
