"""What the public may see, as data the public pages can count, filter and list.

The one rule lives in `AgreementVersion.objects.published()` / `Agreement.objects.published()`;
everything here starts from those querysets and never re-implements them. The browser, search and
home page read its recorded answer, the read model (agreements.published_read_model, which also
holds `current_versions` and the divergence rule below, re-exported here).

The public reads signed versions, never the working copy. Counting and filtering over the JSON
snapshots of 10,000 agreements would be slow, so facts shared by many agreements (parties,
jurisdictions, service areas, type) are read from the relational working copy, which equals the
current published version for almost every agreement. The exceptions are "divergent"
agreements: those with an open amendment (the working copy is being edited) or with a signed
version that has not taken effect yet (the working copy is already ahead of the public). For
those few, facts come from the snapshot of the current published version, in Python. Every
function here runs a fixed number of queries whatever the number of agreements.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet

from agreements.models import Agreement, AgreementVersion
from agreements.published_read_model import current_versions, divergent_condition, today
from registry.bilingual import BilingualMixin

__all__ = [
    "Named",
    "SnapshotFacts",
    "current_versions",
    "divergent_condition",
    "divergent_facts",
    "published_agreements",
    "relational",
    "snapshot_facts",
    "today",
]


@dataclass(frozen=True)
class Named(BilingualMixin):
    """A jurisdiction, organisation or service area as shown in a facet or a list."""

    key: str
    name_en: str
    name_fr: str
    extra: str = ""  # a jurisdiction's level; an organisation's jurisdiction slug


@dataclass
class SnapshotFacts:
    """The facets of one divergent agreement, read from its current published snapshot."""

    agreement_id: int
    state: str
    first_year: int | None
    agreement_type: str
    jurisdictions: dict[str, Named] = field(default_factory=dict)
    levels: set[str] = field(default_factory=set)
    organizations: dict[str, Named] = field(default_factory=dict)
    service_areas: dict[str, Named] = field(default_factory=dict)
    jurisdiction_ids: set[int] = field(default_factory=set)
    jurisdiction_pairs: set[tuple[int, int]] = field(default_factory=set)


def snapshot_facts(version: AgreementVersion, *, state: str, first_year: int | None):
    snapshot = version.snapshot
    facts = SnapshotFacts(
        agreement_id=version.agreement_id,
        state=state,
        first_year=first_year,
        agreement_type=snapshot["agreement"]["type"]["code"],
    )
    for party in snapshot["parties"]:
        organization = party["organization"]
        jurisdiction = organization["jurisdiction"]
        facts.organizations[organization["slug"]] = Named(
            organization["slug"],
            organization["name"]["en"],
            organization["name"]["fr"],
            jurisdiction["slug"],
        )
        facts.jurisdictions[jurisdiction["slug"]] = Named(
            jurisdiction["slug"],
            jurisdiction["name"]["en"],
            jurisdiction["name"]["fr"],
            jurisdiction["level"]["code"],
        )
        facts.levels.add(jurisdiction["level"]["code"])
        facts.jurisdiction_ids.add(jurisdiction["id"])
    for area in snapshot["agreement"]["service_areas"]:
        facts.service_areas[area["slug"]] = Named(
            area["slug"], area["name"]["en"], area["name"]["fr"]
        )
    ids = sorted(facts.jurisdiction_ids)
    facts.jurisdiction_pairs = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    return facts


def divergent_facts(
    *, on: datetime.date | None = None, within: QuerySet[Agreement] | None = None
) -> dict[int, SnapshotFacts]:
    """Facts of the published divergent agreements (optionally only those in `within`), read
    from their current published snapshots. One query."""
    day = on or today()
    agreements = Agreement.objects.published(on=day).filter(divergent_condition(on=day))
    if within is not None:
        agreements = agreements.filter(pk__in=within.values("pk"))
    first = AgreementVersion.objects.filter(agreement=OuterRef("agreement"), number=1)
    versions = (
        current_versions(on=day)
        .filter(agreement__in=agreements.values("pk"))
        .select_related("agreement")
        .annotate(first_effective=first.values("effective_date")[:1])
        .only("agreement_id", "snapshot", "agreement__state")
    )
    return {
        version.agreement_id: snapshot_facts(
            version,
            state=version.agreement.state,
            first_year=version.first_effective.year if version.first_effective else None,
        )
        for version in versions
    }


def published_agreements(*, on: datetime.date | None = None) -> QuerySet[Agreement]:
    """The public's agreements (the single rule), for building filters on."""
    return Agreement.objects.published(on=on)


def relational(queryset: QuerySet[Agreement], *, on: datetime.date | None = None):
    """The part of `queryset` whose working copy equals the current published version."""
    return queryset.exclude(divergent_condition(on=on))
