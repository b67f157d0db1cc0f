"""The frozen content of an agreement version, as plain JSON-ready data.

A snapshot holds everything needed to display or print the agreement as signed without another
query: titles, summaries, terms and dates, service areas and channels, the governing body, the
parties (with their jurisdiction, signatory position and who held it when they signed), the
responsibilities (with their accountable position and who held it on the effective date).
Choice fields keep both their code and their English and French labels as they were on signing.

Dates are ISO strings; the SHA-256 is computed over `canonical_json` (agreements.models.versions).
`SCHEMA` changes whenever the shape changes, so readers can tell old snapshots from new ones.
"""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import translation

from agreements.models import (
    Agreement,
    AgreementRelation,
    Amendment,
    FinancialCommitment,
    GovernanceBody,
    Party,
    Responsibility,
    Signatory,
)
from agreements.recurrence import Recurrence
from jurisdictions.models import Appointment, Jurisdiction, Organization, Position
from jurisdictions.standing import owner_facts

# 2: each party lists the signatures given on this version ("signatures"); each organisation its
# "owners" (an intermunicipal body's municipalities); the agreement its "financial_commitments".
SCHEMA = 2
LANGUAGES = ("en", "fr")


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def bilingual_texts(obj, field: str) -> dict[str, str]:
    """`{"en": obj.<field>_en, "fr": obj.<field>_fr}`, empty strings for missing text."""
    return {language: getattr(obj, f"{field}_{language}", "") or "" for language in LANGUAGES}


def bilingual_choice(choices, value: str) -> dict[str, Any]:
    """A choice's code with its English and French labels, frozen as they read today."""
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = str(choices(value).label) if value in choices.values else value
    return {"code": value, "label": labels}


def _jurisdiction(jurisdiction: Jurisdiction) -> dict[str, Any]:
    return {
        "id": jurisdiction.pk,
        "slug": jurisdiction.slug,
        "name": bilingual_texts(jurisdiction, "name"),
        "level": bilingual_choice(Jurisdiction.Level, jurisdiction.level),
        "iso_code": jurisdiction.iso_code,
        "ocd_division_id": jurisdiction.ocd_division_id,
    }


def _organization(organization: Organization) -> dict[str, Any]:
    return {
        "id": organization.pk,
        "slug": organization.slug,
        "name": bilingual_texts(organization, "name"),
        "acronym": bilingual_texts(organization, "acronym"),
        "kind": bilingual_choice(Organization.Kind, organization.kind),
        "jurisdiction": _jurisdiction(organization.jurisdiction),
        # The municipalities owning an intermunicipal body (jurisdictions.standing).
        "owners": [
            owner_facts(owner)
            for owner in sorted(organization.owners.all(), key=lambda o: (o.name_en, o.pk))
        ],
    }


class _Holders:
    """Who held which positions on which days, fetched in one query for the whole snapshot."""

    def __init__(self, wanted: set[tuple[int, datetime.date]]):
        self.by_position: dict[int, list[Appointment]] = defaultdict(list)
        if not wanted:
            return
        days = [day for _position, day in wanted]
        appointments = (
            Appointment.objects.filter(position_id__in={position for position, _day in wanted})
            .filter(start_date__lte=max(days))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=min(days)))
            .select_related("person")
            .order_by("start_date", "pk")
        )
        for appointment in appointments:
            self.by_position[appointment.position_id].append(appointment)

    def on(self, position_id: int, day: datetime.date) -> list[dict[str, Any]]:
        return [
            {
                "person_id": appointment.person_id,
                "name": str(appointment.person),
                "honorific": appointment.person.honorific,
                "given_name": appointment.person.given_name,
                "family_name": appointment.person.family_name,
                "acting": appointment.acting,
                "start_date": _iso(appointment.start_date),
                "end_date": _iso(appointment.end_date),
            }
            for appointment in self.by_position.get(position_id, [])
            if appointment.start_date <= day
            and (appointment.end_date is None or appointment.end_date >= day)
        ]


def _position(position: Position | None, holders: _Holders, day: datetime.date):
    if position is None:
        return None
    return {
        "id": position.pk,
        "title": bilingual_texts(position, "title"),
        "organization": {
            "id": position.organization.pk,
            "name": bilingual_texts(position.organization, "name"),
            "acronym": bilingual_texts(position.organization, "acronym"),
        },
        "holders_on": _iso(day),
        "holders": holders.on(position.pk, day),
    }


