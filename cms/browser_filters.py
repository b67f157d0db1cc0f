"""The browser's filters as database conditions on the read model of the published registry.

The rows are `PublishedAgreement`s the public may read today (agreements.published_read_model,
equal to `Agreement.objects.published()`); each selected facet becomes one condition: "has a
`PublishedFacet` row of this facet with one of these values" (an indexed subquery).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from agreements import published_read_model as read_model
from agreements.models import PublishedAgreement, PublishedFacet
from cms.browser_query import BrowserQuery
from cms.search_adapter import TextMatch, text_match
from registry.compiled_query import CompiledQuery


def facet_condition(facet: str, values: tuple[str, ...]) -> Q:
    """Rows with at least one of `values` for `facet` (options of one facet are OR-ed)."""
    links = PublishedFacet.objects.filter(facet=facet, value__in=values)
    return Q(pk__in=links.values("agreement_id"))


def selected_rows(**selected: list[str]) -> QuerySet[PublishedAgreement]:
    """Public rows with one of the selected values of every facet in `selected` ({facet:
    values}): `FilterContext.filtered` without text."""
    rows = PublishedAgreement.objects.filter(public=True)
    for facet, values in selected.items():
        rows = rows.filter(facet_condition(facet, tuple(values)))
    return rows


# How many rows a selection without text holds, compiled once per shape (which facets, how many
# values each): building the count with the ORM took longer than the database takes to run it.
# Grouped by `public` (one group, or none when no row matches) to be a values_list.
_COUNT = CompiledQuery(
    "browser.count",
    lambda **selected: (
        selected_rows(**selected)
        .order_by()
        .values("public")
        .annotate(n=Count("pk"))
        .values_list("n")
    ),
)


@dataclass
class FilterContext:
    """Everything computed once per request and shared by the facets and the results."""

    day: datetime.date
    query: BrowserQuery
    match: TextMatch | None
    sizes: dict[str | None, int] = field(default_factory=dict)
    # The stored counts and names of every public agreement, read once (cms.facets.stored_counts).
    stored: Any = None

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
            if self.match is None:
                selected = {f: list(v) for f, v in self.query.selected.items() if f != except_facet}
                found = _COUNT.rows(**selected)
                self.sizes[except_facet] = found[0][0] if found else 0
            else:  # the search's own count (a common word's matches merged with the rows)
                rows = self.filtered(except_facet=except_facet, text=False)
                self.sizes[except_facet] = self.match.count(rows)
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
