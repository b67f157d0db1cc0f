"""Reads for the public pages. Each runs a fixed number of queries, whatever the data size, and
starts from `Agreement.objects.published()` / `AgreementVersion.objects.published()`."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Replace, Upper
from django.http import Http404
from django.utils import timezone

from agreements import as_of
from agreements.models import (
    Agreement,
    AgreementRelation,
    AgreementVersion,
    PublishedAgreement,
    PublishedFacet,
    PublishedFacetCount,
    Report,
)
from agreements.published_read_model import public_rows
from agreements.selectors import Holder, holders_by_position
from agreements.services.signatures import SignatureStatus, version_signature_status
from cms import published
from cms.financial import CurrencySum, jurisdiction_commitment_sums
from jurisdictions.models import Jurisdiction, Organization, Position
from registry.compiled_query import CompiledQuery

# --- Agreement page ------------------------------------------------------------------------------


@dataclass
class PartyBlock:
    """One party with the responsibilities it carries, for the agreement page."""

    party: dict[str, Any]
    responsibilities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AgreementView:
    agreement: Agreement
    version: AgreementVersion
    versions: list[AgreementVersion]
    is_current: bool
    holders_on: datetime.date
    holders: dict[int, list] = field(default_factory=dict)
    party_blocks: list[PartyBlock] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)
    inbound: list[AgreementRelation] = field(default_factory=list)
    # "As in force on D": how the agreement stood that day (None when no day was asked).
    standing: as_of.Standing | None = None
    # Who signed the version shown: "signed by N of M", later signatures, in force for whom.
    signatures: SignatureStatus | None = None
    # Accountable positions whose organisation has ended (dissolved…): position id → last day.
    ended_positions: dict[int, datetime.date] = field(default_factory=dict)
    # Responsibility id → its last accepted report's status and period (never the evidence).
    reports: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def snapshot(self) -> dict[str, Any]:
        return self.version.snapshot

    @property
    def current(self) -> AgreementVersion:
        return self.versions[-1]

    @property
    def first(self) -> AgreementVersion:
        return self.versions[0]

    @property
    def holders_live(self) -> bool:
        """Whether `holders` says who held each position on `holders_on` (today, or the day
        asked); otherwise the page reads the holders frozen in the version's snapshot."""
        return self.is_current or (self.standing is not None and self.standing.in_force)

    @property
    def superseded_by(self) -> AgreementVersion | None:
        """The version that replaced the one shown, when it is not the current one."""
        later = [v for v in self.versions if v.number > self.version.number]
        return later[0] if later else None

    @property
    def signing_parties(self) -> list[dict[str, Any]]:
        """The parties that sign, as recorded in the version: signatory position, who held it
        on the day the party signed, and that day."""
        return [block.party for block in self.party_blocks if block.party.get("signs", True)]


def concrete_fields(model) -> tuple[list[str], list[str]]:
    """A model's concrete fields: names (for `values_list`) and attribute names (`from_db`)."""
    fields = model._meta.concrete_fields
    return [f.name for f in fields], [f.attname for f in fields]


_VERSION_NAMES, _VERSION_ATTNAMES = concrete_fields(AgreementVersion)
_AGREEMENT_NAMES, _AGREEMENT_ATTNAMES = concrete_fields(Agreement)
_RELATION_NAMES, _RELATION_ATTNAMES = concrete_fields(AgreementRelation)


def _published_versions(reference: str, day: datetime.date) -> QuerySet[AgreementVersion]:
    """The agreement's versions published by `day`, in order (`published()`)."""
    return (
        AgreementVersion.objects.published(on=day)
        .filter(agreement__reference=reference)
        .order_by("number")
    )


