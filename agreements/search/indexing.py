"""Keeping the search index equal to what the public may read.

An agreement has an entry exactly when `Agreement.objects.published()` holds it, and the entry
holds the text of its current published version: the latest one already in effect. Three things
change that, and each has its call:
- a version is recorded (signature, amendment): `index_agreement` once the transaction commits;
- the agreement's visibility changes: `index_agreement` once the transaction commits;
- a version signed earlier takes effect today (a future effective date): nobody acts then, so
  `reindex_stale` runs daily (`manage.py search_reindex --stale`, or the `refresh_search_index`
  task) and picks up every entry that is missing, out of date or no longer published.
`reindex_all` rebuilds everything (`manage.py search_reindex`), e.g. after a change to what is
indexed. Entries are derived data with no history of their own: versions are the record.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from agreements.models import Agreement, AgreementSearchEntry, AgreementVersion
from agreements.search.documents import TEXT_FIELDS, entry_text
from agreements.search.engine import backend

BATCH_SIZE = 500


@dataclass(frozen=True)
class ReindexRun:
    """What a reindex did: entries written and entries removed."""

    indexed: int
    removed: int


def current_versions(*, today: datetime.date | None = None) -> QuerySet:
    """For each published agreement, the published version in effect latest by `today`."""
    published = AgreementVersion.objects.published(on=today)
    later = published.filter(
        agreement=OuterRef("agreement"), effective_date__gt=OuterRef("effective_date")
    )
    return published.exclude(Exists(later))


def _entry(version: AgreementVersion) -> AgreementSearchEntry:
    return AgreementSearchEntry(
        agreement_id=version.agreement_id,
        version_id=version.pk,
        updated_at=timezone.now(),
        **entry_text(version.snapshot),
    )


def index_agreement(
    *, agreement_id: int, today: datetime.date | None = None
) -> AgreementSearchEntry | None:
    """Make the agreement's entry hold its current published version, or remove the entry when
    the public may not read it (restricted, or no version in effect yet). Idempotent; returns
    the entry, or None when there is none. Call it on transaction commit."""
    version = (
        AgreementVersion.objects.published(on=today)
        .filter(agreement_id=agreement_id)
        .order_by("-effective_date", "-number")
        .only("pk", "agreement_id", "snapshot")
        .first()
    )
    if version is None:
        AgreementSearchEntry.objects.filter(agreement_id=agreement_id).delete()
        return None
    entry = _entry(version)
    values = {name: getattr(entry, name) for name in ("version_id", "updated_at", *TEXT_FIELDS)}
    entry, _created = AgreementSearchEntry.objects.update_or_create(
        agreement_id=agreement_id, defaults=values
    )
    return entry


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _write(versions: QuerySet, batch_size: int) -> int:
    """Upsert the entries of `versions`, a batch per transaction. The ids are read first, so
    the writes cannot disturb the query that chose them (SQLite has no isolation inside one
    connection)."""
    ids = list(versions.order_by("agreement_id").values_list("pk", flat=True))
    for batch in _batches(ids, batch_size):
        loaded = AgreementVersion.objects.filter(pk__in=batch).only(
            "pk", "agreement_id", "snapshot"
        )
        with transaction.atomic():
            AgreementSearchEntry.objects.bulk_create(
                [_entry(version) for version in loaded],
                update_conflicts=True,
                unique_fields=["agreement"],
                update_fields=["version", "updated_at", *TEXT_FIELDS],
            )
    return len(ids)


def _remove_unpublished(today: datetime.date | None) -> int:
    published = Agreement.objects.published(on=today).values("pk")
    removed, _by_model = AgreementSearchEntry.objects.exclude(agreement__in=published).delete()
    return removed


def reindex_all(*, today: datetime.date | None = None, batch_size: int = BATCH_SIZE) -> ReindexRun:
    """Rewrite every entry from the current published versions and remove the others."""
    indexed = _write(current_versions(today=today), batch_size)
    removed = _remove_unpublished(today)
    with connection.cursor() as cursor:
        backend().optimize(cursor)
    return ReindexRun(indexed=indexed, removed=removed)


def reindex_stale(
    *, today: datetime.date | None = None, batch_size: int = BATCH_SIZE
) -> ReindexRun:
    """Index the agreements whose entry is missing or holds an older version, and remove the
    entries of agreements no longer published. Cheap when nothing changed: run it daily."""
    indexed_already = AgreementSearchEntry.objects.filter(
        agreement=OuterRef("agreement"), version=OuterRef("pk")
    )
    stale = current_versions(today=today).exclude(Exists(indexed_already))
    return ReindexRun(indexed=_write(stale, batch_size), removed=_remove_unpublished(today))
