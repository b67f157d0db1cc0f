"""Search on PostgreSQL: generated tsvector columns on AgreementSearchEntry (migration 0007).

- `document_vector`: every text column, weighted A (titles), B (reference, parties),
  C (summaries), D (obligations); English columns through the `registry_en` configuration
  (English stemming), French ones through `registry_fr` (French stemming), the reference through
  `registry_simple` (no stemming). All three put `unaccent` before their dictionaries, so
  "Ministere" finds "Ministère". Why per-language configurations and not `simple` everywhere:
  stemming each text in its own language lets "services" find "service" and "demandes" find
  "demande"; because each query word is looked up in both stemmings and unstemmed (below), a
  word in either language finds text in either, whatever the page's language.
- `title_en_vector`, `title_fr_vector`: one title each, small and kept in the row, to tell which
  title holds the terms without reading the whole document.
Each has a GIN index (fastupdate off, so there is no pending list to scan). The planner must
read matches from those indexes: scanning the table instead detoasts every document, ten to
forty times slower, and its cost model does not see that. So conditions use the query through
a sub-select (_MATCH), which it cannot estimate, and the vector columns have no statistics.

`registry_search_query(terms, prefix)` (SQL function, same migration) builds the tsquery: each
term becomes the OR of its distinct English, French and unstemmed lexemes, the terms are ANDed,
and the last gets `:*` when `prefix` is true. A term that either language drops as a stop word
is left out. Terms are plain words (terms.parse), passed as a text[] parameter.
"""

from agreements.search.sqlite import WITHIN_ID
from agreements.search.terms import ParsedQuery, compact_reference_sql

ENTRY_TABLE = "agreements_agreementsearchentry"
# The tsquery. Immutable, so PostgreSQL computes it once while planning.
_QUERY = "registry_search_query(%s::text[], %s)"
# The same tsquery as a sub-select, for conditions that should read a GIN index. The planner
# cannot see inside it, so it estimates few matches and always reads the index; shown the
# constant, it estimates prefix and OR queries as common and scans the table instead, which
# detoasts every document and is ten to forty times slower.
_MATCH = f"(SELECT {_QUERY})"
# ts_rank_cd weights for D, C, B, A.
_WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"
_OTHER = {"en": "fr", "fr": "en"}


def _query_params(parsed: ParsedQuery) -> list:
    return [list(parsed.terms), parsed.prefix]


def _titles(language: str, query: str = _QUERY) -> tuple[str, str]:
    """Conditions: every term in the title in `language`; in the other title."""
    return (
        f"e.title_{language}_vector @@ {query}",
        f"e.title_{_OTHER[language]}_vector @@ {query}",
    )


def _tier_conditions(language: str) -> tuple[str, str, str]:
    """Disjoint matches, each read from a GIN index: every term in the title in `language`;
    every term in the other title but not so in the first; every other match."""
    own, other = _titles(language)
    own_index, other_index = _titles(language, _MATCH)
    return (
        own_index,
        f"{other_index} AND NOT ({own})",
        f"e.document_vector @@ {_MATCH} AND NOT ({own}) AND NOT ({other})",
    )


# The tiers decided by the titles alone (_tier_conditions: 0 and 1), and how many of the newest
# entries they are first looked for in (PostgreSQLSearch.tier).
_TITLE_TIERS = (0, 1)
NEWEST_FIRST = 200


def _title_tier_conditions(language: str) -> tuple[str, str]:
    """The title tiers of _tier_conditions, tested on each entry's title vectors (the walk of
    PostgreSQLSearch.tier), not read from an index."""
    own, other = _titles(language)
    return own, f"{other} AND NOT ({own})"


def _restrict(within: tuple[str, list] | None, exclude: list[int] = (), *, hashed: bool = False):
    """SQL keeping only ids in `within` and not in `exclude`. `hashed` makes `within` a
    sub-select the planner cannot flatten (OFFSET 0), so it hashes `within` once and probes it
    per match, where it would otherwise take its guess of few matches (_MATCH) and look each one
    up in `within` by index: counting a word in every agreement took 20 ms that way, 5 ms hashed.
    Only for counting every match; a page of matches stops early and needs no hash."""
    sql, params = "", []
    if within is not None:
        subquery = within[0]
        if hashed:
            subquery = f"SELECT w.{WITHIN_ID} FROM ({subquery}) AS w OFFSET 0"  # nosec B608 # `within` is SQL compiled by the ORM with %s parameters; names are constants
        sql += f" AND e.agreement_id IN ({subquery})"
        params += list(within[1])
    if exclude:
        sql += " AND NOT (e.agreement_id = ANY(%s))"
        params.append(list(exclude))
    return sql, params


