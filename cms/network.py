"""Which governments hold agreements with which: links between jurisdictions, drawn as SVG.

A link joins two jurisdictions when at least one published agreement has parties in both; its
weight is the number of such agreements. The pairs come from one self-join aggregate over
parties (plus the divergent few, read from their snapshots), so the cost does not grow with the
number of agreements. The drawing is laid out here, on a circle, and rendered by the template
as plain SVG: no JavaScript.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils import timezone

from agreements.models import Agreement, Party, ServiceArea
from cms import published
from jurisdictions.models import Jurisdiction

SIZE = 720
RADIUS = 250
# Room left and right of the circle for labels, which sit outside it.
MARGIN = 170
LABEL_LENGTH = 26
# The query parameters of the network page (a country's slug and a service area's slug).
PARAMETERS = ("country", "service_area")


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

    @property
    def view_box(self) -> str:
        return f"{-self.margin} 0 {self.size + 2 * self.margin} {self.size}"


def _country_of(jurisdiction_id: int, everything: dict[int, Jurisdiction]) -> int:
    node, seen = everything[jurisdiction_id], set()
    while node.parent_id and node.parent_id in everything and node.pk not in seen:
        seen.add(node.pk)
        node = everything[node.parent_id]
    return node.pk


def network(
    *,
    country: str = "",
    service_area: str = "",
    today: datetime.date | None = None,
) -> Network:
    """The jurisdiction network of published agreements, optionally only agreements with a party
    in `country` (a root jurisdiction's slug) and covering `service_area` (a slug)."""
    today = today or timezone.localdate()
    everything = {j.pk: j for j in Jurisdiction.objects.order_by("name_en")}
    in_country = None
    chosen_country = next(
        (j for j in everything.values() if j.parent_id is None and j.slug == country), None
    )
    if chosen_country is not None:
        in_country = {pk for pk in everything if _country_of(pk, everything) == chosen_country.pk}

    agreements = Agreement.objects.published(on=today)
    relational = published.relational(agreements, on=today)
    if service_area:
        relational = relational.filter(service_areas__slug=service_area)
    if in_country is not None:
        relational = relational.filter(parties__organization__jurisdiction__in=in_country)
    relational_ids = relational.values("pk")

    pair_counts: dict[tuple[int, int], int] = defaultdict(int)
    rows = (
        Party.objects.filter(agreement__in=relational_ids)
        .values(
            a=F("organization__jurisdiction"), b=F("agreement__parties__organization__jurisdiction")
        )
        .filter(a__lt=F("b"))
        .annotate(n=Count("agreement", distinct=True))
    )
    for row in rows:
        pair_counts[(row["a"], row["b"])] += row["n"]
    node_counts: dict[int, int] = defaultdict(int)
    node_rows = (
        Party.objects.filter(agreement__in=relational_ids)
        .values(j=F("organization__jurisdiction"))
        .annotate(n=Count("agreement", distinct=True))
    )
    for row in node_rows:
        node_counts[row["j"]] += row["n"]

    for facts in published.divergent_facts(on=today).values():
        if service_area and service_area not in facts.service_areas:
            continue
        if in_country is not None and not (facts.jurisdiction_ids & in_country):
            continue
        for pair in facts.jurisdiction_pairs:
            pair_counts[pair] += 1
        for pk in facts.jurisdiction_ids:
            node_counts[pk] += 1

    linked = sorted(
        {pk for pair in pair_counts for pk in pair if pk in everything},
        key=lambda pk: (_country_of(pk, everything), everything[pk].level, everything[pk].name_en),
    )
    nodes = {pk: Node(everything[pk], agreements=node_counts.get(pk, 0)) for pk in linked}
    _lay_out(list(nodes.values()))
    heaviest = max(pair_counts.values(), default=1)
    links = [
        Link(nodes[a], nodes[b], n, width=round(1 + 5 * n / heaviest, 2))
        for (a, b), n in sorted(pair_counts.items(), key=lambda item: -item[1])
        if a in nodes and b in nodes
    ]
    return Network(
        nodes=list(nodes.values()),
        links=links,
        countries=_countries_with_agreements(everything, today=today),
        service_areas=list(ServiceArea.objects.order_by("name_en")),
    )


def _countries_with_agreements(everything: dict[int, Jurisdiction], *, today) -> list[Jurisdiction]:
    """The countries (root jurisdictions) with a party in some published agreement, for the
    country filter: a country appears only once it has something to show."""
    agreements = published.relational(Agreement.objects.published(on=today), on=today)
    ids = set(
        Party.objects.filter(agreement__in=agreements.values("pk"))
        .values_list("organization__jurisdiction", flat=True)
        .distinct()
    )
    for facts in published.divergent_facts(on=today).values():
        ids |= facts.jurisdiction_ids
    roots = {_country_of(pk, everything) for pk in ids if pk in everything}
    return sorted((everything[pk] for pk in roots), key=lambda j: j.name_en)


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
