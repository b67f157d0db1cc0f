"""Facet counts for the agreement browser and the home page.

Options of one facet are OR-ed, facets are AND-ed, and the counts of a facet are computed with
every other facet's selection applied but not its own, so a visitor can widen a facet as well as
narrow it. Counts read the read model's `PublishedFacet` rows through their (facet, value,
agreement) index: the facets with nothing selected in one aggregate query, each selected facet in
one more; names are joined from the reference tables for the options shown, so a rename shows at
once.
"""

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import connection
from django.db.models import Count

from agreements.models import (
    Agreement,
    PublishedAgreement,
    PublishedFacet,
    PublishedFacetCount,
    ServiceArea,
)
from cms.browser_filters import FilterContext, selected_rows
from cms.browser_query import FACET_LABELS, FACETS, VISIBLE_OPTIONS
from cms.facet_html import fieldset
from jurisdictions.models import Jurisdiction, Organization
from registry.bilingual import LocalizedText, in_language
from registry.compiled_query import CompiledQuery

# --- Facets --------------------------------------------------------------------------------------


@dataclass(slots=True)
class FacetOption:
    value: str
    label: LocalizedText  # in the page's language (shown through the `bi` filter)
    count: int
    selected: bool
    remove_query: str = ""  # the query string without this option, when it is selected
    unknown: bool = False  # selected from the URL, but no such value exists (shown as typed)


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]

    @property
    def unmatched(self) -> list[FacetOption]:
        """Selected options that match no agreement (with the other filters applied), unknown
        values such as `?jurisdiction=atlantis` included: the page says so beside each."""
        return [option for option in self.options if option.selected and not option.count]

    @property
    def visible(self) -> list[FacetOption]:
        """The first options, plus any selected option further down (never hidden)."""
        return [o for i, o in enumerate(self.options) if i < VISIBLE_OPTIONS or o.selected]

    @property
    def more(self) -> list[FacetOption]:
        """The rest, shown in a <details> disclosure, which needs no JavaScript."""
        return [o for i, o in enumerate(self.options) if i >= VISIBLE_OPTIONS and not o.selected]

    @cached_property
    def html(self) -> str:
        """The facet as its <fieldset> (built in Python: hundreds of options at 10,000
        agreements), built once: the facets of a page with nothing selected are kept
        (`facets`)."""
        return fieldset(self)


def _grouped_links(links):
    """Links grouped by (facet, value), as (facet, value, n) rows. Callers filter on agreements
    only, not on facets: the (agreement, facet, value) index then drives the query from the
    agreements counted, instead of SQLite reading every link of the facets through the
    (facet, value) index."""
    return links.order_by().values_list("facet", "value").annotate(n=Count("id"))


def _grouped(links) -> list[tuple[str, str, int]]:
    return list(_grouped_links(links))


# The facet queries of a page without text, compiled once per connection and per shape (which
# facets are selected, how many values each) and then only run again with the page's values:
# building them with the ORM took longer than SQLite takes to run them.
_LINKS_OF_ROWS = CompiledQuery(
    "facets.links_of_rows",
    lambda **selected: _grouped_links(
        PublishedFacet.objects.filter(agreement_id__in=selected_rows(**selected).values("pk"))
    ),
)
_LINKS_OF_REST = CompiledQuery(
    "facets.links_of_rest",
    lambda **selected: _grouped_links(
        PublishedFacet.objects.filter(
            agreement_id__in=PublishedAgreement.objects.filter(public=True)
            .exclude(pk__in=selected_rows(**selected).values("pk"))
            .values("pk")
        )
    ),
)


def _links(context: FilterContext, except_facet: str | None, *, rest: bool):
    """(facet, value, n) of the links of `context.filtered(except_facet=…)`, or, when `rest`,
    of the public rows it leaves out."""
    if context.match is None:
        selected = {
            facet: list(values)
            for facet, values in context.query.selected.items()
            if facet != except_facet
        }
        return (_LINKS_OF_REST if rest else _LINKS_OF_ROWS).rows(**selected)
    rows = context.filtered(except_facet=except_facet)
    if rest:
        rows = PublishedAgreement.objects.filter(public=True).exclude(pk__in=rows.values("pk"))
    return _grouped(PublishedFacet.objects.filter(agreement_id__in=rows.values("pk")))


