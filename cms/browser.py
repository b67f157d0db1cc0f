"""The agreement browser: text search, facets that combine, sort and pagination.

Facets combine as shops do: options of one facet are OR-ed, facets are AND-ed, and the counts
of a facet are computed with every other facet's selection applied but not its own, so a
visitor can widen a facet as well as narrow it (cms.facets). Listing, sorting and counting read
the read model of the published registry (agreements.published_read_model): one row per agreement
the public may read, with its current version and sort keys in indexed columns, so a page costs
the same number of queries, and about the same time, for 10 agreements as for 10,000. Only
rows equal to `Agreement.objects.published()` are ever counted or listed.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, QuerySet

from agreements.models import Agreement, AgreementVersion, PublishedAgreement
from cms import result_cards
from cms.browser_filters import FilterContext, filter_context
from cms.browser_query import EXPORT_LIMIT, PAGE_SIZE, SORTS, BrowserQuery
from cms.facets import facets, facets_only, stored_counts
from jurisdictions.models import Jurisdiction, Organization
from registry.compiled_query import CompiledQuery

__all__ = [
    "SORTS",
    "BrowserQuery",
    "all_results",
    "browse",
    "facets_only",
    "filter_context",
    "home_counts",
    "latest_versions",
]


# --- Results -------------------------------------------------------------------------------------


SORT_ORDERS = {
    "reference": ("reference",),
    "newest": ("-first_in_force", "reference"),
    "oldest": ("first_in_force", "reference"),
    "updated": ("-last_effective", "reference"),
}


def ordered(rows: QuerySet[PublishedAgreement], *, sort: str, language: str):
    """`rows` in one of the browser's orders (best match is the search engine's own), each read
    from an indexed column of the read model. Titles sort case- and accent-folded, in the page's
    language (French falls back to English)."""
    if sort in SORT_ORDERS:
        return rows.order_by(*SORT_ORDERS[sort])
    title = "title_fr_key" if language == "fr" else "title_en_key"
    return rows.order_by(title, "reference")


def page_of_rows(
    rows: QuerySet[PublishedAgreement], *, sort: str, language: str, page: int
) -> list[tuple[int, int]]:
    """(agreement id, version id) of the rows of `page` in `sort` order, in one query.

    A deferred join: the page's references are found first, reading only the sort order's index
    (its columns end with the reference), then their rows. On PostgreSQL the inner query is an
    index-only scan once the table is vacuumed: page 200 (OFFSET 3,980) reads 4,000 index
    entries in about 1 ms, where fetching each row, or sorting the table, took 10 to 16 ms.
    SQLite reads it as fast either way."""
    start = (page - 1) * PAGE_SIZE
    keys = ordered(rows, sort=sort, language=language).values("reference")
    chosen = PublishedAgreement.objects.filter(
        public=True, reference__in=keys[start : start + PAGE_SIZE]
    )
    return list(ordered(chosen, sort=sort, language=language).values_list("pk", "version_id"))


@dataclass
class ResultsPage:
    versions: list[result_cards.Result]  # the current version of each agreement of the page
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
    page = context.query.page
    sort = context.query.effective_sort
    if sort == "relevance" and context.match is not None:
        within = context.filtered(text=False)  # the engine matches the words itself
        ids, total = context.match.page(
            within, language=language, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        if page > _pages(total):  # one more query, only for a page past the end
            page = _pages(total)
            ids, total = context.match.page(
                within, language=language, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
            )
        context.sizes[None] = total  # the facets need not count the matches again
        versions = dict(
            PublishedAgreement.objects.filter(pk__in=ids, public=True).values_list(
                "pk", "version_id"
            )
        )
        pairs = [(pk, versions[pk]) for pk in ids if pk in versions]
    else:
        # Every public agreement: the stored counts give the total without counting rows.
        narrowed = context.narrowed()
        total = context.count() if narrowed else stored_counts(context).public
        page = min(page, _pages(total))
        pairs = page_of_rows(context.filtered(), sort=sort, language=language, page=page)
    return ResultsPage(
        result_cards.results([v for _a, v in pairs], language=language),
        total,
        page,
        _pages(total),
        requested_page=context.query.page,
    )


def browse(query: BrowserQuery, *, language: str):
    """The facets and the page of results for `query`, in a fixed number of queries."""
    context = filter_context(query)
    found = results(context, language=language)  # first: the facets reuse its count
    return facets(context, language=language), found


def all_results(query: BrowserQuery, *, language: str):
    """Every current published version matching `query` (no pagination), in sort order, for the
    CSV and JSON downloads, each with `first_effective` (the day it first came into force).
    Snapshots are streamed in chunks."""
    context = filter_context(query)
    rows = context.filtered()
    if query.effective_sort == "relevance" and context.match is not None:
        within = context.filtered(text=False)  # the engine matches the words itself
        ids, _total = context.match.page(within, language=language, limit=EXPORT_LIMIT, offset=0)
        first_in_force = dict(rows.values_list("pk", "first_in_force"))
    else:
        chosen = ordered(rows, sort=query.effective_sort, language=language).values_list(
            "pk", "first_in_force"
        )[:EXPORT_LIMIT]
        first_in_force = dict(chosen)
        ids = list(first_in_force)
    order = {pk: index for index, pk in enumerate(ids)}
    versions = AgreementVersion.objects.filter(pk__in=rows.values("version_id")).select_related(
        "agreement"
    )
    found = []
    for version in versions.iterator(chunk_size=500):
        if version.agreement_id in order:
            version.first_effective = first_in_force.get(version.agreement_id)
            found.append(version)
    return sorted(found, key=lambda v: order[v.agreement_id])


def home_counts(context: FilterContext) -> dict[str, int]:
    """The home page's figures: reference data (one query), and the agreements the public may
    read, from the stored counts of `context` (as the browser counts them)."""
    by_state = stored_counts(context).counts["state"]
    quote = connection.ops.quote_name
    jurisdictions, organizations = (
        f"SELECT COUNT(*) FROM {quote(model._meta.db_table)}"  # noqa: S608 # nosec B608 # table names from the models
        for model in (Jurisdiction, Organization)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({jurisdictions}), ({organizations})")  # noqa: S608 # nosec B608 # the two constant queries above
        jurisdiction_count, organization_count = cursor.fetchone()
    return {
        "jurisdictions": jurisdiction_count,
        "organizations": organization_count,
        "agreements_published": sum(by_state.values()),
        "agreements_in_force": by_state.get(Agreement.State.IN_FORCE, 0),
    }


# The home page's latest versions.
LATEST = 6


@dataclass(frozen=True)
class LatestVersion:
    """A version that recently took effect, as the home page lists it."""

    reference: str
    number: int
    effective_date: datetime.date
    title: dict  # {"en", "fr"}, as the version's snapshot has it


# Only the snapshot's title is read (by the database), not the whole 15–20 kB document: decoding
# six of them, and building the queryset, took most of the home page's time.
_LATEST = CompiledQuery(
    "browser.latest",
    lambda day: (
        AgreementVersion.objects.published(on=day)
        .order_by("-effective_date", "-number", "agreement__reference")
        .values_list(
            "agreement__reference", "number", "effective_date", F("snapshot__agreement__title")
        )[:LATEST]
    ),
)


def latest_versions(*, today: datetime.date) -> list[LatestVersion]:
    """The most recent published versions to take effect by `today`: agreements entering into
    force or amended (the rule of `AgreementVersion.objects.published`)."""
    return [LatestVersion(*row) for row in _LATEST.rows(day=today)]
