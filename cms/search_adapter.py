"""The browser's text search, through the registry's full-text index (`agreements.search`).

The index holds published agreements only, and the browser still applies it inside the read
model's public rows (agreements.published_read_model), so the index can never widen what the
public sees. Filtering and facet counts use `search_filter` (one SQL subquery); the "best match"
order uses `search` with the browser's other filters passed as `within`, so only one page of ids
is fetched. Read-model rows have the agreement's id as their primary key, so both take them as
they take agreements.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from agreements import search
from agreements.models import PublishedAgreement
from agreements.search.engine import count


@dataclass
class TextMatch:
    """The visitor's words, applied to querysets of read-model rows."""

    text: str

    def narrow(self, rows: QuerySet[PublishedAgreement]) -> QuerySet[PublishedAgreement]:
        return search.search_filter(rows, self.text)

    def count(self, rows: QuerySet[PublishedAgreement]) -> int:
        """How many of `rows` (already filtered, without the text) match: the search's own
        count, cheaper than counting `narrow(rows)` through the ORM's subquery (on SQLite a
        common word's matches are merged with the rows, not looked up one by one)."""
        return count(self.text, within=rows)

    def page(self, rows: QuerySet[PublishedAgreement], *, language: str, limit: int, offset: int):
        """One page of `rows` (already filtered) in best-match order: (ids, total)."""
        result = search.search(
            self.text, language=language, limit=limit, offset=offset, within=rows
        )
        return result.ids, result.total


def text_match(text: str) -> TextMatch:
    return TextMatch(text=text)