def _tallies(context: FilterContext, names: tuple[str, ...]) -> dict[str, Counter]:
    """{facet: Counter(value -> agreements)} for `names`, each counted with every other facet's
    selection applied but not its own. Facets with nothing selected share one filter, so they
    are counted together.

    The stored counts (every public agreement) are read first, in one query, and are the
    answer when nothing narrows the rows. Otherwise the narrowed rows are counted (one query)
    and their links grouped (one more): those of the rows themselves when they are fewer than
    half the public agreements, else those of the rest, subtracted from the stored counts, so a
    common word that matches nearly everything is as cheap as a rare one (and one that matches
    every public agreement needs no query: its counts are the stored ones)."""
    groups: dict[str | None, list[str]] = {}
    for name in names:
        key = name if name in context.query.selected else None
        groups.setdefault(key, []).append(name)
    stored = stored_counts(context)
    public = stored.public
    tallies = {name: Counter(stored.counts.get(name, ())) for name in names}
    for except_facet, members in groups.items():
        if not context.narrowed(except_facet=except_facet):
            continue
        size = context.count(except_facet=except_facet)
        if size == public:  # e.g. a word every agreement holds: no row left out, nothing to do
            continue
        if size * 2 <= public:
            counted = _links(context, except_facet, rest=False)
            for name in members:
                tallies[name] = Counter()
            for facet, value, n in counted:
                if facet in members:
                    tallies[facet][value] = n
            continue
        for facet, value, n in _links(context, except_facet, rest=True):
            if facet in members:
                tallies[facet][value] -= n
        for name in members:
            tallies[name] = +tallies[name]  # drops values no row has
    return tallies


REFERENCE_FACETS = {
    "jurisdiction": Jurisdiction,
    "organization": Organization,
    "service_area": ServiceArea,
}
_COUNTS_TABLE = PublishedFacetCount._meta.db_table
CHOICES = {
    "level": Jurisdiction.Level.choices,
    "type": Agreement.Type.choices,
    "state": Agreement.State.choices,
}


@dataclass(frozen=True)
class StoredCounts:
    """The stored counts of every public agreement (`PublishedFacetCount`, values some public
    agreement has), with the names of the reference facets' values."""

    counts: dict[str, Counter]  # {facet: Counter(value -> agreements)}
    names: dict[str, dict[str, tuple[str, str]]]  # {reference facet: {slug: (name_en, name_fr)}}
    rows: tuple  # the rows all this was read from, in the database's order: what it depends on

    @property
    def public(self) -> int:
        """How many agreements the public may read (every one has exactly one state)."""
        return sum(self.counts["state"].values())


def _stored_sql() -> str:
    """Every stored count above zero with, for a reference facet's value, its names: one LEFT
    JOIN per reference table, which only a row of that facet can match."""
    quote = connection.ops.quote_name
    joins, names_en, names_fr = [], [], []
    for index, model in enumerate(REFERENCE_FACETS.values()):
        alias = f"r{index}"
        joins.append(
            f" LEFT JOIN {quote(model._meta.db_table)} {alias}"
            f" ON c.facet = %s AND {alias}.slug = c.value"
        )
        names_en.append(f"{alias}.name_en")
        names_fr.append(f"{alias}.name_fr")
    return (
        f"SELECT c.facet, c.value, c.agreements, COALESCE({', '.join(names_en)}),"  # noqa: S608 # nosec B608 # names from the models; values are %s parameters
        f" COALESCE({', '.join(names_fr)}) FROM {quote(_COUNTS_TABLE)} c{''.join(joins)}"
        " WHERE c.agreements > 0"
    )


