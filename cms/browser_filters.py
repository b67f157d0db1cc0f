"""The browser's filters as database conditions, with divergent agreements tested in Python.

Each selected facet becomes one condition on `Agreement.objects.published()`: relational for
agreements whose working copy is what the public sees, and a list of ids for the divergent few
whose current published snapshot passes the same test (see cms.published).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from agreements.models import Agreement, AgreementVersion, Party
from cms import published
from cms.browser_query import CONTENT_FACETS, SERVICE_AREA_LINK, BrowserQuery
from cms.published import SnapshotFacts
from cms.search_adapter import TextMatch, text_match

# --- Predicates ----------------------------------------------------------------------------------


def _party_exists(**lookups) -> Exists:
    return Exists(Party.objects.filter(agreement=OuterRef("pk"), **lookups))


def _relational_condition(facet: str, values: tuple[str, ...]) -> Q:
    if facet == "jurisdiction":
        return Q(_party_exists(organization__jurisdiction__slug__in=values))
    if facet == "level":
        return Q(_party_exists(organization__jurisdiction__level__in=values))
    if facet == "organization":
        return Q(_party_exists(organization__slug__in=values))
    if facet == "service_area":
        links = SERVICE_AREA_LINK.objects.filter(
            agreement=OuterRef("pk"), servicearea__slug__in=values
        )
        return Q(Exists(links))
    if facet == "type":
        return Q(agreement_type__in=values)
    if facet == "state":
        return Q(state__in=values)
    if facet == "year":
        first = AgreementVersion.objects.filter(
            agreement=OuterRef("pk"), number=1, effective_date__year__in=[int(v) for v in values]
        )
        return Q(Exists(first))
    raise ValueError(facet)


def _snapshot_test(facet: str, values: tuple[str, ...]) -> Callable[[SnapshotFacts], bool]:
    wanted = set(values)
    tests = {
        "jurisdiction": lambda f: bool(wanted & f.jurisdictions.keys()),
        "level": lambda f: bool(wanted & f.levels),
        "organization": lambda f: bool(wanted & f.organizations.keys()),
        "service_area": lambda f: bool(wanted & f.service_areas.keys()),
        "type": lambda f: f.agreement_type in wanted,
        "state": lambda f: f.state in wanted,
        "year": lambda f: f.first_year is not None and str(f.first_year) in wanted,
    }
    return tests[facet]


@dataclass
class FilterContext:
    """Everything computed once per request and shared by the facets and the results."""

    day: datetime.date
    query: BrowserQuery
    match: TextMatch | None
    divergent: dict[int, SnapshotFacts]
    divergent_ids: list[int]

    def condition(self, facet: str) -> Q:
        values = self.query.selected[facet]
        relational = _relational_condition(facet, values)
        if facet not in CONTENT_FACETS:
            return relational
        test = _snapshot_test(facet, values)
        passing = [item.agreement_id for item in self.divergent.values() if test(item)]
        return (~Q(pk__in=self.divergent_ids) & relational) | Q(pk__in=passing)

    def base(self) -> QuerySet[Agreement]:
        agreements = published.published_agreements(on=self.day)
        if self.match is not None:
            agreements = self.match.narrow(agreements)
        return agreements

    def filtered(self, *, except_facet: str | None = None) -> QuerySet[Agreement]:
        agreements = self.base()
        for facet in self.query.selected:
            if facet != except_facet:
                agreements = agreements.filter(self.condition(facet))
        return agreements

    def divergent_in(self, *, except_facet: str | None = None) -> list[SnapshotFacts]:
        """The divergent agreements that pass the text match and every other facet."""
        items = [
            item
            for item in self.divergent.values()
            if self.match is None or item.agreement_id in self.match.divergent_ids
        ]
        for facet, values in self.query.selected.items():
            if facet != except_facet:
                test = _snapshot_test(facet, values)
                items = [item for item in items if test(item)]
        return items


def filter_context(query: BrowserQuery, *, day: datetime.date) -> FilterContext:
    divergent = published.divergent_facts(on=day)
    match = None
    if query.text:
        match = text_match(query.text, divergent_ids=list(divergent))
    return FilterContext(
        day=day, query=query, match=match, divergent=divergent, divergent_ids=list(divergent)
    )
