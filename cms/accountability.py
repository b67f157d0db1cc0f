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
facets (`agreements.published_read_model`, kept equal to what the current published versions
say). Which involve a position is read the way `cms.published` does it: from the relational
working copy for agreements whose working copy equals their current published version, and from
the current published snapshot for the few "divergent" ones (an open amendment, or a signed
version not yet in effect). Every function here runs a fixed number of queries whatever the
number of agreements, positions or appointments.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from agreements import recurrence
from agreements.models import (
    Agreement,
    AgreementVersion,
    PublishedAgreement,
    PublishedFacet,
    Responsibility,
)
from agreements.published_read_model import public_rows
from cms import published
from cms.public_positions import public_positions
from cms.selectors import AgreementCard, agreement_cards
from jurisdictions.models import Appointment, Organization, Position
from registry.bilingual import LocalizedText, localized_with_fallback

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
    partners: list[tuple[Organization, int]]
    today: datetime.date

    @property
    def acronym(self) -> LocalizedText:
        return localized_with_fallback(self.organization, "acronym")


def _holders_today(position_ids: list[int], today: datetime.date) -> dict[int, list[Appointment]]:
    """Today's appointments of these positions, by position (one query)."""
    holders: dict[int, list[Appointment]] = defaultdict(list)
    appointments = (
        Appointment.objects.current_on(today)
        .filter(position_id__in=position_ids)
        .select_related("person")
        .order_by("start_date", "pk")
    )
    for appointment in appointments:
        holders[appointment.position_id].append(appointment)
    return holders


def organisation_view(slug: str, *, today: datetime.date | None = None) -> OrganisationView:
    """The organisation with this slug, its public positions (`cms.public_positions`),
    published agreements and partners. Raises Http404 when there is none. Eight queries."""
    today = today or timezone.localdate()
    organization = (
        Organization.objects.select_related("jurisdiction", "parent").filter(slug=slug).first()
    )
    if organization is None:
        raise Http404
    # The rule's own queryset, ordered: wrapped in another filter, its whole tree of subqueries
    # would be copied and resolved once more.
    positions = list(
        public_positions(
            today=today, among=Position.objects.filter(organization=organization)
        ).order_by("title_en", "pk")
    )
    holders = _holders_today([position.pk for position in positions], today)

    # Its public agreements and partners, from the read model's organisation facets (one
    # indexed row per public agreement and party organisation, read from the current
    # published version: agreements.published_read_model).
    public_rows(day=today)
    facets = PublishedFacet.objects.filter(facet=ORGANISATION_FACET)
    mine = facets.filter(value=organization.slug).values("agreement_id")
    total = facets.filter(value=organization.slug).count()
    latest = (
        PublishedAgreement.objects.filter(public=True, pk__in=mine)
        .order_by("-last_effective", "reference")
        .values("version")[:ORGANISATION_AGREEMENT_LIMIT]
    )
    versions = agreement_cards(
        AgreementVersion.objects.filter(pk__in=latest).order_by(
            "-effective_date", "agreement__reference"
        )
    )
    by_slug = {
        row["value"]: row["n"]
        for row in facets.filter(agreement_id__in=mine)
        .exclude(value=organization.slug)
        .values("value")
        .annotate(n=Count("agreement_id"))
        .order_by()
    }
    partners = _partners({}, by_slug)
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


def _partners(by_id: dict[int, int], by_slug: dict[str, int]) -> list[tuple[Organization, int]]:
    """Partner organisations with their shared agreement counts, most shared first (one query)."""
    if not by_id and not by_slug:
        return []
    wanted = Q(slug__in=list(by_slug)) if by_slug else Q()
    if by_id:
        wanted = Q(pk__in=list(by_id)) | wanted if by_slug else Q(pk__in=list(by_id))
    organizations = Organization.objects.filter(wanted).select_related("jurisdiction")
    counted = [
        (organization, by_id.get(organization.pk, 0) + by_slug.get(organization.slug, 0))
        for organization in organizations
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
    (`cms.public_positions`). Four queries."""
    today = today or timezone.localdate()
    position = (
        Position.objects.select_related("organization__jurisdiction")
        .filter(pk__in=public_positions(today=today, among=Position.objects.filter(pk=position_id)))
        .first()
    )
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
    agreement (one query). Candidates are the agreements whose working copy (equal to the
    current version) names the position, and the divergent ones; the rows themselves always come
    from the snapshots."""
    everything = Agreement.objects.published(on=today)
    owning = published.relational(everything, on=today).filter(
        responsibilities__accountability_owner=position
    )
    divergent = everything.filter(published.divergent_condition(on=today))
    versions = (
        published.current_versions(on=today)
        .filter(Q(agreement__in=owning.values("pk")) | Q(agreement__in=divergent.values("pk")))
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
