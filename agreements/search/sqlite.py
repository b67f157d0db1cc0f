"""Search on SQLite: FTS5 tables over AgreementSearchEntry (migration 0007).

The FTS5 table `agreements_search_fts` has the entry's text columns (documents.TEXT_FIELDS, in
that order) and the entry's `agreement_id` as its rowid; `agreements_search_titles_fts` has
the two titles only. Both tokenize with `porter unicode61 remove_diacritics 2`: case and
accents fold ("Ministere" finds "Ministère") and English endings stem ("services" finds
"service"); the porter stemmer is English, and on French words it mostly strips plural
endings, which helps more than it hurts.
"""

from typing import NamedTuple

from agreements.search.terms import ParsedQuery, compact_reference_sql

FTS_TABLE = "agreements_search_fts"
# The two titles alone, so that "which title holds every term" reads a small index.
TITLES_TABLE = "agreements_search_titles_fts"
ENTRY_TABLE = "agreements_agreementsearchentry"
# The column a `within` restriction's subquery selects its agreement ids as (engine._compiled).
WITHIN_ID = "within_id"
# From this many matches on, a count merges the matches with `within` instead of looking each
# match up in it (SQLiteSearch.count). Measured at 10,000 agreements: a lookup per match costs
# less up to about 1,200 to 1,500 matches, the merge less beyond, whatever `within` holds.
MERGE_FROM = 1500


class Within(NamedTuple):
    """A `within` restriction: SQL selecting agreement ids as WITHIN_ID, and its parameters.

    `unique` is true when the SQL cannot list an id twice (it reads one table, without joins or
    unions, and every row has its own primary key), so it may be joined to the matches without
    counting a match twice."""

    sql: str
    params: list
    unique: bool = False


# bm25 weights, one per FTS column (documents.TEXT_FIELDS order), for a query in English or
# French: titles first (the page's language a little ahead), then reference and parties, then
# summaries, then obligations.
_WEIGHTS = {
    "en": (5.0, 10.0, 8.0, 2.0, 2.0, 5.0, 5.0, 1.0, 1.0),
    "fr": (5.0, 8.0, 10.0, 2.0, 2.0, 5.0, 5.0, 1.0, 1.0),
}
_OTHER = {"en": "fr", "fr": "en"}


def match_expression(parsed: ParsedQuery, columns: tuple[str, ...] = ()) -> str:
    """An FTS5 query in which every term is a quoted string, so nothing typed is syntax.

    Terms hold letters and digits only (terms.parse), so they never contain a double quote.
    """
    quoted = [f'"{term}"' for term in parsed.terms]
    if parsed.prefix:
        quoted[-1] += "*"
    expression = " ".join(quoted)
    if columns:
        return f"{{{' '.join(columns)}}} : ({expression})"
    return expression


def _titles(parsed: ParsedQuery, language: str) -> tuple[str, str]:
    """TITLES_TABLE queries: every term in the title in `language`; in the other title."""
    return (
        match_expression(parsed, (f"title_{language}",)),
        match_expression(parsed, (f"title_{_OTHER[language]}",)),
    )


def _restrict(column: str, within: tuple[str, list] | None, exclude: list[int] = ()):
    """SQL keeping only ids in `within` (a subquery selecting WITHIN_ID) and not in `exclude`.

    `within` is tested per match, by a correlated EXISTS that SQLite flattens into a primary-key
    lookup (of the read model's row, say): the matches drive the query and stop after one page.
    A plain `rowid IN (subquery)` made FTS5 probe once per id of the subquery (every published
    agreement: 11.4 s for a search page at 10,000 agreements); `+rowid IN (subquery)` built
    the whole subquery as a list on every query (tens of ms for a common word)."""
    sql, params = "", []
    if within is not None:
        sql += f" AND EXISTS (SELECT 1 FROM ({within[0]}) AS w WHERE w.{WITHIN_ID} = {column})"  # nosec B608 # `within` is SQL compiled by the ORM with %s parameters; names are constants
        params += list(within[1])
    if exclude:
        sql += f" AND {column} NOT IN ({', '.join(['%s'] * len(exclude))})"
        params += list(exclude)
    return sql, params