def stored_counts(context: FilterContext) -> StoredCounts:
    """The stored counts and the reference facets' names, read in one query the first time a
    request asks (the facets, the results' total and the home page's figures share them); the
    ORM took longer to build the three name queries this replaces than the database to run
    them."""
    if context.stored is None:
        counts: dict[str, Counter] = {facet: Counter() for facet in FACETS}
        names: dict[str, dict[str, tuple[str, str]]] = {facet: {} for facet in REFERENCE_FACETS}
        with connection.cursor() as cursor:
            cursor.execute(_stored_sql(), list(REFERENCE_FACETS))
            rows = tuple(tuple(row) for row in cursor.fetchall())
        for facet, value, n, name_en, name_fr in rows:
            counts.setdefault(facet, Counter())[value] = n
            if facet in names and name_en is not None:
                names[facet][value] = (name_en, name_fr or "")
        context.stored = StoredCounts(counts, names, rows)
    return context.stored


def _reference_names(wanted: dict[str, set[str]]) -> dict[str, dict[str, tuple[str, str]]]:
    """{facet: {slug: (name_en, name_fr)}} of the slugs in `wanted` ({reference facet: slugs}),
    in one query: the selected values no public agreement has (they are shown with a count of
    0 when they exist), whose names the stored counts do not bring."""
    parts, params = [], []
    facets = [facet for facet in wanted if wanted[facet]]
    for index, facet in enumerate(facets):  # rows say their facet by its index (a constant)
        table = connection.ops.quote_name(REFERENCE_FACETS[facet]._meta.db_table)
        slugs = sorted(wanted[facet])
        parts.append(
            f"SELECT {index}, slug, name_en, name_fr FROM {table}"  # noqa: S608 # nosec B608 # names from the models; values are %s parameters
            f" WHERE slug IN ({', '.join(['%s'] * len(slugs))})"
        )
        params += slugs
    names = {facet: {} for facet in wanted}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for index, slug, name_en, name_fr in cursor.fetchall():
                names[facets[index]][slug] = (name_en, name_fr or "")
    return names


def _names(context: FilterContext) -> tuple[dict[str, dict[str, tuple[str, str]]], tuple]:
    """The reference facets' names: the stored counts', plus those of selected values no public
    agreement has (one more query, only when there are such values); and those extra names as a
    tuple (with the stored rows, what the names depend on)."""
    stored = stored_counts(context).names
    missing = {
        facet: {v for v in context.query.selected.get(facet, ()) if v not in stored[facet]}
        for facet in REFERENCE_FACETS
    }
    if not any(missing.values()):
        return stored, ()
    found = _reference_names(missing)
    extra = tuple((facet, tuple(sorted(found[facet].items()))) for facet in REFERENCE_FACETS)
    return {facet: {**stored[facet], **found[facet]} for facet in REFERENCE_FACETS}, extra


def _labels(
    facet: str, values: set[str], names: dict[str, tuple[str, str]] | None, language: str
) -> dict[str, LocalizedText]:
    """Labels, in `language`, of `values` that exist: the names of a reference facet (from
    `_reference_names`), choice labels, or the year itself. Worked out once per option here
    rather than by the template (hundreds of options at 10,000 agreements)."""
    if not values:
        return {}
    if facet in REFERENCE_FACETS:
        return {
            slug: in_language(*names[slug], language) for slug in values if slug in (names or {})
        }
    if facet == "year":  # any four-digit year is a year
        return {value: LocalizedText(value, language, False) for value in values}
    labels = dict(CHOICES[facet])
    return {
        value: LocalizedText(str(labels[value]), language, False)
        for value in values
        if value in labels
    }


def _count_facet(
    facet: str, tally: Counter, selected: set[str], names: dict | None, language: str
) -> dict[str, tuple[LocalizedText, int]]:
    """{value: (label, count)}: every counted value, and selected values that exist but match
    nothing. A counted value with no label (a slug renamed since a version was signed) is
    shown as its value."""
    labels = _labels(facet, set(tally) | selected, names, language)
    counts = {
        value: (labels.get(value) or LocalizedText(value, language, False), n)
        for value, n in tally.items()
    }
    for value in selected - tally.keys():
        if value in labels:
            counts[value] = (labels[value], 0)
    return counts