# The agreement page's fixed queries, compiled once (registry.compiled_query): each is the ORM
# queryset of its rule (`published()`, `current_on()`), run with the page's values.
_VERSION_COLUMNS = (*_VERSION_NAMES, *(f"agreement__{name}" for name in _AGREEMENT_NAMES))
PUBLISHED_VERSIONS = CompiledQuery(
    "agreement-page:versions",
    lambda reference, day: _published_versions(reference, day).values_list(*_VERSION_COLUMNS),
)
# The same rows, each ending with whether the agreement has any accepted report due by `day` and
# any relation pointing to it: the agreement page skips the query of either when there is none
# (most agreements have no relation pointing to them; a new one, no report yet). An EXISTS on an
# indexed column per version row, against a round trip each.
PUBLISHED_VERSIONS_AND_FLAGS = CompiledQuery(
    "agreement-page:versions-and-flags",
    lambda reference, day: (
        _published_versions(reference, day)
        .annotate(
            any_report=Exists(_accepted_reports(OuterRef("agreement_id"), day)),
            any_inbound=Exists(
                AgreementRelation.objects.filter(target_id=OuterRef("agreement_id"))
            ),
        )
        .values_list(*_VERSION_COLUMNS, "any_report", "any_inbound")
    ),
)


def _accepted_reports(agreement_id, day: datetime.date) -> QuerySet[Report]:
    """The accepted reports of an agreement's responsibilities due by `day`: those the agreement
    page shows the last of (`last_accepted_reports`)."""
    return Report.objects.filter(
        responsibility__agreement_id=agreement_id,
        decision=Report.Decision.ACCEPTED,
        due_date__lte=day,
    )


ACCEPTED_REPORTS = CompiledQuery(
    "agreement-page:reports",
    lambda agreement_id, day: (
        _accepted_reports(agreement_id, day)
        .order_by("responsibility_id", "-due_date", "-pk")
        .values_list("responsibility_id", "status", "period_start", "period_end", "due_date")
    ),
)
INBOUND_RELATIONS = CompiledQuery(
    "agreement-page:inbound",
    lambda agreement_id: (
        AgreementRelation.objects.filter(target_id=agreement_id)
        .order_by()
        .values_list(*_RELATION_NAMES)
    ),
)
ENDED_POSITIONS = CompiledQuery(
    "agreement-page:ended-positions",
    lambda position_ids, day: Position.objects.filter(
        pk__in=position_ids, organization__end_date__lt=day
    ).values_list("pk", "organization__end_date"),
)


def published_agreement(reference: str, *, today: datetime.date | None = None):
    """The published agreement with this reference number and its published versions (oldest
    first). Raises Http404 for anything the public may not read. One query: an agreement is
    published exactly when it has a version the public may read
    (`Agreement.objects.published()`), so its published versions, each with the agreement,
    answer both questions."""
    today = today or timezone.localdate()
    return _agreement_and_versions(PUBLISHED_VERSIONS.rows(reference=reference, day=today))


def _agreement_and_versions(rows) -> tuple[Agreement, list[AgreementVersion]]:
    """The agreement and its versions from rows of `PUBLISHED_VERSIONS` (anything after the
    agreement's columns is left out); Http404 without rows."""
    if not rows:
        raise Http404
    split = len(_VERSION_ATTNAMES)
    end = split + len(_AGREEMENT_ATTNAMES)
    agreement = Agreement.from_db("default", _AGREEMENT_ATTNAMES, rows[0][split:end])
    versions = []
    for row in rows:
        version = AgreementVersion.from_db("default", _VERSION_ATTNAMES, row[:split])
        version.agreement = agreement  # one instance for the page
        versions.append(version)
    return agreement, versions


def holders_on(version: AgreementVersion, *, on: datetime.date) -> dict[int, list[Holder]]:
    """Responsibility id → who held its accountable position on `on`
    (`agreements.selectors.holders_by_position`)."""
    by_position = holders_by_position(version, on=on)
    return {
        item["id"]: list(by_position.get(item["owner"]["id"], [])) if item["owner"] else []
        for item in version.snapshot["responsibilities"]
    }


