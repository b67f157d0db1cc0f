"""Full-text search over published agreements, in English and French, on SQLite and PostgreSQL.

The whole interface:
- `search(query, *, language, limit, offset, within=None) -> SearchResult(ids, total, ...)`
- `search_filter(queryset, query) -> queryset` (for facet counts and other sorts)
- `index_agreement(*, agreement_id)` after a version is recorded or visibility changes
- `reindex_stale()` daily, `reindex_all()` to rebuild (`manage.py search_reindex [--stale]`)

Storage is AgreementSearchEntry (agreements.models.search), one row per published agreement,
with an FTS5 table over it on SQLite (agreements.search.sqlite) and generated tsvector columns on
PostgreSQL (agreements.search.postgresql). How results are ordered: agreements.search.engine.
How the index stays current: agreements.search.indexing. How queries are read: .terms.
"""

from agreements.search.engine import RANK_LIMIT, SearchResult, search, search_filter
from agreements.search.indexing import (
    ReindexRun,
    current_versions,
    index_agreement,
    reindex_all,
    reindex_stale,
)

__all__ = [
    "RANK_LIMIT",
    "ReindexRun",
    "SearchResult",
    "current_versions",
    "index_agreement",
    "reindex_all",
    "reindex_stale",
    "search",
    "search_filter",
]
