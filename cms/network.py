"""Which governments hold agreements with which: links between jurisdictions, drawn as SVG.

A link joins two jurisdictions when at least one published agreement has parties in both; its
weight is the number of such agreements. Everything comes from the read model
(agreements.published_read_model: one indexed row per public agreement and jurisdiction, read
from the current published version), so no snapshot is read and no agreement is re-examined per
request. The unfiltered page reads its stored counts (`PublishedPairCount` per pair,
`PublishedFacetCount` per jurisdiction); a filtered page counts the chosen agreements' facet
rows, the pairs by one self-join aggregate. The drawing is laid out here, on a circle, and
rendered as plain SVG (cms.templatetags.network_tags): no JavaScript.

At 10,000 agreements the network has hundreds of links: laying them out and writing them as SVG
and table rows cost several times more than reading the data. So the data is read on every
request (as plain rows), and the network built from it is kept, per process, under those very
rows (`_BUILT`): a request that reads the same rows reuses the layout and the markup written
for it (`Network.rendered`); any change of the data, whatever wrote it and whether committed or
not, reads different rows and builds a new network. Nothing is kept that the rows do not decide,
so nothing can be stale and no cache version is needed.
"""

import datetime
import math
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count

from agreements.models import PublishedFacet, PublishedFacetCount, PublishedPairCount, ServiceArea
from agreements.published_read_model import jurisdiction_pair_rows, public_rows
from jurisdictions.models import Jurisdiction

SIZE = 720
RADIUS = 250
# Room left and right of the circle for labels, which sit outside it.
MARGIN = 170
LABEL_LENGTH = 26
# The query parameters of the network page (a country's slug and a service area's slug).
PARAMETERS = ("country", "service_area")
# The read model's facets the network reads (agreements.published_read_model.FACETS).
JURISDICTION = "jurisdiction"
SERVICE_AREA = "service_area"


@dataclass
class Node:
    jurisdiction: Jurisdiction
    x: float = 0.0
    y: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    agreements: int = 0

    @property
    def label(self) -> str:
        label = self.jurisdiction.iso_code or self.jurisdiction.localized("name")
        return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


@dataclass
class Link:
    source: Node
    target: Node
    agreements: int
    width: float = 1.0


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    countries: list[Jurisdiction] = field(default_factory=list)
    service_areas: list[ServiceArea] = field(default_factory=list)
    size: int = SIZE
    margin: int = MARGIN
    node_radius: int = 7
    # Markup written for this network (cms.templatetags.network_tags), by what it depends on
    # besides the network (the language, the link pattern): written once, reused while kept.
    rendered: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def view_box(self) -> str:
        return f"{-self.margin} 0 {self.size + 2 * self.margin} {self.size}"


def _country_of(jurisdiction_id: int, everything: dict[int, Jurisdiction]) -> int:
    node, seen = everything[jurisdiction_id], set()
    while node.parent_id and node.parent_id in everything and node.pk not in seen:
        seen.add(node.pk)
        node = everything[node.parent_id]
    return node.pk


# The fields of a jurisdiction the network reads (names, labels, tree, links, level colour).
JURISDICTION_FIELDS = ("id", "name_en", "name_fr", "slug", "level", "parent_id", "iso_code")
SERVICE_AREA_FIELDS = ("id", "slug", "name_en", "name_fr")
# Networks kept per process, by the rows they were built from (see the module's docstring): a
# few filter combinations, each a few hundred kilobytes of markup at 10,000 agreements.
_BUILT: dict[tuple, Network] = {}
BUILT_LIMIT = 16
_BUILT_LOCK = threading.Lock()


def network(
    *,
    country: str = "",
    service_area: str = "",
    today: datetime.date | None = None,
) -> Network:
    """The jurisdiction network of published agreements, optionally only agreements with a party
    in `country` (a root jurisdiction's slug) and covering `service_area` (a slug)."""
    rows = _rows(country=country, service_area=service_area, today=today)
    key = (country, service_area, *rows)
    built = _BUILT.get(key)
    if built is None:
        built = _build(*rows)
        with _BUILT_LOCK:
            if len(_BUILT) >= BUILT_LIMIT:
                _BUILT.clear()
            _BUILT[key] = built
    return built


def forget_built() -> None:
    """Drop the networks kept by this process (they are never stale; tests use this to build
    afresh)."""
    with _BUILT_LOCK:
        _BUILT.clear()