def agreement_view(
    reference: str,
    *,
    number: int | None = None,
    today: datetime.date | None = None,
    on: datetime.date | None = None,
) -> AgreementView:
    """Everything the agreement page shows, read from the version's snapshot.

    For the current version, accountable positions show who holds them today; for an earlier
    version, who held them when it took effect (as frozen in the snapshot). With `on` (a day
    no later than today), the page shows the published version in force that day with who held
    each position that day; when none was, the current version, and `standing` says why.
    """
    today = today or timezone.localdate()
    rows = PUBLISHED_VERSIONS_AND_FLAGS.rows(reference=reference, day=today)
    agreement, versions = _agreement_and_versions(rows)
    # Whether any accepted report is due by today (so by any earlier day asked) and whether any
    # relation points here: the same for every row.
    any_report, any_inbound = rows[0][-2:]
    standing = None
    if on is not None:
        standing = as_of.standing_on(
            agreement,
            day=on,
            versions=versions,
            readable=AgreementVersion.objects.published(on=today),
        )
    if standing is not None and standing.in_force:
        version = next(v for v in versions if v.pk == standing.version.pk)
    elif number is None:
        version = versions[-1]
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404
    is_current = version.pk == versions[-1].pk
    view = AgreementView(
        agreement=agreement,
        version=version,
        versions=versions,
        is_current=is_current,
        holders_on=today if is_current else version.effective_date,
        standing=standing,
    )
    if standing is not None and standing.in_force:
        view.holders_on = standing.day
        view.holders = standing.holders
    elif is_current:
        view.holders = holders_on(version, on=today)
    view.party_blocks = _party_blocks(version.snapshot)
    view.signatures = version_signature_status(version)
    if agreement.state == Agreement.State.IN_FORCE and view.holders_live:
        view.ended_positions = ended_owner_positions(version.snapshot, today=today)
    if any_report:
        view.reports = last_accepted_reports(agreement, on=view.standing.day if standing else today)
    view.related = _related(version.snapshot, today=today)
    if any_inbound:
        view.inbound = _inbound(agreement, today=today)
    return view


def last_accepted_reports(agreement: Agreement, *, on: datetime.date) -> dict[int, dict[str, Any]]:
    """For each responsibility of `agreement`, its accepted report with the latest due date up to
    `on`: status (code and label) and period. The public sees whether an obligation was met and
    for which period; the evidence and attachment stay with staff (they are the parties' working
    material, not reviewed for publication). One query: the agreement's accepted reports, latest
    first, of which each responsibility keeps its first (a handful per responsibility, so this
    costs less than having the database pick them through a correlated subquery)."""
    rows = ACCEPTED_REPORTS.rows(agreement_id=agreement.pk, day=on)
    found: dict[int, dict[str, Any]] = {}
    for responsibility_id, status, period_start, period_end, due_date in rows:
        if responsibility_id not in found:
            found[responsibility_id] = {
                "responsibility_id": responsibility_id,
                "status": status,
                "period_start": period_start,
                "period_end": period_end,
                "due_date": due_date,
                "status_label": Report.Status(status).label,
            }
    return found


def ended_owner_positions(
    snapshot: dict[str, Any], *, today: datetime.date
) -> dict[int, datetime.date]:
    """The snapshot's accountable positions whose organisation today has ended (dissolved, or
    ended without its positions moving to a successor), with the organisation's last day. A
    position that moved to a successor is not flagged. One query."""
    ids = {item["owner"]["id"] for item in snapshot["responsibilities"] if item.get("owner")}
    if not ids:
        return {}
    return dict(ENDED_POSITIONS.rows(position_ids=sorted(ids), day=today))


def canonical_reference(reference: str, *, today: datetime.date | None = None) -> str | None:
    """The reference number of the published agreement that `reference` names in another
    form (lower case, or without its separators: "snb-2019-001", "SNB2019001"), or None when
    it names none, or names it exactly already. One query."""
    wanted = "".join(character for character in reference.upper() if character.isalnum())
    if not wanted:
        return None
    compact = Upper("reference")
    for separator in REFERENCE_SEPARATORS:
        compact = Replace(compact, Value(separator), Value(""))
    matches = list(
        Agreement.objects.published(on=today or timezone.localdate())
        .annotate(compact_reference=compact)
        .filter(compact_reference=wanted)
        .order_by("reference")
        .values_list("reference", flat=True)[:10]
    )
    exact = [match for match in matches if match == reference.upper()]
    found = exact[0] if exact else (matches[0] if len(matches) == 1 else None)
    return found if found != reference else None


