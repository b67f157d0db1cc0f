"""Keeping the search index equal to what the public may read.

An agreement has an entry exactly when `Agreement.objects.published()` holds it, and the entry
holds the text of its current published version: the latest one already in effect. Three things
change that, and each has its call:
- a version is recorded (signature, amendment): `index_agreement` once the transaction commits;
- the agreement's visibility changes: `index_agreement` once the transaction commits;
- a version signed earlier takes effect today (a future effective date): nobody acts then, so
  `reindex_stale` runs daily (`manage.py search_reindex --stale`, or the `refresh_search_index`
  task) and picks up every entry that is missing, out of date or no longer published.
An entry also names who holds each accountable position today (agreements.search.documents).
That changes when an appointment is recorded, edited or removed, or when one starts or ends by
the calendar; `reindex_stale` rewrites those entries too, so names are at most a day behind.
It finds the agreements by their working copy's accountable positions, which are the current
version's except while an amendment is open.
`reindex_all` rebuilds everything (`manage.py search_reindex`), e.g. after a change to what is
indexed. Each of these also brings the browser's read model (agreements.published_read_model)
up to date, since it follows the same changes. Entries are derived data with no history of their own: versions are the record.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from agreements.models import Agreement, AgreementSearchEntry, AgreementVersion, Responsibility
from agreements.published_read_model import (
    read_model_rebuild,
    read_model_refresh,
    read_model_refresh_stale,
)
from agreements.search.documents import TEXT_FIELDS, accountable_position_ids, entry_text
from agreements.search.engine import backend
from jurisdictions.models import Appointment

BATCH_SIZE = 500
# Entries written in one transaction from which, on PostgreSQL, the full-text indexes take them
# in bulk (`entries_bulk_writing`).
BULK_ENTRIES = 1000
# The GIN indexes of a table that take each entry at once (fastupdate off).
_DIRECT_GIN_INDEXES = """
    SELECT index.relname FROM pg_index AS i
    JOIN pg_class AS index ON index.oid = i.indexrelid
    JOIN pg_am AS method ON method.oid = index.relam
    WHERE i.indrelid = %s::regclass AND method.amname = 'gin'
    AND 'fastupdate=off' = ANY(index.reloptions)
    ORDER BY index.relname
"""


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


def holders_today(
    versions: Iterable[AgreementVersion], *, today: datetime.date | None = None
) -> dict[int, list[str]]:
    """Who holds the versions' accountable positions on `today`, by position (one query)."""
    position_ids = set().union(*(accountable_position_ids(v.snapshot) for v in versions))
    names: dict[int, list[str]] = defaultdict(list)
    if not position_ids:
        return names
    appointments = (
        Appointment.objects.current_on(today or timezone.localdate())
        .filter(position_id__in=position_ids)
        .select_related("person")
        .order_by("start_date", "pk")
    )
    for appointment in appointments:
        names[appointment.position_id].append(str(appointment.person))
    return names


def _entry(version: AgreementVersion, holders: dict[int, list[str]]) -> AgreementSearchEntry:
    return AgreementSearchEntry(
        agreement_id=version.agreement_id,
        version_id=version.pk,
        updated_at=timezone.now(),
        **entry_text(version.snapshot, holders=holders),
    )


def index_agreement(
    *, agreement_id: int, today: datetime.date | None = None
) -> AgreementSearchEntry | None:
    """Make the agreement's entry hold its current published version, or remove the entry when
    the public may not read it (restricted, or no version in effect yet). Idempotent; returns
    the entry, or None when there is none. Call it on transaction commit. The browser's read
    model (agreements.published_read_model) changes with the index: it is refreshed too."""
    read_model_refresh([agreement_id], day=today)
    return index_search_entry(agreement_id=agreement_id, today=today)


def index_search_entry(
    *, agreement_id: int, today: datetime.date | None = None
) -> AgreementSearchEntry | None:
    """`index_agreement` without the read model: only the search entry, for callers that
    refreshed the read model already (the request behind `index_agreement_task`)."""
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
    entry = _entry(version, holders_today([version], today=today))
    values = {name: getattr(entry, name) for name in ("version_id", "updated_at", *TEXT_FIELDS)}
    entry, _created = AgreementSearchEntry.objects.update_or_create(
        agreement_id=agreement_id, defaults=values
    )
    return entry


