"""Search entries written from texts prepared while the versions' snapshots were in memory
(opendata.importing.signing.search_entries_prepare), not read back from the database: the same
entries as indexing each agreement on its own, and only for versions the public reads."""

import pytest

from agreements.models import Agreement, AgreementSearchEntry, AgreementVersion
from agreements.search.documents import TEXT_FIELDS
from agreements.search.indexing import index_search_entry
from opendata.importing import import_folder, recording, signing
from opendata.importing.rows import Run
from tests.factories import agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

COMPARED = ("agreement_id", "version_id", *TEXT_FIELDS)


def _entries() -> list[tuple]:
    return list(AgreementSearchEntry.objects.order_by("agreement_id").values_list(*COMPARED))


def _reindexed() -> list[tuple]:
    """The entries as `index_search_entry` writes them, one agreement at a time."""
    for agreement_id in Agreement.objects.values_list("pk", flat=True):
        index_search_entry(agreement_id=agreement_id)
    return _entries()


def test_entries_come_from_the_prepared_texts_and_match_a_reindex(
    registrar, export_of_three, monkeypatch
):
    calls = []
    write = signing._search_entries_write

    def watched(version_ids, prepared):
        calls.append(all(pk in prepared for pk in version_ids))
        write(version_ids, prepared)

    monkeypatch.setattr(signing, "_search_entries_write", watched)
    import_folder(export_of_three, by=registrar)
    assert calls == [True]  # every text prepared: no snapshot read back
    imported = _entries()
    assert len(imported) == 3
    assert _reindexed() == imported


def test_entries_read_from_the_snapshots_when_not_prepared(registrar, export_of_three, monkeypatch):
    monkeypatch.setattr(recording, "search_entries_prepare", lambda run, versions: None)
    import_folder(export_of_three, by=registrar)
    imported = _entries()
    assert len(imported) == 3
    assert _reindexed() == imported


def test_texts_prepared_only_for_versions_the_public_reads(registrar):
    public = agreement_into_force(agreement_ready(), by=registrar)
    restricted = agreement_into_force(agreement_ready(), by=registrar)
    Agreement.objects.filter(pk=restricted.pk).update(visibility=Agreement.Visibility.RESTRICTED)
    versions = list(AgreementVersion.objects.filter(agreement__in=[public, restricted]))
    run = Run(by=registrar, refresh=True)
    signing.search_entries_prepare(run, versions)
    (version,) = [v for v in versions if v.agreement_id == public.pk]
    assert set(run.entries) == {version.pk}
    agreement_id, texts = run.entries[version.pk]
    assert agreement_id == public.pk
    assert set(texts) == set(TEXT_FIELDS)
