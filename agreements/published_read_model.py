"""The read model of the published registry (agreements.models.read_model), and when it changes.

The public browser, search restriction, facets and home figures read `PublishedAgreement` and
`PublishedFacet` rows instead of working out, on every request, which agreements the public may
see and what their current published version says. The rule itself stays where it is
(`Agreement.objects.published()`): this module only records its answer, one agreement at a time.

`read_model_refresh(agreement_ids)` rewrites the rows of some agreements from the database; it is
the only writer. It is called:
- when the search index is (agreements.search.indexing): a version recorded (signature,
  amendment, import), the visibility changed, and the daily and full reindexes;
- when an agreement changes state (agreements.services.lifecycle: expiry, termination, ...);
- when a party signs a version already in force (agreements.services.signatures: its offices
  become public positions);
- for rows whose `due_on` has come (`refresh_due`): a version signed with a later effective date
  takes effect. Readers call `public_rows()`, which does this first, so the read model is right
  on the day even before the daily job runs. It costs no query: the earliest `due_on` of all
  rows is kept in the shared cache (`next_due`), checked against today, and forgotten by every
  write of the rows (`read_model_written`), so the database is asked only when that day comes.
An amendment being negotiated changes nothing the public sees: facts are taken from the relational
working copy only when it equals the current published version, otherwise from that version's
snapshot (the divergence rule below), and they are kept until the next refresh.
`read_model_rebuild()` rewrites everything (`manage.py search_reindex`, migration 0016).
The stored counts (`PublishedFacetCount` per facet value, `PublishedPairCount` per two
jurisdictions of one agreement) follow every write by its difference, in the same transaction,
and are counted again from the links by a rebuild. The public positions (`PublishedPosition`, the
rule of cms.public_positions) are written with the rows, from where
`agreements.published_positions` says (migration 0018 rebuilt them).
"""

import datetime
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations, islice

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Exists, F, Min, Model, OuterRef, Q, QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementVersion,
    Amendment,
    Party,
    PublishedAgreement,
    PublishedFacet,
    PublishedFacetCount,
    PublishedPairCount,
    PublishedPosition,
    ServiceArea,
)
from agreements.published_positions import Named, batch_positions, position_rows
from jurisdictions.models import Jurisdiction, Organization
from registry.cache_versions import CacheVersion

FACETS = ("jurisdiction", "level", "organization", "service_area", "type", "state", "year")
JURISDICTION = "jurisdiction"  # the facet whose values are paired (PublishedPairCount)
BATCH_SIZE = 500
# Stored counts changed by one statement (`_add_to_counts`).
COUNT_UPDATE_BATCH = 500
SORT_KEY_LENGTH = 300
SERVICE_AREA_LINK = Agreement.service_areas.through
REFERENCE_MODELS = {
    "jurisdiction": Jurisdiction,
    "organization": Organization,
    "service_area": ServiceArea,
}


def today() -> datetime.date:
    return timezone.localdate()


# --- The divergence rule (shared with cms.published) ----------------------------------------------


def current_versions(*, on: datetime.date | None = None) -> QuerySet[AgreementVersion]:
    """For each published agreement, its latest published version (the one the public reads)."""
    published = AgreementVersion.objects.published(on=on)
    later = published.filter(agreement=OuterRef("agreement"), number__gt=OuterRef("number"))
    return published.exclude(Exists(later))


def divergent_condition(*, on: datetime.date | None = None) -> Q:
    """Agreements whose working copy may differ from their current published version: an open
    amendment (the working copy is being edited) or a signed version not in effect yet."""
    day = on or today()
    open_amendment = Amendment.objects.open().filter(agreement=OuterRef("pk"))
    not_yet_effective = AgreementVersion.objects.filter(
        agreement=OuterRef("pk"), effective_date__gt=day
    )
    return Q(Exists(open_amendment)) | Q(Exists(not_yet_effective))


