"""The browser's text search, through the registry's full-text index (`agreements.search`).

The index holds published agreements only, and the browser still applies it inside
`Agreement.objects.published()`, so the index can never widen what the public sees. Filtering
and facet counts use `search_filter` (one SQL subquery); the "best match" order uses `search`
with the browser's other filters passed as `within`, so only one page of ids is fetched.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from agreements import search
from agreements.models import Agreement


@dataclass
class TextMatch:
    """The visitor's words, applied to agreement querysets."""

    text: str
    divergent_ids: set[int] = field(default_factory=set)

    def narrow(self, agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
        return search.search_filter(agreements, self.text)

    def page(self, agreements: QuerySet[Agreement], *, language: str, limit: int, offset: int):
        """One page of `agreements` (already filtered) in best-match order: (ids, total)."""
        result = search.search(
            self.text, language=language, limit=limit, offset=offset, within=agreements
        )
        return result.ids, result.total


def text_match(text: str, *, divergent_ids: list[int]) -> TextMatch:
    """Which of the divergent agreements match is asked once (they are filtered in Python)."""
    matching = set()
    if divergent_ids:
        matching = set(
            search.search_filter(Agreement.objects.filter(pk__in=divergent_ids), text).values_list(
                "pk", flat=True
            )
        )
    return TextMatch(text=text, divergent_ids=matching)
