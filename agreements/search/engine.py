"""Answering a search: which agreements match, in what order, one page at a time.

Order, on every database:
1. when the query looks like a reference number, agreements whose reference starts with it:
   the exact reference first, then the others in reference order;
2. agreements whose title in the page's language holds every term, then those whose title in
   the other language does, then the rest;
3. within those groups, relevance (bm25 on SQLite, ts_rank_cd on PostgreSQL, both weighting
   titles over reference and parties over summaries over obligations), then newest first
   (the most recently registered agreement, i.e. the highest id).

Relevance needs a score for every match, 5 to 20 microseconds each (PostgreSQL reads every
matching document back from TOAST): fine for a few hundred, far too slow for a word found in
nearly every agreement ("service": 10,000 matches, 50 to 150 ms). So a query with more than
RANK_LIMIT matches is "broad": steps 1 and 2 still apply, but each group is listed newest first
instead of by score. Each group is then read from the index in id order and stops after one
page, so a broad query costs about as much as a narrow one (benchmarks/bench_search.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Expression, F, QuerySet

from agreements.models import Agreement
from agreements.search.postgresql import PostgreSQLSearch
from agreements.search.sqlite import WITHIN_ID, SQLiteSearch, Within
from agreements.search.terms import ParsedQuery, parse

# Up to this many matches, results are ranked by relevance; beyond, they are "broad" (above).
RANK_LIMIT = 300
LANGUAGES = ("en", "fr")
_TIERS = (0, 1, 2)
_BACKENDS = {"sqlite": SQLiteSearch(), "postgresql": PostgreSQLSearch()}
UNSUPPORTED_DATABASE = "Full-text search supports SQLite and PostgreSQL, not {vendor}."


@dataclass(frozen=True)
class SearchResult:
    """One page of search results: agreement ids in order, and how many match in all."""

    ids: list[int]
    total: int
    # The words searched for (for highlighting); empty when the query had none.
    terms: tuple[str, ...] = ()
    # False when the query was broad and groups are listed newest first, not by relevance.
    ranked: bool = True


def backend():
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(UNSUPPORTED_DATABASE.format(vendor=connection.vendor)) from None


def _language(language: str) -> str:
    code = (language or "").lower()[:2]
    return code if code in LANGUAGES else LANGUAGES[0]


def _lists_each_row_once(query) -> bool:
    """Whether `query` reads a single table (filters through sub-selects only: no join, which
    may repeat a row, no union, no grouping), so each of its rows, and primary keys, comes once."""
    tables = [alias for alias, refs in query.alias_refcount.items() if refs]
    return len(tables) <= 1 and not query.combinator and query.group_by is None


def _compiled(within: QuerySet | Iterable[int] | None) -> Within | None:
    """`within` (a queryset of agreements or of rows keyed by agreement, such as the read
    model's, or agreement ids) as SQL selecting their ids in a column named WITHIN_ID."""
    if within is None:
        return None
    if not isinstance(within, QuerySet):
        within = Agreement.objects.filter(pk__in=list(within))
    ids = within.order_by().annotate(**{WITHIN_ID: F("pk")}).values(WITHIN_ID)
    sql, params = ids.query.sql_with_params()
    return Within(sql, list(params), unique=_lists_each_row_once(ids.query))


def search(
    query: str,
    *,
    language: str = "en",
    limit: int = 10,
    offset: int = 0,
    within: QuerySet | Iterable[int] | None = None,
) -> SearchResult:
    """Agreements in the search index matching every word of `query`, best first.

    The index holds only published agreements (see agreements.search.indexing). `within`, an
    Agreement queryset (e.g. the browser's facet filters over `Agreement.objects.published()`)
    or agreement ids, narrows the matches inside the database. Never raises on user input: a query with no
    words gives no results. Runs two queries when ranked, at most six when broad.
    """
    parsed = parse(query)
    if not parsed or limit <= 0:
        return SearchResult(ids=[], total=0, terms=parsed.terms)
    language, offset = _language(language), max(offset, 0)
    engine, restriction = backend(), _compiled(within)
    with connection.cursor() as cursor:
        total = engine.count(cursor, parsed, restriction)
        if total <= offset:
            return SearchResult(ids=[], total=total, terms=parsed.terms)
        if total <= RANK_LIMIT:
            ids = engine.ranked(
                cursor, parsed, language=language, within=restriction, limit=limit, offset=offset
            )
            return SearchResult(ids=ids, total=total, terms=parsed.terms)
        ids = _broad(cursor, engine, parsed, language, restriction, offset + limit)
    return SearchResult(ids=ids[offset:], total=total, terms=parsed.terms, ranked=False)


def count(query: str, *, within: QuerySet | Iterable[int] | None = None) -> int:
    """How many agreements `search(query, within=within)` finds, in one query: the count that
    `search` itself runs first (on SQLite it merges a common word's matches with `within`
    instead of looking each one up), for callers that need the number alone, such as the
    browser's facet counts. 0 for a query with no words."""
    parsed = parse(query)
    if not parsed:
        return 0
    engine, restriction = backend(), _compiled(within)
    with connection.cursor() as cursor:
        return engine.count(cursor, parsed, restriction)


def _broad(cursor, engine, parsed: ParsedQuery, language: str, within, wanted: int) -> list[int]:
    """The first `wanted` matches in broad order: reference prefix, then each title tier."""
    found: list[int] = []
    if parsed.reference:
        found = engine.references(cursor, parsed, within=within, limit=wanted)
    exclude = list(found)
    for tier in _TIERS:
        if len(found) >= wanted:
            break
        found += engine.tier(
            cursor,
            parsed,
            tier=tier,
            language=language,
            within=within,
            exclude=exclude,
            limit=wanted - len(found),
        )
    return found


class _MatchingIds(Expression):
    """`SELECT <agreement ids matching the query>` as an expression for `pk__in=`."""

    def __init__(self, parsed: ParsedQuery):
        super().__init__()
        self.parsed = parsed

    def as_sql(self, compiler, connection):
        sql, params = _BACKENDS[connection.vendor].matching_sql(self.parsed)
        return f"({sql})", params


def search_filter(queryset: QuerySet, query: str) -> QuerySet:
    """`queryset` (of agreements) narrowed to those matching `query`, as one SQL subquery.

    For facet counts and non-relevance sorts over search results, e.g.
    `search_filter(Agreement.objects.published(), "passport").values("agreement_type")`.
    A query with no words matches nothing, as in `search`.
    """
    parsed = parse(query)
    if not parsed:
        return queryset.none()
    backend()  # fail fast on an unsupported database
    return queryset.filter(pk__in=_MatchingIds(parsed))
