"""The browser's filters as database conditions on the read model of the published registry.

The rows are `PublishedAgreement`s the public may read today (agreements.published_read_model,
equal to `Agreement.objects.published()`); each selected facet becomes one condition: "has a
`PublishedFacet` row of this facet with one of these values" (an indexed subquery).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from agreements import published_read_model as read_model
from agreements.models import PublishedAgreement, PublishedFacet
from cms.browser_query import BrowserQuery
from cms.search_adapter import TextMatch, text_match


def facet_condition(facet: str, values: tuple[str, ...]) -> Q:
    """Rows with at least one of `values` for `facet` (options of one facet are OR-ed)."""
    links = PublishedFacet.objects.filter(facet=facet, value__in=values)
    return Q(pk__in=links.values("agreement_id"))


@dataclass
class FilterContext:
    """Everything computed once per request and shared by the facets and the results."""

    day: datetime.date
    query: BrowserQuery
    match: TextMatch | None
    sizes: dict[str | None, int] = field(default_factory=dict)

    def base(self, *, text: bool = True) -> QuerySet[PublishedAgreement]:
        rows = PublishedAgreement.objects.filter(public=True)
        if text and self.match is not None:
            rows = self.match.narrow(rows)
        return rows

    def filtered(
        self, *, except_facet: str | None = None, text: bool = True
    ) -> QuerySet[PublishedAgreement]:
        """The rows matching the text (unless `text` is false: the search engine applies the
        text itself) and every selected facet but `except_facet` (facets are AND-ed)."""
        rows = self.base(text=text)
        for facet, values in self.query.selected.items():
            if facet != except_facet:
                rows = rows.filter(facet_condition(facet, values))
        return rows

    def count(self, *, except_facet: str | None = None) -> int:
        """How many rows `filtered(except_facet=…)` holds (one query, then remembered; the
        search's own total is remembered for the full filter)."""
        if except_facet not in self.sizes:
            self.sizes[except_facet] = self.filtered(except_facet=except_facet).count()
        return self.sizes[except_facet]

    def narrowed(self, *, except_facet: str | None = None) -> bool:
        """Whether `filtered(except_facet=…)` is narrower than every public row."""
        return self.match is not None or any(f != except_facet for f in self.query.selected)


def filter_context(query: BrowserQuery, *, day: datetime.date | None = None) -> FilterContext:
    """The context of one request, as of today (the read model's day; `day`, when given, must be
    today); rows due for a refresh today are refreshed first."""
    today = read_model.today()
    if day is not None and day != today:
        raise ValueError(f"The read model answers for today ({today}), not {day}.")
    read_model.refresh_due(day=today)
    match = text_match(query.text) if query.text else None
    return FilterContext(day=today, query=query, match=match)