# The characters a reference number may have besides letters and digits
# (`agreements.models.agreement.validate_reference`).
REFERENCE_SEPARATORS = ("-", ".", "/")


def _party_blocks(snapshot: dict[str, Any]) -> list[PartyBlock]:
    parties = sorted(snapshot["parties"], key=lambda p: (p.get("sort_order", 0), p["id"]))
    blocks = {party["id"]: PartyBlock(party) for party in parties}
    by_organization = {party["organization"]["id"]: party["id"] for party in parties}
    for item in sorted(
        snapshot["responsibilities"], key=lambda r: (r.get("sort_order", 0), r["id"])
    ):
        responsible = item["responsible_party"]
        party_id = responsible.get("party_id")
        if party_id not in blocks:
            party_id = by_organization.get(responsible.get("organization_id"))
        if party_id in blocks:
            blocks[party_id].responsibilities.append(item)
    return list(blocks.values())


def _related(snapshot: dict[str, Any], *, today: datetime.date) -> list[dict[str, Any]]:
    """The snapshot's relations to agreements the public may read; a relation to a restricted
    or unpublished agreement is left out, so its reference and title are never shown. No query
    when the snapshot records no relation."""
    relations = snapshot["agreement"].get("relations", [])
    if not relations:
        return []
    references = {relation["reference"] for relation in relations}
    readable = set(
        Agreement.objects.published(on=today)
        .filter(reference__in=references)
        .values_list("reference", flat=True)
    )
    return [relation for relation in relations if relation["reference"] in readable]


def _inbound(agreement: Agreement, *, today: datetime.date) -> list[AgreementRelation]:
    """Published agreements that amend, supersede, renew or implement this one, as their
    current published versions say (read from the relation rows of agreements whose working
    copy is what the public sees). The relation rows pointing here come first (an indexed
    lookup, usually none); only their sources are then checked against the one rule."""
    # The relation rows alone (no join to their sources): most agreements have none, and the
    # sources that pass come whole from the rule's own query.
    candidates = [
        AgreementRelation.from_db("default", _RELATION_ATTNAMES, row)
        for row in INBOUND_RELATIONS.rows(agreement_id=agreement.pk)
    ]
    if not candidates:
        return []
    readable = {
        source.pk: source
        for source in published.relational(
            Agreement.objects.published(on=today).filter(
                pk__in={relation.source_id for relation in candidates}
            ),
            on=today,
        )
    }
    shown = [relation for relation in candidates if relation.source_id in readable]
    for relation in shown:
        relation.source = readable[relation.source_id]
    return sorted(shown, key=lambda relation: (relation.source.reference, relation.pk))


# --- Agreement cards -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementCard:
    """What an agreement card of a jurisdiction or organisation page shows
    (cms.templatetags.listing_tags): plain values, no model instances."""

    agreement_id: int
    reference: str
    state: str
    # The current published version's title, {"en": …, "fr": …}.
    title: dict[str, str]


def agreement_cards(versions: QuerySet[AgreementVersion]) -> list[AgreementCard]:
    """Cards for `versions` (their order kept), each title read out of the snapshot by the
    database: the snapshot itself is not loaded, as parsing fifty of them cost more than the rest
    of a page, and only the four values a card shows are read."""
    rows = versions.annotate(
        card_title_en=KT("snapshot__agreement__title__en"),
        card_title_fr=KT("snapshot__agreement__title__fr"),
    ).values_list(
        "agreement_id", "agreement__reference", "agreement__state", "card_title_en", "card_title_fr"
    )
    return [
        AgreementCard(agreement_id, reference, state, {"en": en or "", "fr": fr or ""})
        for agreement_id, reference, state, en, fr in rows
    ]


# What a kept-title card reads of its version (`kept_title_cards`).
CARD_FIELDS = ("agreement_id", "agreement__reference", "agreement__state", "pk", "snapshot_sha256")