class SQLiteSearch:
    vendor = "sqlite"

    def matching_sql(self, parsed: ParsedQuery) -> tuple[str, list]:
        return (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # nosec B608 # constant table/column names; every value is a %s parameter
            [match_expression(parsed)],
        )

    def count(self, cursor, parsed: ParsedQuery, within: Within | None) -> int:
        """How many matches `within` holds, in one query that picks how to intersect the two.

        Up to MERGE_FROM matches, each match is looked up in `within`: when `within` lists each
        id once, by a plain join (CROSS JOIN: the matches stay the outer loop), where the
        correlated EXISTS that pages use ran a sub-program per match, 35 to 40% slower for a word
        in most agreements. Beyond (a word in most agreements), a lookup per match costs more
        than reading both lists once in id order and merging them (INTERSECT with ORDER BY:
        FTS5 gives its matches in rowid order, the read model's index its ids): "service" at
        10,000 agreements, 2.6 → 1.8 ms of CPU; 2.9 → 1.6 ms within one jurisdiction. INTERSECT
        keeps each id once, so it needs no `unique`. Finding which side of MERGE_FROM a query is
        on reads at most MERGE_FROM matches (about 0.05 ms); SQLite evaluates only the branch of
        the CASE it takes."""
        match = match_expression(parsed)
        if within is None:
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # nosec B608 # constant table/column names; every value is a %s parameter
                [match],
            )
            return cursor.fetchone()[0]
        if within.unique:
            per_match = (
                f"SELECT count(*) FROM {FTS_TABLE} CROSS JOIN ({within.sql}) AS w"  # nosec B608 # `within` is SQL compiled by the ORM with %s parameters; names are constants
                f" ON w.{WITHIN_ID} = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s"
            )
            per_match_params = [*within.params, match]
        else:
            extra, params = _restrict(f"{FTS_TABLE}.rowid", within)
            per_match = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{extra}"  # nosec B608 # constant table/column names; every value is a %s parameter
            per_match_params = [match, *params]
        merged = (
            f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # nosec B608 # `within` is SQL compiled by the ORM with %s parameters; names are constants
            f" INTERSECT SELECT w.{WITHIN_ID} FROM ({within.sql}) AS w ORDER BY 1)"
        )
        cursor.execute(
            f"SELECT CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE}"  # nosec B608 # the constant statements above; every value is a %s parameter
            f" WHERE {FTS_TABLE} MATCH %s LIMIT %s)) < %s THEN ({per_match}) ELSE ({merged}) END",
            [match, MERGE_FROM, MERGE_FROM, *per_match_params, match, *within.params],
        )
        return cursor.fetchone()[0]

    def ranked(self, cursor, parsed: ParsedQuery, *, language, within, limit, offset) -> list[int]:
        """One page of every match in full order: reference, tier, bm25, newest."""
        extra, params = _restrict(f"{FTS_TABLE}.rowid", within)
        weights = ", ".join(str(weight) for weight in _WEIGHTS[language])
        own, other = _titles(parsed, language)
        join, order, order_params = "", "", []
        if parsed.reference:
            # Compared without separators, so "SNB2019001" puts SNB-2019-001 first too.
            join = f" JOIN {ENTRY_TABLE} AS e ON e.agreement_id = m.rowid"
            compact = compact_reference_sql("e.reference")
            starts = f"substr({compact}, 1, %s) = %s"
            order = f"{compact} = %s DESC, {starts} DESC, CASE WHEN {starts} THEN e.reference END, "
            prefix = [len(parsed.compact_reference), parsed.compact_reference]
            order_params = [parsed.compact_reference, *prefix, *prefix]
        cursor.execute(
            f"SELECT m.rowid FROM (SELECT rowid, bm25({FTS_TABLE}, {weights}) AS score"  # nosec B608 # constant table/column names; every value is a %s parameter
            f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{extra}) AS m{join}"
            f" ORDER BY {order}"
            f"CASE WHEN m.rowid IN (SELECT rowid FROM {TITLES_TABLE} WHERE {TITLES_TABLE} MATCH %s)"
            " THEN 0 WHEN m.rowid IN"
            f" (SELECT rowid FROM {TITLES_TABLE} WHERE {TITLES_TABLE} MATCH %s)"
            " THEN 1 ELSE 2 END, m.score, m.rowid DESC LIMIT %s OFFSET %s",
            [match_expression(parsed), *params, *order_params, own, other, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def tier(self, cursor, parsed: ParsedQuery, *, tier, language, within, exclude, limit):
        """The newest `limit` matches of one tier, without ranking (for broad queries).

        Tiers are disjoint: every term in the title in `language`; every term in the other
        title but not in the first; every other match."""
        own, other = _titles(parsed, language)
        if tier == 0:
            table, expression = TITLES_TABLE, own
        elif tier == 1:
            table, expression = TITLES_TABLE, f"({other}) NOT ({own})"
        else:
            table, expression = FTS_TABLE, match_expression(parsed)
        extra, params = _restrict(f"{table}.rowid", within, exclude)
        if tier == 2:
            extra = (
                f" AND rowid NOT IN (SELECT rowid FROM {TITLES_TABLE} WHERE {TITLES_TABLE}"  # nosec B608 # constant table/column names; every value is a %s parameter
                f" MATCH %s){extra}"
            )
            params = [f"({own}) OR ({other})", *params]
        cursor.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s{extra} ORDER BY rowid DESC LIMIT %s",  # nosec B608 # constant table/column names; every value is a %s parameter
            [expression, *params, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def references(self, cursor, parsed: ParsedQuery, *, within, limit) -> list[int]:
        """Matches whose reference starts with the query's, the exact one first."""
        extra, params = _restrict(f"{ENTRY_TABLE}.agreement_id", within)
        # References are ASCII: U+FFFF sorts after every one that starts with the prefix.
        cursor.execute(
            f"SELECT agreement_id FROM {ENTRY_TABLE} WHERE reference >= %s AND reference < %s"  # nosec B608 # constant table/column names; every value is a %s parameter
            f" AND agreement_id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
            f"{extra} ORDER BY reference = %s DESC, reference LIMIT %s",
            [
                parsed.reference,
                parsed.reference + "\uffff",
                match_expression(parsed),
                *params,
                parsed.reference,
                limit,
            ],
        )
        return [row[0] for row in cursor.fetchall()]

    def optimize(self, cursor) -> None:
        """Merge the indexes' segments after a full rebuild, which makes queries faster."""
        for table in (FTS_TABLE, TITLES_TABLE):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # nosec B608 # constant table/column names; every value is a %s parameter
