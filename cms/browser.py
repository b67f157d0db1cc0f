"""The agreement browser: text search, facets that combine, sort and pagination.

Facets combine as shops do: options of one facet are OR-ed, facets are AND-ed, and the counts
of a facet are computed with every other facet's selection applied but not its own, so a
visitor can widen a facet as well as narrow it. Each facet is counted by one aggregate query
(`values().annotate(Count())`), so the page costs the same number of queries for 10 agreements
as for 10,000. Only `Agreement.objects.published()` agreements are ever counted or listed; see
`cms.published` for why divergent agreements are read from their snapshots.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Lower, NullIf

from agreements.models import Agreement, AgreementVersion
from cms import published
from cms.browser_filters import FilterContext, filter_context
from cms.browser_query import EXPORT_LIMIT, PAGE_SIZE, SORTS, BrowserQuery
from cms.facets import facets, facets_only

__all__ = ["SORTS", "BrowserQuery", "all_results", "browse", "facets_only"]


# --- Results -------------------------------------------------------------------------------------


def _title_in(language: str):
    """The current published version's title in `language`, falling back to English."""
    current = published.current_versions().filter(agreement=OuterRef("pk"))
    english = Subquery(current.annotate(t=KT("snapshot__agreement__title__en")).values("t")[:1])
    if language == "en":
        return Lower(english)
    french = Subquery(current.annotate(t=KT("snapshot__agreement__title__fr")).values("t")[:1])
    return Lower(Coalesce(NullIf(french, Value("")), english))


def ordered(agreements: QuerySet[Agreement], *, sort: str, language: str):
    """`agreements` in one of the browser's orders (best match is the search engine's own)."""
    first = AgreementVersion.objects.filter(agreement=OuterRef("pk"), number=1)
    latest = published.current_versions().filter(agreement=OuterRef("pk"))
    if sort == "reference":
        return agreements.order_by("reference")
    if sort in ("newest", "oldest"):
        agreements = agreements.annotate(
            first_in_force=Subquery(first.values("effective_date")[:1])
        )
        direction = "-" if sort == "newest" else ""
        return agreements.order_by(f"{direction}first_in_force", "reference")
    if sort == "updated":
        agreements = agreements.annotate(last_version=Subquery(latest.values("effective_date")[:1]))
        return agreements.order_by("-last_version", "reference")
    return agreements.annotate(sort_title=_title_in(language)).order_by("sort_title", "reference")


@dataclass
class ResultsPage:
    versions: list[AgreementVersion]
    total: int
    page: int
    pages: int
    requested_page: int = 1  # what the URL asked for; `page` is never past the last page

    @property
    def past_the_end(self) -> bool:
        """The URL asked for a page after the last one (the last page is shown instead)."""
        return self.requested_page > self.page

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def previous_page(self) -> int:
        return self.page - 1

    @property
    def next_page(self) -> int:
        return self.page + 1

    @property
    def first_index(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.page * PAGE_SIZE, self.total)


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def results(context: FilterContext, *, language: str) -> ResultsPage:
    """The asked-for page of results; the last page when asked for one past it (as Django's
    `Paginator.get_page` does), e.g. from a bookmark made when there were more matches."""
    agreements = context.filtered()
    page = context.query.page
    sort = context.query.effective_sort
    if sort == "relevance" and context.match is not None:
        ids, total = context.match.page(
            agreements, language=language, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        if page > _pages(total):  # one more query, only for a page past the end
            page = _pages(total)
            ids, total = context.match.page(
                agreements, language=language, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
            )
    else:
        total = agreements.count()
        page = min(page, _pages(total))
        ordered_ids = ordered(agreements, sort=sort, language=language).values_list("pk", flat=True)
        start = (page - 1) * PAGE_SIZE
        ids = list(ordered_ids[start : start + PAGE_SIZE])
    pages = _pages(total)
    versions = {
        v.agreement_id: v
        for v in published.current_versions(on=context.day)
        .filter(agreement_id__in=ids)
        .select_related("agreement")
    }
    return ResultsPage(
        [versions[i] for i in ids if i in versions],
        total,
        page,
        pages,
        requested_page=context.query.page,
    )


def browse(query: BrowserQuery, *, language: str, day: datetime.date | None = None):
    """The facets and the page of results for `query`, in a fixed number of queries."""
    context = filter_context(query, day=day or published.today())
    return facets(context), results(context, language=language)


def all_results(query: BrowserQuery, *, language: str, day: datetime.date | None = None):
    """Every current published version matching `query` (no pagination), in sort order, for the
    CSV and JSON downloads. Snapshots are streamed in chunks."""
    context = filter_context(query, day=day or published.today())
    agreements = context.filtered()
    if query.effective_sort == "relevance" and context.match is not None:
        ids, _total = context.match.page(
            agreements, language=language, limit=EXPORT_LIMIT, offset=0
        )
    else:
        sorted_agreements = ordered(agreements, sort=query.effective_sort, language=language)
        ids = list(sorted_agreements.values_list("pk", flat=True)[:EXPORT_LIMIT])
    order = {pk: index for index, pk in enumerate(ids)}
    versions = (
        published.current_versions(on=context.day)
        .filter(agreement__in=context.filtered().values("pk"))
        .select_related("agreement")
        .annotate(
            first_effective=Subquery(
                AgreementVersion.objects.filter(agreement=OuterRef("agreement"), number=1).values(
                    "effective_date"
                )[:1]
            )
        )
    )
    chosen = (v for v in versions.iterator(chunk_size=500) if v.agreement_id in order)
    return sorted(chosen, key=lambda v: order[v.agreement_id])