def kept_title_cards(rows) -> list[AgreementCard]:
    """Cards of rows of `CARD_FIELDS` (the jurisdiction page's), as `agreement_cards` gives,
    without reading the titles out of the snapshots on every request: each is read by the
    database once, then kept by the version's id and snapshot SHA-256 (`_CARD_TITLES`). A
    version is immutable and never deleted, so a title kept under them is its title for ever:
    no cache version to check, and a second query only for titles not kept yet."""
    rows = list(rows)
    missing = [pk for *_, pk, digest in rows if (pk, digest) not in _CARD_TITLES]
    if missing:
        _keep_card_titles(missing)
    return [
        AgreementCard(
            agreement_id, reference, state, _CARD_TITLES.get((pk, digest)) or _card_title({})
        )
        for agreement_id, reference, state, pk, digest in rows
    ]


# {(version id, snapshot SHA-256): {"en": …, "fr": …}}: the titles of the versions cards have
# shown, per process. A few hundred bytes each; forgotten all at once past the limit.
_CARD_TITLES: dict[tuple[int, str], dict[str, str]] = {}
CARD_TITLES_LIMIT = 50_000


def _card_title(title) -> dict[str, str]:
    return {"en": title.get("en") or "", "fr": title.get("fr") or ""}


def _keep_card_titles(version_ids: list[int]) -> None:
    """Read the titles of these versions out of their snapshots, in the database, and keep them."""
    rows = (
        AgreementVersion.objects.filter(pk__in=version_ids)
        .annotate(
            card_title_en=KT("snapshot__agreement__title__en"),
            card_title_fr=KT("snapshot__agreement__title__fr"),
        )
        .values_list("pk", "snapshot_sha256", "card_title_en", "card_title_fr")
    )
    titles = {(pk, digest): _card_title({"en": en, "fr": fr}) for pk, digest, en, fr in rows}
    if len(_CARD_TITLES) + len(titles) > CARD_TITLES_LIMIT:
        _CARD_TITLES.clear()
    _CARD_TITLES.update(titles)


# --- Jurisdictions -------------------------------------------------------------------------------


@dataclass
class JurisdictionNode:
    jurisdiction: Jurisdiction
    children: list["JurisdictionNode"] = field(default_factory=list)
    agreements: int = 0


def jurisdiction_tree(*, today: datetime.date | None = None) -> list[JurisdictionNode]:
    """Every jurisdiction as a tree (countries first), with its published agreement count."""
    everything, counts = _jurisdictions_and_counts(today=today)
    nodes = {j.pk: JurisdictionNode(j, agreements=counts.get(j.pk, 0)) for j in everything}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.jurisdiction.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


_JURISDICTION_NAMES, _JURISDICTION_ATTNAMES = concrete_fields(Jurisdiction)
# Every jurisdiction by English name, each with its published agreements (an agreement counts
# once per jurisdiction it has a party in): the read model's stored count of its jurisdiction
# facet (`agreements.published_read_model`, kept equal to its facet rows by the same writes, so
# nothing is counted per request; 0 without a row). One query, compiled once
# (registry.compiled_query).
JURISDICTIONS_WITH_COUNTS = CompiledQuery(
    "jurisdictions:with-counts",
    lambda: (
        Jurisdiction.objects.order_by("name_en", "pk")
        .annotate(
            published_agreements=Coalesce(
                Subquery(
                    PublishedFacetCount.objects.filter(
                        facet=JURISDICTION_FACET, value=OuterRef("slug")
                    ).values("agreements")
                ),
                0,
            )
        )
        .values_list(*_JURISDICTION_NAMES, "published_agreements")
    ),
)


def _jurisdictions_and_counts(
    *, today: datetime.date | None = None
) -> tuple[list[Jurisdiction], dict[int, int]]:
    """Every jurisdiction (by English name) and its published agreements, by id, where it has
    any (`JURISDICTIONS_WITH_COUNTS`). The read model's due rows are brought up to date first."""
    public_rows(day=today)
    jurisdictions, counts = [], {}
    for *row, published_agreements in JURISDICTIONS_WITH_COUNTS.rows():
        jurisdiction = Jurisdiction.from_db("default", _JURISDICTION_ATTNAMES, row)
        jurisdictions.append(jurisdiction)
        if published_agreements > 0:
            counts[jurisdiction.pk] = published_agreements
    return jurisdictions, counts


