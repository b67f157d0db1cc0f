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

from django.db import connection
from django.db.models import Count

from agreements.models import (
    Agreement,
    PublishedAgreement,
    PublishedFacet,
    PublishedFacetCount,
    ServiceArea,
)
from cms.browser_filters import FilterContext, facet_condition, filter_context
from cms.browser_query import FACET_LABELS, FACETS, VISIBLE_OPTIONS, BrowserQuery
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

    @property
    def html(self) -> str:
        """The facet as its <fieldset> (built in Python: hundreds of options at 10,000
        agreements)."""
        return fieldset(self)


def _grouped_links(links):
    """Links grouped by (facet, value), as (facet, value, n) rows. Callers filter on agreements
    only, not on facets: the (agreement, facet, value) index then drives the query from the
    agreements counted, instead of SQLite reading every link of the facets through the
    (facet, value) index."""
    return links.order_by().values_list("facet", "value").annotate(n=Count("id"))


def _grouped(links) -> list[tuple[str, str, int]]:
    return list(_grouped_links(links))


def _selected_rows(selected: dict[str, list[str]]):
    """Public rows with one of the selected values of every facet in `selected` (the rule of
    FilterContext.filtered, without text)."""
    rows = PublishedAgreement.objects.filter(public=True)
    for facet, values in selected.items():
        rows = rows.filter(facet_condition(facet, tuple(values)))
    return rows


# The facet queries of a page without text, compiled once per connection and per shape (which
# facets are selected, how many values each) and then only run again with the page's values:
# building them with the ORM took longer than SQLite takes to run them.
_STORED_COUNTS = CompiledQuery(
    "facets.stored",
    lambda facets: PublishedFacetCount.objects.filter(
        facet__in=facets, agreements__gt=0
    ).values_list("facet", "value", "agreements"),
)
_LINKS_OF_ROWS = CompiledQuery(
    "facets.links_of_rows",
    lambda **selected: _grouped_links(
        PublishedFacet.objects.filter(agreement_id__in=_selected_rows(selected).values("pk"))
    ),
)
_LINKS_OF_REST = CompiledQuery(
    "facets.links_of_rest",
    lambda **selected: _grouped_links(
        PublishedFacet.objects.filter(
            agreement_id__in=PublishedAgreement.objects.filter(public=True)
            .exclude(pk__in=_selected_rows(selected).values("pk"))
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
    stored = {name: Counter() for name in {*names, "state"}}
    for facet, value, n in _STORED_COUNTS.rows(facets=sorted(stored)):
        stored[facet][value] = n
    public = sum(stored["state"].values())  # every public agreement has one state
    tallies = {name: Counter(stored[name]) for name in names}
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


def _reference_names(wanted: dict[str, set[str]]) -> dict[str, dict[str, tuple[str, str]]]:
    """{facet: {slug: (name_en, name_fr)}} for the reference facets in `wanted` ({facet:
    selected slugs}), in one query (the ORM took longer to build three than SQLite to run
    them): every slug some public agreement has, read through the stored counts, plus the
    selected ones."""
    parts, params = [], []
    facets = list(wanted)
    counts = connection.ops.quote_name(_COUNTS_TABLE)
    for index, facet in enumerate(facets):  # rows say their facet by its index (a constant)
        table = connection.ops.quote_name(REFERENCE_FACETS[facet]._meta.db_table)
        selected = sorted(wanted[facet])
        extra = f" OR slug IN ({', '.join(['%s'] * len(selected))})" if selected else ""
        parts.append(
            f"SELECT {index}, slug, name_en, name_fr FROM {table} WHERE slug IN"  # noqa: S608 # nosec B608 # names from the models; values are %s parameters
            f" (SELECT value FROM {counts} WHERE facet = %s AND agreements > 0){extra}"
        )
        params += [facet, *selected]
    names = {facet: {} for facet in facets}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for index, slug, name_en, name_fr in cursor.fetchall():
                names[facets[index]][slug] = (name_en, name_fr or "")
    return names


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


def facets(context: FilterContext, *, language: str) -> list[Facet]:
    result = []
    tallies = _tallies(context, FACETS)
    names = _reference_names(
        {f: set(context.query.selected.get(f, ())) for f in FACETS if f in REFERENCE_FACETS}
    )
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


def facets_only(names: tuple[str, ...], *, language: str) -> dict[str, list]:
    """Counts of published agreements for a few facets, with nothing selected (home page)."""
    context = filter_context(BrowserQuery())
    tallies = _tallies(context, names)
    reference = _reference_names({name: set() for name in names if name in REFERENCE_FACETS})
    result = {}
    for name in names:
        counts = _count_facet(name, tallies[name], set(), reference.get(name), language)
        order = _order(name, counts)
        result[name] = [
            FacetOption(value, counts[value][0], counts[value][1], False) for value in order
        ]
    return result
