"""Who is accountable: the public pages of an organisation and of a position.

A position page lists every responsibility the position answers for in the agreements the public
may read, as their current published versions say (read from the versions' snapshots, never from
the working copy), with the responsible party, the next due date (agreements.recurrence) and the
agreement; then who holds the position today and who held it before (appointments).

Only positions a current published version names are shown (`cms.public_positions`, the API's
rule): a position made for a draft or restricted agreement is absent from the organisation page
and its own page is not found.

An organisation page lists its positions (with today's holders), the published agreements it is
a party to, its partners (the other organisations it shares published agreements with) and its
jurisdiction.

Which published agreements involve an organisation is read from the read model's organisation
facets, and which make a position accountable from its positions (`agreements.published_read_model`,
kept equal to what the current published versions say); what a position answers for is then read
from those versions' snapshots. Every function here runs a fixed number of queries whatever the
number of agreements, positions or appointments.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.http import Http404
from django.utils import timezone

from agreements import recurrence
from agreements.models import (
    Agreement,
    AgreementVersion,
    Responsibility,
)
from agreements.published_read_model import refresh_due
from cms.public_positions import accountable_agreements, named_positions, public_positions
from cms.selectors import (
    AgreementCard,
    concrete_fields,
    facet_cards_query,
    facet_partner_counts_sql,
    kept_title_cards,
)
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position
from registry.bilingual import LocalizedText, localized_with_fallback
from registry.compiled_query import CompiledQuery

ONE_DAY = datetime.timedelta(days=1)
# The organisation page lists this many agreements (the most recent); the browser has them all.
ORGANISATION_AGREEMENT_LIMIT = 50
# The read model's facet of the organisations that are party to an agreement.
ORGANISATION_FACET = "organization"


# --- Organisation page ---------------------------------------------------------------------------


@dataclass
class PositionRow:
    """A position of the organisation with the people holding it today."""

    position: Position
    holders: list[Appointment] = field(default_factory=list)


@dataclass
class OrganisationView:
    organization: Organization
    positions: list[PositionRow]
    versions: list[AgreementCard]
    total_agreements: int
    partners: list[tuple["Partner", int]]
    today: datetime.date

    @property
    def acronym(self) -> LocalizedText:
        return localized_with_fallback(self.organization, "acronym")


@dataclass(frozen=True, slots=True)
class PartnerJurisdiction:
    """What the partner table shows of a partner's jurisdiction (`name_en` / `name_fr` as on
    the model, for the `bi` filter)."""

    pk: int
    slug: str
    name_en: str
    name_fr: str


@dataclass(frozen=True, slots=True)
class Partner:
    """What the partner table shows of a partner organisation
    (cms.templatetags.listing_tags.organisation_partner_rows)."""

    pk: int
    slug: str
    name_en: str
    name_fr: str
    jurisdiction: PartnerJurisdiction


# The partners' names and jurisdictions, joined to their shared agreement counts
# (cms.selectors.facet_partner_counts_sql) in one query. Plain rows, as building over a hundred
# model instances cost ten times reading them; and sending a hundred slugs back to the database
# in a second query (its IN list adapted parameter by parameter) cost more than the join.
def _partner_sql() -> str:
    quote = connection.ops.quote_name
    organization, jurisdiction = Organization._meta, Jurisdiction._meta
    o, j = quote(organization.db_table), quote(jurisdiction.db_table)

    def column(table: str, meta, name: str) -> str:
        return f"{table}.{quote(meta.get_field(name).column)}"

    columns = ", ".join(
        [column(o, organization, name) for name in ("id", "slug", "name_en", "name_fr")]
        + [column(j, jurisdiction, name) for name in ("id", "slug", "name_en", "name_fr")]
    )
    # Only quoted table and column names are formatted in; every value is a parameter.
    return (
        f"SELECT {columns}, p.agreements FROM ({facet_partner_counts_sql()}) p"  # noqa: S608 # nosec B608
        f" INNER JOIN {o} ON {column(o, organization, 'slug')} = p.value"
        f" INNER JOIN {j} ON {column(j, jurisdiction, 'id')} = {column(o, organization, 'jurisdiction')}"
    )


# The organisation page's most recent fifty agreements, as the jurisdiction page's.
ORGANISATION_CARDS = facet_cards_query(
    "organisation-page:cards", ORGANISATION_FACET, ORGANISATION_AGREEMENT_LIMIT, total=True
)


_ORGANISATION_NAMES, _ORGANISATION_ATTNAMES = concrete_fields(Organization)
_JURISDICTION_NAMES, _JURISDICTION_ATTNAMES = concrete_fields(Jurisdiction)
_POSITION_NAMES, _POSITION_ATTNAMES = concrete_fields(Position)
# The organisation page's fixed queries, compiled once (registry.compiled_query): building them
# with the ORM on every request cost more than running them. The organisation with its
# jurisdiction and parent (none for most); its public positions (`cms.public_positions`, the
# rule itself), in no particular order (they are sorted by their title in the page's language).
ORGANISATION = CompiledQuery(
    "organisation-page:organisation",
    lambda slug: (
        Organization.objects.filter(slug=slug)
        .order_by()
        .values_list(
            *_ORGANISATION_NAMES,
            *(f"jurisdiction__{name}" for name in _JURISDICTION_NAMES),
            *(f"parent__{name}" for name in _ORGANISATION_NAMES),
        )
    ),
)
PUBLIC_POSITIONS = CompiledQuery(
    "organisation-page:positions",
    lambda organization_id: (
        named_positions(Position.objects.filter(organization_id=organization_id))
        .order_by()
        .values_list(*_POSITION_NAMES)
    ),
)


def _organisation(slug: str) -> Organization:
    """The organisation with this slug, its jurisdiction and parent set (one query); Http404
    when there is none."""
    rows = ORGANISATION.rows(slug=slug)
    if not rows:
        raise Http404
    row = rows[0]
    first, second = (
        len(_ORGANISATION_ATTNAMES),
        len(_ORGANISATION_ATTNAMES) + len(_JURISDICTION_ATTNAMES),
    )
    organization = Organization.from_db("default", _ORGANISATION_ATTNAMES, row[:first])
    organization.jurisdiction = Jurisdiction.from_db(
        "default", _JURISDICTION_ATTNAMES, row[first:second]
    )
    organization.parent = (
        Organization.from_db("default", _ORGANISATION_ATTNAMES, row[second:])
        if organization.parent_id is not None
        else None
    )
    return organization


_APPOINTMENT_NAMES, _APPOINTMENT_ATTNAMES = concrete_fields(Appointment)
_PERSON_NAMES, _PERSON_ATTNAMES = concrete_fields(Person)
# Today's appointments of some positions with their people, compiled once
# (registry.compiled_query): the rule of who holds a position on a day stays
# `Appointment.objects.current_on`; only its SQL is reused.
HOLDERS_TODAY = CompiledQuery(
    "organisation-page:holders",
    lambda position_ids, day: (
        Appointment.objects.current_on(day)
        .filter(position_id__in=position_ids)
        .order_by("start_date", "pk")
        .values_list(*_APPOINTMENT_NAMES, *(f"person__{name}" for name in _PERSON_NAMES))
    ),
)


def _holders_today(position_ids: list[int], today: datetime.date) -> dict[int, list[Appointment]]:
    """Today's appointments of these positions, with their people, by position (one query; none
    without positions)."""
    holders: dict[int, list[Appointment]] = defaultdict(list)
    if not position_ids:
        return holders
    split = len(_APPOINTMENT_ATTNAMES)
    for row in HOLDERS_TODAY.rows(position_ids=position_ids, day=today):
        appointment = Appointment.from_db("default", _APPOINTMENT_ATTNAMES, row[:split])
        appointment.person = Person.from_db("default", _PERSON_ATTNAMES, row[split:])
        holders[appointment.position_id].append(appointment)
    return holders


def organisation_view(slug: str, *, today: datetime.date | None = None) -> OrganisationView:
    """The organisation with this slug, its public positions (`cms.public_positions`),
    published agreements and partners. Raises Http404 when there is none. Five queries: the
    organisation, its public positions, their holders, the cards with the total, the partners."""
    today = today or timezone.localdate()
    organization = _organisation(slug)
    # The read model's due rows brought up to date (no query until a row's day comes), for the
    # public positions and the agreements below.
    refresh_due(day=today)
    positions = [
        Position.from_db("default", _POSITION_ATTNAMES, row)
        for row in PUBLIC_POSITIONS.rows(organization_id=organization.pk)
    ]
    holders = _holders_today([position.pk for position in positions], today)

    # Its public agreements and partners, from the read model's organisation facets (one
    # indexed row per public agreement and party organisation, read from the current
    # published version: agreements.published_read_model).
    # The most recent fifty as cards, their titles kept per process (cms.selectors.kept_title_cards: a
    # second query only the first time a version is shown); each row ends with the total.
    rows = ORGANISATION_CARDS.rows(slug=organization.slug)
    total = rows[0][-1] if rows else 0
    versions = kept_title_cards(row[:-1] for row in rows)
    partners = _partners(organization.slug)
    return OrganisationView(
        organization=organization,
        positions=sorted(
            (PositionRow(position, holders.get(position.pk, [])) for position in positions),
            key=lambda row: (row.position.localized("title").casefold(), row.position.pk),
        ),
        versions=versions,
        total_agreements=total,
        partners=partners,
        today=today,
    )


def _partners(slug: str) -> list[tuple["Partner", int]]:
    """The organisations sharing public agreements with the organisation `slug`, with how many,
    most shared first (one query: the read model's organisation facets joined to themselves,
    then to the partners' names, cms.selectors.facet_partner_counts_sql)."""
    with connection.cursor() as cursor:
        cursor.execute(_partner_sql(), [ORGANISATION_FACET, slug])
        rows = cursor.fetchall()
    counted = [
        (Partner(pk, partner, name_en, name_fr, PartnerJurisdiction(*jurisdiction)), shared)
        for pk, partner, name_en, name_fr, *jurisdiction, shared in rows
    ]
    return sorted(counted, key=lambda pair: (-pair[1], pair[0].name_en, pair[0].pk))


# --- Position page -------------------------------------------------------------------------------


@dataclass
class ResponsibilityRow:
    """One published responsibility the position answers for, as its agreement's current
    published version states it."""

    agreement: Agreement
    version: AgreementVersion
    item: dict[str, Any]
    next_due: datetime.date | None

    @property
    def title(self) -> dict[str, str]:
        return self.version.snapshot["agreement"]["title"]

    @property
    def responsible_party(self) -> dict[str, Any]:
        return self.item["responsible_party"]

    @property
    def responsible_slug(self) -> str:
        """The responsible party's organisation slug, as the snapshot's party list records it."""
        organization_id = self.responsible_party.get("organization_id")
        for party in self.version.snapshot["parties"]:
            if party["organization"]["id"] == organization_id:
                return party["organization"]["slug"]
        return ""


@dataclass
class PositionView:
    position: Position
    responsibilities: list[ResponsibilityRow]
    current: list[Appointment]
    past: list[Appointment]
    upcoming: list[Appointment]
    today: datetime.date

    @property
    def organization(self) -> Organization:
        return self.position.organization

    @property
    def agreement_count(self) -> int:
        return len({row.agreement.pk for row in self.responsibilities})


def _iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def next_due(
    item: dict[str, Any], *, agreement: Agreement, snapshot: dict[str, Any], today: datetime.date
) -> datetime.date | None:
    """The next due date of a snapshot's responsibility from `today` on (today included), within
    the agreement's term as signed. None when nothing more falls due: a one-off date already
    past, an inactive responsibility, or an agreement no longer in force."""
    if agreement.state != Agreement.State.IN_FORCE:
        return None
    if (item.get("status") or {}).get("code", "active") != Responsibility.Status.ACTIVE:
        return None
    rule = item.get("recurrence") or {}
    day = recurrence.next_due(
        recurrence=rule.get("code") if isinstance(rule, dict) else rule,
        anchor=_iso(item.get("recurrence_anchor")),
        due_date=_iso(item.get("due_date")),
        after=today - ONE_DAY,
    )
    expiry = _iso(snapshot["agreement"].get("expiry_date"))
    return None if day is None or (expiry and day > expiry) else day


def position_view(position_id: int, *, today: datetime.date | None = None) -> PositionView:
    """The position with this id, what it answers for in published agreements and who held it.
    Raises Http404 when there is no such position or no current published version names it
    (`cms.public_positions`). Three queries."""
    today = today or timezone.localdate()
    position = public_positions(
        today=today,
        among=Position.objects.select_related("organization__jurisdiction").filter(pk=position_id),
    ).first()
    if position is None:
        raise Http404
    appointments = list(
        Appointment.objects.filter(position=position)
        .select_related("person")
        .order_by("-start_date", "-pk")
    )
    return PositionView(
        position=position,
        responsibilities=_responsibilities(position, today=today),
        current=[a for a in appointments if a.start_date <= today and not _ended(a, today)],
        past=[a for a in appointments if _ended(a, today)],
        upcoming=[a for a in appointments if a.start_date > today],
        today=today,
    )


def _ended(appointment: Appointment, today: datetime.date) -> bool:
    return appointment.end_date is not None and appointment.end_date < today


def _responsibilities(position: Position, *, today: datetime.date) -> list[ResponsibilityRow]:
    """Every responsibility owned by `position` in the current published version of a published
    agreement (one query): the versions the read model records as making the position
    accountable; the rows themselves come from their snapshots. Call after `public_positions`
    (which refreshes the read model's due rows)."""
    versions = (
        AgreementVersion.objects.filter(
            pk__in=accountable_agreements(position=position).values("agreement__version")
        )
        .select_related("agreement")
        .order_by("agreement__reference")
    )
    rows = []
    for version in versions:
        snapshot = version.snapshot
        items = sorted(
            snapshot["responsibilities"], key=lambda item: (item.get("sort_order", 0), item["id"])
        )
        for item in items:
            if (item.get("owner") or {}).get("id") != position.pk:
                continue
            rows.append(
                ResponsibilityRow(
                    agreement=version.agreement,
                    version=version,
                    item=item,
                    next_due=next_due(
                        item, agreement=version.agreement, snapshot=snapshot, today=today
                    ),
                )
            )
    return rows