@dataclass
class JurisdictionView:
    jurisdiction: Jurisdiction
    ancestors: list[Jurisdiction]
    children: list[JurisdictionNode]
    organizations: list[Organization]
    versions: list[AgreementCard]
    total_agreements: int
    partners: list[tuple[Jurisdiction, int]]
    # Financial commitments by and to its organisations, per currency (cms.financial).
    financial: list[CurrencySum] = field(default_factory=list)


JURISDICTION_AGREEMENT_LIMIT = 50
# The read model's facet of the jurisdictions an agreement has a party in.
JURISDICTION_FACET = "jurisdiction"


def jurisdiction_view(slug: str, *, today: datetime.date | None = None) -> JurisdictionView:
    """A jurisdiction with its place in the tree, organisations, published agreements (the most
    recent 50; the browser has them all) and the jurisdictions it holds agreements with."""
    today = today or timezone.localdate()
    jurisdictions, counts = _jurisdictions_and_counts(today=today)
    everything = {j.pk: j for j in jurisdictions}
    jurisdiction = next((j for j in everything.values() if j.slug == slug), None)
    if jurisdiction is None:
        raise Http404
    ancestors, node = [], everything.get(jurisdiction.parent_id)
    while node is not None and node not in ancestors:
        ancestors.insert(0, node)
        node = everything.get(node.parent_id)
    children = [
        JurisdictionNode(j, agreements=counts.get(j.pk, 0))
        for j in everything.values()
        if j.parent_id == jurisdiction.pk
    ]
    organizations = [
        Organization.from_db("default", _ORGANISATION_ATTNAMES, row)
        for row in JURISDICTION_ORGANISATIONS.rows(jurisdiction_id=jurisdiction.pk)
    ]

    # Its public agreements: those with a jurisdiction facet naming it in the read model.
    mine = _facet_agreements(jurisdiction.slug)
    total = counts.get(jurisdiction.pk, 0)
    versions = kept_title_cards(JURISDICTION_CARDS.rows(slug=jurisdiction.slug))

    # The other jurisdictions of its agreements, with how many agreements each shares.
    partner_counts: dict[int, int] = defaultdict(int)
    by_slug = {j.slug: j.pk for j in everything.values()}
    for value, n in jurisdiction_partner_rows(jurisdiction.slug):
        if value in by_slug:
            partner_counts[by_slug[value]] += n
    partners = sorted(
        ((everything[pk], n) for pk, n in partner_counts.items()),
        key=lambda pair: (-pair[1], pair[0].name_en),
    )
    # Financial terms are read as cms.financial reads them: from the working copy of the
    # agreements whose working copy is what the public sees, from the snapshot of the others.
    divergent_mine = [
        pk for (pk,) in JURISDICTION_DIVERGENT.rows(slug=jurisdiction.slug, day=today)
    ]
    relational_mine = mine.exclude(agreement_id__in=divergent_mine)
    return JurisdictionView(
        jurisdiction=jurisdiction,
        ancestors=ancestors,
        children=children,
        organizations=organizations,
        versions=versions,
        total_agreements=total,
        partners=partners,
        financial=jurisdiction_commitment_sums(
            jurisdiction.pk,
            relational_ids=relational_mine,
            divergent_ids=divergent_mine,
            on=today,
        ),
    )


def _facet_agreements(slug: str) -> QuerySet:
    """The ids of the public agreements with a party in the jurisdiction `slug` (read model)."""
    return PublishedFacet.objects.filter(facet=JURISDICTION_FACET, value=slug).values(
        "agreement_id"
    )


