"""Facet counts for the agreement browser and the home page.

Options of one facet are OR-ed, facets are AND-ed, and the counts of a facet are computed with
every other facet's selection applied but not its own, so a visitor can widen a facet as well as
narrow it. Each facet is counted by one aggregate query (`values().annotate(Count())`) plus the
divergent few in Python, so the cost does not grow with the number of agreements.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F
from django.db.models.functions import ExtractYear

from agreements.models import Agreement, AgreementVersion, Party, ServiceArea
from cms import published
from cms.browser_filters import FilterContext, filter_context
from cms.browser_query import (
    CONTENT_FACETS,
    FACET_LABELS,
    FACETS,
    SERVICE_AREA_LINK,
    VISIBLE_OPTIONS,
    BrowserQuery,
)
from cms.published import Named, SnapshotFacts
from jurisdictions.models import Jurisdiction, Organization

# --- Facets --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: object  # a str, a lazy translation or a Named (shown through the `bi` filter)
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


def _named_counts(rows, key: str, en: str, fr: str, extra: str = "") -> dict[str, tuple]:
    return {
        row[key]: (Named(row[key], row[en], row[fr] or "", row[extra] if extra else ""), row["n"])
        for row in rows
    }


def _add_divergent(counts: dict, items: list[SnapshotFacts], attribute: str) -> None:
    for item in items:
        for key, named in getattr(item, attribute).items():
            label, count = counts.get(key, (named, 0))
            counts[key] = (label, count + 1)


def _count_facet(context: FilterContext, facet: str) -> dict[str, tuple]:
    """{value: (label, count)} for one facet, in one aggregate query (plus the divergent few)."""
    agreements = context.filtered(except_facet=facet)
    divergent = context.divergent_in(except_facet=facet)
    if facet in CONTENT_FACETS:
        relational = agreements.exclude(pk__in=context.divergent_ids)
        parties = Party.objects.filter(agreement__in=relational.values("pk"))
    if facet == "jurisdiction":
        rows = parties.values(
            key=F("organization__jurisdiction__slug"),
            en=F("organization__jurisdiction__name_en"),
            fr=F("organization__jurisdiction__name_fr"),
            level=F("organization__jurisdiction__level"),
        ).annotate(n=Count("agreement", distinct=True))
        counts = _named_counts(rows, "key", "en", "fr", "level")
        _add_divergent(counts, divergent, "jurisdictions")
        return counts
    if facet == "organization":
        rows = parties.values(
            key=F("organization__slug"),
            en=F("organization__name_en"),
            fr=F("organization__name_fr"),
            jurisdiction=F("organization__jurisdiction__slug"),
        ).annotate(n=Count("agreement", distinct=True))
        counts = _named_counts(rows, "key", "en", "fr", "jurisdiction")
        _add_divergent(counts, divergent, "organizations")
        return counts
    if facet == "service_area":
        rows = (
            SERVICE_AREA_LINK.objects.filter(agreement__in=relational.values("pk"))
            .values(
                key=F("servicearea__slug"),
                en=F("servicearea__name_en"),
                fr=F("servicearea__name_fr"),
            )
            .annotate(n=Count("agreement", distinct=True))
        )
        counts = _named_counts(rows, "key", "en", "fr")
        _add_divergent(counts, divergent, "service_areas")
        return counts
    if facet == "level":
        rows = parties.values(key=F("organization__jurisdiction__level")).annotate(
            n=Count("agreement", distinct=True)
        )
        tally = Counter({row["key"]: row["n"] for row in rows})
        for item in divergent:
            tally.update(item.levels)
        labels = dict(Jurisdiction.Level.choices)
        return {key: (labels.get(key, key), n) for key, n in tally.items()}
    if facet == "type":
        rows = relational.values(key=F("agreement_type")).annotate(n=Count("pk"))
        tally = Counter({row["key"]: row["n"] for row in rows})
        tally.update(item.agreement_type for item in divergent)
        labels = dict(Agreement.Type.choices)
        return {key: (labels.get(key, key), n) for key, n in tally.items()}
    if facet == "state":
        rows = agreements.values(key=F("state")).annotate(n=Count("pk"))
        labels = dict(Agreement.State.choices)
        return {row["key"]: (labels.get(row["key"], row["key"]), row["n"]) for row in rows}
    if facet == "year":
        rows = (
            AgreementVersion.objects.filter(number=1, agreement__in=agreements.values("pk"))
            .values(key=ExtractYear("effective_date"))
            .annotate(n=Count("pk"))
        )
        return {str(row["key"]): (str(row["key"]), row["n"]) for row in rows}
    raise ValueError(facet)


def _selected_labels(query: BrowserQuery, facet: str, missing: set[str]) -> dict[str, object]:
    """Labels for selected options that no longer match anything (one query when needed)."""
    if not missing:
        return {}
    if facet == "jurisdiction":
        rows = Jurisdiction.objects.filter(slug__in=missing).values("slug", "name_en", "name_fr")
    elif facet == "organization":
        rows = Organization.objects.filter(slug__in=missing).values("slug", "name_en", "name_fr")
    elif facet == "service_area":
        rows = ServiceArea.objects.filter(slug__in=missing).values("slug", "name_en", "name_fr")
    elif facet == "year":
        return {value: value for value in missing}  # any four-digit year is a year
    else:
        choices = {
            "level": Jurisdiction.Level.choices,
            "type": Agreement.Type.choices,
            "state": Agreement.State.choices,
        }[facet]
        labels = dict(choices)
        return {value: labels[value] for value in missing if value in labels}
    found = {row["slug"]: Named(row["slug"], row["name_en"], row["name_fr"]) for row in rows}
    return {value: found[value] for value in missing if value in found}


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


def facets(context: FilterContext) -> list[Facet]:
    result = []
    for facet in FACETS:
        counts = _count_facet(context, facet)
        selected = set(context.query.selected.get(facet, ()))
        missing = selected - counts.keys()
        for value, label in _selected_labels(context.query, facet, missing).items():
            counts[value] = (label, 0)
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
            for value in _order(facet, counts)
        ] + [
            FacetOption(value, value, 0, True, context.query.without(facet, value), unknown=True)
            for value in unknown
        ]
        result.append(Facet(facet, FACET_LABELS[facet], options))
    return result


def facets_only(names: tuple[str, ...], *, day: datetime.date | None = None) -> dict[str, list]:
    """Counts of published agreements for a few facets, with nothing selected (home page)."""
    context = filter_context(BrowserQuery(), day=day or published.today())
    result = {}
    for name in names:
        counts = _count_facet(context, name)
        result[name] = [
            FacetOption(value, counts[value][0], counts[value][1], False)
            for value in _order(name, counts)
        ]
    return result