def load_agreement(agreement_id: int) -> Agreement:
    """The agreement with everything a snapshot reads, in a fixed number of queries."""
    position = ("organization",)
    return (
        Agreement.objects.select_related(
            "governing_body__chair__organization",
        )
        .prefetch_related(
            "service_areas",
            "delivery_channels",
            Prefetch(
                "governing_body__members",
                queryset=Position.objects.select_related(*position).order_by("pk"),
            ),
            Prefetch(
                "relations",
                queryset=AgreementRelation.objects.select_related("target").order_by("pk"),
            ),
            Prefetch(
                "parties",
                queryset=Party.objects.select_related(
                    "organization__jurisdiction", "signatory_position__organization"
                ).prefetch_related(
                    "organization__owners",
                    Prefetch(
                        "additional_signatories",
                        queryset=Signatory.objects.select_related("position__organization"),
                    ),
                ),
            ),
            Prefetch(
                "financial_commitments",
                queryset=FinancialCommitment.objects.select_related("funder", "recipient"),
            ),
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related(
                    "responsible_party__organization", "accountability_owner__organization"
                ),
            ),
        )
        .get(pk=agreement_id)
    )


def build_snapshot(
    agreement: Agreement,
    *,
    effective_date: datetime.date,
    number: int | None = None,
    kind: str | None = None,
    amendment: Amendment | None = None,
    signing_days: Mapping[int, datetime.date | None] | None = None,
) -> dict[str, Any]:
    """The snapshot of `agreement` (ideally from `load_agreement`) as in effect on `effective_date`.

    Accountable positions list who held them on `effective_date`; each signatory position lists
    who held it on the day that party signed (the effective date if it has not signed).
    `signing_days` ({party id: day, or None when it has not signed this version}) gives the day
    each party named in it signed an amendment, when the parties signed on different days.
    """
    parties = list(agreement.parties.all())
    responsibilities = list(agreement.responsibilities.all())
    body = agreement.governing_body
    members = list(body.members.all()) if body else []

    wanted = {(r.accountability_owner_id, effective_date) for r in responsibilities}
    wanted |= {(p.signatory_position_id, p.signed_date or effective_date) for p in parties}
    signing_day = {party.pk: _signing_day(party, amendment, signing_days) for party in parties}
    wanted |= {
        (position.pk, signing_day[party.pk])
        for party in parties
        if signing_day[party.pk]
        for position in _signing_positions(party)
    }
    wanted |= {(m.pk, effective_date) for m in members}
    if body and body.chair_id:
        wanted.add((body.chair_id, effective_date))
    holders = _Holders({(position, day) for position, day in wanted if position is not None})

    return {
        "schema": SCHEMA,
        "version": {
            "number": number,
            "kind": kind,
            "effective_date": _iso(effective_date),
            "amendment": _amendment(amendment),
        },
        "agreement": {
            "id": agreement.pk,
            "reference": agreement.reference,
            "title": bilingual_texts(agreement, "title"),
            "summary": bilingual_texts(agreement, "summary"),
            "type": bilingual_choice(Agreement.Type, agreement.agreement_type),
            "visibility": bilingual_choice(Agreement.Visibility, agreement.visibility),
            "signed_date": _iso(agreement.signed_date),
            "effective_date": _iso(agreement.effective_date),
            "expiry_date": _iso(agreement.expiry_date),
            "next_review_date": _iso(agreement.next_review_date),
            "notice_period_days": agreement.notice_period_days,
            "in_force_for_signatories_only": agreement.in_force_for_signatories_only,
            "renewal_terms": bilingual_texts(agreement, "renewal_terms"),
            "service_areas": [
                {"slug": area.slug, "name": bilingual_texts(area, "name")}
                for area in sorted(agreement.service_areas.all(), key=lambda a: a.slug)
            ],
            "delivery_channels": [
                {"slug": channel.slug, "name": bilingual_texts(channel, "name")}
                for channel in sorted(agreement.delivery_channels.all(), key=lambda c: c.slug)
            ],
            "governing_body": _governing_body(body, members, holders, effective_date),
            "relations": [
                {
                    "kind": bilingual_choice(AgreementRelation.Kind, relation.kind),
                    "agreement_id": relation.target_id,
                    "reference": relation.target.reference,
                    "title": bilingual_texts(relation.target, "title"),
                }
                for relation in agreement.relations.all()
            ],
        },
        "parties": [
            {
                "id": party.pk,
                "role": bilingual_choice(Party.Role, party.role),
                "signs": party.signs,
                "organization": _organization(party.organization),
                "signatory": _position(
                    party.signatory_position, holders, party.signed_date or effective_date
                ),
                "signed_date": _iso(party.signed_date),
                "signatures": _signatures(party, holders, signing_day[party.pk]),
                "sort_order": party.sort_order,
            }
            for party in parties
        ],
        "responsibilities": [
            {
                "id": item.pk,
                "clause": item.clause,
                "text": bilingual_texts(item, "text"),
                "kind": bilingual_choice(Responsibility.Kind, item.kind),
                "status": bilingual_choice(Responsibility.Status, item.status),
                "due_date": _iso(item.due_date),
                "recurrence": bilingual_choice(Recurrence, item.recurrence),
                "recurrence_anchor": _iso(item.recurrence_anchor),
                "service_standard": bilingual_texts(item, "service_standard"),
                "responsible_party": {
                    "party_id": item.responsible_party_id,
                    "organization_id": item.responsible_party.organization_id,
                    "name": bilingual_texts(item.responsible_party.organization, "name"),
                    "acronym": bilingual_texts(item.responsible_party.organization, "acronym"),
                },
                "owner": _position(item.accountability_owner, holders, effective_date),
                "sort_order": item.sort_order,
            }
            for item in responsibilities
        ],
        "financial_commitments": [
            _financial_commitment(item) for item in agreement.financial_commitments.all()
        ],
    }