# The jurisdiction page's fixed queries, compiled once (registry.compiled_query): each is the
# ORM queryset of its rule (the read model's public rows, `published.divergent_condition`), run
# with the page's values. Building and compiling them cost more than running them.
def facet_cards_query(name: str, facet: str, limit: int, *, total: bool = False) -> CompiledQuery:
    """The `limit` most recent public agreements with a given value of the read model's `facet`
    (chosen on its columns: the current version's effective date, then the reference), read as
    kept-title cards (`kept_title_cards`); compiled once. The jurisdiction and organisation
    pages' cards. With `total`, each row ends with the number of public agreements with that
    value (their facet rows counted, by an uncorrelated subquery the database runs once): the
    organisation page's count without a query of its own."""

    def build(slug):
        versions = AgreementVersion.objects.filter(
            pk__in=PublishedAgreement.objects.filter(
                public=True, facets__facet=facet, facets__value=slug
            )
            .order_by("-last_effective", "reference")
            .values("version")[:limit]
        ).order_by("-effective_date", "agreement__reference")
        if not total:
            return versions.values_list(*CARD_FIELDS)
        counted = (
            PublishedFacet.objects.filter(facet=facet, value=slug)
            .order_by()
            .values("facet")
            .annotate(n=Count("*"))
            .values("n")
        )
        return versions.annotate(facet_total=Subquery(counted)).values_list(
            *CARD_FIELDS, "facet_total"
        )

    return CompiledQuery(name, build)


_ORGANISATION_NAMES, _ORGANISATION_ATTNAMES = concrete_fields(Organization)
JURISDICTION_ORGANISATIONS = CompiledQuery(
    "jurisdiction-page:organisations",
    lambda jurisdiction_id: (
        Organization.objects.filter(jurisdiction_id=jurisdiction_id)
        .order_by("name_en")
        .values_list(*_ORGANISATION_NAMES)
    ),
)
JURISDICTION_CARDS = facet_cards_query(
    "jurisdiction-page:cards", JURISDICTION_FACET, JURISDICTION_AGREEMENT_LIMIT
)
JURISDICTION_DIVERGENT = CompiledQuery(
    "jurisdiction-page:divergent",
    # Its agreements whose working copy is not what the public sees (cms.published).
    lambda slug, day: (
        Agreement.objects.filter(pk__in=_facet_agreements(slug))
        .filter(published.divergent_condition(on=day))
        .order_by("pk")
        .values_list("pk")
    ),
)


def jurisdiction_partner_rows(slug: str) -> list[tuple[str, int]]:
    """(other jurisdiction's slug, agreements) for every jurisdiction holding public agreements
    with the jurisdiction `slug`, from the read model's jurisdiction facets (facet rows exist for
    public agreements only). The facet table is joined to itself on the agreement, starting from
    this jurisdiction's rows: written as a CROSS JOIN, which SQLite takes in the order given (its
    own choice, the other side's whole facet index, cost 2.5 ms at 10,000 agreements against
    0.1 ms); PostgreSQL plans it as any join."""
    return facet_partner_rows(JURISDICTION_FACET, slug)


def facet_partner_counts_sql() -> str:
    """The SQL of `facet_partner_rows` (parameters: the facet, the value), for a query that joins
    its rows to something else (the organisation page joins the partners' names: one query)."""
    table = connection.ops.quote_name(PublishedFacet._meta.db_table)
    # Only the quoted table name is formatted in; every value is a parameter.
    return (
        f"SELECT b.value AS value, COUNT(*) AS agreements FROM {table} a CROSS JOIN {table} b"  # noqa: S608 # nosec B608
        " WHERE a.facet = %s AND a.value = %s AND b.agreement_id = a.agreement_id"
        " AND b.facet = a.facet AND b.value <> a.value GROUP BY b.value"
    )


def facet_partner_rows(facet: str, value: str) -> list[tuple[str, int]]:
    """(other value, agreements) for every other value of the read model's `facet` on the public
    agreements that have `value` for it (`jurisdiction_partner_rows`). One query."""
    with connection.cursor() as cursor:
        cursor.execute(facet_partner_counts_sql(), [facet, value])
        return cursor.fetchall()
