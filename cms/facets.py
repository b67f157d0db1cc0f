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

from django.db.models import Count, F
from django.utils.html import format_html

from agreements.models import (
    Agreement,
    PublishedAgreement,
    PublishedFacet,
    PublishedFacetCount,
    ServiceArea,
)
from cms.browser_filters import FilterContext, filter_context
from cms.browser_query import FACET_LABELS, FACETS, VISIBLE_OPTIONS, BrowserQuery
from cms.localizing import fallback_note
from cms.published import Named
from jurisdictions.models import Jurisdiction, Organization
from registry.bilingual import LocalizedText, localized_with_fallback

# --- Facets --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: LocalizedText  # in the page's language (shown through the `bi` filter)
    count: int
    selected: bool
    remove_query: str = ""  # the query string without this option, when it is selected
    unknown: bool = False  # selected from the URL, but no such value exists (shown as typed)


def _label_html(label: LocalizedText) -> str:
    """A label as the `bi` template filter shows it: marked when in the other language."""
    if not label.is_fallback:
        return label.text
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback">{}</span>',
        label.language,
        label.text,
        fallback_note(label.language),
    )


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
    def more_items(self) -> list[str]:
        """`more` as the disclosure's list items, built here rather than by the template: at
        10,000 agreements a facet has hundreds of options, and the template engine takes about
        a tenth of a millisecond for each."""
        return [
            format_html(
                '<li><input type="checkbox" id="f-{0}-more-{1}" name="{0}" value="{2}">\n'
                '            <label for="f-{0}-more-{1}">{3} <span class="count">{4}</span>'
                "</label></li>",
                self.name,
                index,
                option.value,
                _label_html(option.label),
                option.count,
            )
            for index, option in enumerate(self.more, 1)
        ]


def _grouped(links) -> list[tuple[str, str, int]]:
    """Links grouped by (facet, value). Callers filter on agreements only, not on facets: the
    (agreement, facet, value) index then drives the query from the agreements counted, instead
    of SQLite reading every link of the facets through the (facet, value) index."""
    return list(links.order_by().values_list("facet", "value").annotate(n=Count("id")))


def _tallies(context: FilterContext, names: tuple[str, ...]) -> dict[str, Counter]:
    """{facet: Counter(value -> agreements)} for `names`, each counted with every other facet's
    selection applied but not its own. Facets with nothing selected share one filter, so they
    are counted together.

    The stored counts (every public agreement) are read first, in one query, and are the
    answer when nothing narrows the rows. Otherwise the narrowed rows are counted (one query)
    and their links grouped (one more): those of the rows themselves when they are fewer than
    half the public agreements, else those of the rest, subtracted from the stored counts, so a
    common word that matches nearly everything is as cheap as a rare one."""
    groups: dict[str | None, list[str]] = {}
    for name in names:
        key = name if name in context.query.selected else None
        groups.setdefault(key, []).append(name)
    stored = {name: Counter() for name in {*names, "state"}}
    for facet, value, n in PublishedFacetCount.objects.filter(
        facet__in=stored, agreements__gt=0
    ).values_list("facet", "value", "agreements"):
        stored[facet][value] = n
    public = sum(stored["state"].values())  # every public agreement has one state
    tallies = {name: Counter(stored[name]) for name in names}
    for except_facet, members in groups.items():
        if not context.narrowed(except_facet=except_facet):
            continue
        rows = context.filtered(except_facet=except_facet)
        if context.count(except_facet=except_facet) * 2 <= public:
            counted = _grouped(PublishedFacet.objects.filter(agreement_id__in=rows.values("pk")))
            for name in members:
                tallies[name] = Counter()
            for facet, value, n in counted:
                if facet in members:
                    tallies[facet][value] = n
            continue
        rest = PublishedAgreement.objects.filter(public=True).exclude(pk__in=rows.values("pk"))
        for facet, value, n in _grouped(
            PublishedFacet.objects.filter(agreement_id__in=rest.values("pk"))
        ):
            if facet in members:
                tallies[facet][value] -= n
        for name in members:
            tallies[name] = +tallies[name]  # drops values no row has
    return tallies


REFERENCE_FACETS = {
    "jurisdiction": (Jurisdiction, {"extra": F("level")}),
    "organization": (Organization, {"extra": F("jurisdiction__slug")}),
    "service_area": (ServiceArea, {}),
}
CHOICES = {
    "level": Jurisdiction.Level.choices,
    "type": Agreement.Type.choices,
    "state": Agreement.State.choices,
}


def _labels(facet: str, values: set[str]) -> dict[str, object]:
    """Labels of `values` that exist: names joined from the reference table (one query for a
    jurisdiction, organisation or service area facet), choice labels, or the year itself."""
    if not values:
        return {}
    if facet in REFERENCE_FACETS:
        model, extra = REFERENCE_FACETS[facet]
        rows = model.objects.filter(slug__in=values).values("slug", "name_en", "name_fr", **extra)
        return {
            row["slug"]: Named(
                row["slug"], row["name_en"], row["name_fr"] or "", row.get("extra", "")
            )
            for row in rows
        }
    if facet == "year":
        return {value: value for value in values}  # any four-digit year is a year
    labels = dict(CHOICES[facet])
    return {value: labels[value] for value in values if value in labels}


def _count_facet(facet: str, tally: Counter, selected: set[str]) -> dict[str, tuple]:
    """{value: (label, count)}: every counted value, and selected values that exist but match
    nothing. A counted value with no label (a slug renamed since a version was signed) is
    shown as its value."""
    labels = _labels(facet, set(tally) | selected)
    counts = {value: (labels.get(value, value), n) for value, n in tally.items()}
    for value in selected - tally.keys():
        if value in labels:
            counts[value] = (labels[value], 0)
    return counts


def _order(facet: str, counts: dict[str, tuple]) -> list[str]:
    if facet == "level":
        order = {value: index for index, value in enumerate(Jurisdiction.Level.values)}
        return sorted(counts, key=lambda v: order.get(v, 99))
    if facet == "type":
        order = {value: index for index, value in enumerate(Agreement.Type.values)}
        return sorted(counts, key=lambda v: order.get(v, 99))
    if facet == "state":
        order = {value: index for index, value in enumerate(Agreement.State.values)}
        return sorted(counts, key=lambda v: order.get(v, 99))
    if facet == "year":
        return sorted(counts, reverse=True)
    return sorted(counts, key=lambda v: (-counts[v][1], str(counts[v][0]).lower()))


def _localized(label, language: str) -> LocalizedText:
    """A label as text in the page's language, worked out once per option here rather than by
    the template (hundreds of options at 10,000 agreements)."""
    if isinstance(label, Named):
        return localized_with_fallback(label, "name", language)
    return LocalizedText(str(label), language, False)


def _localize(counts: dict[str, tuple], language: str) -> dict[str, tuple]:
    return {value: (_localized(label, language), n) for value, (label, n) in counts.items()}


def facets(context: FilterContext, *, language: str) -> list[Facet]:
    result = []
    tallies = _tallies(context, FACETS)
    for facet in FACETS:
        selected = set(context.query.selected.get(facet, ()))
        counts = _count_facet(facet, tallies[facet], selected)
        order = _order(facet, counts)
        counts = _localize(counts, language)
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
    result = {}
    for name in names:
        counts = _count_facet(name, tallies[name], set())
        order = _order(name, counts)
        counts = _localize(counts, language)
        result[name] = [
            FacetOption(value, counts[value][0], counts[value][1], False) for value in order
        ]
    return result