def _rows(*, country: str, service_area: str, today: datetime.date | None) -> tuple:
    """Everything the network is made of, as hashable rows: the jurisdictions, the pairs and
    their agreements, each jurisdiction's agreements, the jurisdictions of some published
    agreement (None when they are the counted ones) and the service areas."""
    jurisdiction_rows = tuple(
        Jurisdiction.objects.order_by("name_en", "pk").values_list(*JURISDICTION_FIELDS)
    )
    # id, slug, parent_id of each (JURISDICTION_FIELDS)
    everything = {row[0]: (row[3], row[5]) for row in jurisdiction_rows}
    in_country = None
    chosen_country = next(
        (pk for pk, (slug, parent) in everything.items() if parent is None and slug == country),
        None,
    )
    if chosen_country is not None:
        in_country = [pk for pk in everything if _root_of(pk, everything) == chosen_country]

    # Every public agreement's jurisdictions, from the read model (both the relational and the
    # divergent ones: agreements.published_read_model reads each from the right place). Facet
    # rows exist for public agreements only, so the facets are read alone, on their indexes;
    # `public_rows` first brings the rows whose day has come up to date.
    public = public_rows(day=today)
    jurisdictions = PublishedFacet.objects.filter(facet=JURISDICTION)
    chosen = public
    if service_area:
        chosen = chosen.filter(
            pk__in=PublishedFacet.objects.filter(facet=SERVICE_AREA, value=service_area).values(
                "agreement"
            )
        )
    if in_country is not None:
        slugs = [everything[pk][0] for pk in in_country]
        chosen = chosen.filter(
            pk__in=PublishedFacet.objects.filter(facet=JURISDICTION, value__in=slugs).values(
                "agreement"
            )
        )
    links = jurisdictions
    if chosen is not public:
        links = links.filter(agreement__in=chosen.values("pk"))

    # Each pair's agreements: stored when nothing narrows the agreements, else counted.
    pair_rows = (
        PublishedPairCount.objects.filter(agreements__gt=0)
        .order_by("first", "second")
        .values_list("first", "second", "agreements")
        if chosen is public
        else sorted(jurisdiction_pair_rows(chosen.values("pk")))
    )
    # How many agreements each jurisdiction holds: the read model's stored counts when nothing
    # narrows the agreements (no rows counted), else the narrowed facet rows counted.
    counted = (
        PublishedFacetCount.objects.filter(facet=JURISDICTION, agreements__gt=0).values_list(
            "value", "agreements"
        )
        if chosen is public
        else links.values_list("value").annotate(n=Count("agreement_id")).order_by()
    )
    # The country filter offers the countries with a party in some published agreement: those
    # counted when nothing narrows the agreements, else read.
    every_slug = (
        None
        if chosen is public
        else tuple(sorted(jurisdictions.values_list("value", flat=True).distinct()))
    )
    service_area_rows = tuple(
        ServiceArea.objects.order_by("name_en", "pk").values_list(*SERVICE_AREA_FIELDS)
    )
    return (
        jurisdiction_rows,
        tuple(pair_rows),
        tuple(sorted(counted)),
        every_slug,
        service_area_rows,
    )


def _root_of(pk: int, everything: dict[int, tuple[str, int | None]]) -> int:
    """The root of a jurisdiction's tree (its country), from {id: (slug, parent_id)}."""
    seen = set()
    while everything[pk][1] in everything and pk not in seen:
        seen.add(pk)
        pk = everything[pk][1]
    return pk


def _build(
    jurisdiction_rows: tuple,
    pair_rows: tuple,
    counted: tuple,
    every_slug: tuple | None,
    service_area_rows: tuple,
) -> Network:
    """The network laid out from its rows (`_rows`)."""
    everything = {
        row[0]: Jurisdiction.from_db(DEFAULT_DB_ALIAS, JURISDICTION_FIELDS, row)
        for row in jurisdiction_rows
    }
    by_slug = {j.slug: j.pk for j in everything.values()}
    pair_counts: dict[tuple[int, int], int] = defaultdict(int)
    for value, other, n in pair_rows:
        a, b = by_slug.get(value), by_slug.get(other)
        if a is not None and b is not None:
            pair_counts[(min(a, b), max(a, b))] += n
    node_counts: dict[int, int] = defaultdict(int)
    for value, n in counted:
        if value in by_slug:
            node_counts[by_slug[value]] += n
    if every_slug is None:
        every_slug = tuple(everything[pk].slug for pk in node_counts)

    linked = sorted(
        {pk for pair in pair_counts for pk in pair if pk in everything},
        key=lambda pk: (_country_of(pk, everything), everything[pk].level, everything[pk].name_en),
    )
    nodes = {pk: Node(everything[pk], agreements=node_counts.get(pk, 0)) for pk in linked}
    _lay_out(list(nodes.values()))
    heaviest = max(pair_counts.values(), default=1)
    links_drawn = [
        Link(nodes[a], nodes[b], n, width=round(1 + 5 * n / heaviest, 2))
        for (a, b), n in sorted(pair_counts.items(), key=lambda item: -item[1])
        if a in nodes and b in nodes
    ]
    roots = {_country_of(by_slug[slug], everything) for slug in every_slug if slug in by_slug}
    return Network(
        nodes=list(nodes.values()),
        links=links_drawn,
        countries=sorted((everything[pk] for pk in roots), key=lambda j: j.name_en),
        service_areas=[
            ServiceArea.from_db(DEFAULT_DB_ALIAS, SERVICE_AREA_FIELDS, row)
            for row in service_area_rows
        ],
    )


def _lay_out(nodes: list[Node]) -> None:
    """Place nodes evenly on a circle, grouped by country; labels sit outside the circle."""
    centre = SIZE / 2
    count = max(len(nodes), 1)
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / count - math.pi / 2
        node.x = round(centre + RADIUS * math.cos(angle), 1)
        node.y = round(centre + RADIUS * math.sin(angle), 1)
        node.label_x = round(centre + (RADIUS + 14) * math.cos(angle), 1)
        node.label_y = round(centre + (RADIUS + 14) * math.sin(angle) + 4, 1)
        node.anchor = "start" if math.cos(angle) >= -0.01 else "end"