def sort_key(text: str | None) -> str:
    """A title as the browser sorts it: case and accents folded ("École" sorts as "ecole")."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.split())[:SORT_KEY_LENGTH]


# --- Reading -------------------------------------------------------------------------------------


def public_rows(*, day: datetime.date | None = None) -> QuerySet[PublishedAgreement]:
    """The rows of the agreements the public may read on `day` (today), due rows refreshed
    first (no query until a row's day comes). Equal to `Agreement.objects.published()`
    (tests/site/test_read_model.py)."""
    refresh_due(day=day)
    return PublishedAgreement.objects.filter(public=True)


def refresh_due(*, day: datetime.date | None = None) -> int:
    """Refresh the rows whose `due_on` has come (a version took effect since they were written,
    or the day moved on). No query while the earliest due day is still ahead (`next_due`).
    Returns how many were refreshed."""
    day = day or today()
    earliest = next_due()
    if earliest is None or earliest > day:
        return 0
    due = list(PublishedAgreement.objects.filter(due_on__lte=day).values_list("pk", flat=True))
    if due:
        read_model_refresh(due, day=day)  # which forgets the earliest due day
    else:  # the rows that were due are gone (deleted, or their transaction rolled back)
        READ_MODEL_VERSION.raise_now()
    return len(due)


# --- The earliest due day, in the shared cache ---------------------------------------------------
# Kept with the read-model version it was read under, and valid only while that version is the
# current one. Every write of the rows raises the version (now, and again once the transaction
# commits, as cms.routing does), so a value read by any process before a write committed is never
# taken for current afterwards: no process holds a copy of its own.

VERSION_KEY = "read-model:version"
READ_MODEL_VERSION = CacheVersion(VERSION_KEY)
NEXT_DUE_KEY = "read-model:next-due"
# Bounds how long a value can outlive a write whose process died between its commit and raising
# the version; otherwise the version alone decides.
NEXT_DUE_SECONDS = 600


def read_model_written() -> None:
    """Forget the earliest due day: now (for this transaction's own reads) and once the
    transaction commits (for readers that read the rows before the commit)."""
    READ_MODEL_VERSION.raise_now_and_on_commit()


def next_due() -> datetime.date | None:
    """The earliest `due_on` of all rows (None when no version is waiting for its day): one
    cache read, and one query when the cache does not hold it for the current version. Without
    a cache every process shares (settings.SITE_STRUCTURE_CACHE off: production without Redis),
    a value kept by one process would not learn of another's writes, so it is read every time."""
    if not settings.SITE_STRUCTURE_CACHE:
        return PublishedAgreement.objects.aggregate(earliest=Min("due_on"))["earliest"]
    kept = cache.get_many([VERSION_KEY, NEXT_DUE_KEY])  # one round trip for both
    version = kept.get(VERSION_KEY) or READ_MODEL_VERSION.current()
    stored = kept.get(NEXT_DUE_KEY)
    if stored is not None and stored[0] == version:
        return stored[1]
    earliest = PublishedAgreement.objects.aggregate(earliest=Min("due_on"))["earliest"]
    cache.set(NEXT_DUE_KEY, (version, earliest), timeout=NEXT_DUE_SECONDS)
    return earliest


# --- Writing -------------------------------------------------------------------------------------


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _snapshot_links(snapshot: dict) -> set[tuple[str, str]]:
    links = {("type", snapshot["agreement"]["type"]["code"])}
    for party in snapshot["parties"]:
        organization = party["organization"]
        jurisdiction = organization["jurisdiction"]
        links.add(("organization", organization["slug"]))
        links.add(("jurisdiction", jurisdiction["slug"]))
        links.add(("level", jurisdiction["level"]["code"]))
    for area in snapshot["agreement"]["service_areas"]:
        links.add(("service_area", area["slug"]))
    return links


def _relational_links(ids: set[int]) -> dict[int, set[tuple[str, str]]]:
    """Content facets of agreements whose working copy is their current published version."""
    links: dict[int, set[tuple[str, str]]] = defaultdict(set)
    if not ids:
        return links
    parties = Party.objects.filter(agreement_id__in=ids).values_list(
        "agreement_id",
        "organization__slug",
        "organization__jurisdiction__slug",
        "organization__jurisdiction__level",
    )
    for agreement_id, organization, jurisdiction, level in parties:
        links[agreement_id] |= {
            ("organization", organization),
            ("jurisdiction", jurisdiction),
            ("level", level),
        }
    areas = SERVICE_AREA_LINK.objects.filter(agreement_id__in=ids).values_list(
        "agreement_id", "servicearea__slug"
    )
    for agreement_id, slug in areas:
        links[agreement_id].add(("service_area", slug))
    for agreement_id, agreement_type in Agreement.objects.filter(pk__in=ids).values_list(
        "pk", "agreement_type"
    ):
        links[agreement_id].add(("type", agreement_type))
    return links


def _count_changes(
    model: type[Model], key: tuple[str, str], before: Counter, after: Counter
) -> None:
    """Apply the difference between the counts removed and written to the stored counts
    (`model`, a row per `key` with an `agreements` column), with row-level increments (safe
    beside another refresh)."""
    by_delta: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for values in before.keys() | after.keys():
        delta = after[values] - before[values]
        if delta:
            by_delta[delta].append(values)
    if not by_delta:
        return
    model.objects.bulk_create(
        [
            model(**dict(zip(key, values, strict=True)))
            for keys in by_delta.values()
            for values in keys
        ],
        ignore_conflicts=True,
    )
    deltas = [(*values, delta) for delta, keys in by_delta.items() for values in keys]
    for batch in _batches(deltas, COUNT_UPDATE_BATCH):
        _add_to_counts(model, key, batch)


def _add_to_counts(model: type[Model], key: tuple[str, str], rows: list[tuple]) -> None:
    """`agreements += delta` for each (key values..., delta) of `rows`, in one statement (UPDATE
    … FROM VALUES, on both databases): an import's first refresh changes about a thousand
    counts per batch, each by its own amount, and one statement per amount took seconds of
    round trips on PostgreSQL."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(model._meta.get_field(name).column) for name in key]
    count = quote(model._meta.get_field("agreements").column)
    width = len(key) + 1
    matches = " AND ".join(
        f"{table}.{column} = v.column{n}" for n, column in enumerate(columns, start=1)
    )
    values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(rows))
    assignment = f"{count} = {table}.{count} + v.column{width}"
    sql = f"UPDATE {table} SET {assignment} FROM (VALUES {values}) AS v WHERE {matches}"  # noqa: S608  # nosec B608 # names from the model's meta, every value a %s parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def _jurisdiction_pairs(links: Iterable[tuple[int, str, str]]) -> Counter:
    """{(first, second): agreements} from (agreement, facet, value) links: each agreement once
    for every two of its jurisdictions, the slugs in Python's order (PublishedPairCount)."""
    by_agreement: dict[int, set[str]] = defaultdict(set)
    for agreement_id, facet, value in links:
        if facet == JURISDICTION:
            by_agreement[agreement_id].add(value)
    pairs: Counter = Counter()
    for slugs in by_agreement.values():
        pairs.update(combinations(sorted(slugs), 2))
    return pairs


def jurisdiction_pair_rows(agreements: QuerySet | None = None) -> list[tuple[str, str, int]]:
    """(slug, other slug, agreements) for every two jurisdictions of one public agreement, each
    agreement once per pair, among `agreements` (a query of ids) or all of them, counted live
    from the facet rows. The slugs come in the database's order, not necessarily Python's.

    The facet table is joined to itself on the agreement directly: the ORM's path
    (`agreement__facets`) would pass through the agreement rows, one more index search per facet
    row for nothing, since facet rows exist for public agreements only. Both sides are read from
    the (facet, value, agreement) and (agreement, facet, value) indexes alone."""
    table = connection.ops.quote_name(PublishedFacet._meta.db_table)
    within, params = "", [JURISDICTION, JURISDICTION]
    if agreements is not None:
        subquery, subparams = agreements.query.sql_with_params()
        within = f" AND a.agreement_id IN ({subquery})"
        params.extend(subparams)
    # Only a quoted table name and the ORM's own SQL for the ids are formatted in; every value is
    # a parameter.
    pairs = f"{table} a INNER JOIN {table} b ON b.agreement_id = a.agreement_id"
    sql = f"SELECT a.value, b.value, COUNT(*) FROM {pairs} AND b.facet = %s AND a.value < b.value"  # noqa: S608 # nosec B608
    sql += f" WHERE a.facet = %s{within} GROUP BY a.value, b.value"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _recount(*, pair_counts: bool = True) -> None:
    """Write every stored count again from the links (after a rebuild)."""
    PublishedFacetCount.objects.all().delete()
    counted = PublishedFacet.objects.order_by().values("facet", "value").annotate(n=Count("id"))
    PublishedFacetCount.objects.bulk_create(
        [
            PublishedFacetCount(facet=r["facet"], value=r["value"], agreements=r["n"])
            for r in counted
        ],
        batch_size=1000,
    )
    if pair_counts:
        pair_counts_rebuild()


def pair_counts_rebuild() -> None:
    """Write every jurisdiction pair count again from the facet rows (a rebuild, migration
    0017). Each pair comes once from the self-join, in the database's string order; it is
    stored in Python's, the order the refreshes write."""
    PublishedPairCount.objects.all().delete()
    PublishedPairCount.objects.bulk_create(
        [
            PublishedPairCount(first=min(a, b), second=max(a, b), agreements=n)
            for a, b, n in jurisdiction_pair_rows()
        ],
        batch_size=1000,
    )


def _write_batch(
    ids: list[int], day: datetime.date, *, count: bool = True, positions: bool = True
) -> int:
    """Rewrite the rows of `ids` (at most BATCH_SIZE), in one transaction holding the
    agreements' row locks, so that two refreshes of one agreement (two processes) run one
    after the other and the stored counts stay exact. Returns how many are public."""
    with transaction.atomic():
        list(Agreement.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        return _write_locked(ids, day, count=count, positions=positions)


def _write_locked(ids: list[int], day: datetime.date, *, count: bool, positions: bool) -> int:
    published = dict(
        Agreement.objects.published(on=day).filter(pk__in=ids).values_list("pk", "state")
    )
    current = {
        row["agreement_id"]: row
        for row in current_versions(on=day)
        .filter(agreement_id__in=published)
        .annotate(
            title_en=KT("snapshot__agreement__title__en"),
            title_fr=KT("snapshot__agreement__title__fr"),
            body=F("snapshot__agreement__governing_body"),
        )
        .values("pk", "agreement_id", "effective_date", "title_en", "title_fr", "body")
    }
    first = dict(
        AgreementVersion.objects.filter(agreement_id__in=published, number=1).values_list(
            "agreement_id", "effective_date"
        )
    )
    due = dict(
        AgreementVersion.objects.filter(agreement_id__in=ids, effective_date__gt=day)
        .values("agreement_id")
        .annotate(due=Min("effective_date"))
        .values_list("agreement_id", "due")
    )
    references = dict(
        Agreement.objects.filter(pk__in=set(published) | set(due)).values_list("pk", "reference")
    )
    divergent = set(
        Agreement.objects.filter(pk__in=published)
        .filter(divergent_condition(on=day))
        .values_list("pk", flat=True)
    )
    links = _relational_links(set(published) - divergent)
    snapshots = dict(
        AgreementVersion.objects.filter(
            pk__in=[current[pk]["pk"] for pk in divergent if pk in current]
        ).values_list("agreement_id", "snapshot")
    )
    for agreement_id, snapshot in snapshots.items():
        links[agreement_id] = _snapshot_links(snapshot)
    # The positions each public agreement's current version names (keyed like `current`).
    named = (
        batch_positions(
            versions={pk: row["pk"] for pk, row in current.items()},
            relational=set(current) - divergent,
            snapshots=snapshots,
            bodies={pk: row["body"] for pk, row in current.items()},
        )
        if positions
        else {}
    )

    rows, facets = [], []
    for pk in sorted(references):
        version = current.get(pk)
        public = pk in published and version is not None
        started = first.get(pk)
        rows.append(
            PublishedAgreement(
                agreement_id=pk,
                public=public,
                version_id=version["pk"] if public else None,
                reference=references[pk],
                title_en_key=sort_key(version["title_en"]) if public else "",
                title_fr_key=sort_key(version["title_fr"] or version["title_en"]) if public else "",
                agreement_type=next((v for f, v in links[pk] if f == "type"), "") if public else "",
                state=published.get(pk, ""),
                first_in_force=started if public else None,
                last_effective=version["effective_date"] if public else None,
                due_on=due.get(pk),
                refreshed_on=day,
            )
        )
        if public:
            values = set(links[pk]) | {("state", published[pk])}
            if started is not None:
                values.add(("year", str(started.year)))
            facets += [
                PublishedFacet(agreement_id=pk, facet=facet, value=value)
                for facet, value in sorted(values)
                if value
            ]
    public_count = sum(1 for row in rows if row.public)
    changed = _changed_ids(ids, rows, facets, named if positions else None)
    if changed:
        rows = [row for row in rows if row.agreement_id in changed]
        facets = [link for link in facets if link.agreement_id in changed]
        named = {pk: value for pk, value in named.items() if pk in changed}
        if count:
            removed = list(
                PublishedFacet.objects.filter(agreement_id__in=changed).values_list(
                    "agreement_id", "facet", "value"
                )
            )
            written = [(link.agreement_id, link.facet, link.value) for link in facets]
            _count_changes(
                PublishedFacetCount,
                ("facet", "value"),
                Counter((facet, value) for _, facet, value in removed),
                Counter((facet, value) for _, facet, value in written),
            )
            _count_changes(
                PublishedPairCount,
                ("first", "second"),
                _jurisdiction_pairs(removed),
                _jurisdiction_pairs(written),
            )
        if positions:
            PublishedPosition.objects.filter(agreement_id__in=changed).delete()
        PublishedFacet.objects.filter(agreement_id__in=changed).delete()
        PublishedAgreement.objects.filter(pk__in=changed).delete()
        PublishedAgreement.objects.bulk_create(rows)
        PublishedFacet.objects.bulk_create(facets)
        if positions:
            PublishedPosition.objects.bulk_create(position_rows(named))
        read_model_written()  # a row may fall due earlier than any before
    return public_count


# What a stored row is compared on; `refreshed_on` is left out, so that refreshing an unchanged
# agreement on another day writes nothing.
_COMPARED = (
    "public",
    "version_id",
    "reference",
    "title_en_key",
    "title_fr_key",
    "agreement_type",
    "state",
    "first_in_force",
    "last_effective",
    "due_on",
)


def _changed_ids(
    ids: list[int], rows: list, facets: list, named: dict[int, Named] | None
) -> set[int]:
    """The agreements of `ids` whose stored row, links or positions differ from `rows`,
    `facets` and `named` (None: positions not compared); an agreement with a stored row and no
    new one counts as changed. Three queries (two without positions), so that refreshing what
    did not change (a second import of the same file) writes nothing."""
    stored_rows = {
        values[0]: values[1:]
        for values in PublishedAgreement.objects.filter(pk__in=ids).values_list(
            "agreement_id", *_COMPARED
        )
    }
    stored_links: dict[int, set] = defaultdict(set)
    for agreement_id, facet, value in PublishedFacet.objects.filter(
        agreement_id__in=ids
    ).values_list("agreement_id", "facet", "value"):
        stored_links[agreement_id].add((facet, value))
    new_links: dict[int, set] = defaultdict(set)
    for link in facets:
        new_links[link.agreement_id].add((link.facet, link.value))
    changed = set(stored_rows) - {row.agreement_id for row in rows}
    for row in rows:
        pk = row.agreement_id
        values = tuple(getattr(row, name) for name in _COMPARED)
        if stored_rows.get(pk) != values or stored_links.get(pk, set()) != new_links[pk]:
            changed.add(pk)
    if named is not None:
        stored_positions: dict[int, Named] = defaultdict(dict)
        for agreement_id, position_id, accountable in PublishedPosition.objects.filter(
            agreement_id__in=ids
        ).values_list("agreement_id", "position_id", "accountable"):
            stored_positions[agreement_id][position_id] = accountable
        changed |= {
            row.agreement_id
            for row in rows
            if stored_positions.get(row.agreement_id, {}) != named.get(row.agreement_id, {})
        }
    return changed


def read_model_refresh(
    agreement_ids: Iterable[int], *, day: datetime.date | None = None, count: bool = True
) -> int:
    """Rewrite the read model of these agreements from the database, as of `day` (today).
    Idempotent; a fixed number of queries per BATCH_SIZE agreements. Returns how many are
    public. Call it wherever what the public sees of an agreement may have changed."""
    return _refresh(agreement_ids, day=day or today(), count=count, positions=True)


def _refresh(
    agreement_ids: Iterable[int], *, day: datetime.date, count: bool, positions: bool
) -> int:
    batches = _batches(sorted(set(agreement_ids)), BATCH_SIZE)
    return sum(_write_batch(batch, day, count=count, positions=positions) for batch in batches)


def read_model_refresh_one(agreement_id: int) -> int:
    """`read_model_refresh([agreement_id])`, for `transaction.on_commit(partial(...))`."""
    return read_model_refresh([agreement_id])


def read_model_rebuild(*, day: datetime.date | None = None, pair_counts: bool = True) -> int:
    """Rewrite the whole read model: a row for every agreement with a signed version, none for
    the others. Returns how many agreements are public. `pair_counts=False` leaves the pair
    counts alone: only for migration 0016, which runs before their table exists (0017 fills it).
    The positions are left alone while their table does not exist yet (migration 0016 again:
    0018 creates it and rebuilds)."""
    day = day or today()
    positions = PublishedPosition._meta.db_table in connection.introspection.table_names()
    ids = list(
        AgreementVersion.objects.order_by("agreement_id")
        .values_list("agreement_id", flat=True)
        .distinct()
    )
    with transaction.atomic():
        PublishedFacet.objects.exclude(
            agreement_id__in=AgreementVersion.objects.values("agreement_id")
        ).delete()
        PublishedAgreement.objects.exclude(
            agreement_id__in=AgreementVersion.objects.values("agreement_id")
        ).delete()
        public = _refresh(ids, day=day, count=False, positions=positions)
        _recount(pair_counts=pair_counts)
        return public


def read_model_refresh_stale(*, day: datetime.date | None = None) -> int:
    """Refresh every row that disagrees with the database today: due rows, and agreements
    whose published status, current version or state differs from their row (e.g. written by
    a bulk update that called no hook), or whose jurisdiction, organisation or service area
    slug no longer exists (renamed). A few indexed queries when all is well: run it daily
    (`manage.py run_daily`, through the search index's `reindex_stale`). Returns how many
    agreements were refreshed."""
    day = day or today()
    rows = PublishedAgreement.objects.filter(public=True)
    published = Agreement.objects.published(on=day)
    stale = set(PublishedAgreement.objects.filter(due_on__lte=day).values_list("pk", flat=True))
    stale |= set(published.exclude(pk__in=rows.values("pk")).values_list("pk", flat=True))
    stale |= set(rows.exclude(pk__in=published.values("pk")).values_list("pk", flat=True))
    stale |= set(
        rows.exclude(version__in=current_versions(on=day).values("pk")).values_list("pk", flat=True)
    )
    stale |= set(rows.exclude(state=F("agreement__state")).values_list("pk", flat=True))
    for facet, model in REFERENCE_MODELS.items():  # a slug renamed since the row was written
        renamed = PublishedFacet.objects.filter(facet=facet).exclude(
            value__in=model.objects.values("slug")
        )
        stale |= set(renamed.values_list("agreement_id", flat=True))
    if stale:
        read_model_refresh(stale, day=day)
    READ_MODEL_VERSION.raise_now()  # and the cached earliest due day, whatever wrote the rows
    return len(stale)
