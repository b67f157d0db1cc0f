"""The rows of an import file, as plain frozen dataclasses: one per kind of row.

Rows refer to each other by natural keys, never by database ids: jurisdictions by slug (or Open
Civic Data division id), organisations by slug, agreements by reference, positions and people by
a short handle used only inside the file (e.g. "snb.ceo", "p.arsenault"). In the database a
person is found by given and family name, a position by its organisation and English title.
The JSON keys of docs/import-formats.md are these field names; `path` says where the row is in
the file, for error messages. `id` (on jurisdictions, organisations, people, positions and
holders) is the number another registry gave the row: a row created by the import takes it when
it is free, so that the versions recorded from that registry's export (whose snapshots name rows
by number) read the same here.
"""

import datetime
from dataclasses import dataclass, field


def _where():
    """Where the row is in the file (a JSON path or a CSV line): for messages, not compared."""
    return field(default="", compare=False, repr=False)


def _given():
    """The keys the file's row gave (None: every key, for rows built in code): a refresh changes
    only those, never resetting a value the file leaves out to its default. Not compared."""
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class JurisdictionData:
    slug: str
    name_en: str
    name_fr: str = ""
    level: str
    parent: str | None = None
    ocd_division_id: str = ""
    iso_code: str = ""
    id: int | None = None
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class OrganizationData:
    slug: str
    jurisdiction: str
    name_en: str
    name_fr: str = ""
    kind: str
    acronym_en: str = ""
    acronym_fr: str = ""
    parent: str | None = None
    website: str = ""
    id: int | None = None
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class PersonData:
    handle: str
    given_name: str
    family_name: str
    honorific: str = ""
    id: int | None = None
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class HolderData:
    """One appointment to the position it is listed under; `end` is None while in office."""

    person: str
    start: datetime.date
    end: datetime.date | None = None
    acting: bool = False
    id: int | None = None
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class PositionData:
    handle: str
    organization: str
    title_en: str
    title_fr: str = ""
    holders: tuple[HolderData, ...] = ()
    single_holder: bool = True
    id: int | None = None
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class ServiceAreaData:
    slug: str
    name_en: str
    name_fr: str = ""
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class DeliveryChannelData:
    slug: str
    name_en: str
    name_fr: str = ""
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class GovernanceBodyData:
    handle: str
    name_en: str
    name_fr: str = ""
    mandate_en: str = ""
    mandate_fr: str = ""
    chair: str | None = None
    members: tuple[str, ...] = ()
    meeting_frequency: str = ""
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class PartyData:
    organization: str
    role: str = "party"
    signatory: str | None = None
    signed: datetime.date | None = None
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class ResponsibilityData:
    clause: str
    party: str
    owner: str | None = None
    kind: str = "service_delivery"
    text_en: str
    text_fr: str = ""
    standard_en: str = ""
    standard_fr: str = ""
    due: datetime.date | None = None
    recurrence: str = "none"
    anchor: datetime.date | None = None
    status: str = "active"
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class RelationData:
    kind: str
    target: str
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class AgreementData:
    reference: str
    agreement_type: str
    state: str
    title_en: str
    title_fr: str = ""
    summary_en: str = ""
    summary_fr: str = ""
    parties: tuple[PartyData, ...] = ()
    responsibilities: tuple[ResponsibilityData, ...] = ()
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
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class AmendmentData:
    """A signed amendment to an agreement, replayed through the amendment services.

    `responsibilities` are added or rewritten: one whose clause the agreement already has
    replaces that responsibility in full (same row, so the change summary says "reworded" or
    "owner changed"); a new clause is added. `parties` join the agreement; a joining party has no
    signature date of its own, it signs with the amendment on `signed`. Amendments of one
    agreement are listed in order, numbered from 1, each taking effect after the one before.
    """

    agreement: str
    number: int
    title_en: str
    title_fr: str = ""
    purpose_en: str = ""
    purpose_fr: str = ""
    signed: datetime.date
    effective: datetime.date
    parties: tuple[PartyData, ...] = ()
    responsibilities: tuple[ResponsibilityData, ...] = ()
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class LaterSignatureData:
    """A signature given on a version after it was recorded (a party signing a multilateral
    agreement in force for the parties that had signed): the organisation signing (slug), its
    signatory post (the exporting registry's number, as snapshots name posts), who held it."""

    organization: str
    signatory: int | None = None
    holder_name: str = ""
    signed: datetime.date
    recorded_at: str = ""
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class VersionData:
    """A version signed elsewhere, recorded as it is (a registry's export, `versions.json`): the
    snapshot is the signed content, and its SHA-256 and the PDFs' are checked, not recomputed
    from the working copy. An agreement's versions are listed in order, from 1."""

    agreement: str
    number: int
    kind: str
    effective: datetime.date
    expiry: datetime.date | None = None
    recorded_at: str = ""
    change_summary: dict
    snapshot: dict
    snapshot_sha256: str
    pdf_sha256_en: str = ""
    pdf_sha256_fr: str = ""
    later_signatures: tuple[LaterSignatureData, ...] = ()
    path: str = _where()
    given: frozenset[str] | None = _given()


@dataclass(frozen=True, kw_only=True)
class ImportData:
    """Everything one file holds, in the order it is written."""

    jurisdictions: tuple[JurisdictionData, ...] = ()
    organizations: tuple[OrganizationData, ...] = ()
    people: tuple[PersonData, ...] = ()
    positions: tuple[PositionData, ...] = ()
    service_areas: tuple[ServiceAreaData, ...] = ()
    delivery_channels: tuple[DeliveryChannelData, ...] = ()
    governance_bodies: tuple[GovernanceBodyData, ...] = ()
    agreements: tuple[AgreementData, ...] = ()
    amendments: tuple[AmendmentData, ...] = ()
    versions: tuple[VersionData, ...] = ()