@contextmanager
def entries_bulk_writing(*, count: int) -> Iterator[None]:
    """Around writing `count` entries inside the caller's transaction (an import): on
    PostgreSQL, when they are many (BULK_ENTRIES), the full-text GIN indexes take them in bulk.

    Those indexes have fastupdate off, so that searches never scan a pending list; each entry
    written then updates every index once per distinct word, which made writing the 9,506
    entries of an import of 10,000 agreements cost 21 s of server CPU, 14 s of it in the indexes.
    Here the indexes take the new entries into their pending list (fastupdate on, a list large
    enough for all of them), merged into each index once at the end (`gin_clean_pending_list`,
    sorted in memory), then fastupdate is off again: about 3 s instead of 14, and the indexes
    end as they were, with no pending list. All of it in a savepoint, undone with it.
    Changing fastupdate locks the indexes (ACCESS EXCLUSIVE) until the transaction ends, so
    searches wait for the import to commit: call this at the end of a long transaction. Fewer
    entries, or SQLite: nothing changes."""
    if connection.vendor != "postgresql" or count < BULK_ENTRIES:
        yield
        return
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_DIRECT_GIN_INDEXES, [AgreementSearchEntry._meta.db_table])
        names = [row[0] for row in cursor.fetchall()]
        try:
            # A deployment whose web role does not own the tables may not alter their indexes:
            # then the entries are written one by one, as for a small import.
            with transaction.atomic():
                for name in names:
                    cursor.execute(f"ALTER INDEX {quote(name)} SET (fastupdate = on)")
        except DatabaseError:
            names = []
        # For this transaction only: the pending list holds every entry (no merge on the way),
        # and the merge sorts it in memory.
        cursor.execute("SET LOCAL gin_pending_list_limit = '1GB'")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        yield
        for name in names:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [quote(name)])
            cursor.execute(f"ALTER INDEX {quote(name)} SET (fastupdate = off)")


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _write(versions: QuerySet, batch_size: int, today: datetime.date | None = None) -> int:
    """Upsert the entries of `versions`, a batch per transaction. The ids are read first, so
    the writes cannot disturb the query that chose them (SQLite has no isolation inside one
    connection)."""
    ids = list(versions.order_by("agreement_id").values_list("pk", flat=True))
    for batch in _batches(ids, batch_size):
        loaded = list(
            AgreementVersion.objects.filter(pk__in=batch).only("pk", "agreement_id", "snapshot")
        )
        holders = holders_today(loaded, today=today)
        with transaction.atomic():
            AgreementSearchEntry.objects.bulk_create(
                [_entry(version, holders) for version in loaded],
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
    """Rewrite every entry from the current published versions and remove the others, and
    rebuild the browser's read model."""
    read_model_rebuild(day=today)
    indexed = _write(current_versions(today=today), batch_size, today)
    removed = _remove_unpublished(today)
    with connection.cursor() as cursor:
        backend().optimize(cursor)
    return ReindexRun(indexed=indexed, removed=removed)


def reindex_stale(
    *, today: datetime.date | None = None, batch_size: int = BATCH_SIZE
) -> ReindexRun:
    """Index the agreements whose entry is missing or holds an older version, and remove the
    entries of agreements no longer published. Cheap when nothing changed: run it daily. The
    browser's read model is brought up to date the same way (versions taking effect today)."""
    read_model_refresh_stale(day=today)
    indexed_already = AgreementSearchEntry.objects.filter(
        agreement=OuterRef("agreement"), version=OuterRef("pk")
    )
    stale = current_versions(today=today).filter(
        ~Exists(indexed_already) | Q(agreement_id__in=_holders_changed(today=today))
    )
    return ReindexRun(indexed=_write(stale, batch_size, today), removed=_remove_unpublished(today))


def _holders_changed(*, today: datetime.date | None = None) -> QuerySet:
    """Agreement ids of entries written before a change to who holds one of the agreement's
    accountable positions today: an appointment recorded, edited or removed since (its
    history), or one that started or ended by the calendar since the entry's day.

    Positions whose holders changed since the oldest entry was written are found first (few,
    usually none: then no entry is examined), and only entries naming one of them are checked
    against their own time."""
    day = today or timezone.localdate()
    oldest = AgreementSearchEntry.objects.aggregate(oldest=Min("updated_at"))["oldest"]
    if oldest is None:
        return AgreementSearchEntry.objects.none().values("agreement_id")
    since = timezone.localdate(oldest)
    history = Appointment.history.model.objects
    calendar = Q(start_date__gt=since, start_date__lte=day) | Q(
        end_date__gte=since, end_date__lt=day
    )
    recorded = history.filter(history_date__gt=oldest).values("position_id")
    moved = Appointment.objects.filter(calendar).values("position_id")
    if not recorded.exists() and not moved.exists():
        return AgreementSearchEntry.objects.none().values("agreement_id")

    written, written_on = OuterRef(OuterRef("updated_at")), OuterRef(OuterRef("written_on"))
    edited = history.filter(
        position_id=OuterRef("accountability_owner_id"), history_date__gt=written
    )
    started_or_ended = Appointment.objects.filter(
        position_id=OuterRef("accountability_owner_id")
    ).filter(
        Q(start_date__gt=written_on, start_date__lte=day)
        | Q(end_date__gte=written_on, end_date__lt=day)
    )
    owned = (
        Responsibility.objects.filter(agreement_id=OuterRef("agreement_id"))
        .filter(Q(accountability_owner_id__in=recorded) | Q(accountability_owner_id__in=moved))
        .filter(Exists(edited) | Exists(started_or_ended))
    )
    return (
        AgreementSearchEntry.objects.annotate(written_on=TruncDate("updated_at"))
        .filter(Exists(owned))
        .values("agreement_id")
    )