def _financial_commitment(item: FinancialCommitment) -> dict[str, Any]:
    """A sum one party commits to another; the amount as a string, exactly as entered."""
    return {
        "id": item.pk,
        "funder": _party_name(item.funder),
        "recipient": _party_name(item.recipient),
        "amount": str(item.amount),
        "currency": item.currency,
        "period": bilingual_choice(FinancialCommitment.Period, item.period),
        "start_year": item.start_year,
        "end_year": item.end_year,
        "description": bilingual_texts(item, "description"),
        "sort_order": item.sort_order,
    }


def _party_name(organization: Organization) -> dict[str, Any]:
    return {
        "organization_id": organization.pk,
        "jurisdiction_id": organization.jurisdiction_id,
        "name": bilingual_texts(organization, "name"),
        "acronym": bilingual_texts(organization, "acronym"),
    }


def _signing_day(
    party: Party,
    amendment: Amendment | None,
    signing_days: Mapping[int, datetime.date | None] | None = None,
) -> datetime.date | None:
    """The day `party` signed the version being recorded: its signature date for the original;
    for an amendment, the day given for it in `signing_days`, else the amendment's signature
    date (every party signs it again). None when the party has not signed (yet)."""
    if not party.signs:
        return None
    if signing_days is not None and party.pk in signing_days:
        return signing_days[party.pk]
    if party.signed_date is None:
        return None
    if amendment is not None and amendment.signed_date is not None:
        return amendment.signed_date
    return party.signed_date


def _signing_positions(party: Party) -> list[Position]:
    """The offices signing for `party`: its signatory position, then its additional ones."""
    first = [party.signatory_position] if party.signatory_position is not None else []
    return first + [row.position for row in party.additional_signatories.all()]


def _signatures(party: Party, holders: _Holders, day: datetime.date | None) -> list[dict]:
    """The signatures `party` gave on this version, each with who held the office that day."""
    if day is None:
        return []
    return [
        {"signatory": _position(position, holders, day), "signed_date": _iso(day)}
        for position in _signing_positions(party)
    ]


def _amendment(amendment: Amendment | None):
    if amendment is None:
        return None
    return {
        "id": amendment.pk,
        "number": amendment.number,
        "title": bilingual_texts(amendment, "title"),
        "purpose": bilingual_texts(amendment, "purpose"),
        "signed_date": _iso(amendment.signed_date),
    }


def _governing_body(body, members, holders: _Holders, day: datetime.date):
    if body is None:
        return None
    return {
        "id": body.pk,
        "name": bilingual_texts(body, "name"),
        "mandate": bilingual_texts(body, "mandate"),
        "meeting_frequency": (
            bilingual_choice(GovernanceBody.MeetingFrequency, body.meeting_frequency)
            if body.meeting_frequency
            else None
        ),
        "chair": _position(body.chair, holders, day),
        "members": [_position(member, holders, day) for member in members],
    }
