"""The shapes of the demo data: plain frozen dataclasses, one per kind of row.

Rows refer to each other by natural keys, never by database ids: jurisdictions and organisations
by slug, positions and people by a short handle used only inside the demo data (e.g.
"snb.ceo", "p.arsenault"), agreements by reference. The loader turns handles into rows.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class JurisdictionData:
    slug: str
    name_en: str
    name_fr: str
    level: str
    parent: str | None = None
    ocd_division_id: str = ""
    iso_code: str = ""


@dataclass(frozen=True)
class OrganizationData:
    slug: str
    jurisdiction: str
    name_en: str
    name_fr: str
    kind: str
    acronym_en: str = ""
    acronym_fr: str = ""
    parent: str | None = None
    website: str = ""


@dataclass(frozen=True)
class PersonData:
    handle: str
    given_name: str
    family_name: str
    honorific: str = ""


@dataclass(frozen=True)
class HolderData:
    """One appointment to the position it is listed under; `end` is None while in office."""

    person: str
    start: datetime.date
    end: datetime.date | None = None
    acting: bool = False


@dataclass(frozen=True)
class PositionData:
    handle: str
    organization: str
    title_en: str
    title_fr: str
    holders: tuple[HolderData, ...] = ()
    single_holder: bool = True


@dataclass(frozen=True)
class ServiceAreaData:
    slug: str
    name_en: str
    name_fr: str


@dataclass(frozen=True)
class DeliveryChannelData:
    slug: str
    name_en: str
    name_fr: str


@dataclass(frozen=True)
class GovernanceBodyData:
    handle: str
    name_en: str
    name_fr: str
    mandate_en: str
    mandate_fr: str
    chair: str
    members: tuple[str, ...]
    meeting_frequency: str = ""


@dataclass(frozen=True)
class PartyData:
    organization: str
    role: str
    signatory: str | None = None
    signed: datetime.date | None = None


@dataclass(frozen=True)
class ResponsibilityData:
    clause: str
    party: str
    owner: str
    kind: str
    text_en: str
    text_fr: str
    standard_en: str = ""
    standard_fr: str = ""
    due: datetime.date | None = None
    recurrence: str = "none"
    anchor: datetime.date | None = None
    status: str = "active"


@dataclass(frozen=True)
class RelationData:
    kind: str
    target: str


@dataclass(frozen=True)
class AgreementData:
    reference: str
    agreement_type: str
    state: str
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str
    parties: tuple[PartyData, ...]
    responsibilities: tuple[ResponsibilityData, ...]
    visibility: str = "public"
    signed: datetime.date | None = None
    effective: datetime.date | None = None
    expiry: datetime.date | None = None
    next_review: datetime.date | None = None
    ended_on: datetime.date | None = None
    end_reason: str = ""
    notice_period_days: int = 90
    renewal_terms_en: str = ""
    renewal_terms_fr: str = ""
    service_areas: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    governing_body: str | None = None
    relations: tuple[RelationData, ...] = ()


@dataclass(frozen=True)
class AmendmentData:
    """A signed amendment to a demo agreement, replayed through the amendment services.

    `responsibilities` are added or rewritten: one whose clause the agreement already has
    replaces that responsibility in full (same row, so the change summary says "reworded" or
    "owner changed"); a new clause is added. `parties` join the agreement; a joining party has no
    signature date of its own, it signs with the amendment on `signed`. Amendments of one
    agreement are listed in order, numbered from 1, each taking effect after the one before.
    """

    agreement: str
    number: int
    title_en: str
    title_fr: str
    purpose_en: str
    purpose_fr: str
    signed: datetime.date
    effective: datetime.date
    parties: tuple[PartyData, ...] = ()
    responsibilities: tuple[ResponsibilityData, ...] = ()