_FIXED_ORDERS = {
    facet: {value: index for index, value in enumerate(values)}
    for facet, values in (
        ("level", Jurisdiction.Level.values),
        ("type", Agreement.Type.values),
        ("state", Agreement.State.values),
    )
}


def _order(facet: str, counts: dict[str, tuple]) -> list[str]:
    """Levels, types and states in their own order; years newest first; names by count, then
    by slug."""
    if facet in _FIXED_ORDERS:
        order = _FIXED_ORDERS[facet]
        return sorted(counts, key=lambda v: order.get(v, 99))
    if facet == "year":
        return sorted(counts, reverse=True)
    return sorted(counts, key=lambda v: (-counts[v][1], v))


# Facets kept per process under everything they are built from: the language, the query (its
# selections, and its text and sort, which the "remove" links keep), the stored rows (counts and
# names) and, when something narrows the rows, the counts of this request. The same page asked
# again (the unfiltered browser above all: ~330 options, a sixth of its time to build) is not
# built again; a publication, a rename or another count changes the key. At most this many are
# kept (then they are built again).
_KEPT: dict[tuple, Any] = {}
MAX_KEPT = 32


def _kept(key: tuple, build):
    """`build()`, kept under `key` (`_KEPT`)."""
    found = _KEPT.get(key)
    if found is None:
        if len(_KEPT) >= MAX_KEPT:
            _KEPT.clear()
        found = _KEPT[key] = build()
    return found


def facets(context: FilterContext, *, language: str) -> list[Facet]:
    """Every facet of the browser for `context`, its options counted and named in `language`."""
    tallies = _tallies(context, FACETS)
    names, extra = _names(context)
    query = context.query
    # Not narrowed: the counts are the stored ones, which the stored rows already key.
    counted = (
        tuple((name, tuple(sorted(tally.items()))) for name, tally in tallies.items())
        if context.narrowed()
        else None
    )
    key = (
        "facets",
        language,
        query.text,
        query.sort,
        tuple(query.selected.items()),
        stored_counts(context).rows,
        extra,
        counted,
    )
    return _kept(key, lambda: _facets(context, tallies, names, language))


def _facets(context: FilterContext, tallies: dict, names: dict, language: str) -> list[Facet]:
    result = []
    for facet in FACETS:
        selected = set(context.query.selected.get(facet, ()))
        counts = _count_facet(facet, tallies[facet], selected, names.get(facet), language)
        order = _order(facet, counts)
        # A value no option has (a mistyped or stale link) stays visible, as typed, so that it
        # can be removed: otherwise it would silently empty the results.
        unknown = [value for value in context.query.selected.get(facet, ()) if value not in counts]
        options = [
            FacetOption(
                value,
                counts[value][0],
                counts[value][1],
                value in selected,
                context.query.without(facet, value) if value in selected else "",
            )
            for value in order
        ] + [
            FacetOption(value, value, 0, True, context.query.without(facet, value), unknown=True)
            for value in unknown
        ]
        result.append(Facet(facet, FACET_LABELS[facet], options))
    return result


def facets_only(
    context: FilterContext, names: tuple[str, ...], *, language: str
) -> dict[str, list]:
    """Counts of published agreements for a few facets of `context`, a context with nothing
    selected (home page)."""
    if context.narrowed():
        raise ValueError("facets_only counts every public agreement: nothing may be selected.")
    key = ("facets_only", names, language, stored_counts(context).rows)
    return _kept(key, lambda: _facets_only(context, names, language))


def _facets_only(context: FilterContext, names: tuple[str, ...], language: str) -> dict[str, list]:
    tallies = _tallies(context, names)
    reference = stored_counts(context).names
    result = {}
    for name in names:
        counts = _count_facet(name, tallies[name], set(), reference.get(name), language)
        order = _order(name, counts)
        result[name] = [
            FacetOption(value, counts[value][0], counts[value][1], False) for value in order
        ]
    return result