class PostgreSQLSearch:
    vendor = "postgresql"

    def matching_sql(self, parsed: ParsedQuery) -> tuple[str, list]:
        return (
            f"SELECT e.agreement_id FROM {ENTRY_TABLE} AS e WHERE e.document_vector @@ {_MATCH}",  # nosec B608 # constant table/column names; every value is a %s parameter
            _query_params(parsed),
        )

    def count(self, cursor, parsed: ParsedQuery, within) -> int:
        extra, params = _restrict(within, hashed=True)
        cursor.execute(
            f"SELECT count(*) FROM {ENTRY_TABLE} AS e WHERE e.document_vector @@ {_MATCH}{extra}",  # nosec B608 # constant table/column names; every value is a %s parameter
            [*_query_params(parsed), *params],
        )
        return cursor.fetchone()[0]

    def ranked(self, cursor, parsed: ParsedQuery, *, language, within, limit, offset) -> list[int]:
        """One page of every match in full order: reference, tier, ts_rank_cd, newest."""
        extra, params = _restrict(within)
        query = _query_params(parsed)
        own, other = _titles(language)
        order, order_params = "", []
        if parsed.reference:
            # Compared without separators, so "SNB2019001" puts SNB-2019-001 first too.
            compact = compact_reference_sql("e.reference")
            starts = f"starts_with({compact}, %s)"
            order = f"{compact} = %s DESC, {starts} DESC, CASE WHEN {starts} THEN e.reference END, "
            order_params = [parsed.compact_reference] * 3
        cursor.execute(
            f"SELECT e.agreement_id FROM {ENTRY_TABLE} AS e"  # nosec B608 # constant table/column names; every value is a %s parameter
            f" WHERE e.document_vector @@ {_MATCH}{extra}"
            f" ORDER BY {order}CASE WHEN {own} THEN 0 WHEN {other} THEN 1 ELSE 2 END,"
            f" ts_rank_cd({_WEIGHTS}, e.document_vector, {_QUERY}) DESC, e.agreement_id DESC"
            " LIMIT %s OFFSET %s",
            [*query, *params, *order_params, *query, *query, *query, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def tier(self, cursor, parsed: ParsedQuery, *, tier, language, within, exclude, limit):
        """The newest `limit` matches of one tier, without ranking (for broad queries).

        A GIN index gives its matches in no useful order, so the tier's every match is read and
        sorted to keep the newest `limit` (1.7 ms for "service" in 6,000 English titles at
        10,000 agreements). The title tiers are first looked for among the newest NEWEST_FIRST
        entries, read backwards by primary key, each tested on its title vectors (kept in the
        row) until `limit` are found (0.1 ms for "service"): when that finds `limit`, they are
        the newest of the tier, since every entry newer than the last one read was tested.
        Otherwise (a tier rarer than that among recent agreements, or a deep page) the same
        statement reads the index as before. Not for the last tier, which would read every
        entry's whole document to test it."""
        extra, params = _restrict(within, exclude)
        condition = _tier_conditions(language)[tier]
        indexed = (
            f"SELECT e.agreement_id FROM {ENTRY_TABLE} AS e WHERE {condition}{extra}"  # nosec B608 # constant table/column names; every value is a %s parameter
            " ORDER BY e.agreement_id DESC LIMIT %s"
        )
        indexed_params = [
            *(_query_params(parsed) * condition.count("registry_search_query")),
            *params,
            limit,
        ]
        if tier not in _TITLE_TIERS or limit > NEWEST_FIRST:
            cursor.execute(indexed, indexed_params)
            return [row[0] for row in cursor.fetchall()]
        in_row = _title_tier_conditions(language)[tier]
        cursor.execute(
            f"WITH newest AS MATERIALIZED (SELECT e.agreement_id FROM"  # nosec B608 # constant table/column names; every value is a %s parameter
            f" (SELECT agreement_id, title_en_vector, title_fr_vector FROM {ENTRY_TABLE}"
            f" ORDER BY agreement_id DESC LIMIT %s) AS e WHERE {in_row}{extra}"
            " ORDER BY e.agreement_id DESC LIMIT %s)"
            " SELECT agreement_id FROM newest WHERE (SELECT count(*) FROM newest) = %s"
            f" UNION ALL SELECT agreement_id FROM ({indexed}) AS i"
            " WHERE (SELECT count(*) FROM newest) < %s ORDER BY 1 DESC",
            [
                NEWEST_FIRST,
                *(_query_params(parsed) * in_row.count("registry_search_query")),
                *params,
                limit,
                limit,
                *indexed_params,
                limit,
            ],
        )
        return [row[0] for row in cursor.fetchall()]

    def references(self, cursor, parsed: ParsedQuery, *, within, limit) -> list[int]:
        """Matches whose reference starts with the query's, the exact one first."""
        extra, params = _restrict(within)
        cursor.execute(
            f"SELECT e.agreement_id FROM {ENTRY_TABLE} AS e"  # nosec B608 # constant table/column names; every value is a %s parameter
            f" WHERE e.reference LIKE %s AND e.document_vector @@ {_MATCH}{extra}"
            " ORDER BY e.reference = %s DESC, e.reference LIMIT %s",
            [
                _like_prefix(parsed.reference),
                *_query_params(parsed),
                *params,
                parsed.reference,
                limit,
            ],
        )
        return [row[0] for row in cursor.fetchall()]

    def optimize(self, cursor) -> None:
        """Refresh the table's statistics after a full rebuild. Until ANALYZE has run once, the
        planner does not know how big the table is and may scan it instead of the indexes."""
        cursor.execute(f"ANALYZE {ENTRY_TABLE}")


def _like_prefix(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
