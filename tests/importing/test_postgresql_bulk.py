"""An import's bulk writes on PostgreSQL (opendata.importing.bulk, agreements.search.indexing):
many rows through COPY, the search entries taken by the full-text indexes in bulk, and large
values compressed with lz4. The rows written are the same as on SQLite."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, AgreementSearchEntry
from agreements.search import indexing
from agreements.search.engine import search
from jurisdictions.models import Person
from opendata.importing import bulk, import_folder, signing

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's COPY, GIN indexes and compression"
)


def _gin_options() -> dict[str, list[str]]:
    """{index name: storage options} of the search entries' GIN indexes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE i.indrelid = 'agreements_agreementsearchentry'::regclass "
            "AND a.amname = 'gin' ORDER BY c.relname"
        )
        return dict(cursor.fetchall())


def test_many_rows_get_their_keys_in_order(registrar, monkeypatch):
    monkeypatch.setattr(bulk, "COPY_FROM", 2)
    people = [Person(given_name=f"Given {n}", family_name=f"Family\t{n}\\") for n in range(5)]
    bulk.bulk_insert(Person, people)
    stored = dict(Person.objects.values_list("pk", "family_name"))
    assert stored == {person.pk: f"Family\t{n}\\" for n, person in enumerate(people)}
    assert [person._state.adding for person in people] == [False] * 5


@postgresql_only
def test_many_rows_copied_after_taking_their_keys(registrar, monkeypatch):
    monkeypatch.setattr(bulk, "COPY_FROM", 2)
    people = [Person(given_name="Ada", family_name=f"Byron {n}") for n in range(3)]
    with CaptureQueriesContext(connection) as queries:
        bulk.bulk_insert(Person, people)
    # The keys from the sequence; the rows through COPY, which Django's query log does not see.
    assert len(queries) == 1
    assert "nextval" in queries[0]["sql"]
    assert Person.objects.filter(pk__in=[p.pk for p in people]).count() == 3


@postgresql_only
def test_search_indexes_take_many_entries_in_bulk_and_end_as_they_were(
    registrar, export_of_three, monkeypatch
):
    monkeypatch.setattr(indexing, "BULK_ENTRIES", 1)
    before = _gin_options()
    assert len(before) == 3
    assert all(options == ["fastupdate=off"] for options in before.values())
    seen = []
    write = signing._search_entries_write

    def watched(*args):
        seen.append(_gin_options())
        write(*args)

    monkeypatch.setattr(signing, "_search_entries_write", watched)
    import_folder(export_of_three, by=registrar)
    assert seen == [{name: ["fastupdate=on"] for name in before}]
    assert _gin_options() == before
    assert AgreementSearchEntry.objects.count() == Agreement.objects.count() == 3
    word = Agreement.objects.order_by("pk").first().reference
    assert search(word).total == 1


@postgresql_only
def test_entries_written_one_by_one_when_the_indexes_may_not_be_altered(
    registrar, export_of_three, monkeypatch
):
    # A role that does not own the indexes gets an error from ALTER INDEX, as for an index that
    # is not there: the import goes on without the bulk mode.
    monkeypatch.setattr(indexing, "BULK_ENTRIES", 1)
    monkeypatch.setattr(
        indexing, "_DIRECT_GIN_INDEXES", "SELECT 'no_such_index' WHERE %s::regclass IS NOT NULL"
    )
    before = _gin_options()
    import_folder(export_of_three, by=registrar)
    assert _gin_options() == before
    assert AgreementSearchEntry.objects.count() == Agreement.objects.count() == 3
    word = Agreement.objects.order_by("pk").first().reference
    assert search(word).total == 1


@postgresql_only
def test_large_values_compressed_with_lz4_for_the_import_only(registrar):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        if not cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL server is built without lz4")
        with transaction.atomic():  # a savepoint here: what it sets goes with it
            bulk.bulk_session()
            cursor.execute("SHOW default_toast_compression")
            assert cursor.fetchone()[0] == "lz4"
            transaction.set_rollback(True)
        cursor.execute("SHOW default_toast_compression")
        assert cursor.fetchone()[0] == "pglz"
